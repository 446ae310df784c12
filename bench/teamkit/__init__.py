"""Parts of bench/team.py (a package, so that `make bench` does not run them as benches)."""

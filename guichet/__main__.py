"""``python -m guichet``: the same as the ``guichet`` command."""

import sys

from guichet.cli import main

sys.exit(main())

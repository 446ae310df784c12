"""Smoke test of the frozen build: ``python -m tools.bundle_smoke build/bundle/dist/guichet``.

From a temporary folder outside the repository, with a home of its own: the version, the demo
data, a check, a search, a letter PDF, and the window offscreen (``GUICHET_STARTUP_PROBE``: it
prints when it is painted and when its data is there, then quits). Prints one line per step and
the folder's size; exits non-zero on the first failure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

TIMEOUT = 180


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def executable(folder: Path) -> Path:
    return folder / ("guichet.exe" if os.name == "nt" else "guichet")


def smoke(folder: Path) -> list[str]:
    """Runs every step; returns the report lines. Raises SystemExit on a failure."""
    program = executable(folder)
    if not program.is_file():
        raise SystemExit(f"Exécutable introuvable : {program}")
    work = Path(tempfile.mkdtemp(prefix="guichet-bundle-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GUICHET_"))}
    env |= {"GUICHET_HOME": str(work / "home"), "QT_QPA_PLATFORM": "offscreen"}
    report: list[str] = []

    def step(name: str, args: list[str], ok: Callable[[str], bool], **extra: str) -> None:
        out = subprocess.run(
            [str(program), "--db", "smoke.sqlite3", *args],
            cwd=work,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        if out.returncode != 0 or not ok(out.stdout):
            raise SystemExit(f"ÉCHEC {name} (code {out.returncode})\n{out.stdout}\n{out.stderr}")
        report.append(f"ok  {name}")

    step("version", ["--version"], lambda out: out.startswith("Guichet "))
    step("démo", ["demo"], lambda out: "Données de démonstration créées" in out)
    step("vérification", ["check", "--json"], lambda out: '"ok": true' in out)
    step("recherche", ["search", "boulangerie"], lambda out: "Boulangerie du Caux" in out)
    pdf = work / "courrier.pdf"
    step(
        "courrier PDF",
        ["letter", "1", "--to", "entreprise", "-o", str(pdf), "--brouillon"],
        lambda out: pdf.read_bytes().startswith(b"%PDF") and b"DejaVuSans" in pdf.read_bytes(),
    )
    step(
        "fenêtre (offscreen)",
        [],
        lambda out: "shown_at=" in out and "ready_at=" in out,
        GUICHET_STARTUP_PROBE="1",
    )
    report.append(f"taille du dossier : {folder_size(folder) / 1e6:.0f} Mo ({folder})")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path, help="dossier de l'application (dist/guichet)")
    args = parser.parse_args(argv)
    for line in smoke(args.folder.resolve()):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

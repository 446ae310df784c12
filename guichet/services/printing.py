"""Printing through CUPS: the archived PDF itself goes to the printer, text and all.

Where CUPS is present (``lp`` and ``lpstat`` on the PATH, at least one printer), a letter is
printed by handing its stored PDF to ``lp``: the printer (or its driver) gets vector text and
embedded fonts, a few kilobytes per page, never an image of the page. Elsewhere the Qt print
path of the interface is used. No network connection is opened from here: ``lp`` talks to the
local CUPS scheduler, as every other application does.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from guichet.errors import EnvironmentProblem

TIMEOUT_S = 30


@dataclass(frozen=True)
class CupsPrinters:
    names: tuple[str, ...]
    default: str | None


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)


def cups_printers() -> CupsPrinters | None:
    """The CUPS destinations, or None when CUPS is absent or has no printer."""
    if shutil.which("lp") is None or shutil.which("lpstat") is None:
        return None
    try:
        listing = _run(["lpstat", "-e"])
        default = _run(["lpstat", "-d"])
    except (OSError, subprocess.SubprocessError):
        return None
    names = tuple(line.strip() for line in listing.stdout.splitlines() if line.strip())
    if listing.returncode != 0 or not names:
        return None
    chosen = None
    if default.returncode == 0 and ":" in default.stdout:
        candidate = default.stdout.rsplit(":", 1)[1].strip()
        chosen = candidate if candidate in names else None
    return CupsPrinters(names=names, default=chosen)


def print_with_cups(printer: str, title: str, pdfs: Sequence[bytes]) -> str:
    """Sends ``pdfs`` to ``printer`` as one job (``lp -d PRINTER -t TITLE files…``).

    Returns what ``lp`` answered (« request id is … »); raises a French EnvironmentProblem
    when the job was not accepted.
    """
    if not pdfs:
        raise EnvironmentProblem("Aucun courrier à imprimer.")
    with tempfile.TemporaryDirectory(prefix="guichet-impression-") as folder:
        files = []
        for number, data in enumerate(pdfs, start=1):
            path = Path(folder) / f"courrier-{number:03d}.pdf"
            path.write_bytes(data)
            files.append(str(path))
        # A4 at 100 %: the address block must fall in the envelope window.
        args = ["lp", "-d", printer, "-t", title, "-o", "media=A4", "-o", "print-scaling=none"]
        try:
            done = _run([*args, "--", *files])
        except (OSError, subprocess.SubprocessError) as exc:
            raise EnvironmentProblem(
                f"L'impression sur « {printer} » n'a pas pu être lancée.", detail=str(exc)
            ) from exc
    if done.returncode != 0:
        raise EnvironmentProblem(
            f"L'imprimante « {printer} » a refusé les courriers. Vérifiez qu'elle est "
            "disponible (Paramètres système › Imprimantes).",
            detail=(done.stderr or done.stdout).strip(),
        )
    return done.stdout.strip()

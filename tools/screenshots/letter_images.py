"""``make screenshots`` also renders both letters of a demo referral and the calibration page to
PNG (with poppler's ``pdftoppm``), so the documentation shows what the desk prints."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from guichet.db import Database
from guichet.models import LetterKind, ReferralStatus
from guichet.services.letters import LetterService
from guichet.services.referrals import ReferralService


def write_letter_images(
    db: Database, out: Path, *, dpi: int = 60, now: datetime | None = None
) -> list[Path]:
    """``courrier_entreprise.png``, ``courrier_partenaire.png`` (first pages), ``calibration.png``."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm absent (paquet poppler-utils) : images des courriers non générées")
        return []
    service = LetterService(db)
    referrals = ReferralService(db).list_referrals(statuses=[ReferralStatus.TAKEN_CARE], limit=50)
    chosen = next((r for r in referrals if r.contact and r.partner), referrals[0])
    letters = {info.kind: info for info in service.ensure_letters([chosen.id], now=now)}
    pdfs = {
        "courrier_entreprise": service.pdf(letters[LetterKind.TO_COMPANY].id),
        "courrier_partenaire": service.pdf(letters[LetterKind.TO_PARTNER].id),
        "calibration": service.calibration_pdf(),
    }
    written = []
    with tempfile.TemporaryDirectory() as work:
        for name, data in pdfs.items():
            source = Path(work) / f"{name}.pdf"
            source.write_bytes(data)
            target = out / name
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    str(dpi),
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(source),
                    str(target),
                ],
                check=True,
            )
            written.append(target.with_suffix(".png"))
    return written

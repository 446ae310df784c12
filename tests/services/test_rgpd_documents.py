"""The information notice and the register of processing: filled, escaped, fonts embedded,
the register's table read back by LibreOffice."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from guichet.db import Database
from guichet.services.letters import LetterService
from guichet.services.personal_data.documents import (
    build_register,
    notice_pdf,
    write_notice,
    write_register,
)
from guichet.services.referrals import ReferralChoice, ReferralService
from guichet.services.settings import SettingsService
from tests.services.referral_setup import build_scene
from tests.services.rgpd_setup import NOW, pdf_text

HOSTILE = '<b>Agence & Co</b> <img src="x"> œ'


def _fonts_embedded(path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts absent")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts.stdout


def test_notice_is_filled_from_the_settings_and_escaped(db: Database, tmp_path: Path) -> None:
    SettingsService(db).update(
        {
            "agency.name": HOSTILE,
            "agency.email": "rgpd@agence.fr",
            "retention.inactive_years": 4,
            "rgpd.notice_text": "{agence} garde vos données {conservation} ans. <i>Écrivez</i> "
            "à {email}. {inconnu}",
        }
    )
    text = " ".join(pdf_text(notice_pdf(db)).split())
    assert "<b>Agence & Co</b>" in text and "4 ans" in text and "rgpd@agence.fr" in text
    assert "<i>Écrivez</i>" in text and "{inconnu}" in text
    preview = pdf_text(notice_pdf(db, edited={"rgpd.notice_text": "Texte en cours de saisie"}))
    assert "Texte en cours de saisie" in preview
    _fonts_embedded(write_notice(db, tmp_path / "mentions.pdf"))


def test_register_names_the_partners_letters_went_to(db: Database, tmp_path: Path) -> None:
    scene = build_scene(db)
    referral = ReferralService(db).create(
        scene.need_id, [ReferralChoice(scene.partner_id, scene.contact_id)], now=NOW
    )[0]
    LetterService(db).generate([referral.id], now=NOW)
    SettingsService(db).update(
        {"rgpd.dpo": '=HYPERLINK("http://x")', "retention.closed_inquiry_years": 5}
    )
    register = dict(build_register(db).rows)
    assert "Initiative Seine-Maritime" in register["Destinataires"]
    assert "CCI Rouen" not in register["Destinataires"]  # no letter went there
    assert "5 ans après leur clôture" in register["Durées de conservation"]
    pdf = write_register(db, tmp_path / "registre.pdf")
    text = " ".join(pdf_text(pdf.read_bytes()).replace("-\n", "-").split())
    assert "Initiative Seine-Maritime" in text and "Date et signature" in text
    _fonts_embedded(pdf)
    xlsx = write_register(db, tmp_path / "registre.xlsx")
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) absent")
    out = tmp_path / "lo"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with (out / "registre.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r[0]: r[1] for r in csv.reader(handle)}
    assert "Initiative Seine-Maritime" in rows["Destinataires"]
    assert rows["Délégué à la protection des données"].startswith("=HYPERLINK")  # shown as typed


def test_register_recipients_on_both_engines(portable_db: Database) -> None:
    scene = build_scene(portable_db)
    referral = ReferralService(portable_db).create(
        scene.need_id, [ReferralChoice(scene.partner_id, scene.contact_id)], now=NOW
    )[0]
    assert build_register(portable_db).rows  # nothing sent yet: no partner named
    assert "Initiative" not in dict(build_register(portable_db).rows)["Destinataires"]
    LetterService(portable_db).generate([referral.id], now=NOW)
    assert "Initiative Seine-Maritime" in dict(build_register(portable_db).rows)["Destinataires"]

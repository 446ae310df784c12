"""Every PDF the app writes reads right in third-party tools: fonts embedded, document info set.

Checked with pypdf (the file's own structure), and with poppler's ``pdffonts`` and ``qpdf
--check`` (Debian packages poppler-utils and qpdf, installed by ``make``).
"""

from __future__ import annotations

import io
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from guichet.db import Database
from guichet.letters.calibration import render_calibration
from guichet.letters.document import LetterDocument, Letterhead
from guichet.letters.render import render_letter
from guichet.services.letters import LetterService
from guichet.services.referrals import ReferralChoice, ReferralService
from guichet.services.settings import SettingsService
from tests.services.referral_setup import build_scene

HEAD = Letterhead("Caux Seine Développement", ("Maison de l'entreprise", "76170 LILLEBONNE"))
CREATED = datetime(2026, 12, 5, 10, 30)


def _fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use (in their resources) → whether its program is in the file."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        fonts = resources.get("/Font")
        for ref in (fonts.get_object() if fonts is not None else {}).values():
            font = ref.get_object()
            descriptors = [font.get("/FontDescriptor")]
            for descendant in font.get("/DescendantFonts", []):
                descriptors.append(descendant.get_object().get("/FontDescriptor"))
            embedded = False
            for descriptor in descriptors:
                if descriptor is None:
                    continue
                d = descriptor.get_object()
                assert isinstance(d, DictionaryObject)
                embedded |= any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


def _letter() -> bytes:
    document = LetterDocument(
        letterhead=HEAD,
        recipient_lines=("Sotraban", "12 B RUE DE L EGLISE", "76170 LILLEBONNE"),
        place_and_date="Lillebonne, le 5 décembre 2026",
        object_line="Mise en relation",
        body="Madame,\n\n" + "Texte du courrier. " * 400,  # two pages at least
        title="Courrier à l'entreprise D-2026-0042-7",
        author="Caux Seine Développement",
        subject="Mise en relation",
        created=CREATED,
    )
    return render_letter(document).pdf


@pytest.mark.parametrize("make", [_letter, lambda: render_calibration(HEAD).pdf])
def test_every_font_is_embedded_and_dejavu(make: object, tmp_path: Path) -> None:
    pdf = make()  # type: ignore[operator]
    fonts = _fonts(pdf)
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVuSans" in name for name in fonts), fonts
    path = tmp_path / "courrier.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing and all("DejaVuSans" in line for line in listing), listing
    assert all(line.split()[-5] == "yes" for line in listing), listing  # the « emb » column
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout


def test_the_letter_carries_its_document_information() -> None:
    info = PdfReader(io.BytesIO(_letter())).metadata
    assert info is not None
    assert info.title == "Courrier à l'entreprise D-2026-0042-7"
    assert info.author == "Caux Seine Développement"
    assert info.subject == "Mise en relation"
    assert info.creator == "Guichet"
    assert info.creation_date is not None and info.modification_date is not None
    assert info.creation_date.replace(tzinfo=None) == CREATED
    assert info.modification_date.replace(tzinfo=None) == CREATED


def test_an_archived_letter_names_the_agency_and_its_object(db: Database) -> None:
    SettingsService(db).update({"agency.name": "Agence « Test » & Cie"})
    scene = build_scene(db)
    referral = ReferralService(db).create(scene.need_id, [ReferralChoice(scene.partner_id)])[0]
    service = LetterService(db)
    letter = service.generate([referral.id], now=CREATED)[1]
    info = PdfReader(io.BytesIO(service.pdf(letter.id))).metadata
    assert info is not None
    assert info.author == "Agence « Test » & Cie"
    assert info.title == f"Lettre au partenaire {referral.reference}"
    assert info.subject is not None and referral.reference in info.subject
    assert info.creation_date is not None
    assert info.creation_date.replace(tzinfo=None) == CREATED
    assert all(_fonts(service.pdf(letter.id)).values())

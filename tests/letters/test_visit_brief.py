"""The visit brief: one page, every text escaped, read back from the PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.services.visit_brief import render_brief
from guichet.services.visits import VisitPlan, VisitService

HOSTILE = "<b>Forges & Fils</b> <font size=40>"


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _company_with_history(db: Database, inquiries: int) -> int:
    with db.unit_of_work() as s:
        org = m.Organization(legal_name=HOSTILE, city="Bolbec", siret="73282932000074")
        s.add(org)
        subject = s.scalars(select(m.Subject).order_by(m.Subject.id)).first()
        assert subject is not None
        s.flush()
        for n in range(inquiries):
            inquiry = m.Inquiry(
                reference=f"D-2026-{n + 1:04d}",
                received_at=datetime(2026, 1, 1 + n % 28, 9, 0),
                organization_id=org.id,
            )
            inquiry.needs = [m.Need(subject_id=subject.id, description="<script>")]
            s.add(inquiry)
        s.add(
            m.Membership(
                organization_id=org.id,
                network=m.Organization(legal_name="Sotraban", kind=m.OrganizationKind.NETWORK),
                start_on=datetime(2024, 3, 1),
            )
        )
        return org.id


def test_the_brief_holds_the_card_the_history_and_the_questions(db: Database) -> None:
    org = _company_with_history(db, 2)
    visit = VisitService(db).plan(VisitPlan(org, datetime(2026, 12, 3, 14, 0), notes="<i>x</i>"))
    rendered = render_brief(db, visit.id)
    assert rendered.pages == 1
    text = _text(rendered.pdf)
    assert "Visite de <b>Forges & Fils</b>" in text  # escaped: printed, not interpreted
    assert "732 829 320 00074" in text
    assert "D-2026-0001" in text and "D-2026-0002" in text
    assert "Sotraban" in text
    assert "Effectif aujourd'hui" in text and "Sollicitée par un autre territoire" in text
    assert "Notes : <i>x</i>" in text


def test_a_long_history_still_fits_one_page(db: Database) -> None:
    org = _company_with_history(db, 40)
    visit = VisitService(db).plan(VisitPlan(org, datetime(2026, 12, 3, 14, 0)))
    rendered = render_brief(db, visit.id)
    assert rendered.pages == 1
    assert "de plus" in _text(rendered.pdf)  # the older lines are counted, not dropped silently


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts absent")
def test_the_brief_embeds_its_fonts_and_is_a_valid_pdf(db: Database, tmp_path: Path) -> None:
    org = _company_with_history(db, 3)
    visit = VisitService(db).plan(VisitPlan(org, datetime(2026, 12, 3, 14, 0)))
    target = tmp_path / "fiche.pdf"
    target.write_bytes(render_brief(db, visit.id).pdf)
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts.stdout
    subprocess.run(["qpdf", "--check", str(target)], capture_output=True, check=True)

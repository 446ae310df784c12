"""``guichet letter`` and ``guichet relances`` on the demo database."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from guichet.cli import main
from guichet.db import Database
from guichet.models import Letter, Referral, ReferralStatus
from guichet.services.letters import LetterService


def _db_arg(db: Database) -> str:
    assert db.path is not None
    return str(db.path)


def test_relances_lists_what_is_due(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", _db_arg(demo_db), "relances", "--date", "2026-11-20", "--json"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert due and {"etape", "echeance", "reference", "partenaire"} <= set(due[0])
    assert main(["--db", _db_arg(demo_db), "relances", "--date", "2026-11-20"]) == 0
    assert "relance(s) à faire le 20/11/2026" in capsys.readouterr().out


def test_letter_to_partner_is_archived_and_marks_sent(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo_db.unit_of_work() as s:
        referral = s.scalars(
            select(Referral).where(Referral.status == ReferralStatus.PROPOSED)
        ).first()
        assert referral is not None
        referral_id, partner = referral.id, referral.partner.legal_name
    target = tmp_path / "courrier.pdf"
    code = main(
        [
            "--db",
            _db_arg(demo_db),
            "letter",
            str(referral_id),
            "--to",
            "partenaire",
            "-o",
            str(target),
        ]
    )
    assert code == 0
    text = " ".join(PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text().split())
    assert partner.split()[0] in text
    with demo_db.unit_of_work() as s:
        stored = s.scalars(select(Letter).where(Letter.referral_id == referral_id)).all()
        assert s.get(Referral, referral_id).status == ReferralStatus.SENT  # type: ignore[union-attr]
    assert target.read_bytes() in [LetterService(demo_db).pdf(letter.id) for letter in stored]


def test_letter_errors_are_french(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "--db",
                _db_arg(demo_db),
                "letter",
                "999999",
                "--to",
                "entreprise",
                "-o",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
    assert "n'existe plus" in capsys.readouterr().err
    assert (
        main(
            [
                "--db",
                _db_arg(demo_db),
                "letter",
                "1",
                "--to",
                "entreprise",
                "-o",
                str(tmp_path / "x.txt"),
            ]
        )
        == 2
    )
    assert ".pdf" in capsys.readouterr().err


def test_letter_accepts_the_reference_printed_on_letters(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo_db.unit_of_work() as s:
        referral = s.scalars(
            select(Referral).where(Referral.status == ReferralStatus.PROPOSED)
        ).first()
        assert referral is not None
        referral_id, reference = referral.id, f"{referral.need.inquiry.reference}-{referral.id}"
    target = tmp_path / "courrier.pdf"
    base = ["--db", _db_arg(demo_db), "letter"]
    args = ["--to", "entreprise", "-o", str(target), "--brouillon"]
    assert main([*base, reference.lower(), *args]) == 0
    assert reference in " ".join(
        PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text().split()
    )
    wrong = reference.replace(reference.split("-")[2], "9999")  # another inquiry's number
    assert main([*base, wrong, *args]) == 2
    assert f"« {wrong} »" in capsys.readouterr().err
    assert main([*base, str(referral_id), *args]) == 0
    with pytest.raises(SystemExit):
        main([*base, "--help"])
    assert "D-2026-0190-247" in capsys.readouterr().out

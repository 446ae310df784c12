"""``guichet emargement``, ``badges``, ``invitations`` and ``agenda`` write their files."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import icalendar
import pytest
from pypdf import PdfReader

import guichet.models as m
from guichet.cli import main
from guichet.db import Database
from guichet.services.meeting_registrations import register
from tests.services.meeting_helpers import make_meeting, make_people


def test_the_four_commands_write_their_files(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert db.path is not None
    meeting_id = make_meeting(db)
    people = make_people(db, [("Zénith Usinage", "Léa", "Roux"), ("Atelier", "Marc", "Dupont")])
    for contact_id in people:
        register(db, meeting_id, contact_id=contact_id)
    with db.unit_of_work() as s:
        for contact_id, channel in zip(people, (m.Channel.MAIL, m.Channel.EMAIL), strict=True):
            s.add(
                m.Invitation(
                    meeting_id=meeting_id,
                    contact_id=contact_id,
                    channel=channel,
                    sent_on=date(2026, 11, 20),
                )
            )
    base = ["--db", str(db.path)]
    for command, name in (
        ("emargement", "feuille.pdf"),
        ("badges", "badges.pdf"),
        ("invitations", "invitations.pdf"),
    ):
        target = tmp_path / name
        assert main([*base, command, str(meeting_id), "-o", str(target)]) == 0
        text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
        assert "Roux" in text
    assert "1 invitation(s)" in capsys.readouterr().out
    target = tmp_path / "tous.pdf"
    assert main([*base, "invitations", str(meeting_id), "--tous", "-o", str(target)]) == 0
    assert "2 invitation(s)" in capsys.readouterr().out  # the one invited by e-mail too
    agenda = tmp_path / "reunion.ics"
    assert main([*base, "agenda", str(meeting_id), "-o", str(agenda)]) == 0
    [event] = icalendar.Calendar.from_ical(agenda.read_bytes()).walk("VEVENT")
    assert str(event["summary"]).startswith("Hydrogène")
    assert main([*base, "agenda", str(meeting_id), "-o", str(tmp_path / "x.pdf")]) != 0
    assert "extension .ics" in capsys.readouterr().err
    assert main([*base, "emargement", "999", "-o", str(tmp_path / "y.pdf")]) != 0
    assert "n'existe plus" in capsys.readouterr().err
    assert not (tmp_path / "y.pdf").exists()

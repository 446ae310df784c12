"""The meeting's documents dialog: prepared off the GUI thread, previewed, saved; the print run
shows its progress and can be cancelled; the e-mail drafts are saved with the list in Bcc."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

import guichet.models as m
from guichet.services.meeting_files import MeetingFiles
from guichet.services.meeting_registrations import register
from tests.services.meeting_helpers import make_meeting, make_people

from guichet.ui.context import AppContext
from guichet.ui.dialogs import meeting_documents_dialog
from guichet.ui.dialogs.meeting_documents_dialog import MeetingDocumentDialog
from guichet.ui.widgets.meeting_document_buttons import MeetingDocumentButtons


def _meeting(ctx: AppContext) -> int:
    meeting_id = make_meeting(ctx.db)
    people = make_people(
        ctx.db, [("Zénith Usinage", "Léa", "Roux"), ("Atelier Dupont", "Marc", "Dupont")]
    )
    with ctx.db.unit_of_work() as s:
        for number, contact_id in enumerate(people):
            contact = s.get(m.Contact, contact_id)
            assert contact is not None
            contact.email = f"p{number}@exemple.fr"
            s.add(
                m.Invitation(
                    meeting_id=meeting_id,
                    contact_id=contact_id,
                    channel=m.Channel.EMAIL if number else m.Channel.MAIL,
                    sent_on=date(2026, 11, 20),
                )
            )
    for contact_id in people:
        register(ctx.db, meeting_id, contact_id=contact_id)
    return meeting_id


def _saving_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        meeting_documents_dialog, "save_file_name", lambda *args, **kwargs: (str(path), "")
    )


def test_the_sheet_is_previewed_then_saved(
    qtbot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    buttons = MeetingDocumentButtons(ctx)
    qtbot.addWidget(buttons)
    assert not buttons.buttons["sheet"].isEnabled()
    buttons.set_meeting(_meeting(ctx))
    dialog = buttons.open_document("sheet")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10000)
    assert dialog.view.document().pageCount() == 1
    assert "2 inscrit(s)" in dialog.status.text()
    target = tmp_path / "feuille.pdf"
    _saving_to(monkeypatch, target)
    dialog.save_button.click()
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "Feuille d'émargement" in text and "Léa Roux" in text
    dialog.reject()


def test_the_print_run_shows_progress_and_can_be_cancelled(
    qtbot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def endless(
        self: MeetingFiles, meeting_id: int, *, progress: Callable[[int, int], None], **_: object
    ) -> None:
        for done in range(10**6):  # until the counsellor cancels
            progress(done, 1000)
            time.sleep(0.002)

    monkeypatch.setattr(MeetingFiles, "invitations", endless)
    dialog = MeetingDocumentDialog(ctx, _meeting(ctx), "invitations")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 1000, timeout=10000)
    assert "Préparation des courriers" in dialog.status.text()
    assert not dialog.save_button.isEnabled()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "Préparation annulée.", timeout=10000)
    assert dialog.made is None and not dialog.save_button.isEnabled()


def test_invitations_letters_ics_and_a_bcc_draft(
    qtbot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = MeetingDocumentDialog(ctx, _meeting(ctx), "invitations")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10000)
    assert "1 courrier(s) d'invitation" in dialog.status.text()  # the one invited by post
    draft = tmp_path / "invitation.eml"
    _saving_to(monkeypatch, draft)
    dialog.bcc_button.click()
    qtbot.waitUntil(draft.exists, timeout=10000)
    message = message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert str(message["Bcc"]) == "p1@exemple.fr"
    assert "1 brouillon(s)" in dialog.status.text()
    agenda = tmp_path / "reunion.ics"
    _saving_to(monkeypatch, agenda)
    dialog.ics_button.click()
    qtbot.waitUntil(agenda.exists, timeout=10000)
    assert agenda.read_bytes().startswith(b"BEGIN:VCALENDAR")
    folder = tmp_path / "brouillons"
    folder.mkdir()
    monkeypatch.setattr(meeting_documents_dialog, "existing_folder", lambda *a: str(folder))
    dialog.each_button.click()
    qtbot.waitUntil(lambda: len(list(folder.glob("*.eml"))) == 1, timeout=10000)
    dialog.everyone_box.setChecked(True)  # a letter for the one invited by e-mail too
    qtbot.waitUntil(lambda: "2 courrier(s)" in dialog.status.text(), timeout=10000)
    assert dialog.made is not None and dialog.made.count == 2
    dialog.reject()


def test_without_postal_invitations_the_dialog_says_so_and_offers_everyone(
    qtbot, ctx: AppContext
) -> None:
    meeting_id = _meeting(ctx)
    with ctx.db.unit_of_work() as s:
        for invitation in s.scalars(
            select(m.Invitation).where(m.Invitation.channel == m.Channel.MAIL)
        ):
            s.delete(invitation)
    dialog = MeetingDocumentDialog(ctx, meeting_id, "invitations")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(
        lambda: "Aucun contact invité par courrier" in dialog.status.text(), timeout=10000
    )
    assert not dialog.save_button.isEnabled()
    dialog.everyone_box.setChecked(True)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10000)
    assert "1 courrier(s)" in dialog.status.text()
    dialog.reject()


def test_the_meeting_page_offers_the_documents_of_the_meeting_shown(qtbot, ctx: AppContext) -> None:
    from guichet.ui.pages.meeting_detail import MeetingDetailPanel

    panel = MeetingDetailPanel(ctx)
    qtbot.addWidget(panel)
    buttons = panel.documents.buttons
    assert [b.text() for b in buttons.values()] == [
        "Feuille d'émargement",
        "Badges",
        "Invitations…",
    ]
    assert not any(b.isEnabled() for b in buttons.values())
    meeting_id = _meeting(ctx)
    panel.show_meeting(meeting_id)
    assert all(b.isEnabled() for b in buttons.values())
    buttons["badges"].click()
    dialog = panel.findChild(MeetingDocumentDialog)
    assert dialog is not None and (dialog.meeting_id, dialog.kind) == (meeting_id, "badges")
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10000)
    assert "2 badge(s)" in dialog.status.text()
    dialog.reject()

"""« Données personnelles »: the lists (background load, model tester, keyboard, names),
« Anonymiser » (confirmed, refused to a conseiller in French), and the card's rights actions."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QWidget

import guichet.models as m
from guichet.db import Database
from tests.services.rgpd_setup import LAST, build_person
from tests.ui.answers import Answers

from guichet.ui.context import AppContext
from guichet.ui.pages.organization_contact_rights import ContactRightsButton
from guichet.ui.pages.organization_panel import OrganizationPanel
from guichet.ui.pages.personal_data import PersonalDataPage

B = QMessageBox.StandardButton


def _old_people(db: Database, count: int = 2, reference: str = "D-2019-0001") -> list[int]:
    with db.unit_of_work() as s:
        org = m.Organization(legal_name="Atelier ancien")
        s.add(org)
        s.flush()
        people = [
            m.Contact(
                organization_id=org.id,
                last_name=f"Ancien{n}",
                email=f"ancien{n}@exemple.fr",
                created_at=datetime(2015, 1, 1, 9, 0),
            )
            for n in range(count)
        ]
        s.add_all(people)
        s.add(
            m.Inquiry(
                reference=reference,
                received_at=datetime(2019, 1, 1, 9, 0),
                status=m.InquiryStatus.CLOSED,
                closed_at=datetime(2019, 2, 1, 9, 0),
                summary="Ancienne demande",
            )
        )
        s.flush()
        return [p.id for p in people]


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> Iterator[PersonalDataPage]:
    _old_people(ctx.db)
    widget = PersonalDataPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    qtbot.waitUntil(lambda: widget.task is None and widget.listed is not None, timeout=10_000)
    yield widget
    QThreadPool.globalInstance().waitForDone(10_000)


def test_lists_load_off_the_gui_thread_and_pass_the_model_tester(
    page: PersonalDataPage, qtmodeltester
) -> None:
    assert page.contacts.rowCount() == 2 and page.inquiries.rowCount() == 1
    qtmodeltester.check(page.contacts)
    qtmodeltester.check(page.inquiries)
    assert "(2)" in page.contacts_box.title()
    assert page.all_button.isEnabled() and not page.selected_button.isEnabled()


def test_keyboard_only_and_accessible_names(qtbot: QtBot, page: PersonalDataPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    stops: list[QWidget] = []
    widget: QWidget | None = page.contacts_view
    for _ in range(12):
        assert widget is not None
        stops.append(widget)
        widget = widget.nextInFocusChain()
        while widget is not None and not (
            widget.isVisible() and widget.focusPolicy() & widget.focusPolicy().TabFocus
        ):
            widget = widget.nextInFocusChain()
    for needed in (page.inquiries_view, page.all_button, page.notice_button):
        assert needed in stops
    for view in (page.contacts_view, page.inquiries_view):
        assert view.accessibleName()
        assert view.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    for button in (page.selected_button, page.all_button, page.notice_button):
        assert button.text()


def test_anonymise_the_selection_after_confirming(
    qtbot: QtBot, page: PersonalDataPage, answers: Answers
) -> None:
    page.contacts_view.selectRow(0)
    assert page.selected_button.isEnabled()
    answers.answer = B.Cancel
    page.selected_button.click()
    assert answers.names() == ["confirmAnonymise"] and page.task is None
    answers.answer = B.Yes
    page.selected_button.click()
    qtbot.waitUntil(lambda: page.task is None and page.contacts.rowCount() == 1, timeout=10_000)
    assert "1 contact(s)" in page.status.text()
    with page.ctx.db.unit_of_work(write=False) as s:
        names = s.scalars(m.Contact.__table__.select().with_only_columns(m.Contact.last_name)).all()
    assert "Anonymisé" in names


def test_the_lists_show_the_oldest_and_everything_is_anonymised(
    qtbot: QtBot, page: PersonalDataPage, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten years never purged hold tens of thousands: the page lists the oldest, says how many
    are due in all, and « Tout anonymiser » takes every one of them, listed or not."""
    import guichet.ui.pages.personal_data as personal_data

    _old_people(page.ctx.db, 3, "D-2019-0002")  # 5 contacts due in all, 2 inquiries
    monkeypatch.setattr(personal_data, "SHOWN", 2)
    page.refresh()
    qtbot.waitUntil(lambda: page.task is None, timeout=10_000)
    assert page.contacts.rowCount() == 2 and page.inquiries.rowCount() == 2
    assert "(5) — les 2 plus ancien(ne)s ci-dessous" in page.contacts_box.title()
    assert page.inquiries_box.title().endswith("(2)")  # all of them: no note
    answers.answer = B.Yes
    page.all_button.click()
    assert "Anonymiser 5 contact(s) et 2 demande(s)" in dict(answers.asked)["confirmAnonymise"]
    qtbot.waitUntil(
        lambda: page.task is None and bool(page.listed and page.listed.empty), timeout=10_000
    )
    assert "5 contact(s) et 2 demande(s) anonymisés" in page.status.text()
    assert page.contacts.rowCount() == 0


def test_a_conseiller_is_refused_in_french(
    qtbot: QtBot, page: PersonalDataPage, answers: Answers
) -> None:
    with page.ctx.db.unit_of_work() as s:
        actor = m.Counsellor(name="Paul Conseiller", initials="PCQ", role=m.Role.CONSEILLER)
        s.add(actor)
        s.flush()
        page.ctx.db.counsellor_id = actor.id
    answers.answer = B.Yes
    page.all_button.click()
    qtbot.waitUntil(lambda: "errorBox" in answers.names(), timeout=10_000)
    text = dict(answers.asked)["errorBox"]
    assert "ne permet pas" in text and "responsable" in text
    assert page.contacts.rowCount() == 2


def test_the_card_exports_and_erases_a_contact(
    qtbot: QtBot, ctx: AppContext, answers: Answers, tmp_path: Path, monkeypatch
) -> None:
    person = build_person(ctx.db)
    panel = OrganizationPanel(ctx)
    qtbot.addWidget(panel)
    panel.show_organization(person.company_id)
    rights = panel.findChild(ContactRightsButton, "contactRightsButton")
    assert rights is not None and rights.isEnabled() and rights.menu() is not None
    target = tmp_path / "export.zip"
    monkeypatch.setattr(
        "guichet.ui.personal_data_files.save_file_name",
        lambda *_args, **_kw: (str(target), ""),
    )
    answers.answer = B.Ok
    rights.export_action.trigger()
    with zipfile.ZipFile(target) as archive:
        assert json.loads(archive.read("donnees.json"))["personne"]["nom"] == LAST
    assert "personExportDone" in answers.names()
    answers.answer = B.Yes
    rights.erase_action.trigger()
    assert "confirmErase" in answers.names()
    with ctx.db.unit_of_work(write=False) as s:
        contact = s.get(m.Contact, person.contact_id)
        assert contact is not None and contact.anonymized_at is not None

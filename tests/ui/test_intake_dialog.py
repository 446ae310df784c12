"""The intake form, used with the keyboard alone, and what it stores."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

import guichet.models as m
from guichet.db import Database
from tests.ui.keyboard import Keyboard
from tests.ui.windows import active_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.main_window import MainWindow
from guichet.ui.widgets.qt_dates import to_qdatetime
from guichet.ui.widgets.quick_company_panel import group_siret

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def _no_blocking_boxes(message_boxes: list[str]) -> list[str]:
    return message_boxes


def _prepare(db: Database) -> dict[str, int]:
    with db.unit_of_work() as s:
        counsellor = m.Counsellor(name="Camille Morel", initials="CMO")
        org = m.Organization(
            legal_name="Hydrogène Lefebvre",
            siret="73282932000074",
            city="Lillebonne",
            postal_code="76170",
        )
        org.contacts.append(m.Contact(first_name="Paul", last_name="Lefebvre", role="Gérant"))
        s.add_all([counsellor, org])
        finance = s.scalars(select(m.Theme).where(m.Theme.name == "Financement")).one()
        sheet = m.Resource(title="Fiche Initiative Caux Seine", theme_id=finance.id)
        s.add(sheet)
        s.flush()
        return {"counsellor": counsellor.id, "org": org.id, "sheet": sheet.id}


def _dialog(window: MainWindow) -> IntakeDialog:
    dialog = window.intake_dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, IntakeDialog)
    return dialog


def test_walk_in_logged_with_the_keyboard_only(
    qtbot, ctx: AppContext, qsettings: QSettings
) -> None:
    ids = _prepare(ctx.db)
    ctx.set_counsellor(ids["counsellor"])
    window = active_window(qtbot, ctx, qsettings)
    keys = Keyboard()
    window.navigation.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.navigation)
    keys.press(K.Key_N, CTRL)
    dialog = _dialog(window)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.company.search.line)
    keys.search("hyd")
    keys.press(K.Key_Return)  # picks the first hit, even before the debounce
    assert dialog.company.organization_id == ids["org"]
    assert "Hydrogène Lefebvre" in dialog.context_panel.header.text()
    assert QApplication.focusWidget() is dialog.contact.search.line
    keys.write("Claire Martin")
    keys.press(K.Key_Return)  # « Nouveau contact « Claire Martin » »
    assert dialog.contact.is_new()
    keys.write("02 35 38 12 34")
    keys.press(K.Key_Tab)
    keys.write("claire.martin@lefebvre.fr")
    keys.press(K.Key_Tab)  # role
    keys.press(K.Key_Tab)
    first = dialog.needs.rows[0]
    assert QApplication.focusWidget() is first.subject_field.line
    keys.search("pre")
    keys.press(K.Key_Return)
    assert first.subject is not None and first.subject.name == "Prêt d'honneur"
    keys.write("Reprise d'un atelier, besoin de 20 000 €")
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is first.resources
    keys.press(K.Key_Space)
    keys.press(K.Key_B, CTRL)
    second = dialog.needs.rows[1]
    assert QApplication.focusWidget() is second.subject_field.line
    keys.search("recr")
    keys.press(K.Key_Return)
    assert second.subject is not None and second.subject.name == "Recrutement"
    keys.write("Deux tourneurs CN")
    keys.press(K.Key_C, ALT)
    assert dialog.consent_box.isChecked()
    keys.press(K.Key_S, CTRL)

    assert dialog.saved is not None and not dialog.isVisible()
    assert keys.keystrokes <= 25
    with ctx.db.unit_of_work() as s:
        inquiry = s.scalars(select(m.Inquiry)).one()
        assert inquiry.reference == dialog.saved.reference
        assert inquiry.organization_id == ids["org"] and inquiry.counsellor_id == ids["counsellor"]
        assert inquiry.channel == m.Channel.DESK and inquiry.consent_to_share
        assert abs((datetime.now() - inquiry.received_at).total_seconds()) < 600
        assert inquiry.contact is not None
        assert (inquiry.contact.first_name, inquiry.contact.last_name) == ("Claire", "Martin")
        assert (
            inquiry.contact.phone == "+33235381234"
            and inquiry.contact.organization_id == ids["org"]
        )
        assert [n.subject.name for n in inquiry.needs] == ["Prêt d'honneur", "Recrutement"]
        assert [n.description for n in inquiry.needs] == [
            "Reprise d'un atelier, besoin de 20 000 €",
            "Deux tourneurs CN",
        ]
        assert [g.resource_id for g in inquiry.needs[0].information_given] == [ids["sheet"]]
        assert (
            inquiry.needs[0].outcome == m.NeedOutcome.INFORMED
            and inquiry.first_action_at is not None
        )
    page = window.pages["inquiries"]
    assert window.current_page_key() == "inquiries"
    assert page.detail.inquiry_id == dialog.saved.id  # type: ignore[attr-defined]


def _open(qtbot, ctx: AppContext) -> IntakeDialog:
    dialog = IntakeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_company_created_inline_without_siret(qtbot, ctx: AppContext) -> None:
    dialog = _open(qtbot, ctx)
    keys = Keyboard()
    dialog.company.search.line.setFocus()
    keys.write("Projet Durand")
    dialog.company.flush_search()
    labels = [
        dialog.company.search.list.item(i).text() for i in range(dialog.company.search.list.count())
    ]
    assert any("Sans SIRET" in t for t in labels)
    keys.press(K.Key_Up)  # the last suggestion: « sans SIRET »
    keys.press(K.Key_Return)
    panel = dialog.company.panel
    assert (
        panel.isVisible() and panel.without_siret.isChecked() and not panel.siret_edit.isEnabled()
    )
    assert panel.name_edit.text() == "Projet Durand"
    assert QApplication.focusWidget() is panel.street_edit
    assert "risque de ne pas être distribué" in panel.address_status.text()  # said, not required
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is panel.postal_edit
    keys.write("76170")
    assert panel.commune_box.currentText()
    keys.press(K.Key_Return)
    assert dialog.company.organization_id is not None
    with ctx.db.unit_of_work() as s:
        org = s.get(m.Organization, dialog.company.organization_id)
        assert (
            org is not None
            and org.siret is None
            and org.postal_code == "76170"
            and org.commune_insee
        )
    assert QApplication.focusWidget() is dialog.contact.search.line


def test_invalid_siret_is_explained_and_the_form_kept(
    qtbot, ctx: AppContext, message_boxes: list[str]
) -> None:
    dialog = _open(qtbot, ctx)
    dialog.company.search.line.setFocus()
    Keyboard().write("Mécanique Tartempion")
    Keyboard().press(K.Key_Return)  # nothing found: the first suggestion creates the company
    panel = dialog.company.panel
    assert panel.isVisible() and QApplication.focusWidget() is panel.siret_edit
    Keyboard().write("73282932000075")
    assert panel.siret_edit.text() == "732 829 320 00075"
    assert "invalide" in panel.siret_status.text()
    Keyboard().press(K.Key_Return)
    assert message_boxes and "SIRET 732 829 320 00075 n'est pas valide" in message_boxes[-1]
    assert panel.isVisible() and panel.name_edit.text() == "Mécanique Tartempion"
    assert panel.siret_edit.text() == "732 829 320 00075"
    with ctx.db.unit_of_work() as s:
        assert s.scalars(select(m.Organization)).all() == []


def test_invalid_phone_and_email_keep_the_form(
    qtbot, ctx: AppContext, message_boxes: list[str]
) -> None:
    ids = _prepare(ctx.db)
    dialog = _open(qtbot, ctx)
    dialog.company.choose(ids["org"], "Hydrogène Lefebvre")
    dialog.contact.search.line.setFocus()
    Keyboard().write("Claire Martin")
    Keyboard().press(K.Key_Return)
    Keyboard().write("02 35")
    Keyboard().press(K.Key_Tab)
    Keyboard().write("claire@lefebvre")
    row = dialog.needs.rows[0]
    row.subject_field.line.setFocus()
    Keyboard().write("pret")
    Keyboard().press(K.Key_Return)
    row.description.setPlainText("Un long besoin bien décrit")
    assert dialog.save() is None
    assert "téléphone invalide" in message_boxes[-1].lower()
    assert QApplication.focusWidget() is dialog.contact.phone
    dialog.contact.phone.setText("02 35 38 12 34")
    assert dialog.save() is None
    assert "e-mail invalide" in message_boxes[-1].lower()
    assert dialog.contact.email.text() == "claire@lefebvre"
    assert row.description.toPlainText() == "Un long besoin bien décrit"
    assert dialog.isVisible()
    with ctx.db.unit_of_work() as s:
        assert s.scalars(select(m.Inquiry)).all() == []
    dialog.contact.email.setText("claire@lefebvre.fr")
    assert dialog.save() is not None


def test_warnings_show_beside_the_form_without_blocking(qtbot, ctx: AppContext) -> None:
    ids = _prepare(ctx.db)
    with ctx.db.unit_of_work() as s:
        org = s.get(m.Organization, ids["org"])
        assert org is not None
        org.do_not_refer, org.do_not_refer_reason = True, "impayés"
        subject = s.scalars(select(m.Subject).where(m.Subject.name == "Prêt d'honneur")).one()
        earlier = m.Inquiry(
            reference="D-2026-0007",
            received_at=datetime.now().replace(microsecond=0),
            organization_id=org.id,
        )
        earlier.needs.append(m.Need(subject_id=subject.id))
        s.add(earlier)
    dialog = _open(qtbot, ctx)
    dialog.company.choose(ids["org"], "Hydrogène Lefebvre")
    assert "ne pas orienter" in dialog.context_panel.warnings_label.text()
    assert dialog.context_panel.history.topLevelItemCount() == 1
    assert dialog.context_panel.history.isVisible()
    row = dialog.needs.rows[0]
    row.subject_field.line.setFocus()
    Keyboard().write("pret")
    Keyboard().press(K.Key_Return)
    dialog.refresh_warnings()
    assert "D-2026-0007" in dialog.context_panel.warnings_label.text()
    created = dialog.save()  # warnings never block; the company alone is enough
    assert created is not None and {w.kind for w in created.warnings} == {"repeat", "do_not_refer"}


def test_siret_grouping_as_typed() -> None:
    assert group_siret("73282932000074") == "732 829 320 00074"
    assert group_siret("7328") == "732 8"
    assert group_siret("732 829 320 00074 99") == "732 829 320 00074"
    assert group_siret("") == ""


def test_form_is_packed_at_the_top_and_stays_put(qtbot, ctx: AppContext) -> None:
    dialog = _open(qtbot, ctx)
    dialog.resize(1300, 900)
    qtbot.waitUntil(lambda: dialog.height() == 900)
    company, contact = dialog.company, dialog.contact
    gap = (
        contact.mapTo(dialog, contact.rect().topLeft()).y()
        - company.mapTo(dialog, company.rect().bottomLeft()).y()
    )
    assert gap < 20  # no empty band between the fields when nothing is chosen yet
    assert not dialog.context_panel.history.isVisible()  # nor an empty history table
    row = dialog.needs.rows[0]
    assert row.height() <= row.sizeHint().height() + 2
    needs_top = dialog.needs.mapTo(dialog, dialog.needs.rect().topLeft()).y()
    dialog.on_add_need_button_clicked()
    qtbot.waitUntil(lambda: len(dialog.needs.rows) == 2 and dialog.needs.rows[1].isVisible())
    assert dialog.needs.mapTo(dialog, dialog.needs.rect().topLeft()).y() == needs_top


def test_consent_date_shows_the_arrival_day(qtbot, ctx: AppContext) -> None:
    dialog = _open(qtbot, ctx)
    assert dialog.consent_date.date() == dialog.received_edit.date()
    arrival = datetime(2026, 11, 27, 10, 30)
    dialog.received_edit.setDateTime(to_qdatetime(arrival))
    assert dialog.consent_date.date().toPython() == arrival.date()
    dialog.consent_box.setChecked(True)
    dialog.received_edit.setDateTime(to_qdatetime(arrival.replace(day=28)))
    assert dialog.consent_date.date().toPython() == arrival.date()  # once ticked, it is kept


def test_unticked_resource_does_not_look_chosen_and_space_ticks_it(qtbot, ctx: AppContext) -> None:
    ids = _prepare(ctx.db)
    dialog = _open(qtbot, ctx)
    first = dialog.needs.rows[0]
    loan = next(choice for choice in first.choices if choice.name == "Prêt d'honneur")
    first.on_subject_field_picked(loan)
    listing = first.resources
    assert listing.count() >= 1 and listing.currentRow() == 0
    assert listing.selectedItems() == []  # the current row has no "chosen" highlight
    listing.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is listing)
    Keyboard().press(Qt.Key.Key_Space)
    assert listing.item(0).checkState() == Qt.CheckState.Checked
    assert listing.selectedItems() == []
    draft = first.draft()
    assert draft is not None and ids["sheet"] in draft.resource_ids

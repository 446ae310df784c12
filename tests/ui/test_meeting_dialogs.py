"""The meeting form, the audience dialog, the registrations import and the opposition boxes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from PySide6.QtCore import Qt

import guichet.models as m
from guichet.db import Database
from guichet.models import MeetingKind, OrganizationKind
from guichet.services.contacts import ContactService
from guichet.services.meetings import get_meeting, list_meetings
from guichet.services.organization_rules import OrganizationData
from guichet.services.organizations import OrganizationService
from tests.conftest import DEMO_NOW

from guichet.ui.context import AppContext
from guichet.ui.dialogs.contact_dialog import ContactDialog
from guichet.ui.dialogs.meeting_audience_dialog import AudienceDialog
from guichet.ui.dialogs.meeting_dialog import MeetingDialog
from guichet.ui.dialogs.registrations_import_dialog import RegistrationsImportDialog
from guichet.ui.pages.meeting_detail import MeetingDetailPanel


def _partner(db: Database, name: str) -> int:
    with db.unit_of_work() as s:
        org = m.Organization(legal_name=name, kind=OrganizationKind.PARTNER)
        s.add(org)
        s.flush()
        return org.id


def test_a_meeting_is_created_from_the_form(qtbot: QtBot, ctx: AppContext) -> None:
    cluster = _partner(ctx.db, "Cluster Sotraban")
    dialog = MeetingDialog(ctx, None)
    qtbot.addWidget(dialog)
    assert not dialog.has_unsaved_changes()
    dialog.title_edit.setText("Hydrogène : marchés")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(MeetingKind.INFORMATION))
    dialog.theme_box.setCurrentIndex(1)
    dialog.subjects_list.item(0).setCheckState(Qt.CheckState.Checked)
    row = next(
        i
        for i in range(dialog.partners_list.count())
        if dialog.partners_list.item(i).data(Qt.ItemDataRole.UserRole) == cluster
    )
    dialog.partners_list.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.place_edits["place_name"].setText("Salle du conseil")
    dialog.place_edits["place_postal_code"].setText("76170")
    dialog.place_edits["place_city"].setText("Lillebonne")
    dialog.capacity_spin.setValue(30)
    dialog.speakers_edit.setPlainText("Léa Roux — Le cluster\n\nPaul Durand")
    assert dialog.has_unsaved_changes()
    dialog.on_buttons_accepted()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.saved_id is not None
    detail = get_meeting(ctx.db, dialog.saved_id)
    assert detail.data.capacity == 30 and len(detail.data.subject_ids) == 1
    assert detail.place.text == "Salle du conseil, 76170 Lillebonne"
    assert detail.place.commune_insee == "76384"
    assert [p.name for p in detail.partners] == ["Cluster Sotraban"]
    assert [(s.name, s.topic) for s in detail.speakers] == [
        ("Léa Roux", "Le cluster"),
        ("Paul Durand", ""),
    ]


def test_the_form_keeps_bad_input_with_its_message(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = MeetingDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Atelier")
    dialog.end_edit.setDateTime(dialog.start_edit.dateTime().addSecs(-3600))
    dialog.on_buttons_accepted()
    assert dialog.result() == 0
    assert "La fin de la réunion doit suivre son début" in dialog.errors.message("end_at")
    assert list_meetings(ctx.db) == []


def test_the_audience_is_previewed_and_the_invitations_recorded(
    qtbot: QtBot, demo_ctx: AppContext
) -> None:
    rows = list_meetings(demo_ctx.db, now=DEMO_NOW)
    workshop = next(r for r in rows if r.title.startswith("Réunion d'information : les aides"))
    dialog = AudienceDialog(demo_ctx, workshop.id, workshop.title)
    qtbot.addWidget(dialog)
    combo = dialog.filters.capability_combo
    combo.setCurrentIndex(
        next(i for i in range(combo.count()) if combo.itemText(i).strip() == "Hydrogène")
    )
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.preview is not None
    count = dialog.members_list.count()
    assert count == len(dialog.preview.members) > 2
    assert "3 contacts exclus : opposition" in dialog.summary_label.text()
    dialog.members_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.record_button.click()
    assert dialog.recorded == count - 1
    assert get_meeting(demo_ctx.db, workshop.id).counts.invited == count - 1
    assert "enregistrées" in dialog.summary_label.text()


def test_registrations_are_imported_from_a_file(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    from tests.services.meeting_helpers import make_meeting

    meeting_id = make_meeting(ctx.db)
    path = tmp_path / "formulaire.csv"
    path.write_text(
        "Nom;Prénom;E-mail;Entreprise\nRoux;Léa;lea.roux@exemple.fr;Forges\nDurand;Paul;;\n",
        encoding="utf-8",
    )
    dialog = RegistrationsImportDialog(ctx, meeting_id)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.mapping() == (
        "contact_last_name",
        "contact_first_name",
        "contact_email",
        "legal_name",
    )
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert "2 inscrits" in dialog.report_edit.toPlainText()
    names = {r.name for r in get_meeting(ctx.db, meeting_id).registrations}
    assert names == {"Léa Roux", "Paul Durand"}


def test_the_detail_tables_pass_the_model_tester(
    qtbot: QtBot, demo_ctx: AppContext, qtmodeltester: object
) -> None:
    panel = MeetingDetailPanel(demo_ctx)
    qtbot.addWidget(panel)
    hydrogen = next(r for r in list_meetings(demo_ctx.db) if r.title.startswith("Hydrogène"))
    panel.show_meeting(hydrogen.id)
    assert panel.inquiries_model.rowCount() >= 3
    qtmodeltester.check(panel.registrations.model)  # type: ignore[attr-defined]
    qtmodeltester.check(panel.inquiries_model)  # type: ignore[attr-defined]


def test_opposition_is_ticked_in_the_contact_form(qtbot: QtBot, ctx: AppContext) -> None:
    org = OrganizationService(ctx.db).create(OrganizationData(legal_name="Usinage Caux"))
    dialog = ContactDialog(ctx, org.organization_id, None)
    qtbot.addWidget(dialog)
    dialog.edits["last_name"].setText("Durand")
    dialog.opposed_box.setChecked(True)
    dialog.on_buttons_accepted()
    assert dialog.saved is not None
    assert dialog.saved.data.opposed_on == date.today()
    reopened = ContactDialog(ctx, org.organization_id, ContactService(ctx.db).get(dialog.saved.id))
    qtbot.addWidget(reopened)
    assert reopened.opposed_box.isChecked() and not reopened.has_unsaved_changes()
    with ctx.db.unit_of_work() as s:
        opposed = s.scalar(
            select(func.count()).select_from(m.Contact).where(m.Contact.opposed_on.is_not(None))
        )
    assert opposed == 1


def test_an_unrecorded_audience_counts_as_unsaved_input(qtbot: QtBot, demo_ctx: AppContext) -> None:
    rows = list_meetings(demo_ctx.db, now=DEMO_NOW)
    dialog = AudienceDialog(demo_ctx, rows[0].id, rows[0].title)
    qtbot.addWidget(dialog)
    assert not dialog.has_unsaved_changes()
    dialog.text_edit.setText("usinage")
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.members_list.count() > 0
    assert dialog.has_unsaved_changes()
    dialog.record_button.click()
    assert not dialog.has_unsaved_changes()

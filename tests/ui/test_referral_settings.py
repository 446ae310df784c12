"""Settings tabs for follow-ups, envelopes and letter templates."""

from __future__ import annotations

import io

from pypdf import PdfReader

from guichet.services.settings import SettingsService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.settings import SettingsDialog


def test_delays_and_envelope_are_saved(qtbot, ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.followup_tab
    assert tab.delay_boxes["delays.follow_up_days"].value() == 9
    tab.delay_boxes["delays.follow_up_days"].setValue(7)
    tab.envelope_boxes["envelope.x_mm"].setValue(110.5)
    text = PdfReader(io.BytesIO(tab.calibration_pdf())).pages[0].extract_text()
    assert "marge gauche 110,5 mm" in text or "marge gauche 110.5 mm" in text
    dialog.on_buttons_accepted()
    values = SettingsService(ctx.db).all()
    assert (values["delays.follow_up_days"], values["envelope.x_mm"]) == (7, 110.5)


def test_printing_marks_sent_can_be_turned_off(qtbot, ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    box = dialog.followup_tab.print_marks_sent
    assert box.isChecked()  # on by default
    box.setChecked(False)
    dialog.on_buttons_accepted()
    assert SettingsService(ctx.db).get("letters.print_marks_sent") is False
    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    assert not again.followup_tab.print_marks_sent.isChecked()


def test_the_email_template_is_edited_and_checked(qtbot, ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.templates_tab
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("email"))
    assert "{destinataire.formule}" in tab.body_edit.toPlainText()
    tab.body_edit.setPlainText("{destinataire.formul},")
    assert "champ inconnu {destinataire.formul}" in tab.check_label.text()
    tab.body_edit.setPlainText("{destinataire.formule},\n\nCi-joint le courrier.")
    tab.object_edit.setText("Courrier {mise_en_relation.reference}")
    assert tab.check_label.text().startswith("✓")
    dialog.on_buttons_accepted()
    values = SettingsService(ctx.db).all()
    assert values["letters.email_body"] == "{destinataire.formule},\n\nCi-joint le courrier."
    assert values["letters.email_object"] == "Courrier {mise_en_relation.reference}"


def test_invalid_template_is_flagged_and_not_saved(
    qtbot, ctx: AppContext, message_boxes: list[str]
) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.templates_tab
    tab.body_edit.setPlainText("Bonjour {entreprise.nam}")
    assert "champ inconnu {entreprise.nam}" in tab.check_label.text()
    dialog.on_buttons_accepted()
    assert message_boxes and "entreprise.nam" in message_boxes[0]
    assert dialog.result() == 0
    assert "{entreprise.nam}" not in SettingsService(ctx.db).get("letters.company_body")


def test_templates_of_both_letters_are_saved(qtbot, ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.templates_tab
    tab.body_edit.setPlainText("Pour {entreprise.nom}.")
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("partner"))
    tab.object_edit.setText("Prise en charge de {entreprise.nom}")
    assert tab.check_label.text().startswith("✓")
    dialog.on_buttons_accepted()
    values = SettingsService(ctx.db).all()
    assert values["letters.company_body"] == "Pour {entreprise.nom}."
    assert values["letters.partner_object"] == "Prise en charge de {entreprise.nom}"
    tab.on_reset_clicked()
    assert "{mise_en_relation.reference}" in tab.object_edit.text()


def test_routing_rules_are_edited(
    qtbot, qtmodeltester, demo_ctx: AppContext, message_boxes: list[str]
) -> None:
    from guichet.services.routing import RoutingService

    dialog = SettingsDialog(demo_ctx)
    qtbot.addWidget(dialog)
    tab = dialog.routing_tab
    qtmodeltester.check(tab.model)
    before = tab.model.rowCount()
    assert before == len(RoutingService(demo_ctx.db).rules()) > 0
    tab.on_new_clicked()
    tab.communes_edit.setText("76058, 99999")
    tab.on_save_clicked()
    assert message_boxes and "99999" in message_boxes[0]
    tab.communes_edit.setText("76058")
    tab.on_save_clicked()
    assert tab.model.rowCount() == before + 1
    assert tab.current is not None and tab.current.communes == ("76058",)
    tab.on_delete_clicked()
    assert tab.model.rowCount() == before

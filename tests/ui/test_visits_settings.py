"""Paramètres › Visites: editing the questionnaire writes a new version."""

from __future__ import annotations

from guichet.services.questionnaire import QuestionnaireService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.settings import SettingsDialog
from guichet.ui.dialogs.settings_visits import QuestionnaireTab, key_of


def test_keys_made_from_labels() -> None:
    assert key_of("Projet à l'export", set()) == "projet_a_l_export"
    assert key_of("Projet à l'export", {"projet_a_l_export"}) == "projet_a_l_export_2"
    assert key_of("3 sites ?", set()) == "q_3_sites"


def test_editing_the_questionnaire_saves_a_new_version(
    qtbot, ctx: AppContext, message_boxes: list[str]
) -> None:
    tab = QuestionnaireTab(ctx)
    qtbot.addWidget(tab)
    before = QuestionnaireService(ctx.db).current()
    assert tab.list.count() == len(before.questions)
    assert not tab.has_unsaved_changes()
    tab.list.setCurrentRow(tab.list.count() - 1)
    tab.on_remove_button_clicked()
    tab.on_add_button_clicked()
    tab.label_edit.setText("Projet de robotisation")
    tab.label_edit.textEdited.emit("Projet de robotisation")
    tab.type_box.setCurrentIndex(tab.type_box.findData("choice"))
    tab.choices_edit.setText("aucun")
    tab.choices_edit.textEdited.emit("aucun")
    assert tab.has_unsaved_changes()
    assert not tab.save_if_changed()  # one choice only: refused in French, typing kept
    assert message_boxes[-1].startswith("Question ")
    assert "au moins deux choix" in message_boxes[-1]
    tab.choices_edit.setText("aucun; à l'étude; en cours")
    tab.choices_edit.textEdited.emit("aucun; à l'étude; en cours")
    assert tab.save_if_changed()
    after = QuestionnaireService(ctx.db).current()
    assert after.number == before.number + 1
    added = after.questions[-1]
    assert (added.label, added.type, added.choices) == (
        "Projet de robotisation",
        "choice",
        ("aucun", "à l'étude", "en cours"),
    )
    assert before.questions[-1].key not in {q.key for q in after.questions}
    assert not tab.has_unsaved_changes()


def test_the_settings_dialog_asks_about_questionnaire_edits(qtbot, ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.has_unsaved_changes()
    dialog.visits_tab.on_remove_button_clicked()
    assert dialog.has_unsaved_changes()
    dialog.on_buttons_accepted()
    assert QuestionnaireService(ctx.db).current().number == 2

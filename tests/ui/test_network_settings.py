"""Paramètres › Réseau: the goal and the prospects' fit are saved as settings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from guichet.services.network_goals import load_goal
from guichet.services.prospects import load_fit
from guichet.services.settings import SettingsService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.settings import SettingsDialog


def test_the_goal_and_the_fit_are_saved(qtbot, ctx: AppContext, message_boxes: list[str]) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.network_tab
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == "Réseau"
    assert tab.network_box.currentText() == "Sotraban" and tab.target_box.value() == 100
    assert not tab.due_check.isChecked() and not tab.due_edit.isEnabled()
    tab.network_box.setCurrentText("Club Hydrogène")
    tab.target_box.setValue(120)
    tab.scope_box.setCurrentIndex(tab.scope_box.findData("everywhere"))
    tab.due_check.setChecked(True)
    tab.due_edit.setDate(QDate(2027, 6, 30))
    tab.naf_edit.setText("25, 28 ; 22.2")
    tab.capabilities_edit.setText("Mécanique, Hydrogène")
    assert dialog.has_unsaved_changes()
    dialog.on_buttons_accepted()
    assert message_boxes == []
    goal = load_goal(ctx.db)
    assert (goal.network, goal.target, goal.scope, goal.due_on) == (
        "Club Hydrogène",
        120,
        "everywhere",
        date(2027, 6, 30),
    )
    fit = load_fit(ctx.db)
    assert fit.naf_prefixes == ("25", "28", "22.2")
    assert fit.capabilities == {"mecanique", "hydrogene"}
    assert SettingsService(ctx.db).get("network.goal_date") == "2027-06-30"

"""A combo given its long list of entries in one go (the directory's communes, NAF divisions)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from guichet.ui.combo import ChoiceModel, add_no_value, combo_value, select_value, set_entries


def test_the_model_passes_the_model_tester(qtmodeltester, qtbot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    qtmodeltester.check(ChoiceModel([("Rouen", "76540", None), ("Évreux", "27229", "Eure")], combo))


def test_entries_keep_the_no_value_entry_their_data_and_tooltips(qtbot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    add_no_value(combo, "Partout")
    set_entries(combo, [("Rouen", "76540", None), ("Évreux", "27229", "Eure")])
    assert [combo.itemText(i) for i in range(combo.count())] == ["Partout", "Rouen", "Évreux"]
    assert combo_value(combo) is None
    select_value(combo, "27229")
    assert combo.currentText() == "Évreux" and combo_value(combo) == "27229"
    assert combo.itemData(2, Qt.ItemDataRole.ToolTipRole) == "Eure"
    select_value(combo, None)
    assert combo.currentIndex() == 0

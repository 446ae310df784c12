"""The banner a form shows when its record was saved by someone else while it was being typed.

The same news as the save-time check (guichet.services.locking), given at once: what changed,
and that the counsellor's input is kept.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from guichet.ui.feedback import change_lines
from guichet.ui.theme import set_themed_style


def changed_fields(
    before: Mapping[str, object], now: Mapping[str, object]
) -> dict[str, tuple[object, object]]:
    return {k: (before.get(k), v) for k, v in now.items() if before.get(k) != v}


class ChangedBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changedBanner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # values typed by people
        set_themed_style(self, "color: $warning; font-weight: bold;")
        self.hide()

    def show_changes(self, changes: dict[str, tuple[object, object]]) -> None:
        text = self.tr(
            "Cette fiche vient d'être modifiée par quelqu'un d'autre. Vos saisies sont gardées : "
            "vérifiez-les avant d'enregistrer."
        )
        lines = change_lines(changes)
        self.setText("\n".join([text, *lines]))
        self.setAccessibleName(text)
        self.show()

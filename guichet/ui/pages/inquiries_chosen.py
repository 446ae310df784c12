"""Demandes filtered from the dashboard: the filters its combos cannot show (a period, a
subject, a NAF section, a headcount band, a commune) in a bar saying so, with « Retirer »."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from guichet.services.inquiries import InquiryFilters

from guichet.ui.theme import set_themed_style


class ChosenFilterBar(QWidget):
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chosenFilterBar")
        self.chosen: InquiryFilters | None = None
        self.label = QLabel()
        self.label.setObjectName("chosenFilterLabel")
        self.label.setWordWrap(True)
        set_themed_style(self.label, "color: $muted;")
        self.clear_button = QPushButton(self.tr("Retirer ce filtre"))
        self.clear_button.setObjectName("chosenFilterClear")
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.clear_button)
        self.hide()

    def choose(self, chosen: InquiryFilters, caption: str) -> None:
        self.chosen = chosen
        self.label.setText(self.tr("Depuis le tableau de bord : %1").replace("%1", caption))
        self.clear_button.setAccessibleDescription(self.label.text())
        self.show()

    def clear(self) -> None:
        self.chosen = None
        self.hide()
        self.cleared.emit()

    def apply(self, filters: InquiryFilters) -> InquiryFilters:
        """``filters`` with the dashboard's own ones added."""
        c = self.chosen
        if c is None:
            return filters
        return replace(
            filters,
            since=c.since or filters.since,
            until=c.until,
            subject_id=c.subject_id,
            naf_section=c.naf_section,
            headcount_band=c.headcount_band,
            commune_insee=c.commune_insee,
        )

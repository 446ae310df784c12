"""Beside the intake form: the warnings (repeat request, « ne pas orienter ») and the company's
history — earlier inquiries, their needs, referrals and outcomes. Never blocks the form."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guichet.reference.dates import format_date_short
from guichet.services.intake_context import CompanyContext, IntakeWarning

from guichet.ui.accessibility import set_name
from guichet.ui.theme import set_themed_style


class IntakeContextPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeContext")
        layout = QVBoxLayout(self)
        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("intakeWarnings")
        self.warnings_label.setWordWrap(True)
        set_themed_style(
            self.warnings_label,
            "QLabel { background: $notice_background; color: $notice_text;"
            " border: 1px solid $notice_border; padding: 6px; }",
        )
        self.warnings_label.hide()
        layout.addWidget(self.warnings_label)
        self.header = QLabel(self.tr("Choisissez l'entreprise pour voir son historique."))
        self.header.setObjectName("intakeContextHeader")
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.history = QTreeWidget()
        self.history.setObjectName("intakeHistory")
        set_name(self.history, self.tr("Historique de l'entreprise"))
        self.history.setHeaderLabels([self.tr("Historique"), self.tr("Suite")])
        header = self.history.header()  # the outcome column whole, the history elided
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.history.hide()  # no empty table before a company with a history is chosen
        layout.addWidget(self.history, 1)
        layout.addStretch(0)
        self.warnings: list[IntakeWarning] = []

    def show_warnings(self, warnings: Sequence[IntakeWarning]) -> None:
        self.warnings = list(warnings)
        if not warnings:
            self.warnings_label.hide()
            self.warnings_label.clear()
            return
        self.warnings_label.setText("<br>".join(f"⚠ {escape(w.message)}" for w in warnings))
        self.warnings_label.show()

    def show_company(self, context: CompanyContext | None) -> None:
        self.history.clear()
        self.history.setVisible(context is not None and bool(context.inquiries))
        if context is None:
            self.header.setText(self.tr("Choisissez l'entreprise pour voir son historique."))
            return
        count = context.inquiry_count
        summary = (
            self.tr("Première demande de cette entreprise.")
            if count == 0
            else self.tr("%n demande(s) précédente(s).", "", count)
        )
        self.header.setText(f"<b>{escape(context.name)}</b><br>{escape(summary)}")
        for past in context.inquiries:
            top = _item(f"{past.reference} — {format_date_short(past.received_at)}", past.status)
            for need in past.needs:
                child = _item(need.subject, need.outcome or self.tr("à traiter"))
                for referral in need.referrals:
                    child.addChild(_item(f"→ {referral.partner}", referral.status))
                top.addChild(child)
            self.history.addTopLevelItem(top)
        self.history.expandAll()


def _item(text: str, outcome: str) -> QTreeWidgetItem:
    item = QTreeWidgetItem([text, outcome])
    item.setToolTip(0, text)  # elided when the panel is narrow
    return item

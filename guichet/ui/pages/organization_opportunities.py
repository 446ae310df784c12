"""On an organization's card: the opportunities relayed to it, its answer and its result."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from guichet.reference.dates import format_date_short, format_number
from guichet.services.opportunity_card import ReceivedOpportunity, received_opportunities

from guichet.ui.context import AppContext
from guichet.ui.pages.organization_panel_parts import plain_label

#: the card stays short: the latest ones, the count says how many in all
SHOWN = 8


def opportunity_line(row: ReceivedOpportunity) -> str:
    amount = f" ({format_number(row.amount)} €)" if row.amount else ""
    return (
        f"{row.title} — relayée le {format_date_short(row.relayed_at.date())} — "
        f"{row.answer} — {row.result}{amount}"
    )


class ReceivedOpportunitiesSection(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("receivedOpportunitiesSection")
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list_label = plain_label(name="receivedOpportunitiesLabel")
        self.heading.setBuddy(self.list_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list_label)
        self.hide()

    def show_for(self, organization_id: int) -> None:
        rows = received_opportunities(self.ctx.db, organization_id)
        won = sum(1 for r in rows if r.result == "Attribuée à l'adhérent")
        self.heading.setText(
            self.tr("Opportunités reçues (%1, dont %2 remportée(s))")
            .replace("%1", str(len(rows)))
            .replace("%2", str(won))
        )
        self.list_label.setText("\n".join(opportunity_line(r) for r in rows[:SHOWN]))
        self.setVisible(bool(rows))

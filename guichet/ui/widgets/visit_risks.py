"""Risk signals raised by company visits: the flag on an organisation's card, and the list
« Entreprises à risque » of Accueil (Entrée opens the visit in « Visites »)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from guichet.reference.dates import format_date_short
from guichet.services.visits import RiskCompany, VisitService

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.table_fit import compact_rows, fit_columns
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel
from guichet.ui.theme import set_themed_style


class VisitRiskFlag(QLabel):
    """« ⚠ Risque de départ (visite du …) : … », shown only when the latest visit raised one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("visitRiskFlag")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_themed_style(self, "color: $error; font-weight: bold;")
        self.hide()

    def show_for(self, organization_id: int | None) -> None:
        risk = VisitService(self.ctx.db).risks_of(organization_id) if organization_id else None
        if risk is None:
            self.hide()
            return
        self.setText(
            self.tr("⚠ Signaux de risque (visite du %1) : %2")
            .replace("%1", format_date_short(risk.visited_at))
            .replace("%2", ", ".join(risk.signals))
        )
        self.show()


def risk_columns(tr: Callable[[str], str]) -> list[Column[RiskCompany]]:
    return [
        Column(tr("Entreprise"), lambda r: r.organization, tooltip=lambda r: r.organization),
        Column(tr("Commune"), lambda r: r.city),
        Column(tr("Visite du"), lambda r: r.visited_at.date()),
        Column(
            tr("Signaux"), lambda r: ", ".join(r.signals), tooltip=lambda r: "\n".join(r.signals)
        ),
    ]


class RiskCompaniesView(QTableView):
    """Companies whose latest visit raised a risk signal, the most signals first."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("riskCompaniesView")
        set_name(self, self.tr("Entreprises à risque"))
        self.model_rows: RowsTableModel[RiskCompany] = RowsTableModel(risk_columns(self.tr), self)
        self.setModel(self.model_rows)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        compact_rows(self)
        self.setWordWrap(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.activated.connect(self.on_activated)

    def refresh(self) -> int:
        return self.show_rows(VisitService(self.ctx.db).risk_companies())

    def show_rows(self, rows: list[RiskCompany]) -> int:
        self.model_rows.set_rows(rows)
        fit_columns(self, 320)
        return len(rows)

    def on_activated(self, index: QModelIndex) -> None:
        """The company's visit, selected in « Visites »."""
        row = index.data(ROW_ROLE)
        window: Any = self.window()
        if not isinstance(row, RiskCompany) or not hasattr(window, "show_page"):
            return
        window.show_page("visits")
        page = window.page("visits")
        page.status_box.setCurrentIndex(0)
        page.upcoming_box.setChecked(False)
        page.select_visit(row.visit_id)

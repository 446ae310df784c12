"""Accueil: the desk's day at a glance."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.services.overview import InquiryRow, Overview, load_overview

from guichet.ui.context import AppContext
from guichet.ui.table_model import Column, RowsTableModel


class StatCard(QFrame):
    def __init__(self, title: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.value = QLabel("—")
        self.value.setObjectName(f"{object_name}Value")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.value.setFont(font)
        caption = QLabel(title)
        caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(caption)

    def set_value(self, text: str) -> None:
        self.value.setText(text)


def inquiry_columns(tr: Callable[[str], str]) -> list[Column[InquiryRow]]:
    return [
        Column(tr("Référence"), lambda r: r.reference),
        Column(tr("Reçue le"), lambda r: r.received_at),
        Column(tr("Entreprise"), lambda r: r.organization),
        Column(tr("Besoins"), lambda r: r.subjects),
        Column(tr("Conseiller"), lambda r: r.counsellor),
        Column(tr("Statut"), lambda r: r.status),
    ]


class HomePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("homePage")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>Accueil</h2>"))
        layout.addWidget(title)
        grid = QGridLayout()
        self.cards = {
            "members": StatCard(
                self.tr("adhérents du réseau sur le territoire (objectif 100)"), "membersCard"
            ),
            "open_inquiries": StatCard(self.tr("demandes en cours"), "openInquiriesCard"),
            "open_referrals": StatCard(self.tr("mises en relation à suivre"), "openReferralsCard"),
            "organizations": StatCard(
                self.tr("organisations dans l'annuaire"), "organizationsCard"
            ),
        }
        for column, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, column)
        layout.addLayout(grid)
        self.today_label = QLabel()
        self.today_label.setObjectName("todayLabel")
        layout.addWidget(self.today_label)
        layout.addWidget(QLabel(self.tr("<b>Dernières demandes</b>")))
        self.latest_model: RowsTableModel[InquiryRow] = RowsTableModel(
            inquiry_columns(self.tr), self
        )
        self.latest_view = QTableView()
        self.latest_view.setObjectName("latestInquiriesView")
        self.latest_view.setModel(self.latest_model)
        self.latest_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.latest_view.verticalHeader().hide()
        self.latest_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.latest_view.horizontalHeader().setStretchLastSection(True)
        self.latest_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.latest_view, 1)
        self.refresh()

    def refresh(self) -> None:
        self.show_overview(load_overview(self.ctx.db))

    def show_overview(self, overview: Overview) -> None:
        self.cards["members"].set_value(
            f"{overview.members_on_territory} / {overview.network_goal}"
        )
        self.cards["open_inquiries"].set_value(str(overview.open_inquiries))
        self.cards["open_referrals"].set_value(str(overview.open_referrals))
        self.cards["organizations"].set_value(str(overview.organizations))
        count = len(overview.today)
        self.today_label.setText(
            self.tr("Aucune demande aujourd'hui.")
            if count == 0
            else self.tr("%n demande(s) reçue(s) aujourd'hui.", "", count)
        )
        self.latest_model.set_rows(overview.latest)

"""Accueil: the desk's day at a glance. Enter or a double-click on a row opens its inquiry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guichet.reference.dates import format_share
from guichet.services.followups import DueReferral
from guichet.services.overview import InquiryRow, Overview, load_overview
from guichet.services.reactivity import Reactivity
from guichet.services.referral_rows import ReferralRow

from guichet.ui.accessibility import set_name
from guichet.ui.appearance import scale_font
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_task_error
from guichet.ui.pages.network import home_caption, home_gains_text
from guichet.ui.table_fit import compact_rows, fit_columns
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel
from guichet.ui.tasks import run_task
from guichet.ui.widgets.status_chip import use_status_chips
from guichet.ui.widgets.visit_risks import RiskCompaniesView


class StatCard(QFrame):
    def __init__(self, title: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.value = QLabel("—")
        self.value.setObjectName(f"{object_name}Value")
        scale_font(self.value, 2, bold=True)
        self.caption = QLabel(title)
        self.caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str) -> None:
        self.value.setText(text)


def inquiry_columns(tr: Callable[[str], str]) -> list[Column[InquiryRow]]:
    return [
        Column(tr("Référence"), lambda r: r.reference),
        Column(tr("Reçue le"), lambda r: r.received_at),
        Column(tr("Entreprise"), lambda r: r.organization, tooltip=lambda r: r.organization),
        Column(tr("Besoins"), lambda r: r.subjects, tooltip=lambda r: r.subjects),
        Column(tr("Conseiller"), lambda r: r.counsellor),
        Column(tr("Statut"), lambda r: r.status),
    ]


def due_columns(tr: Callable[[str], str]) -> list[Column[DueReferral]]:
    return [
        Column(tr("Étape"), lambda d: d.stage_label),
        Column(tr("Depuis le"), lambda d: d.due_on),
        Column(
            tr("Entreprise"), lambda d: d.referral.company, tooltip=lambda d: d.referral.company
        ),
        Column(
            tr("Partenaire"), lambda d: d.referral.partner, tooltip=lambda d: d.referral.partner
        ),
        Column(tr("Téléphone"), lambda d: d.referral.contact_phone),
    ]


def referral_columns(tr: Callable[[str], str]) -> list[Column[ReferralRow]]:
    return [
        Column(tr("Proposée le"), lambda r: r.proposed_at),
        Column(tr("Entreprise"), lambda r: r.company, tooltip=lambda r: r.company),
        Column(tr("Partenaire"), lambda r: r.partner, tooltip=lambda r: r.partner),
        Column(tr("Besoin"), lambda r: r.subject, tooltip=lambda r: r.subject),
        Column(tr("Statut"), lambda r: r.status_label),
    ]


def format_minutes(minutes: float | None) -> str:
    if minutes is None:
        return "—"
    total = round(minutes)
    if total < 60:
        return f"{total} min"
    return f"{total // 60} h {total % 60:02d}"


def _table(name: str, model: RowsTableModel) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    use_status_chips(view)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    compact_rows(view)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    return view


def inquiry_of(row: object) -> int | None:
    """The inquiry a home table row belongs to."""
    if isinstance(row, InquiryRow):
        return row.id
    if isinstance(row, DueReferral):
        return row.referral.inquiry_id
    if isinstance(row, ReferralRow):
        return row.inquiry_id
    return None


class HomePage(QWidget):
    inquiry_requested = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.now = now
        self.setObjectName("homePage")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>Accueil</h2>"))
        layout.addWidget(title)
        grid = QGridLayout()
        self.cards = {
            "members": StatCard(self.tr("adhérents du réseau"), "membersCard"),
            "open_inquiries": StatCard(self.tr("demandes en cours"), "openInquiriesCard"),
            "open_referrals": StatCard(self.tr("mises en relation à suivre"), "openReferralsCard"),
            "organizations": StatCard(
                self.tr("organisations dans l'annuaire"), "organizationsCard"
            ),
        }
        for column, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, column)
        layout.addLayout(grid)
        self.reactivity_cards = {
            "median": StatCard(
                self.tr("médiane entre l'arrivée d'une demande et sa première suite (90 jours)"),
                "medianCard",
            ),
            "first_response": StatCard(
                self.tr("demandes avec une première réponse sous 72 h (90 jours)"),
                "firstResponseCard",
            ),
            "referred": StatCard(
                self.tr("mises en relation envoyées sous 72 h (90 jours)"), "referredCard"
            ),
            "taken_care": StatCard(
                self.tr("mises en relation prises en charge sous 5 jours (90 jours)"),
                "takenCareCard",
            ),
            "relay": StatCard(
                self.tr("médiane entre l'arrivée d'une opportunité et son relais (heures ouvrées)"),
                "relayCard",
            ),
        }
        for column, card in enumerate(self.reactivity_cards.values()):
            grid.addWidget(card, 1, column)
        self.network_line = QLabel()  # gained this year and who brought them
        self.network_line.setObjectName("networkGainsLabel")
        self.network_line.setWordWrap(True)
        self.today_label = QLabel()
        self.today_label.setObjectName("todayLabel")
        day_row = QHBoxLayout()  # one line: the page is at its minimum height at 640×480
        day_row.addWidget(self.today_label)
        day_row.addWidget(self.network_line, 1)
        layout.addLayout(day_row)

        self.today_model: RowsTableModel[InquiryRow] = RowsTableModel(
            inquiry_columns(self.tr), self
        )
        self.latest_model: RowsTableModel[InquiryRow] = RowsTableModel(
            inquiry_columns(self.tr), self
        )
        self.due_model: RowsTableModel[DueReferral] = RowsTableModel(due_columns(self.tr), self)
        self.referrals_model: RowsTableModel[ReferralRow] = RowsTableModel(
            referral_columns(self.tr), self
        )
        self.today_view = _table("todayInquiriesView", self.today_model)
        self.latest_view = _table("latestInquiriesView", self.latest_model)
        self.due_view = _table("followUpsDueView", self.due_model)
        self.referrals_view = _table("latestReferralsView", self.referrals_model)
        for view, caption in (
            (self.today_view, self.tr("Demandes du jour")),
            (self.latest_view, self.tr("Dernières demandes")),
            (self.due_view, self.tr("Relances à faire")),
            (self.referrals_view, self.tr("Dernières mises en relation")),
        ):
            view.activated.connect(self.on_view_activated)
            set_name(view, caption)
        self.inquiry_tabs = QTabWidget()
        self.inquiry_tabs.setObjectName("inquiryTabs")
        self.inquiry_tabs.addTab(self.today_view, self.tr("Demandes du jour"))
        self.inquiry_tabs.addTab(self.latest_view, self.tr("Dernières demandes"))
        self.referral_tabs = QTabWidget()
        self.referral_tabs.setObjectName("referralTabs")
        self.referral_tabs.addTab(self.due_view, self.tr("Relances à faire"))
        self.referral_tabs.addTab(self.referrals_view, self.tr("Dernières mises en relation"))
        self.risk_view = RiskCompaniesView(ctx)  # company visits that raised a risk signal
        self.referral_tabs.addTab(self.risk_view, self.tr("Entreprises à risque"))
        # One above the other, full width: every column readable without scrolling sideways.
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.setObjectName("homeSplitter")
        tables.setChildrenCollapsible(False)
        tables.addWidget(self.inquiry_tabs)
        tables.addWidget(self.referral_tabs)
        layout.addWidget(tables, 1)
        self._loads = 0
        self.refresh()

    def refresh(self) -> None:
        """Reloads the figures; on a server database the load runs off the GUI thread
        (guichet.ui.tasks) and the page shows it when it arrives (the newest load wins)."""
        moment, db = self.now(), self.ctx.db
        if db.dialect == "sqlite":  # a local file: read at once
            self.show_overview(load_overview(db, today=moment.date(), now=moment))
            return
        self._loads += 1
        load = self._loads

        def show(overview: Overview) -> None:
            if load == self._loads:
                self.show_overview(overview)

        run_task(
            lambda _control: load_overview(db, today=moment.date(), now=moment),
            on_success=show,
            on_error=lambda exc: show_task_error(self, exc),
            parent=self,
        )

    def show_overview(self, overview: Overview) -> None:
        self.cards["members"].set_value(
            f"{overview.members_on_territory} / {overview.network_goal}"
        )
        self.cards["members"].caption.setText(home_caption(overview.network))
        self.network_line.setText(home_gains_text(overview.network))
        self.cards["open_inquiries"].set_value(str(overview.open_inquiries))
        self.cards["open_referrals"].set_value(str(overview.open_referrals))
        self.cards["organizations"].set_value(str(overview.organizations))
        count = len(overview.today)
        self.today_label.setText(
            self.tr("Aucune demande aujourd'hui.")
            if count == 0
            else self.tr("%n demande(s) reçue(s) aujourd'hui.", "", count)
        )
        self.today_model.set_rows(overview.today)
        self.latest_model.set_rows(overview.latest)
        self.due_model.set_rows(overview.follow_ups_due)
        self.referrals_model.set_rows(overview.latest_referrals)
        for view in (self.today_view, self.latest_view, self.due_view, self.referrals_view):
            fit_columns(view, 320)
        self.referral_tabs.setTabText(
            0, self.tr("Relances à faire (%1)").replace("%1", str(len(overview.follow_ups_due)))
        )
        self.inquiry_tabs.setCurrentIndex(0 if overview.today else 1)
        self.show_reactivity(overview.reactivity)
        risks = self.risk_view.show_rows(overview.risk_companies)
        self.referral_tabs.setTabText(
            2, self.tr("Entreprises à risque (%1)").replace("%1", str(risks))
        )

    def on_view_activated(self, index: QModelIndex) -> None:
        inquiry_id = inquiry_of(index.data(ROW_ROLE))
        if inquiry_id is not None:
            self.inquiry_requested.emit(inquiry_id)

    def show_reactivity(self, figures: Reactivity | None) -> None:
        if figures is None:
            return
        cards = self.reactivity_cards
        cards["median"].set_value(format_minutes(figures.median_minutes))
        cards["median"].setToolTip(
            self.tr("en heures ouvrées, sur %n demande(s)", "", figures.figures.median_count)
        )
        targets = figures.figures.targets
        for key, share, target in (
            ("first_response", figures.first_response, targets.first_response),
            ("referred", figures.referral, targets.referral),
            ("taken_care", figures.taken_care, targets.taken_care),
        ):
            cards[key].set_value(format_share(share.rate) if share.rate is not None else "—")
            cards[key].setToolTip(
                self.tr("sur %n cas", "", share.total)
                + " · "
                + self.tr("objectif : %1").replace("%1", format_share(target))
            )
        cards["relay"].set_value(format_minutes(figures.relay_median_minutes))
        cards["relay"].setToolTip(
            self.tr(
                "%1 relayées dans l'heure ouvrée, sur %n opportunité(s) (90 jours)",
                "",
                figures.relay_count,
            ).replace(
                "%1",
                format_share(figures.relay_within_hour)
                if figures.relay_within_hour is not None
                else "—",
            )
        )

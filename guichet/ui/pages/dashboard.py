"""« Tableau de bord »: the desk's figures over a period, compared with the same period a year
before; each chart has its table beside it, a bar opens its list (Demandes, Relances, Annuaire);
the map of activity in its own tab. Figures come from services/figures, loaded off the GUI
thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guichet.db import Database
from guichet.reference.dates import format_number
from guichet.search.filters import SearchFilters
from guichet.services.figures import (
    MEASURES,
    ActivityFigures,
    CommuneCounts,
    Period,
    Share,
    activity_figures,
    commune_counts,
    shown_share,
)
from guichet.services.figures.territory_map import MEMBERS
from guichet.services.inquiries import InquiryFilters
from guichet.services.settings import SettingsService
from guichet.services.territory import territory_codes

from guichet.ui.context import AppContext
from guichet.ui.feedback import show_task_error
from guichet.ui.pages.dashboard_charts import SECTIONS, ListRequest, SectionSpec
from guichet.ui.pages.dashboard_map import ActivityMap
from guichet.ui.pages.dashboard_period import PeriodPicker
from guichet.ui.pages.home import StatCard, format_minutes
from guichet.ui.tasks import Task, TaskControl, run_task
from guichet.ui.widgets.chart_section import ChartSection


@dataclass(frozen=True)
class DashboardData:
    figures: ActivityFigures
    maps: dict[str, CommuneCounts]
    territory: frozenset[str]


def load_dashboard(db: Database, period: Period, now: datetime) -> DashboardData:
    return DashboardData(
        figures=activity_figures(db, period, now=now),
        maps={measure: commune_counts(db, period, measure) for measure in MEASURES},
        territory=territory_codes(SettingsService(db).get("territory.insee_codes")),
    )


def _change(now: int, before: int) -> str:
    if before == 0:
        return ""
    return f" ({(now - before) / before:+.0%})".replace("%", " %")


class DashboardPage(QWidget):
    list_requested = Signal(str, object, str)  # page key, filters, caption (MainWindow.open_list)

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
        self.setObjectName("dashboardPage")
        self.data: DashboardData | None = None
        self.task: Task | None = None
        self.picker = PeriodPicker(now().date())
        self.picker.period_changed.connect(lambda _p: self.refresh())
        self.status = QLabel()
        self.status.setObjectName("dashboardStatus")

        self.cards = {
            "inquiries": StatCard(self.tr("demandes"), "dashInquiriesCard"),
            "first_response": StatCard(
                self.tr("première réponse sous 72 h"), "dashFirstResponseCard"
            ),
            "referral": StatCard(self.tr("mise en relation sous 72 h"), "dashReferralCard"),
            "taken_care": StatCard(self.tr("prise en charge sous 5 jours"), "dashTakenCareCard"),
            "median": StatCard(
                self.tr("délai médian jusqu'à la première suite (heures ouvrées)"),
                "dashMedianCard",
            ),
            "referrals": StatCard(self.tr("mises en relation envoyées"), "dashReferralsCard"),
            "members": StatCard(self.tr("adhérents en fin de période"), "dashMembersCard"),
        }
        cards = QGridLayout()
        for column, card in enumerate(self.cards.values()):
            cards.addWidget(card, 0, column)
            cards.setColumnStretch(column, 1)
        self.sections: dict[str, ChartSection] = {}
        charts = QWidget()
        charts.setObjectName("dashboardCharts")
        column_layout = QVBoxLayout(charts)
        column_layout.addLayout(cards)
        for spec in SECTIONS:
            section = ChartSection(spec.name, self.tr(spec.title), self.tr(spec.category_title))
            section.activated.connect(
                lambda category, series, spec=spec: self.on_bar_activated(spec, category, series)
            )
            if spec.drill is not None:
                section.table.setToolTip(self.tr("Entrée : ouvrir la liste de cette ligne"))
                section.chart_view.setToolTip(self.tr("Cliquer sur une barre ouvre sa liste"))
            self.sections[spec.name] = section
            column_layout.addWidget(section)
        self.charts_scroll = QScrollArea()
        self.charts_scroll.setObjectName("dashboardScroll")
        self.charts_scroll.setWidgetResizable(True)
        self.charts_scroll.setWidget(charts)
        self.activity_map = ActivityMap()
        self.activity_map.commune_activated.connect(self.on_map_commune_activated)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        self.tabs.addTab(self.charts_scroll, self.tr("&Graphiques"))
        self.tabs.addTab(self.activity_map, self.tr("&Carte de l'activité"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.picker)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # -- loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.task is not None:
            self.task.cancel()
        db, period, moment = self.ctx.db, self.picker.period(), self.now()
        self.status.setText(self.tr("Calcul des chiffres : %1…").replace("%1", period.label))
        self.status.show()

        def work(control: TaskControl) -> DashboardData:
            control.check()
            return load_dashboard(db, period, moment)

        task = run_task(work, parent=self)
        task.signals.succeeded.connect(lambda data, task=task: self.on_loaded(task, data))
        task.signals.failed.connect(lambda exc, task=task: self.on_failed(task, exc))
        task.signals.cancelled.connect(lambda task=task: self._ended(task))
        self.task = task

    def is_loading(self) -> bool:
        return self.task is not None

    def _ended(self, task: Task) -> bool:
        """Whether ``task`` is the latest load (an older one, overtaken, is ignored)."""
        if task is not self.task:
            return False
        self.task = None
        return True

    def on_failed(self, task: Task, exc: BaseException) -> None:
        if self._ended(task):
            self.status.hide()
            show_task_error(self, exc)

    def on_loaded(self, task: Task, data: DashboardData) -> None:
        if not self._ended(task):
            return
        self.data = data
        f = data.figures
        self.status.hide()  # the picker says which period, and which one it is compared with
        self._show_cards(f)
        for spec in SECTIONS:
            self.sections[spec.name].set_data(spec.chart(f))
        self.activity_map.set_counts(data.maps, data.territory)

    def _show_cards(self, f: ActivityFigures) -> None:
        now, before = f.volumes.total, f.previous_volumes.total
        self.cards["inquiries"].set_value(format_number(now) + _change(now, before))
        self.cards["inquiries"].caption.setText(
            self.tr("demandes ; un an avant : %1").replace("%1", format_number(before))
        )
        r, p = f.reactivity, f.previous_reactivity
        for key, share, previous, target in (
            ("first_response", r.first_response, p.first_response, r.targets.first_response),
            ("referral", r.referral, p.referral, r.targets.referral),
            ("taken_care", r.taken_care, p.taken_care, r.targets.taken_care),
        ):
            self._share_card(key, share, previous, target)
        self.cards["median"].set_value(format_minutes(r.median_minutes))
        self.cards["median"].setToolTip(
            self.tr("un an avant : %1").replace("%1", format_minutes(p.median_minutes))
        )
        self.cards["referrals"].set_value(format_number(f.referrals.sent))
        self.cards["referrals"].caption.setText(
            self.tr("mises en relation envoyées ; issue connue : %1").replace(
                "%1", shown_share(f.referrals.closed_loop)
            )
        )
        self.cards["members"].set_value(f"{f.network.members} / {f.network.target}")
        self.cards["members"].caption.setText(
            self.tr("adhérents %1 en fin de période ; %2 gagnés")
            .replace("%1", f.network.network)
            .replace("%2", str(f.network.gained))
        )

    def _share_card(self, key: str, share: Share, previous: Share, target: float) -> None:
        card = self.cards[key]
        card.set_value(shown_share(share) if share.rate is not None else "—")
        card.setToolTip(
            self.tr("%1 sur %2 ; objectif %3 ; un an avant : %4")
            .replace("%1", str(share.hits))
            .replace("%2", str(share.total))
            .replace("%3", f"{target:.0%}".replace("%", " %"))
            .replace("%4", shown_share(previous))
        )
        card.setAccessibleDescription(card.toolTip())

    # -- lists behind the figures ---------------------------------------------------------------
    def on_bar_activated(self, spec: SectionSpec, category: str, series: str) -> None:
        if self.data is None or spec.drill is None:
            return
        request = spec.drill(self.data.figures, category, series)
        if request is not None:
            self._open(request)

    def on_map_commune_activated(self, measure: str, code: str) -> None:
        if self.data is None:
            return
        f = self.data.figures
        if measure == MEMBERS:
            self._open(
                ListRequest(
                    "directory",
                    SearchFilters(commune_insee=code, network=f.network.network),
                    code,
                )
            )
            return
        self._open(
            ListRequest(
                "inquiries",
                InquiryFilters(since=f.period.start, until=f.period.end, commune_insee=code),
                self.tr("commune %1, %2").replace("%1", code).replace("%2", f.period.label),
            )
        )

    def _open(self, request: ListRequest) -> None:
        self.list_requested.emit(request.page, request.filters, request.caption)

    def today(self) -> date:
        return self.now().date()

"""« Tableau de bord »: charts with their tables, the period picker, bars opening their lists,
the map of activity — and Accueil, ``guichet stats`` and the dashboard agreeing on the demo."""

from __future__ import annotations

import json
from datetime import date

import pytest

from PySide6.QtCore import QSettings

from guichet.cli import main
from guichet.models import Channel
from guichet.services.figures import Period, activity_figures, figures_as_json, shown_share
from guichet.services.inquiries import InquiryFilters, count_inquiries
from guichet.services.overview import load_overview
from tests.conftest import DEMO_NOW
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext
from guichet.ui.pages.dashboard import DashboardPage
from guichet.ui.pages.dashboard_charts import SECTIONS
from guichet.ui.widgets.table_copy import table_text


def _loaded(qtbot, page: DashboardPage) -> DashboardPage:
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=30_000)
    assert page.data is not None
    return page


def _page(qtbot, ctx: AppContext, period: Period | None = None) -> DashboardPage:
    page = DashboardPage(ctx, now=lambda: DEMO_NOW)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    if period is not None:
        page.picker.set_period(period)
        _loaded(qtbot, page)
    return page


def test_every_chart_has_its_table(qtbot, qtmodeltester, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    assert page.picker.period() == Period.of_year(2026)
    assert page.picker.comparison.text() == "année 2026, comparée à année 2025"
    figures = activity_figures(demo_ctx.db, Period.of_year(2026), now=DEMO_NOW)
    assert page.data is not None and page.data.figures == figures
    for spec in SECTIONS:
        section = page.sections[spec.name]
        qtmodeltester.check(section.model)
        assert section.table.accessibleName()
        assert section.chart.series(), spec.name
    months = page.sections["volumesSection"].model
    assert months.rowCount() == 12
    assert [months.index(r, 1).data() for r in range(12)] == [
        str(c.count) for c in figures.volumes.by_month
    ]
    assert page.cards["inquiries"].value.text().startswith(str(figures.volumes.total))
    assert page.cards["referrals"].value.text() == str(figures.referrals.sent)
    text = table_text(page.sections["subjectSection"].table)
    assert text.splitlines()[0] == "Sujet\tDemandes"
    assert f"{figures.subjects[0].label}\t{figures.subjects[0].count}" in text


def test_the_period_picker(qtbot, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx, Period.of_quarter(2026, 2))
    assert page.data is not None and page.data.figures.previous == Period.of_quarter(2025, 2)
    assert page.sections["volumesSection"].model.rowCount() == 3
    page.picker.step(-1)
    _loaded(qtbot, page)
    assert page.picker.period() == Period.of_quarter(2026, 1)
    page.picker.kind_box.setCurrentIndex(page.picker.kind_box.findData("custom"))
    _loaded(qtbot, page)
    page.picker.end_edit.setDate(page.picker.start_edit.date().addDays(-1))  # before the start
    assert "précède" in page.picker.comparison.text()
    assert not page.is_loading()  # nothing reloaded on a wrong period


def test_a_bar_opens_its_list(qtbot, demo_ctx: AppContext, qsettings: QSettings) -> None:
    window = shown_window(qtbot, demo_ctx, qsettings)
    window.show_page("dashboard")
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    page.now = lambda: DEMO_NOW
    page.picker.set_period(Period.of_year(2026))
    _loaded(qtbot, page)
    assert page.data is not None
    figures = page.data.figures
    # Demandes: the channel's bar of a month lists as many inquiries as the bar counts
    row = max(figures.volumes.by_month_channel, key=lambda r: r.count)
    page.sections["channelSection"].activated.emit(row.month, row.key)
    assert window.current_page_key() == "inquiries"
    inquiries = window.page("inquiries")
    chosen = inquiries.filters()  # type: ignore[attr-defined]
    assert chosen.channel == Channel(row.key)
    assert count_inquiries(demo_ctx.db, chosen) == row.count
    assert inquiries.chosen_bar.isVisible()  # type: ignore[attr-defined]
    # a NAF section's bar
    section = figures.naf_sections[0]
    page.sections["nafSection"].activated.emit(section.key, "")
    assert count_inquiries(demo_ctx.db, inquiries.filters()) == section.count  # type: ignore[attr-defined]
    inquiries.chosen_bar.clear_button.click()  # type: ignore[attr-defined]
    assert inquiries.filters().naf_section is None  # type: ignore[attr-defined]
    # Relances: a partner's referrals in one outcome
    outcome = max(figures.referrals.by_partner_outcome, key=lambda r: r.count)
    page.sections["partnerSection"].activated.emit(str(outcome.partner_id), outcome.status)
    assert window.current_page_key() == "followups"
    followups = window.page("followups")
    assert followups.model.rowCount() == outcome.count  # type: ignore[attr-defined]
    assert {line.referral.partner for line in followups.model.rows()} == {outcome.partner}  # type: ignore[attr-defined]
    # Annuaire: the network's members
    page.sections["networkSection"].activated.emit("", "")
    assert window.current_page_key() == "directory"
    panel = window.page("directory").search_tab.filters  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not panel.lists_loading())  # the network list is read on a worker
    assert panel.filters().network == figures.network.network


def test_the_map_of_activity(qtbot, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    activity = page.activity_map
    assert page.data is not None
    territory = page.data.territory
    inquiries = {c.key: c.count for c in page.data.maps["inquiries"].counts if c.key in territory}
    rows = {r.code: r.value for r in activity.panel.commune_model.rows()}
    assert rows == inquiries and rows
    assert activity.panel.legend_texts()[0] == "Demandes :"
    activity.measure_box.setCurrentIndex(activity.measure_box.findData("members"))
    assert activity.panel.legend_texts()[0] == "Adhérents :"
    members = {c.key: c.count for c in page.data.maps["members"].counts if c.key in territory}
    assert {r.code: r.value for r in activity.panel.commune_model.rows()} == members
    assert sum(members.values()) > 0
    requested: list[tuple[str, object, str]] = []
    page.list_requested.connect(lambda *args: requested.append(args))
    code = next(iter(inquiries))
    activity.measure_box.setCurrentIndex(0)
    activity.panel.commune_activated.emit(code)
    [(key, filters, _caption)] = requested
    assert key == "inquiries" and isinstance(filters, InquiryFilters)
    assert count_inquiries(demo_ctx.db, filters) == inquiries[code]


def test_accueil_stats_and_dashboard_agree_on_the_demo(
    qtbot, demo_ctx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    """The one source of figures: Accueil's réactivité (its last 90 days), ``guichet stats
    --json`` and the dashboard over the same period give the same numbers."""
    overview = load_overview(demo_ctx.db, today=DEMO_NOW.date(), now=DEMO_NOW)
    assert overview.reactivity is not None
    period = overview.reactivity.period
    page = _page(qtbot, demo_ctx, period)
    assert page.data is not None
    dashboard = page.data.figures
    assert demo_ctx.db.path is not None
    argv = ["--db", str(demo_ctx.db.path), "stats", "--du", period.start.isoformat()]
    argv += ["--au", period.end.isoformat(), "--maintenant", DEMO_NOW.isoformat(), "--json"]
    assert main(argv) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats == figures_as_json(dashboard)
    assert overview.reactivity.figures == dashboard.reactivity
    for key in ("first_response", "referral", "taken_care"):
        share = getattr(dashboard.reactivity, key)
        assert stats["reactivity"][key]["rate"] == share.rate is not None
        assert page.cards[key].value.text() == shown_share(share)
    assert stats["reactivity"]["median_minutes"] == overview.reactivity.median_minutes
    assert period == Period(date(2026, 8, 23), DEMO_NOW.date(), "")


def test_the_targets_are_set_in_parametres(qtbot, ctx: AppContext) -> None:
    from guichet.services.figures import load_targets

    from guichet.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    tab = dialog.reactivity_tab
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == "Réactivité"
    assert tab.boxes["reactivity.target_taken_care"].value() == 80
    tab.boxes["reactivity.target_taken_care"].setValue(85)
    dialog.on_buttons_accepted()
    assert load_targets(ctx.db).taken_care == 0.85


def test_tab_reaches_the_picker_and_every_table(
    qtbot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    from tests.ui.accessibility import reachable, tab_chain
    from tests.ui.windows import active_window

    window = active_window(qtbot, demo_ctx, qsettings)
    window.show_page("dashboard")
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    _loaded(qtbot, page)
    chain = tab_chain(page.picker.kind_box, page)
    missing = [w.objectName() for w in reachable(page) if w not in chain]
    assert missing == []
    names = [w.objectName() for w in chain]
    tables = [f"{spec.name}Table" for spec in SECTIONS]
    assert [n for n in names if n in tables] == tables  # in reading order
    assert names.index("periodKind") < names.index("periodYear") < names.index(tables[0])


def test_the_page_fits_the_desk_screens(qtbot, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx, Period.custom(date(2025, 12, 3), date(2026, 11, 19)))
    assert not page.picker.start_edit.isHidden()  # the custom dates are shown
    hint = page.minimumSizeHint()
    # the sidebar takes about 190 pixels of the 1280 × 800 screen, menus and status bar 60
    assert hint.width() <= 1280 - 190 and hint.height() <= 768 - 60

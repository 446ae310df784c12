"""Accueil: follow-ups due, latest referrals and réactivité figures."""

from __future__ import annotations

from datetime import date, datetime

from guichet.services.followups import due_referrals
from guichet.services.overview import load_overview

from guichet.ui.context import AppContext
from guichet.ui.pages.home import HomePage, format_minutes

DAY = date(2026, 11, 20)


def test_home_shows_referral_work(qtbot, qtmodeltester, demo_ctx: AppContext) -> None:
    page = HomePage(demo_ctx)
    qtbot.addWidget(page)
    overview = load_overview(demo_ctx.db, today=DAY, now=datetime(2026, 11, 20, 10, 30))
    page.show_overview(overview)
    for model in (page.today_model, page.latest_model, page.due_model, page.referrals_model):
        qtmodeltester.check(model)
    assert page.due_model.rowCount() == len(due_referrals(demo_ctx.db, DAY)) > 0
    assert page.referral_tabs.tabText(0).endswith(f"({page.due_model.rowCount()})")
    assert page.referrals_model.rowCount() == 15
    assert page.today_model.rowCount() == len(overview.today)
    assert overview.reactivity is not None
    assert page.reactivity_cards["median"].value.text() == format_minutes(
        overview.reactivity.median_minutes
    )
    for key in ("first_response", "referred", "taken_care"):
        assert page.reactivity_cards[key].value.text().endswith("%")
        assert "objectif" in page.reactivity_cards[key].toolTip()


def test_home_follows_its_clock(qtbot, demo_ctx: AppContext) -> None:
    moment = datetime(2026, 11, 20, 10, 30)
    page = HomePage(demo_ctx, now=lambda: moment)
    qtbot.addWidget(page)
    assert page.due_model.rowCount() == len(due_referrals(demo_ctx.db, moment.date()))
    later = moment.replace(year=2027, month=6)
    page.now = lambda: later
    page.refresh()
    assert page.due_model.rowCount() == len(due_referrals(demo_ctx.db, later.date()))
    assert page.due_model.rowCount() != len(due_referrals(demo_ctx.db, moment.date()))


def test_minutes_are_readable() -> None:
    assert format_minutes(None) == "—"
    assert format_minutes(42.4) == "42 min"
    assert format_minutes(125) == "2 h 05"

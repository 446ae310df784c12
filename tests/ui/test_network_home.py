"""Accueil: the goal's progress from the settings, what this year's members came through, and
the celebration once the goal is reached."""

from __future__ import annotations

from datetime import date, datetime

from guichet.services.overview import load_overview
from guichet.services.settings import SettingsService

from guichet.ui.context import AppContext
from guichet.ui.pages.home import HomePage

NOW = datetime(2026, 11, 20, 10, 30)


def test_home_shows_the_goal_and_who_brought_this_years_members(
    qtbot, demo_ctx: AppContext
) -> None:
    page = HomePage(demo_ctx, now=lambda: NOW)
    qtbot.addWidget(page)
    overview = load_overview(demo_ctx.db, today=NOW.date(), now=NOW)
    network = overview.network
    assert network is not None and 80 <= network.members <= 90
    card = page.cards["members"]
    assert card.value.text() == f"{network.members} / 100"
    assert card.caption.text() == "adhérents de Sotraban sur le territoire"
    line = page.network_line.text()
    assert line.startswith(f"Réseau : {network.gained_this_year} adhérent(s) gagné(s) en 2026")
    assert "demande au guichet" in line and "Objectif atteint" not in line
    SettingsService(demo_ctx.db).update({"network.goal_target": 80})
    page.refresh()
    assert page.cards["members"].value.text() == f"{network.members} / 80"
    assert "Objectif atteint" in page.network_line.text()
    assert load_overview(demo_ctx.db, today=date(2026, 11, 20)).network_goal == 80

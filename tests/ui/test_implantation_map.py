"""« Carte » of Implantation on the demo data: sites by availability, a project's proposals."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from guichet.models.implantation_enums import SiteAvailability
from guichet.services.projects import list_projects, proposed_sites
from guichet.services.sites import list_sites
from tests.conftest import DEMO_NOW

from guichet.ui.context import AppContext
from guichet.ui.pages.implantation_map import AVAILABILITY_LOOK, SitesMapTab, site_marker
from guichet.ui.theme import color

TODAY = DEMO_NOW.date()


@pytest.fixture
def tab(qtbot: QtBot, demo_ctx: AppContext) -> SitesMapTab:
    tab = SitesMapTab(demo_ctx, today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    qtbot.waitExposed(tab)
    qtbot.waitUntil(lambda: not tab.is_loading())
    return tab


def test_every_placed_site_is_a_marker_coloured_by_availability(
    tab: SitesMapTab, demo_ctx: AppContext
) -> None:
    sites = list_sites(demo_ctx.db, today=TODAY)
    placed = [s for s in sites if s.latitude is not None and s.longitude is not None]
    assert placed, "the demo places its sites"
    markers = {m.id: m for m in tab.map_panel().view.markers()}
    assert set(markers) == {s.id for s in placed}
    kinds = {s.availability for s in placed}
    assert len(kinds) >= 2, "the demo has sites available now and later"
    for site in placed:
        tone, shape = AVAILABILITY_LOOK[site.availability]
        assert markers[site.id].color.name() == color(tone).name()
        assert markers[site.id].shape == shape
    assert set(tab.map_panel().legend_texts()) == {m.category for m in markers.values()}
    assert tab.map_panel().marker_model.rowCount() == len(placed)


def test_a_click_on_a_site_opens_it(tab: SitesMapTab, qtbot: QtBot) -> None:
    view = tab.map_panel().view
    marker = tab.map_panel().view.markers()[0]
    view.center_on_marker(marker.id)
    for _ in range(4):
        view.zoom_by(1.5)  # apart from its neighbours
    with qtbot.waitSignal(tab.site_activated) as opened:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.marker_view_pos(marker.id)
        )
    assert isinstance(opened.args[0], int)
    assert view.describe(view.marker_view_pos(marker.id))[1] == opened.args[0]


def test_a_project_highlights_its_proposed_sites(
    tab: SitesMapTab, demo_ctx: AppContext, qtbot: QtBot
) -> None:
    projects = list_projects(demo_ctx.db, today=TODAY)
    project = next(p for p in projects if proposed_sites(demo_ctx.db, p.id, today=TODAY))
    expected = {p.site.id for p in proposed_sites(demo_ctx.db, project.id, today=TODAY)}
    tab.set_project(project.id)
    qtbot.waitUntil(lambda: tab.map_panel().view.highlighted() == frozenset(expected))
    assert project.code_name in tab.project_combo.currentText()
    tab.project_combo.setCurrentIndex(0)  # « Aucun projet »
    assert tab.map_panel().view.highlighted() == frozenset()


def test_the_project_list_uses_code_names(tab: SitesMapTab, demo_ctx: AppContext) -> None:
    projects = list_projects(demo_ctx.db, today=TODAY)
    texts = [tab.project_combo.itemText(i) for i in range(1, tab.project_combo.count())]
    assert len(texts) == len(projects)
    hidden = [p for p in projects if p.confidential]
    assert hidden and all(p.code_name in " ".join(texts) for p in hidden)


def test_a_site_without_position_is_counted_not_drawn(tab: SitesMapTab) -> None:
    site = tab.sites[0]
    from dataclasses import replace

    assert site_marker(replace(site, latitude=None, longitude=None)) is None
    later = replace(site, availability=SiteAvailability.LATER, available_on=date(2027, 3, 1))
    marker = site_marker(later)
    assert marker is not None and "Disponible plus tard (le 01/03/2027)" in marker.tooltip
    assert "sites sur la carte" in tab.status.text()


def test_the_page_carte_tab_follows_the_project_and_opens_sites(
    qtbot: QtBot, demo_ctx: AppContext
) -> None:
    from guichet.ui.pages.implantation import ImplantationPage

    page = ImplantationPage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    assert page.tabs.tabText(page.tabs.indexOf(page.map)) == "Carte"
    project = next(p for p in list_projects(demo_ctx.db) if proposed_sites(demo_ctx.db, p.id))
    expected = frozenset(p.site.id for p in proposed_sites(demo_ctx.db, project.id))
    page.open_project(project.id)
    page.tabs.setCurrentWidget(page.map)
    qtbot.waitUntil(lambda: page.map.panel is not None and not page.map.is_loading())
    qtbot.waitUntil(lambda: page.map.map_panel().view.highlighted() == expected)
    site_id = sorted(expected)[0]
    page.map.map_panel().marker_activated.emit(site_id)  # a click, or Entrée in the list
    current = page.tabs.currentWidget()
    assert current is page.sites or current.isAncestorOf(page.sites)  # the Sites tab
    assert page.sites.current is not None and page.sites.current.id == site_id

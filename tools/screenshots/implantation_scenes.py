"""Screenshot scenes of the page Implantation: the pipeline, a project with its matching
sites, the catalogue of sites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from guichet.services.projects import list_projects

from guichet.ui.pages.implantation import ImplantationPage

if TYPE_CHECKING:
    from guichet.ui.main_window import MainWindow


def _page(window: MainWindow) -> ImplantationPage:
    window.show_page("implantation")
    page = window.page("implantation")
    assert isinstance(page, ImplantationPage)
    return page


def pipeline(window: MainWindow) -> QWidget:
    page = _page(window)
    page.show_tab(page.pipeline)
    page.pipeline.view.selectRow(0)
    return window


def project(window: MainWindow) -> QWidget:
    """The hydrogen project at « Décision », its matching sites on screen."""
    page = _page(window)
    assert window.ctx is not None
    zephyr = next(p for p in list_projects(window.ctx.db) if p.code_name == "Projet Zéphyr")
    page.open_project(zephyr.id)
    page.project.tabs.setCurrentIndex(0)
    page.project.match_view.selectRow(0)
    return window


def sites(window: MainWindow) -> QWidget:
    page = _page(window)
    page.show_tab(page.sites)
    page.sites.park_view.selectRow(0)
    page.sites.site_view.selectRow(0)
    return window

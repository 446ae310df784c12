"""Screenshot scenes of the directory (``make screenshots``): a search with a filter and the
detail panel, the duplicates list, the merge dialog."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from guichet.services.demo_duplicates import add_demo_duplicates

from guichet.ui.pages.directory import DirectoryPage
from guichet.ui.pages.directory_filters import ON_TERRITORY

if TYPE_CHECKING:
    from guichet.ui.main_window import MainWindow


def _page(window: MainWindow) -> DirectoryPage:
    window.show_page("directory")
    page = window.page("directory")
    assert isinstance(page, DirectoryPage)
    return page


def directory_search(window: MainWindow) -> QWidget:
    page = _page(window)
    tab = page.search_tab
    page.tabs.setCurrentWidget(tab)
    tab.search_edit.setText("usinage")
    tab.filters.select(tab.filters.place_combo, ON_TERRITORY)
    deadline = time.monotonic() + 10
    while tab.is_searching() and time.monotonic() < deadline:  # the search runs in background
        QApplication.processEvents()
        time.sleep(0.01)
    tab.table.selectRow(0)
    return window


def _with_duplicates(window: MainWindow) -> DirectoryPage:
    page = _page(window)
    if not window.property("demo_duplicates_added"):
        assert window.ctx is not None
        add_demo_duplicates(window.ctx.db)
        window.setProperty("demo_duplicates_added", True)
        page.duplicates_tab.refresh()
    page.tabs.setCurrentWidget(page.duplicates_tab)
    return page


def duplicates(window: MainWindow) -> QWidget:
    _with_duplicates(window)
    return window


def merge(window: MainWindow) -> QWidget:
    tab = _with_duplicates(window).duplicates_tab
    tab.view.selectRow(0)
    pair = tab.selected_pair()
    assert pair is not None
    dialog = tab.open_merge(pair)
    dialog.show()
    return dialog


def _demo_sirene_row(window: MainWindow) -> None:
    """One establishment in the SIRENE table (the demo data set has none)."""
    from guichet.models import SireneEstablishment
    from guichet.reference.text import fold

    assert window.ctx is not None
    with window.ctx.db.unit_of_work() as s:
        if s.get(SireneEstablishment, "73282932000074") is None:
            s.add(
                SireneEstablishment(
                    siret="73282932000074",
                    siren="732829320",
                    name="MECANIQUE DE PRECISION DU PAYS DE CAUX",
                    name_key=fold("MECANIQUE DE PRECISION DU PAYS DE CAUX"),
                    naf_code="25.62B",
                    naf_version="NAFRev2",
                    legal_form="5710",
                    headcount_band="12",
                    street="14 RUE DES ENTREPRENEURS",
                    postal_code="76170",
                    city="LILLEBONNE",
                    commune_insee="76384",
                    is_headquarters=True,
                    active=True,
                )
            )


def organization_sirene(window: MainWindow) -> QWidget:
    """The organization form after « Compléter depuis SIRENE »."""
    from guichet.ui.dialogs.organization_dialog import OrganizationDialog

    _demo_sirene_row(window)
    assert window.ctx is not None
    dialog = OrganizationDialog(window.ctx, None, window)
    dialog.edits["legal_name"].setText("Méca Précision Caux")
    dialog.set_siret("73282932000074")
    dialog.sirene.button.click()
    dialog.show()
    return dialog

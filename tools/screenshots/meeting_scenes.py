"""Screenshot scenes of « Réunions » on the demo database (as of the demo's clock)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from guichet.models import RegistrationStatus
from guichet.search.filters import SearchFilters
from guichet.services.meeting_audience import AudienceQuery, preview_audience
from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.main_window import MainWindow
from guichet.ui.pages.meetings import MeetingsPage


def _page(window: MainWindow) -> MeetingsPage:
    window.show_page("meetings")
    page = window.page("meetings")
    assert isinstance(page, MeetingsPage)
    page.now = lambda: DEMO_NOW
    return page


def meetings(window: MainWindow) -> QWidget:
    """The list, upcoming first; the next meeting shown with its registrations and waiting list."""
    page = _page(window)
    page.refresh()
    page.select_meeting(page.model.rows()[0].id)
    return window


def meeting_registrations(window: MainWindow) -> QWidget:
    """The hydrogen information meeting with the cluster: attendance, the inquiries it brought."""
    page = _page(window)
    page.refresh()
    hydrogen = next(r for r in page.model.rows() if r.title.startswith("Hydrogène"))
    page.select_meeting(hydrogen.id)
    panel = page.detail.registrations
    rows = panel.model.rows()
    present = next(i for i, r in enumerate(rows) if r.status == RegistrationStatus.PRESENT)
    panel.view.setCurrentIndex(panel.model.index(present, 0))
    panel.view.setFocus()
    return window


def audience(window: MainWindow) -> QWidget:
    """The audience of the next workshop on decarbonation: capability Hydrogène and its
    children, previewed with the people left out."""
    from guichet.ui.dialogs.meeting_audience_dialog import AudienceDialog

    assert window.ctx is not None
    page = _page(window)
    page.refresh()
    workshop = next(r for r in page.model.rows() if r.title.startswith("Atelier : décarboner"))
    dialog = AudienceDialog(window.ctx, workshop.id, workshop.title, window)
    filters = dialog.filters
    index = next(
        i
        for i in range(filters.capability_combo.count())
        if filters.capability_combo.itemText(i).strip() == "Hydrogène"
    )
    filters.capability_combo.setCurrentIndex(index)
    query = AudienceQuery(filters=filters.filters())
    assert query.filters != SearchFilters()
    dialog.show_preview(preview_audience(window.ctx.db, workshop.id, query))
    dialog.show()
    QApplication.processEvents()
    return dialog

"""The Annuaire detail panel's « Mises en relation reçues » fits its width at 1280×800: no
sideways scrolling, long names elided, the whole referral in every cell's tooltip, the other
columns a right-click away."""

from __future__ import annotations

from sqlalchemy import func, select

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QTableView

import guichet.models as m
from guichet.services.organizations import OrganizationService
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext
from guichet.ui.pages.organization_panel_parts import HIDDEN_REFERRAL_COLUMNS


def _shown_width(view: QTableView) -> int:
    header = view.horizontalHeader()
    return sum(
        header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c)
    )


def _busiest_partner(demo_ctx: AppContext) -> int:
    with demo_ctx.db.unit_of_work(write=False) as s:
        count = func.count().label("n")
        row = s.execute(
            select(m.Referral.partner_id, count)
            .group_by(m.Referral.partner_id)
            .order_by(count.desc())
        ).first()
    assert row is not None
    return int(row[0])


def test_received_referrals_fit_the_panel_at_1280x800(
    qtbot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    window = shown_window(qtbot, demo_ctx, qsettings)
    window.resize(1280, 800)
    window.show_page("directory")
    page = window.page("directory")
    partner = _busiest_partner(demo_ctx)
    page.search_tab.show_organization(partner)  # type: ignore[attr-defined]
    panel = page.search_tab.panel  # type: ignore[attr-defined]
    view = panel.referrals_view
    qtbot.waitUntil(lambda: view.isVisible() and view.viewport().width() > 0)
    QApplication.processEvents()
    referrals = OrganizationService(demo_ctx.db).get(partner).referrals
    assert view.model().rowCount() == len(referrals) > 5
    assert {c for c in range(6) if view.isColumnHidden(c)} == HIDDEN_REFERRAL_COLUMNS
    assert view.horizontalScrollBar().maximum() == 0
    assert _shown_width(view) <= view.viewport().width()
    # a name longer than its column is elided, and the tooltip gives the whole referral
    longest = max(range(len(referrals)), key=lambda r: len(referrals[r].company))
    company = view.model().index(longest, 1)
    assert view.fontMetrics().horizontalAdvance(referrals[longest].company) > view.columnWidth(1)
    tip = company.data(Qt.ItemDataRole.ToolTipRole)
    shown = referrals[longest]
    for part in (shown.inquiry_reference, shown.company, shown.subject, shown.status_label):
        assert part in tip
    assert shown.proposed_at.strftime("%d/%m/%Y") in tip
    # a column shown again from the header's menu: still no sideways scrolling
    panel.referrals_columns.set_shown(0, True)
    assert not view.isColumnHidden(0) and view.columnWidth(0) > 0
    assert view.horizontalScrollBar().maximum() == 0
    assert _shown_width(view) <= view.viewport().width()
    # the panel grows (splitter dragged): the text columns take the room back
    narrow = view.columnWidth(1)
    page.search_tab.splitter.setSizes([200, 200, 900])  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.columnWidth(1) > narrow)
    assert _shown_width(view) <= view.viewport().width()

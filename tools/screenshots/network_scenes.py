"""Scenes of the network: the Réseau page with its chart, its prospects, the card's
memberships and the Paramètres tab of the goal."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from guichet.models import MembershipOrigin
from guichet.services.memberships import MembershipService, Origin
from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.main_window import MainWindow


def _network_page(window: MainWindow) -> QWidget:
    window.show_page("network")
    page = window.page("network")
    page.today = DEMO_NOW.date  # type: ignore[attr-defined]
    page.prospects.today = DEMO_NOW.date  # type: ignore[attr-defined]
    page.refresh()  # type: ignore[attr-defined]
    return page


def network(window: MainWindow) -> QWidget:
    _network_page(window)
    return window


def prospects(window: MainWindow) -> QWidget:
    page = _network_page(window)
    page.tabs.setCurrentWidget(page.prospects)  # type: ignore[attr-defined]
    return window


def network_settings(window: MainWindow) -> QWidget:
    from guichet.ui.dialogs.settings import SettingsDialog

    assert window.ctx is not None
    dialog = SettingsDialog(window.ctx, window)
    dialog.tabs.setCurrentWidget(dialog.network_tab)
    dialog.show()
    return dialog


def card_memberships(window: MainWindow) -> QWidget:
    """The directory's card of a member, scrolled to its « Adhésions » section."""
    from tools.screenshots import directory_scenes

    directory_scenes.directory_search(window)
    panel = window.page("directory").search_tab.panel  # type: ignore[attr-defined]
    panel.ensureWidgetVisible(panel.memberships.join_button)
    return window


def _visited_company(window: MainWindow) -> tuple[int, str, Origin]:
    """The latest company visited, not adhérent, with at least three records of history."""
    from sqlalchemy import select

    from guichet.models import Organization, Visit, VisitStatus
    from guichet.services.network_goals import load_goal

    assert window.ctx is not None
    db, service = window.ctx.db, MembershipService(window.ctx.db)
    network_id = load_goal(db).network_id
    with db.unit_of_work(write=False) as s:
        visits = list(
            s.execute(
                select(Visit.id, Organization.id, Organization.legal_name, Visit.counsellor_id)
                .join(Organization, Organization.id == Visit.organization_id)
                .where(Visit.status == VisitStatus.DONE)
                .order_by(Visit.done_at.desc(), Visit.id)
            )
        )
    for visit_id, organization_id, name, counsellor_id in visits:
        history = [c for c in service.origin_choices(organization_id) if c.id is not None]
        member = network_id is not None and service.is_open_member(organization_id, network_id)
        if len(history) >= 3 and not member:
            return organization_id, name, Origin(MembershipOrigin.VISIT, visit_id, counsellor_id)
    raise LookupError("no visited company with a history in the demo")


def join_dialog(window: MainWindow) -> QWidget:
    """« Adhérer… » opened from a recorded visit: the origin prefilled, the history listed."""
    from guichet.services.network_goals import load_goal

    from guichet.ui.dialogs.membership_dialog import JoinDialog

    assert window.ctx is not None
    organization_id, name, origin = _visited_company(window)
    dialog = JoinDialog(
        window.ctx,
        organization_id,
        name,
        window,
        today=DEMO_NOW.date(),
        origin=origin,
        network_id=load_goal(window.ctx.db).network_id,
    )
    dialog.show()
    return dialog

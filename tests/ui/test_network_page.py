"""Page « Réseau », the Accueil figures and the card's Adhérer / Quitter / Renouveler."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from PySide6.QtCharts import QBarSeries, QLineSeries
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

import guichet.models as m
from guichet.services.memberships import MembershipService, Origin, find_network
from guichet.services.settings import SettingsService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.membership_dialog import JoinDialog, LeaveDialog
from guichet.ui.pages.network import NetworkPage
from guichet.ui.pages.organization_memberships import MembershipsSection
from guichet.ui.table_model import ROW_ROLE

TODAY = date(2026, 12, 5)
LILLEBONNE = "76384"


def _world(ctx: AppContext, members: int) -> tuple[int, list[int]]:
    SettingsService(ctx.db).update(
        {"territory.insee_codes": [LILLEBONNE], "network.goal_target": 3}
    )
    with ctx.db.unit_of_work() as s:
        network = find_network(s, "Sotraban", create=True)
        assert network is not None
        orgs = [m.Organization(legal_name=f"Usine {i}", commune_insee=LILLEBONNE) for i in range(4)]
        s.add_all(orgs)
        s.flush()
        ids, network_id = [o.id for o in orgs], network.id
    service = MembershipService(ctx.db)
    for i in range(members):
        service.join(
            ids[i], network_id, on=date(2026, 1 + i, 10), origin=Origin(m.MembershipOrigin.MEETING)
        )
    return network_id, ids


def test_the_page_shows_the_chart_the_table_and_celebrates_the_goal(
    qtbot: QtBot, qtmodeltester, ctx: AppContext
) -> None:
    _world(ctx, 2)
    page = NetworkPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    assert page.headline.text().startswith("2 / 3 adhérents de Sotraban sur le territoire")
    assert page.banner.isHidden()
    chart = page.chart_view.chart()
    kinds = {type(series) for series in chart.series()}
    assert kinds == {QLineSeries, QBarSeries}
    line = next(s for s in chart.series() if isinstance(s, QLineSeries))
    assert line.count() == 36 and line.at(35).y() == 2
    qtmodeltester.check(page.months_model)
    qtmodeltester.check(page.gains_model)
    qtmodeltester.check(page.origins_model)
    first = page.months_view.model().index(0, 0).data(ROW_ROLE)  # the newest month first
    assert first is not None and first.month == date(2026, 12, 1) and first.members == 2
    assert page.origins_model.row_at(0) is not None
    assert page.gains_model.rowCount() == 2
    assert page.months_view.accessibleName() == "Adhérents par mois"
    SettingsService(ctx.db).update({"network.goal_target": 2})
    page.refresh()
    assert page.banner.isVisible() and "Objectif atteint" in page.banner.text()


def test_the_card_section_joins_leaves_and_renews_from_the_keyboard(
    qtbot: QtBot, ctx: AppContext, message_boxes: list[str]
) -> None:
    network_id, ids = _world(ctx, 0)
    section = MembershipsSection(ctx, today=lambda: date(2027, 1, 5))
    qtbot.addWidget(section)
    section.show_organization(ids[0], "Usine 0")
    assert section.list.item(0).text() == "Aucune adhésion."
    assert not section.leave_button.isEnabled() and not section.renew_button.isEnabled()

    with ctx.db.unit_of_work() as s:
        s.add(m.Counsellor(name="Zoé Zorn", initials="ZZZ"))
    join = JoinDialog(ctx, ids[0], "Usine 0", today=TODAY)
    qtbot.addWidget(join)
    assert join.network_box.currentData() == network_id
    join.origin_box.setCurrentIndex(join.origin_box.findText("Conseiller : Zoé Zorn"))
    assert join.has_unsaved_changes()
    qtbot.keyClick(join.ok_button, Qt.Key.Key_Space)
    assert join.result() == QDialog.DialogCode.Accepted and join.saved is not None
    assert join.saved.origin_kind == m.MembershipOrigin.COUNSELLOR
    assert join.saved.origin_label == "Conseiller : Zoé Zorn"

    section.show_organization(ids[0], "Usine 0")
    assert "Adhérent" in section.list.item(0).text() and section.leave_button.isEnabled()
    row = section.selected()
    assert row is not None
    leave = LeaveDialog(ctx, row, today=TODAY)
    qtbot.addWidget(leave)
    qtbot.keyClick(leave.ok_button, Qt.Key.Key_Space)  # no reason: refused in French
    assert leave.result() != QDialog.DialogCode.Accepted
    assert message_boxes == ["Indiquez la raison de la sortie."]
    leave.date_edit.setDate(QDate(2026, 11, 30))  # before the membership began
    leave.reason_edit.insertPlainText("Déménagement hors du territoire")
    qtbot.keyClick(leave.ok_button, Qt.Key.Key_Space)
    assert leave.saved is None
    assert message_boxes[-1] == "La date de sortie précède le début de l'adhésion."
    leave.date_edit.setDate(QDate(2026, 12, 20))
    qtbot.keyClick(leave.ok_button, Qt.Key.Key_Space)
    assert leave.saved is not None and leave.saved.end_on == date(2026, 12, 20)

    section.show_organization(ids[0], "Usine 0")
    assert "sorti le" in section.list.item(0).text()
    assert section.renew_button.isEnabled() and not section.leave_button.isEnabled()
    with qtbot.waitSignal(section.changed):
        qtbot.keyClick(section.renew_button, Qt.Key.Key_Space)
    assert section.list.count() == 2
    assert section.list.item(0).data(Qt.ItemDataRole.UserRole).status == m.MembershipStatus.MEMBER


def test_the_prospects_tab_proposes_membership(
    qtbot: QtBot, qtmodeltester, ctx: AppContext, message_boxes: list[str]
) -> None:
    _world(ctx, 0)
    with ctx.db.unit_of_work() as s:
        s.add(
            m.Organization(
                legal_name="Usinage Martin",
                naf_code="25.62B",
                headcount_band="21",
                commune_insee=LILLEBONNE,
            )
        )
        s.add(
            m.SireneEstablishment(
                siret="73282932000074",
                siren="732829320",
                name="PLASTIQUES DU CAUX",
                naf_code="22.29A",
                commune_insee=LILLEBONNE,
                active=True,
            )
        )
    answers: list[bool | None] = [False, True]
    page = NetworkPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    tab = page.prospects
    page.tabs.setCurrentWidget(tab)  # read when the tab is chosen
    tab.ask = lambda _p: answers.pop(0)
    qtmodeltester.check(tab.model)
    assert [p.name for p in tab.model.rows()] == ["Usinage Martin", "PLASTIQUES DU CAUX"]
    assert tab.propose_button.isEnabled() and not tab.add_button.isEnabled()
    qtbot.keyClick(tab.propose_button, Qt.Key.Key_Space)  # no agreement: refused, in French
    assert message_boxes and "consentement" in message_boxes[-1]
    qtbot.keyClick(tab.propose_button, Qt.Key.Key_Space)
    assert "Adhésion proposée : demande D-" in tab.status.text()
    assert tab.model.rows()[0].status == "Candidat" and not tab.propose_button.isEnabled()
    tab.view.setCurrentIndex(tab.proxy.index(1, 0))
    assert tab.add_button.isEnabled()
    qtbot.keyClick(tab.add_button, Qt.Key.Key_Space)
    assert "ajoutée à l'annuaire" in tab.status.text()
    assert all(p.in_directory for p in tab.model.rows())


def test_the_prospects_are_read_when_their_tab_is_chosen(qtbot: QtBot, ctx: AppContext) -> None:
    _world(ctx, 0)
    with ctx.db.unit_of_work() as s:
        s.add(
            m.Organization(legal_name="Usinage Martin", naf_code="25.62B", commune_insee=LILLEBONNE)
        )
    page = NetworkPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    tab = page.prospects
    assert tab.model.rowCount() == 0  # the page opens on the members gained
    assert not tab.add_button.isEnabled() and not tab.propose_button.isEnabled()
    page.tabs.setCurrentWidget(tab)
    assert [p.name for p in tab.model.rows()] == ["Usinage Martin"]
    assert tab.propose_button.isEnabled()
    page.tabs.setCurrentIndex(0)
    with ctx.db.unit_of_work() as s:
        s.add(
            m.Organization(legal_name="Tôlerie Caux", naf_code="25.11Z", commune_insee=LILLEBONNE)
        )
    page.refresh()  # another tab on screen: read again only once the tab is chosen again
    assert [p.name for p in tab.model.rows()] == ["Usinage Martin"]
    page.tabs.setCurrentWidget(tab)
    assert sorted(p.name for p in tab.model.rows()) == ["Tôlerie Caux", "Usinage Martin"]

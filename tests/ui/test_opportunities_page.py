"""Page « Opportunités »: list, detail with matches and proposed groupements, the lot editor,
a groupement built from a proposal."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QTreeWidget, QTreeWidgetItem

from guichet.services.opportunities import LotInput
from guichet.services.opportunity_views import get_opportunity
from tests.services.opportunity_setup import buyer, capability_id, member, opportunity

from guichet.ui.combo import select_value
from guichet.ui.context import AppContext
from guichet.ui.dialogs.groupement_dialog import GroupementDialog
from guichet.ui.dialogs.lot_dialog import LotDialog
from guichet.ui.dialogs.opportunity_dialog import OpportunityDialog
from guichet.ui.dialogs.opportunity_import_dialog import OpportunityImportDialog
from guichet.ui.pages.opportunities import OpportunitiesPage
from guichet.ui.table_model import ROW_ROLE


def _top(tree: QTreeWidget) -> QTreeWidgetItem:
    item = tree.topLevelItem(0)
    assert item is not None
    return item


def _child(item: QTreeWidgetItem, row: int) -> QTreeWidgetItem:
    child = item.child(row)
    assert child is not None
    return child


def _page(qtbot: QtBot, ctx: AppContext) -> OpportunitiesPage:
    page = OpportunitiesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    return page


def test_the_demo_list_and_its_model(qtbot: QtBot, demo_ctx: AppContext, qtmodeltester) -> None:
    page = _page(qtbot, demo_ctx)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() >= 10
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    tree = page.detail.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0 and "Lot 1" in _top(tree).text(0))
    assert page.detail.heading.text()


def test_matches_and_a_groupement_built_from_a_proposal(qtbot: QtBot, ctx: AppContext) -> None:
    db = ctx.db
    piping, cabling = capability_id(db, "Tuyauterie haute pression"), capability_id(db, "Câblage")
    member(db, "Tuyaux Caux", ("Tuyauterie haute pression",))
    member(db, "Câbles Bolbec", ("Câblage",))
    opportunity_id = opportunity(
        db,
        LotInput(1, "Tuyauterie et câblage", capability_ids=(piping, cabling)),
        buyer_id=buyer(db),
    )
    page = _page(qtbot, ctx)
    page.select(opportunity_id)
    tree = page.detail.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0 and _top(tree).childCount() > 1)
    lot = _top(tree)
    assert _child(lot, 0).text(0) == "Aucune entreprise ne couvre seule ce lot"
    proposal_item = _child(lot, 1)
    assert "Câbles Bolbec" in proposal_item.text(0) and "Tuyaux Caux" in proposal_item.text(0)
    tree.setCurrentItem(proposal_item)
    assert page.detail.build_button.isEnabled()
    detail = get_opportunity(db, opportunity_id)
    proposal = tree.current_proposal()
    assert proposal is not None
    dialog = GroupementDialog(ctx, detail, proposal=proposal)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    dialog.on_buttons_accepted()
    assert dialog.result() == QDialog.DialogCode.Accepted
    (saved,) = get_opportunity(db, opportunity_id).groupements
    assert {m.organization for m in saved.members} == {"Tuyaux Caux", "Câbles Bolbec"}
    assert all(m.lot_numbers == (1,) for m in saved.members)


def test_a_new_opportunity_with_a_lot_from_the_thesaurus(qtbot: QtBot, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    dialog = OpportunityDialog(ctx, None, page)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Électrolyseur de Lillebonne")

    def fill_lot() -> None:
        lot_dialog = QApplication.activeModalWidget()
        assert isinstance(lot_dialog, LotDialog)
        lot_dialog.title_edit.setText("Tuyauterie HP")
        item = lot_dialog.picker.item_for(capability_id(ctx.db, "Tuyauterie haute pression"))
        assert item is not None
        item.setCheckState(0, Qt.CheckState.Checked)
        lot_dialog.on_buttons_accepted()

    QTimer.singleShot(0, fill_lot)
    dialog.on_add_lot_button_clicked()
    assert (
        dialog.lot_list.count() == 1
        and "Tuyauterie haute pression" in dialog.lot_list.item(0).text()
    )
    assert dialog.has_unsaved_changes()
    dialog.on_buttons_accepted()
    assert dialog.saved_id is not None
    page.refresh(dialog.saved_id)
    row = page.view.currentIndex().data(ROW_ROLE)
    assert row.title == "Électrolyseur de Lillebonne" and row.lots == 1


def test_a_lot_without_any_requirement_is_refused(
    qtbot: QtBot, ctx: AppContext, message_boxes: list[str]
) -> None:
    from guichet.services.capabilities import CapabilityService, certifications

    dialog = LotDialog(LotInput(1, ""), CapabilityService(ctx.db).tree(), certifications(ctx.db))
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Divers")
    dialog.on_buttons_accepted()
    assert dialog.result_lot is None
    assert any("savoir-faire" in text for text in message_boxes)


def test_the_import_dialog_maps_columns_and_imports(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "lots.csv"
    path.write_text(
        "Objet;Lot;Intitulé du lot;Compétences\n"
        "Station H2;1;Câblage;câblage filaire\n"
        "Station H2;2;Supervision;SCADA\n",
        encoding="utf-8",
    )
    dialog = OpportunityImportDialog(ctx, path)
    qtbot.addWidget(dialog)
    assert "1 opportunité(s) à importer" in dialog.summary.toPlainText()
    dialog.combos[0].setCurrentIndex(0)  # « ne pas importer » the title: nothing to import
    assert not dialog.import_button.isEnabled()
    select_value(dialog.combos[0], "title")
    assert dialog.import_button.isEnabled()
    dialog.on_buttons_accepted()
    (opportunity_id,) = dialog.imported
    detail = get_opportunity(ctx.db, opportunity_id)
    assert [c.name for lot in detail.lots for c in lot.capabilities] == ["Câblage", "Supervision"]


def test_the_whole_reason_of_the_chosen_row_is_read_under_the_tree(
    qtbot: QtBot, ctx: AppContext
) -> None:
    db = ctx.db
    cabling, boards = capability_id(db, "Câblage"), capability_id(db, "Armoires électriques")
    member(
        db, "Systèmes Électroniques de la Vallée de la Seine", ("Câblage", "Armoires électriques")
    )
    opportunity_id = opportunity(
        db,
        LotInput(1, "Armoires et câblage en zone ATEX", capability_ids=(cabling, boards)),
        buyer_id=buyer(db),
    )
    page = _page(qtbot, ctx)
    page.select(opportunity_id)
    tree, details = page.detail.tree, page.detail.match_details
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0 and _top(tree).childCount() > 0)
    assert details.toPlainText() == ""  # nothing chosen: the placeholder says what to do
    assert details.accessibleName() == "Pourquoi : détail de la ligne choisie"
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    tree.setFocus()
    tree.setCurrentItem(_top(tree))
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # the keyboard picks the match
    match = _child(_top(tree), 0)
    assert tree.currentItem() is match
    reasons = details.toPlainText().splitlines()
    assert reasons[0].startswith("Systèmes Électroniques de la Vallée de la Seine — Lot 1")
    assert reasons[1:] == [f"• {r}" for r in match.text(1).split(" ; ")]
    described = match.data(1, Qt.ItemDataRole.AccessibleDescriptionRole)
    assert described == details.toPlainText()  # a screen reader says it with the row
    qtbot.keyClick(tree, Qt.Key.Key_Tab)
    assert details.hasFocus()  # reachable by Tab, and Tab goes on from it
    qtbot.keyClick(details, Qt.Key.Key_Tab)
    assert not details.hasFocus()
    assert details.toPlainText().splitlines() == reasons  # read-only: nothing typed into it

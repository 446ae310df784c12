"""The directory page: search as you type, filters, lazy results, keyboard, detail, tabs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

import guichet.models as m
from guichet.search import DirectorySearch, SearchFilters
from guichet.services.demo_duplicates import add_demo_duplicates
from guichet.services.organization_rules import OrganizationData
from guichet.services.organizations import OrganizationService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.capabilities_dialog import CapabilitiesDialog
from guichet.ui.dialogs.organization_dialog import OrganizationDialog
from guichet.ui.pages.directory import DirectoryPage
from guichet.ui.pages.directory_filters import ON_TERRITORY, FilterPanel
from guichet.ui.pages.directory_results import HitsTableModel


@pytest.fixture
def page(qtbot: QtBot, demo_ctx: AppContext) -> Iterator[DirectoryPage]:
    widget = DirectoryPage(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    answered(qtbot, widget)
    yield widget
    QThreadPool.globalInstance().waitForDone(10_000)  # no search left running on the database


def answered(qtbot: QtBot, page: DirectoryPage) -> None:
    """Wait for the background search to answer the newest request (it runs off the GUI thread)."""
    qtbot.waitUntil(lambda: not page.search_tab.is_searching(), timeout=10_000)


def _ids(page: DirectoryPage) -> set[int]:
    return {hit.id for hit in page.search_tab.model.hits()}


def _total(page: DirectoryPage) -> int:
    tab = page.search_tab
    return tab.engine.count(tab._text, tab._filters)


def test_typing_searches_as_you_type(qtbot: QtBot, page: DirectoryPage) -> None:
    tab = page.search_tab
    everything = _total(page)
    qtbot.keyClicks(tab.search_edit, "usinage")
    answered(qtbot, page)
    hits = tab.model.hits()
    assert 0 < len(hits) < everything
    assert tab.count_label.text() == f"{_total(page)} organisation(s)"
    tab.search_edit.setText("zzqqxxw")
    answered(qtbot, page)
    assert tab.model.rowCount() == 0
    assert tab.count_label.text() == "Aucun résultat"


def test_a_stale_answer_is_dropped(qtbot: QtBot, page: DirectoryPage) -> None:
    tab = page.search_tab
    tab.search_edit.setText("usinage")
    answered(qtbot, page)
    shown = tab.model.hits()
    assert shown
    tab.show_results("soudure", SearchFilters(), [])  # an older query answering late
    assert tab.model.hits() == shown


def _kinds(panel: FilterPanel) -> None:
    panel.kind_boxes[m.OrganizationKind.PARTNER].setChecked(True)


def _first_data(name: str) -> Callable[[FilterPanel], None]:
    def choose(panel: FilterPanel) -> None:
        combo = getattr(panel, name)
        wanted = {
            "capability_combo": "Usinage",
            "certification_combo": "ISO 9001",
            "sector_combo": "Hydrogène",
            "naf_combo": "25",
            "headcount_combo": "11",
            "network_combo": "Sotraban",
        }[name]
        index = next(
            i
            for i in range(combo.count())
            if combo.itemText(i).strip() == wanted or combo.itemData(i) == wanted
        )
        combo.setCurrentIndex(index)

    return choose


FILTERS: dict[str, Callable[[FilterPanel], None]] = {
    "kind": _kinds,
    "capability": _first_data("capability_combo"),
    "certification": _first_data("certification_combo"),
    "sector": _first_data("sector_combo"),
    "naf": _first_data("naf_combo"),
    "headcount": _first_data("headcount_combo"),
    "network": _first_data("network_combo"),
    "territory": lambda p: p.select(p.place_combo, ON_TERRITORY),
    "commune": lambda p: p.select(p.place_combo, "76114"),
    "verified": lambda p: p.verified_box.setChecked(True),
    "do_not_refer": lambda p: p.exclude_box.setChecked(True),
}


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_each_filter_narrows_the_results(qtbot: QtBot, page: DirectoryPage, name: str) -> None:
    tab = page.search_tab
    before = _total(page)
    FILTERS[name](tab.filters)
    assert tab._filters == tab.filters.filters() != SearchFilters()
    answered(qtbot, page)
    after = _total(page)
    assert 0 < after < before
    assert _ids(page) <= {h.id for h in tab.engine.search("", tab._filters, limit=after)}
    assert tab.count_label.text() == f"{after} organisation(s)"
    tab.filters.clear_button.click()
    answered(qtbot, page)
    assert _total(page) == before
    assert tab.count_label.text() == f"{before} organisation(s)"


def test_results_model_passes_the_model_tester(qtmodeltester, demo_ctx: AppContext) -> None:
    engine = DirectorySearch(demo_ctx.db)
    model = HitsTableModel(page_size=20)
    model.show_hits(
        engine.search("", limit=20),
        lambda offset, limit: engine.search("", limit=limit, offset=offset),
    )
    qtmodeltester.check(model)
    loaded = model.rowCount()
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == loaded + 20
    qtmodeltester.check(model)


def test_scrolling_to_the_end_fetches_more(qtbot: QtBot, page: DirectoryPage) -> None:
    tab = page.search_tab
    page.show()
    qtbot.waitExposed(page)
    first = tab.model.rowCount()
    assert first == tab.model.page_size and tab.model.canFetchMore()
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.rowCount() > first)
    assert len(_ids(page)) == tab.model.rowCount()  # no organization twice


def test_keyboard_down_into_the_results_and_enter_opens(
    qtbot: QtBot, page: DirectoryPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def record(dialog: OrganizationDialog) -> int:
        opened.append(dialog.windowTitle())
        return 0

    monkeypatch.setattr(OrganizationDialog, "exec", record)
    tab = page.search_tab
    page.show()
    qtbot.waitExposed(page)
    qtbot.keyClicks(tab.search_edit, "usinage")
    answered(qtbot, page)
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Down)
    # (the offscreen platform gives no window the keyboard focus: the selection shows the move)
    assert tab.table.currentIndex().row() == 0
    first = tab.model.hit_at(0)
    assert first is not None and tab.panel.detail is not None
    assert tab.panel.detail.id == first.id
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    second = tab.model.hit_at(1)
    assert second is not None and tab.panel.detail.id == second.id
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened == ["Modifier l'organisation"]
    qtbot.keyClick(tab.table, Qt.Key.Key_Escape)
    assert tab.search_edit.selectedText() == "usinage"


def test_detail_panel_shows_identity_warning_and_plain_text(
    page: DirectoryPage, demo_ctx: AppContext
) -> None:
    service = OrganizationService(demo_ctx.db)
    saved = service.create(
        OrganizationData(
            legal_name="<b>Gras</b> Industrie",
            siret="73282932000074",
            postal_code="76170",
            city="Lillebonne",
            do_not_refer=True,
            do_not_refer_reason="Litige en cours <i>grave</i>",
        )
    )
    panel = page.search_tab.panel
    page.search_tab.show_organization(saved.organization_id)
    assert panel.name_label.text() == "<b>Gras</b> Industrie"
    assert panel.name_label.textFormat() == Qt.TextFormat.PlainText
    assert "732 829 320 00074" in panel.identity_label.text()
    assert panel.warning_label.isVisibleTo(page)
    assert panel.warning_label.text() == "⚠ Ne pas orienter : Litige en cours <i>grave</i>"
    assert panel.warning_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.verified_label.text().startswith("Jamais vérifiée")
    panel.verify_button.click()
    assert panel.verified_label.text().startswith("Vérifié le")
    assert service.get(saved.organization_id).verified_on == date.today()


def test_detail_panel_lists_received_referrals(page: DirectoryPage, demo_ctx: AppContext) -> None:
    with demo_ctx.db.unit_of_work() as s:
        partner_id = s.scalars(select(m.Referral.partner_id)).first()
    assert partner_id is not None
    page.search_tab.show_organization(partner_id)
    panel = page.search_tab.panel
    assert (
        panel.referrals_model.rowCount()
        == len(OrganizationService(demo_ctx.db).get(partner_id).referrals)
        > 0
    )


def test_referral_and_tab_models_pass_the_model_tester(
    qtmodeltester,
    page: DirectoryPage,
    demo_ctx: AppContext,
) -> None:
    with demo_ctx.db.unit_of_work() as s:
        partner_id = s.scalars(select(m.Referral.partner_id)).first()
    page.search_tab.show_organization(partner_id)  # type: ignore[arg-type]
    qtmodeltester.check(page.search_tab.panel.referrals_model)
    add_demo_duplicates(demo_ctx.db)
    page.duplicates_tab.refresh()
    qtmodeltester.check(page.duplicates_tab.model)
    page.freshness_tab.refresh()
    qtmodeltester.check(page.freshness_tab.model)


def test_duplicates_tab_lists_pairs_and_merges(
    page: DirectoryPage, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = add_demo_duplicates(demo_ctx.db)
    page.tabs.setCurrentWidget(page.duplicates_tab)
    tab = page.duplicates_tab
    listed = {frozenset((p.first.id, p.second.id)) for p in tab.model.rows()}
    assert {frozenset(p) for p in pairs} <= listed
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(
        QDialog, "exec", lambda self: (self.on_buttons_accepted(), self.result())[1]
    )
    before = tab.model.rowCount()
    tab.merge_button.click()
    assert tab.model.rowCount() == before - 1


def test_freshness_tab_marks_a_selection_verified(page: DirectoryPage) -> None:
    page.tabs.setCurrentWidget(page.freshness_tab)
    tab = page.freshness_tab
    before = tab.model.rowCount()
    assert before > 2
    tab.view.selectRow(0)
    tab.view.selectionModel().select(
        tab.model.index(1, 0),
        tab.view.selectionModel().SelectionFlag.Select
        | tab.view.selectionModel().SelectionFlag.Rows,
    )
    chosen = {s.id for s in tab.selected()}
    assert len(chosen) == 2
    tab.verify_button.click()
    assert tab.model.rowCount() == before - 2
    assert not chosen & {s.id for s in tab.model.rows()}


def test_freshness_tab_opens_an_organization_in_the_search_tab(page: DirectoryPage) -> None:
    page.tabs.setCurrentWidget(page.freshness_tab)
    page.freshness_tab.view.selectRow(0)
    wanted = page.freshness_tab.selected()[0].id
    page.freshness_tab.open_button.click()
    assert page.tabs.currentWidget() is page.search_tab
    assert page.search_tab.panel.detail is not None
    assert page.search_tab.panel.detail.id == wanted


def test_thesaurus_editor_adds_renames_sets_synonyms_and_deletes(
    qtbot: QtBot, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = CapabilitiesDialog(demo_ctx)
    qtbot.addWidget(dialog)
    usinage = next(i for i, n in dialog.nodes.items() if n.name == "Usinage")
    dialog.select(usinage)
    answers = iter(["Brochage", "Brochage intérieur"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(answers), True))
    dialog.on_add_child_clicked()
    node = dialog.nodes[dialog.current_id() or -1]
    assert node.path == "Mécanique › Usinage › Brochage"
    dialog.on_rename_clicked()
    dialog.synonyms_edit.setPlainText("brocheuse\nbrochage CN")
    dialog.save_synonyms_button.click()
    node = dialog.nodes[dialog.current_id() or -1]
    assert (node.name, node.synonyms) == ("Brochage intérieur", ("brocheuse", "brochage CN"))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Yes)
    dialog.buttons["delete"].click()
    assert "Brochage intérieur" not in {n.name for n in dialog.nodes.values()}
    assert dialog.current_id() == usinage


def test_new_organization_button_creates_and_shows_it(
    page: DirectoryPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill_and_save(dialog: OrganizationDialog) -> int:
        dialog.edits["legal_name"].setText("Hydrogène du Havre")
        dialog.on_buttons_accepted()
        return dialog.result()

    monkeypatch.setattr(OrganizationDialog, "exec", fill_and_save)
    page.search_tab.new_button.click()
    detail = page.search_tab.panel.detail
    assert detail is not None and detail.display_name == "Hydrogène du Havre"
    assert replace(detail.data, legal_name="x").legal_name == "x"


def test_filter_labels_read_in_full_at_desk_size(qtbot: QtBot, demo_ctx: AppContext) -> None:
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

    widget = DirectoryPage(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(1160, 730)  # what the page gets in a 1360×820 window
    widget.show()
    qtbot.waitExposed(widget)
    panel = widget.search_tab.filters
    combos = panel.findChildren(QComboBox)
    assert len(combos) == 7
    for combo in combos:
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            combo,
        )
        text_width = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert field.width() >= text_width, combo.objectName()


def test_detail_panel_shows_each_contact_on_two_clean_lines(
    page: DirectoryPage, demo_ctx: AppContext
) -> None:
    from guichet.services.contacts import ContactData, ContactService

    saved = OrganizationService(demo_ctx.db).create(
        OrganizationData(legal_name="Contacts Test", postal_code="76170", city="Lillebonne")
    )
    contacts = ContactService(demo_ctx.db)
    contacts.create(
        saved.organization_id,
        ContactData(
            last_name="Dumont",
            first_name="François",
            role="Assistant de direction",
            phone="0261918209",
            email="francois.dumont@usinage-du-pays-de-caux.example",
        ),
    )
    contacts.create(saved.organization_id, ContactData(last_name="Seul"))
    page.search_tab.show_organization(saved.organization_id)
    listing = page.search_tab.panel.contacts_list
    assert not listing.wordWrap()
    texts = sorted(listing.item(row).text() for row in range(listing.count()))
    full = next(text for text in texts if "Dumont" in text)
    who, reach = full.split("\n")
    assert "François Dumont" in who and who.endswith(" — Assistant de direction")
    assert reach == "02 61 91 82 09 · francois.dumont@usinage-du-pays-de-caux.example"
    assert next(text for text in texts if "Seul" in text).count("\n") == 0  # no empty line
    assert all(listing.item(row).toolTip() == listing.item(row).text() for row in range(2))

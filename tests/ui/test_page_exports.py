"""Each page exports exactly what its current filter shows — all of it, not only the rows loaded
— in the background, with formula cells neutralised."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog

import guichet.models as m
from guichet.search import SearchFilters
from guichet.services.inquiries import InquiryFilters, list_inquiries
from guichet.services.organization_rules import OrganizationData
from guichet.services.organizations import OrganizationService

from guichet.ui.context import AppContext
from guichet.ui.export_button import ExportButton
from guichet.ui.pages.directory import DirectoryPage
from guichet.ui.pages.directory_filters import ON_TERRITORY
from guichet.ui.pages.followups import FollowUpsPage
from guichet.ui.pages.inquiries import InquiriesPage

TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def no_task_left() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """Answer the file dialogs with the next path of the returned list."""
    targets: list[Path] = []

    def answer(*_args: object, **_kwargs: object) -> tuple[str, str]:
        return str(targets.pop(0)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return targets


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def read_xlsx(path: Path) -> list[dict[str, object]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    headers = [str(h) for h in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def run(qtbot: QtBot, button: ExportButton, trigger: str | None = None) -> None:
    """Click the button (or one entry of its menu) and wait for the background export."""
    with qtbot.waitSignal(button.exported, timeout=20_000) as blocker:
        if trigger is None:
            button.click()
        else:
            menu = button.menu()
            assert menu is not None
            next(a for a in menu.actions() if a.objectName() == trigger).trigger()
    assert blocker.args is not None and blocker.args[0] is not None


# -- Annuaire ---------------------------------------------------------------------------------


@pytest.fixture
def directory(qtbot: QtBot, demo_ctx: AppContext) -> DirectoryPage:
    page = DirectoryPage(demo_ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.search_tab.is_searching(), timeout=10_000)
    return page


def test_directory_exports_every_organization_found_not_only_those_loaded(
    qtbot: QtBot,
    directory: DirectoryPage,
    save_as: list[Path],
    tmp_path: Path,
    message_boxes: list[str],
) -> None:
    tab = directory.search_tab
    total = tab.engine.count("")
    assert total > tab.model.rowCount()  # the lazy model holds one page only
    save_as.append(tmp_path / "annuaire.csv")
    run(qtbot, tab.export_button, "export_organizations_action")
    rows = read_csv(tmp_path / "annuaire.csv")
    assert len(rows) == total
    assert f"{total} ligne(s)" in message_boxes[-1]


def test_directory_exports_what_the_search_and_filters_show(
    qtbot: QtBot,
    directory: DirectoryPage,
    demo_ctx: AppContext,
    save_as: list[Path],
    tmp_path: Path,
    message_boxes: list[str],
) -> None:
    OrganizationService(demo_ctx.db).create(
        OrganizationData(
            legal_name='=HYPERLINK("http://x","Usinage piégé")',
            description="usinage de précision",
            postal_code="76170",
            city="Lillebonne",
            commune_insee="76384",
        )
    )
    tab = directory.search_tab
    tab.search_edit.setText("usinage")
    tab.filters.select(tab.filters.place_combo, ON_TERRITORY)
    qtbot.waitUntil(lambda: not tab.is_searching(), timeout=10_000)
    filters = SearchFilters(on_territory=True)
    assert tab._filters == tab.filters.filters() and tab._filters.on_territory
    expected = tab.engine.search("usinage", tab._filters, limit=10_000)
    assert 0 < len(expected) < tab.engine.count("", filters) < tab.engine.count("")
    save_as.append(tmp_path / "usinage.xlsx")
    run(qtbot, tab.export_button, "export_organizations_action")
    rows = read_xlsx(tmp_path / "usinage.xlsx")
    assert sorted(str(r["Raison sociale"]) for r in rows) == sorted(h.legal_name for h in expected)
    trapped = [r for r in rows if "piégé" in str(r["Raison sociale"])]
    assert trapped and str(trapped[0]["Raison sociale"]).startswith("=HYPERLINK")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "usinage.xlsx").active
    assert sheet is not None
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # text, no formula

    save_as.append(tmp_path / "usinage.csv")
    run(qtbot, tab.export_button, "export_organizations_action")
    names = [r["Raison sociale"] for r in read_csv(tmp_path / "usinage.csv")]
    assert '\'=HYPERLINK("http://x","Usinage piégé")' in names
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names)


def test_directory_exports_the_contacts_of_the_organizations_found(
    qtbot: QtBot,
    directory: DirectoryPage,
    demo_ctx: AppContext,
    save_as: list[Path],
    tmp_path: Path,
    message_boxes: list[str],
) -> None:
    tab = directory.search_tab
    tab.search_edit.setText("usinage")
    qtbot.waitUntil(lambda: not tab.is_searching(), timeout=10_000)
    found = set(tab.engine.ids("usinage", tab._filters))
    with demo_ctx.db.unit_of_work() as s:
        expected = sorted(
            (c.last_name, c.first_name or "")
            for c in s.scalars(select(m.Contact).where(m.Contact.anonymized_at.is_(None)))
            if c.organization_id in found
        )
    assert expected
    save_as.append(tmp_path / "contacts.csv")
    run(qtbot, tab.export_button, "export_contacts_action")
    rows = read_csv(tmp_path / "contacts.csv")
    assert sorted((r["Nom"], r["Prénom"]) for r in rows) == expected
    save_as.append(tmp_path / "contacts.vcf")
    run(qtbot, tab.export_button, "export_contacts_action")
    assert (tmp_path / "contacts.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == len(
        expected
    )


# -- Demandes ---------------------------------------------------------------------------------


def test_inquiries_page_exports_every_inquiry_its_filters_keep(
    qtbot: QtBot,
    demo_ctx: AppContext,
    save_as: list[Path],
    tmp_path: Path,
    message_boxes: list[str],
) -> None:
    page = InquiriesPage(demo_ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.is_loading())  # the first rows are read on a worker
    total = page.model.total()
    assert total > page.model.rowCount()  # lazily loaded
    save_as.append(tmp_path / "toutes.csv")
    run(qtbot, page.export_button)
    assert len(read_csv(tmp_path / "toutes.csv")) == total

    page.status_box.setCurrentIndex(page.status_box.findData(m.InquiryStatus.CLOSED))
    page.text_edit.setText("usinage")
    page.refresh()
    filters = page.filters()
    assert filters == InquiryFilters(status=m.InquiryStatus.CLOSED, text="usinage")
    expected = {r.reference for r in list_inquiries(demo_ctx.db, filters, limit=100_000)}
    assert 0 < len(expected) < total
    save_as.append(tmp_path / "fermees.xlsx")
    run(qtbot, page.export_button)
    rows = read_xlsx(tmp_path / "fermees.xlsx")
    assert {r["Référence"] for r in rows} == expected and len(rows) == len(expected)
    assert {r["Statut"] for r in rows} == {"Close"}


# -- Relances ---------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["due", "all"])
def test_followups_page_exports_the_referrals_of_its_view(
    qtbot: QtBot,
    demo_ctx: AppContext,
    save_as: list[Path],
    tmp_path: Path,
    message_boxes: list[str],
    view: str,
) -> None:
    page = FollowUpsPage(demo_ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.view_box.setCurrentIndex(page.view_box.findData(view))
    shown = [line.referral for line in page.model.rows()]
    assert shown
    save_as.append(tmp_path / f"relances-{view}.csv")
    run(qtbot, page.export_button)
    rows = read_csv(tmp_path / f"relances-{view}.csv")
    assert len(rows) == len(shown)
    assert sorted(
        (r["Demande"], r["Besoin"], r["Partenaire"], r["Statut"]) for r in rows
    ) == sorted((s.inquiry_reference, s.subject, s.partner, s.status_label) for s in shown)


def test_a_cancelled_export_writes_nothing(
    qtbot: QtBot,
    demo_ctx: AppContext,
    save_as: list[Path],
    tmp_path: Path,
    message_boxes: list[str],
) -> None:
    from guichet.services.exports import ExportKind

    gate = threading.Event()

    def finder() -> list[int]:
        gate.wait(10)
        return [1, 2, 3]

    button = ExportButton(demo_ctx, ExportKind.ORGANIZATIONS, lambda: finder)
    qtbot.addWidget(button)
    save_as.append(tmp_path / "annule.csv")
    with qtbot.waitSignal(button.exported, timeout=10_000) as blocker:
        button.click()
        assert button.task is not None
        button.task.cancel()
        gate.set()
    assert blocker.args == [None]
    assert not (tmp_path / "annule.csv").exists()
    assert message_boxes == [] and button.task is None


def test_export_dialog_proposes_xlsx_and_says_what_csv_loses(
    qtbot: QtBot,
    demo_ctx: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    message_boxes: list[str],
) -> None:
    from PySide6.QtWidgets import QLabel

    from guichet.ui.dialogs.export import ExportDialog

    asked: list[tuple[str, str]] = []
    target = tmp_path / "organisations"

    def answer(_parent: object, _title: str, default: str, filters: str) -> tuple[str, str]:
        asked.append((default, filters))
        return str(target), filters.split(";;")[0]  # the counsellor keeps what is proposed

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    dialog = ExportDialog(demo_ctx)
    qtbot.addWidget(dialog)
    limits = dialog.findChild(QLabel, "exportCsvLimits")
    assert limits is not None and "zéros" in limits.text() and "SIREN" in limits.text()
    dialog.on_buttons_accepted()
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=20_000)
    default, filters = asked[0]
    assert default.endswith(".xlsx") and filters.startswith("Classeur Excel (*.xlsx)")
    assert dialog.result_ is not None and dialog.result_.path == target.with_suffix(".xlsx")
    rows = read_xlsx(target.with_suffix(".xlsx"))
    assert rows and "Libellé de la forme juridique" in rows[0]

"""Intake's company type-ahead proposes SIRENE establishments the directory lacks; picking one
adds the company to the directory, filled in from SIRENE."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import QThreadPool

import guichet.models as m
from guichet.services.sirene_lookup import SireneMatch
from tests.ui.test_organization_dialog import _sirene_row

from guichet.ui.context import AppContext
from guichet.ui.widgets.company_field import CompanyField


@pytest.fixture
def field(qtbot: QtBot, ctx: AppContext) -> Iterator[CompanyField]:
    _sirene_row(ctx)
    _sirene_row(ctx, siret="55210055400013", siren="552100554", name="USINAGE DU CAUX")
    with ctx.db.unit_of_work() as s:  # already in the directory: proposed as a directory hit
        s.add(m.Organization(legal_name="Usinage du Caux", siret="55210055400013"))
    widget = CompanyField(ctx)
    qtbot.addWidget(widget)
    yield widget
    QThreadPool.globalInstance().waitForDone(10_000)


def typed(qtbot: QtBot, field: CompanyField, text: str) -> list[object]:
    field.search.line.setText(text)
    field.on_search_text_edited(text)
    qtbot.waitUntil(lambda: field._sirene[0] == text and field._shown_for == text, timeout=10_000)
    items = field.search.list
    return [items.item(i).data(256) for i in range(items.count())]  # Qt.UserRole


@pytest.mark.parametrize("text", ["usinage", "732 829 320 00074", "73282932000074"])
def test_sirene_establishments_missing_from_the_directory_are_proposed(
    qtbot: QtBot, field: CompanyField, text: str
) -> None:
    data = typed(qtbot, field, text)
    sirene = [d for d in data if isinstance(d, SireneMatch)]
    assert [s.siret for s in sirene] == ["73282932000074"]  # not the one already in the directory
    texts = [field.search.list.item(i).text() for i in range(field.search.list.count())]
    assert any(t.startswith("SIRENE : USINAGE DE LA VALLEE") for t in texts)


def test_picking_a_sirene_establishment_creates_the_company_filled_in(
    qtbot: QtBot, field: CompanyField, ctx: AppContext
) -> None:
    data = typed(qtbot, field, "usinage de la")
    match = next(d for d in data if isinstance(d, SireneMatch))
    with qtbot.waitSignal(field.company_chosen) as chosen:
        field.on_search_picked(match)
    organization_id = chosen.args[0] if chosen.args else None
    assert organization_id is not None and field.organization_id == organization_id
    with ctx.db.unit_of_work() as s:
        org = s.scalars(select(m.Organization).where(m.Organization.id == organization_id)).one()
        assert (org.legal_name, org.siret, org.naf_code, org.legal_form, org.headcount_band) == (
            "USINAGE DE LA VALLEE",
            "73282932000074",
            "25.62B",
            "5499",
            "11",
        )
        assert (org.address_street, org.postal_code, org.commune_insee) == (
            "12 RUE DE L EGLISE",
            "76170",
            "76384",
        )
    assert "732 829 320 00074" in field.chosen_label.text()
    again = typed(qtbot, field, "usinage de la")
    assert not [d for d in again if isinstance(d, SireneMatch)]  # it is in the directory now


def test_a_siret_known_to_sirene_fills_the_quick_company_panel(
    qtbot: QtBot, field: CompanyField, ctx: AppContext
) -> None:
    panel = field.panel
    panel.start("", without_siret=False)
    qtbot.keyClicks(panel.siret_edit, "73282932000074")
    assert "SIRENE" in panel.siret_status.text()
    draft = panel.draft()
    assert (draft.legal_name, draft.postal_code, draft.commune_insee, draft.naf_code) == (
        "USINAGE DE LA VALLEE",
        "76170",
        "76384",
        "25.62B",
    )
    panel.start("Nom tapé", without_siret=False)
    qtbot.keyClicks(panel.siret_edit, "73282932000074")
    assert panel.draft().legal_name == "Nom tapé"  # what was typed is kept
    created = panel.create_company()
    assert created is not None and created.siret == "73282932000074"


def test_a_long_sirene_line_is_elided_in_the_middle_and_whole_in_its_tooltip(
    qtbot: QtBot, field: CompanyField
) -> None:
    from PySide6.QtCore import Qt

    typed(qtbot, field, "usinage")
    items = field.search.list
    assert items.textElideMode() == Qt.TextElideMode.ElideMiddle  # start and end stay readable
    row = next(i for i in range(items.count()) if items.item(i).text().startswith("SIRENE : "))
    item = items.item(row)
    assert item.toolTip().startswith(item.text() + "\n")  # whole line, then the explanation
    assert "absent de l'annuaire" in item.toolTip()

"""Intake: a SIREN/SIRET typed in the company field is a number, not a name; the quick company
panel takes the street and creates on Entrée; a new contact's civility."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

import guichet.models as m
from guichet.reference.identifiers import format_siret, generate_siret
from tests.ui.keyboard import Keyboard
from tests.ui.test_organization_dialog import _sirene_row

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.widgets.contact_field import split_name

K = Qt.Key
UNKNOWN_SIRET = generate_siret(random.Random(9))


@pytest.fixture
def dialog(qtbot: QtBot, ctx: AppContext, message_boxes: list[str]) -> Iterator[IntakeDialog]:
    widget = IntakeDialog(ctx)
    widget.confirm_abandon = False  # closed at the end of each test
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.company.search.line.setFocus()
    yield widget
    QThreadPool.globalInstance().waitForDone(10_000)
    assert message_boxes == []


def organization(ctx: AppContext, organization_id: int | None) -> m.Organization:
    assert organization_id is not None
    with ctx.db.unit_of_work() as s:
        org = s.get(m.Organization, organization_id)
        assert org is not None
        s.expunge(org)
        return org


def test_an_unknown_siret_creates_a_company_with_that_siret(
    dialog: IntakeDialog, ctx: AppContext
) -> None:
    keys = Keyboard()
    keys.search(format_siret(UNKNOWN_SIRET))  # typed with its spaces
    create = dialog.company.create_text(format_siret(UNKNOWN_SIRET))
    keys.press(K.Key_Return)  # before the background search answered: it runs at once
    panel = dialog.company.panel
    assert panel.isVisible() and create.startswith("+ Créer l'entreprise au SIRET ")
    assert panel.siret_edit.text() == format_siret(UNKNOWN_SIRET)
    assert panel.name_edit.text() == "" and "valide" in panel.siret_status.text()
    assert QApplication.focusWidget() is panel.name_edit
    keys.write("Tôlerie des Falaises")
    keys.press(K.Key_Tab)  # SIRET, already there
    keys.press(K.Key_Tab)  # « sans SIRET »
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is panel.street_edit
    keys.write("12 rue des Falaises")
    keys.press(K.Key_Tab)
    keys.write("76400")
    assert panel.commune_box.currentText() == "Fécamp"  # the most populous of 76400
    assert panel.address_status.text() == ""  # a deliverable address: nothing to say
    keys.press(K.Key_Tab)  # commune
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is panel.naf_field.line
    keys.search("25.62")
    keys.press(K.Key_Return)  # picks the NAF suggestion
    assert not dialog.company.organization_id and panel.naf_code.startswith("25.62")
    keys.press(K.Key_Return)  # Entrée in the last field creates the company
    org = organization(ctx, dialog.company.organization_id)
    assert (org.legal_name, org.siret, org.siren) == (
        "Tôlerie des Falaises",
        UNKNOWN_SIRET,
        UNKNOWN_SIRET[:9],
    )
    assert (org.address_street, org.postal_code, org.city, org.commune_insee) == (
        "12 rue des Falaises",
        "76400",
        "Fécamp",
        "76259",
    )
    assert QApplication.focusWidget() is dialog.contact.search.line


def test_a_siret_in_the_directory_is_picked(dialog: IntakeDialog, ctx: AppContext) -> None:
    with ctx.db.unit_of_work() as s:
        org = m.Organization(legal_name="Forges de Fécamp", siret=UNKNOWN_SIRET)
        s.add(org)
        s.flush()
        org_id = org.id
    keys = Keyboard()
    keys.search(UNKNOWN_SIRET)
    keys.press(K.Key_Return)
    assert dialog.company.organization_id == org_id
    assert not dialog.company.panel.isVisible()


@pytest.mark.parametrize("typed", ["732 829 320 00074", "732829320"])
def test_a_siret_or_siren_known_to_sirene_only_adds_it_from_sirene(
    dialog: IntakeDialog, ctx: AppContext, typed: str
) -> None:
    _sirene_row(ctx)
    keys = Keyboard()
    keys.search(typed)
    keys.press(K.Key_Return)  # the SIRENE establishment comes first: the directory lacks it
    org = organization(ctx, dialog.company.organization_id)
    assert (org.legal_name, org.siret, org.address_street) == (
        "USINAGE DE LA VALLEE",
        "73282932000074",
        "12 RUE DE L EGLISE",
    )


def test_a_siren_found_nowhere_opens_the_panel_with_it(dialog: IntakeDialog) -> None:
    keys = Keyboard()
    keys.search(UNKNOWN_SIRET[:9])
    keys.press(K.Key_Return)
    panel = dialog.company.panel
    assert panel.isVisible() and panel.name_edit.text() == ""
    assert panel.siret_edit.text().replace(" ", "") == UNKNOWN_SIRET[:9]
    assert panel.siret_status.text().startswith("9 ")  # « 9 chiffres sur 14 »
    assert QApplication.focusWidget() is panel.name_edit


def test_a_missing_street_is_said_but_not_required(dialog: IntakeDialog, ctx: AppContext) -> None:
    keys = Keyboard()
    keys.search("Projet Martin")
    dialog.company.flush_search()  # the list is open
    keys.press(K.Key_Up)  # « sans SIRET »
    keys.press(K.Key_Return)
    panel = dialog.company.panel
    assert "risque de ne pas être distribué" in panel.address_status.text()
    keys.press(K.Key_Return)  # Entrée in the street field creates it all the same
    org = organization(ctx, dialog.company.organization_id)
    assert org.legal_name == "Projet Martin" and org.address_street is None


def test_a_new_contact_civility_is_read_from_the_name(
    dialog: IntakeDialog, ctx: AppContext
) -> None:
    with ctx.db.unit_of_work() as s:
        org = m.Organization(legal_name="Forges de Fécamp", siret=UNKNOWN_SIRET)
        s.add(org)
    keys = Keyboard()
    keys.search("Forges")
    dialog.company.flush_search()
    keys.press(K.Key_Return)
    assert QApplication.focusWidget() is dialog.contact.search.line
    keys.write("Mme Claire Martin")
    keys.press(K.Key_Return)  # « + Nouveau contact »
    contact = dialog.contact.new_contact()
    assert contact is not None
    assert (contact.civility, contact.first_name, contact.last_name) == ("Mme", "Claire", "Martin")
    assert dialog.contact.civility.currentText() == "Madame"
    dialog.contact.civility.setCurrentIndex(dialog.contact.civility.findData("M."))
    assert dialog.contact.new_contact().civility == "M."  # type: ignore[union-attr]


_NAME = st.from_regex(r"[A-Z][a-zé]{2,8}", fullmatch=True).filter(
    lambda w: w.casefold() not in {"mme", "madame", "mlle", "mademoiselle", "monsieur", "mr"}
)


@given(st.sampled_from(["", "Mme", "Madame", "M.", "M", "Monsieur", "mr"]), _NAME, _NAME)
def test_split_name_reads_the_civility_first_and_last_name(
    civility: str, first: str, last: str
) -> None:
    expected = {"": "", "Mme": "Mme", "Madame": "Mme"}.get(civility, "M.")
    assert split_name(f" {civility} {first}  {last} ") == (expected, first, last)
    assert split_name(f"{civility} {last}") == (expected, "", last)
    assert split_name(last) == ("", "", last)


def test_the_need_type_ahead_finds_a_capability_and_keeps_the_word(
    dialog: IntakeDialog,
) -> None:
    row = dialog.needs.rows[0]
    row.subject_field.setFocus()
    keys = Keyboard()
    keys.search("usinage")
    texts = [row.subject_field.list.item(i).text() for i in range(row.subject_field.list.count())]
    assert texts and texts[0].endswith("Recherche de sous-traitant — compétence Usinage")
    keys.press(K.Key_Return)
    assert row.subject is not None and row.subject.name == "Recherche de sous-traitant"
    assert QApplication.focusWidget() is row.description
    keys.write("inox, 200 pièces")
    assert row.description.toPlainText() == "usinage inox, 200 pièces"  # the word is not lost

"""Organization and contact dialogs: checks as you type, errors beside the field, stale edits."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from guichet.services.contacts import ContactData, ContactService
from guichet.services.organization_rules import OrganizationData
from guichet.services.organizations import OrganizationService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.contact_dialog import ContactDialog
from guichet.ui.dialogs.organization_dialog import OrganizationDialog
from guichet.ui.dialogs.organization_fields import group_siret


def _new(qtbot: QtBot, ctx: AppContext) -> OrganizationDialog:
    dialog = OrganizationDialog(ctx, None)
    qtbot.addWidget(dialog)
    return dialog


def test_siret_is_grouped_and_checked_as_you_type(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _new(qtbot, ctx)
    edit = dialog.edits["siret"]
    qtbot.keyClicks(edit, "7328293")
    assert edit.text() == "732 829 3"
    assert dialog.siret_status.text() == "7 chiffres sur 14"
    qtbot.keyClicks(edit, "2000074")
    assert edit.text() == "732 829 320 00074"
    assert dialog.siret_status.text() == "SIRET valide"
    edit.clear()
    qtbot.keyClicks(edit, "73282932000075")
    assert "clé de contrôle" in dialog.siret_status.text()
    assert group_siret("abc") == "abc"


def test_commune_is_proposed_from_the_postal_code(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _new(qtbot, ctx)
    qtbot.keyClicks(dialog.edits["postal_code"], "76170")
    names = [dialog.city_combo.itemText(i) for i in range(dialog.city_combo.count())]
    assert "Lillebonne" in names
    dialog.city_combo.setCurrentIndex(names.index("Lillebonne"))
    dialog.edits["legal_name"].setText("Atelier")
    dialog.edits["address_street"].setText("12 bis, rue de l'Église")
    assert dialog.afnor_label.text().splitlines()[-2:] == [
        "12 B RUE DE L'EGLISE",
        "76170 LILLEBONNE",
    ]
    assert dialog.form_data().commune_insee == "76384"


def test_naf_found_by_label_with_the_completer(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _new(qtbot, ctx)
    completer = dialog.edits["naf_code"].completer()
    completer.setCompletionPrefix("décolletage")
    proposal = completer.currentCompletion()
    assert proposal.startswith("25.62A")
    dialog.on_naf_completer_activated(proposal)
    assert dialog.edits["naf_code"].text() == "25.62A"
    assert dialog.naf_label.text() == "Décolletage"


@pytest.mark.parametrize(
    ("field", "value", "words", "tab"),
    [
        ("siret", "732 829 320 00075", "clé de contrôle", 0),
        ("email", "contact@", "Adresse e-mail invalide", 0),
        ("phone", "12", "Numéro de téléphone invalide", 0),
        ("legal_name", "N" * 10_000, "250 caractères (10\u202f000 saisis)", 0),
        ("address_street", "x" * 500, "120 caractères", 1),
    ],
)
def test_error_is_shown_beside_the_field_and_the_form_keeps_its_content(
    qtbot: QtBot, ctx: AppContext, field: str, value: str, words: str, tab: int
) -> None:
    dialog = _new(qtbot, ctx)
    dialog.edits["legal_name"].setText("Soudure <b>Caux</b>")
    dialog.edits["trade_name"].setText("SC")
    dialog.edits[field].setText(value)
    dialog.tabs.setCurrentIndex(2 - tab)
    dialog.on_buttons_accepted()
    assert dialog.result() == 0
    assert words in dialog.errors.message(field)
    assert dialog.tabs.currentIndex() == tab
    assert dialog.edits[field].text() == value
    assert dialog.edits["trade_name"].text() == "SC"
    error_label = dialog.errors.rows[field][1]
    assert error_label.textFormat() == Qt.TextFormat.PlainText


def test_create_with_skills_and_markup_kept_literally(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _new(qtbot, ctx)
    dialog.edits["legal_name"].setText("Soudure <b>Caux</b>")
    node = next(n for n in dialog.capability_picker._items if dialog.capability_picker.item_for(n))
    dialog.capability_picker.set_checked({node})
    dialog.capability_picker.filter_edit.setText("soudage")
    visible = [i for i in dialog.capability_picker._items.values() if not i.isHidden()]
    assert visible and len(visible) < len(dialog.capability_picker._items)
    dialog.on_buttons_accepted()
    assert dialog.result() == 1 and dialog.saved_id is not None
    detail = OrganizationService(ctx.db).get(dialog.saved_id)
    assert detail.data.legal_name == "Soudure <b>Caux</b>"
    assert [c.id for c in detail.capabilities] == [node]


def test_concurrent_edit_shows_what_changed_and_keeps_the_form(
    qtbot: QtBot, ctx: AppContext
) -> None:
    service = OrganizationService(ctx.db)
    saved = service.create(OrganizationData(legal_name="Mécanique Caux", phone="02 35 38 00 01"))
    opened = service.get(saved.organization_id)
    dialog = OrganizationDialog(ctx, opened)
    qtbot.addWidget(dialog)
    assert dialog.edits["phone"].text() == "02 35 38 00 01"  # stored E.164, read nationally
    service.update(
        opened.id,
        replace(opened.data, phone="02 35 38 99 99"),
        version=opened.version,
        opened=opened.opened_values(),
    )
    dialog.edits["trade_name"].setText("MC")
    dialog.on_buttons_accepted()
    assert dialog.result() == 0
    assert dialog.banner.isVisibleTo(dialog)
    assert "Téléphone : « 02 35 38 00 01 » → « 02 35 38 99 99 »" in dialog.banner.text()
    assert dialog.edits["trade_name"].text() == "MC"
    dialog.on_buttons_accepted()  # saving again replaces, knowingly
    assert dialog.result() == 1
    assert service.get(opened.id).data.trade_name == "MC"


def test_contact_dialog_validates_and_saves(qtbot: QtBot, ctx: AppContext) -> None:
    org = OrganizationService(ctx.db).create(OrganizationData(legal_name="Usinage Caux"))
    dialog = ContactDialog(ctx, org.organization_id, None)
    qtbot.addWidget(dialog)
    dialog.edits["last_name"].setText("Durand")
    dialog.edits["email"].setText("durand@")
    dialog.on_buttons_accepted()
    assert dialog.result() == 0
    assert "Adresse e-mail invalide" in dialog.errors.message("email")
    dialog.edits["email"].setText("l.durand@usinage-caux.fr")
    dialog.edits["mobile"].setText("06 12 34 56 78")
    dialog.on_buttons_accepted()
    assert dialog.result() == 1 and dialog.saved is not None
    assert dialog.saved.data.mobile == "+33612345678"


def test_contact_dialog_edits_the_personal_address(qtbot: QtBot, ctx: AppContext) -> None:
    org = OrganizationService(ctx.db).create(OrganizationData(legal_name="Projet de création"))
    created = ContactService(ctx.db).create(org.organization_id, ContactData(last_name="André"))
    dialog = ContactDialog(ctx, org.organization_id, created)
    qtbot.addWidget(dialog)
    dialog.edits["address_street"].setText("95 avenue Lavoisier")
    dialog.edits["postal_code"].setText("7617")
    dialog.on_buttons_accepted()
    assert dialog.result() == 0
    assert "5 chiffres" in dialog.errors.message("postal_code")
    dialog.edits["postal_code"].setText("76170")
    dialog.edits["city"].setText("Lillebonne")
    dialog.on_buttons_accepted()
    assert dialog.result() == 1
    saved = ContactService(ctx.db).get(created.id).data
    assert (saved.address_street, saved.postal_code, saved.city) == (
        "95 avenue Lavoisier",
        "76170",
        "Lillebonne",
    )
    again = ContactDialog(ctx, org.organization_id, ContactService(ctx.db).get(created.id))
    qtbot.addWidget(again)
    assert again.edits["city"].text() == "Lillebonne"


def test_contact_dialog_detects_a_concurrent_edit(qtbot: QtBot, ctx: AppContext) -> None:
    org = OrganizationService(ctx.db).create(OrganizationData(legal_name="Usinage Caux"))
    contacts = ContactService(ctx.db)
    created = contacts.create(org.organization_id, ContactData(last_name="Durand"))
    dialog = ContactDialog(ctx, org.organization_id, created)
    qtbot.addWidget(dialog)
    contacts.update(
        created.id,
        replace(created.data, role="Directrice"),
        version=created.version,
        opened=created.opened_values(),
    )
    dialog.edits["first_name"].setText("Léa")
    dialog.on_buttons_accepted()
    assert "Fonction : « (vide) » → « Directrice »" in dialog.banner.text()
    assert dialog.edits["first_name"].text() == "Léa"


def _sirene_row(ctx: AppContext, **values: object) -> None:
    from guichet.models import SireneEstablishment
    from guichet.reference.text import fold

    row: dict[str, object] = {
        "siret": "73282932000074",
        "siren": "732829320",
        "name": "USINAGE DE LA VALLEE",
        "naf_code": "25.62B",
        "naf_version": "NAFRev2",
        "legal_form": "5499",
        "headcount_band": "11",
        "street": "12 RUE DE L EGLISE",
        "postal_code": "76170",
        "city": "LILLEBONNE",
        "commune_insee": "76384",
        "is_headquarters": True,
        "active": True,
    }
    row.update(values)
    row["name_key"] = fold(str(row["name"]))
    with ctx.db.unit_of_work() as s:
        s.add(SireneEstablishment(**row))


def test_a_siret_known_to_sirene_fills_only_the_empty_fields(qtbot: QtBot, ctx: AppContext) -> None:
    _sirene_row(ctx)
    dialog = _new(qtbot, ctx)
    dialog.edits["legal_name"].setText("Usinage Vallée (nom d'usage)")
    assert not dialog.sirene.button.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.edits["siret"], "73282932000074")
    assert dialog.sirene.button.isVisibleTo(dialog) and dialog.sirene.button.isEnabled()
    assert "USINAGE DE LA VALLEE" in dialog.siret_status.text()
    dialog.sirene.button.click()
    data = dialog.form_data()
    assert data.legal_name == "Usinage Vallée (nom d'usage)"  # typed: kept
    assert (data.naf_code, data.legal_form, data.headcount_band) == ("25.62B", "5499", "11")
    assert (data.address_street, data.postal_code) == ("12 RUE DE L EGLISE", "76170")
    assert (data.city, data.commune_insee) == ("Lillebonne", "76384")
    assert not dialog.sirene.button.isEnabled()  # nothing left to fill
    assert "champ(s)" in dialog.siret_status.text()
    dialog.on_buttons_accepted()
    saved = OrganizationService(ctx.db).get(dialog.saved_id or -1)
    assert saved.data.naf_code == "25.62B" and saved.data.legal_name.startswith("Usinage Vallée")


def test_an_unknown_or_invalid_siret_offers_no_completion(qtbot: QtBot, ctx: AppContext) -> None:
    _sirene_row(ctx)
    dialog = _new(qtbot, ctx)
    qtbot.keyClicks(dialog.edits["siret"], "55210055400013")  # valid, not in the table
    assert not dialog.sirene.button.isVisibleTo(dialog)
    dialog.edits["siret"].clear()
    qtbot.keyClicks(dialog.edits["siret"], "73282932000075")  # wrong check digit
    assert not dialog.sirene.button.isVisibleTo(dialog)
    assert "clé de contrôle" in dialog.siret_status.text()


def test_a_name_prefix_proposes_sirene_establishments(qtbot: QtBot, ctx: AppContext) -> None:
    _sirene_row(ctx, name="<b>USINAGE</b> DE LA VALLEE")
    _sirene_row(ctx, siret="55210055400013", siren="552100554", name="SOUDURE CAUX")
    dialog = _new(qtbot, ctx)
    dialog.edits["legal_name"].setText("<b>usi")  # (keystrokes would pop the list up offscreen)
    dialog.sirene.on_name_edit_text_edited("<b>usi")
    proposed = dialog.sirene.names.stringList()
    assert len(proposed) == 1 and proposed[0].startswith("<b>USINAGE</b> DE LA VALLEE")
    dialog.sirene.on_completer_activated(proposed[0])
    data = dialog.form_data()
    assert data.legal_name == "<b>USINAGE</b> DE LA VALLEE"
    assert dialog.edits["siret"].text() == "732 829 320 00074"
    assert data.naf_code == "25.62B" and data.postal_code == "76170"
    assert dialog.siret_status.textFormat() == Qt.TextFormat.PlainText


def test_editing_an_organization_known_to_sirene_offers_its_completion(
    qtbot: QtBot, ctx: AppContext
) -> None:
    _sirene_row(ctx)
    service = OrganizationService(ctx.db)
    saved = service.create(OrganizationData(legal_name="Vallée", siret="73282932000074"))
    dialog = OrganizationDialog(ctx, service.get(saved.organization_id))
    qtbot.addWidget(dialog)
    assert dialog.sirene.button.isVisibleTo(dialog) and dialog.sirene.button.isEnabled()
    dialog.sirene.button.click()
    assert dialog.form_data().legal_name == "Vallée"
    assert dialog.form_data().postal_code == "76170"

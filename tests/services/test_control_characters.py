"""Control characters stop at the door (import, forms) and never break an export (both engines)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from guichet.db import Database
from guichet.models import Organization, OrganizationKind
from guichet.services.contacts import ContactData, ContactService
from guichet.services.exports import export
from guichet.services.imports import OrganizationImportService
from guichet.services.intake import NewContact, validate_new_contact
from guichet.services.organizations import OrganizationData, OrganizationService

RAW_NAMES = ["Usinage\x0bLefèbvre", "Tôlerie\x0cdu Port", "Quai\u2028Nord", "Fonderie\x85Sud"]
CLEAN_NAMES = ["Usinage Lefèbvre", "Tôlerie du Port", "Quai Nord", "Fonderie Sud"]
CONTROLS = "\x00\x0b\x0c\x85\u2028"


def _names(db: Database) -> list[str]:
    with db.unit_of_work() as s:
        return sorted(s.scalars(select(Organization.legal_name)))


def _check_exports(db: Database, tmp_path: Path) -> None:
    """Every format of the organisation export is written, with no control character."""
    xlsx = export(db, "organisations", tmp_path / "o.xlsx").path
    sheet = load_workbook(xlsx, read_only=True).worksheets[0]
    cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert not any(c in cell for cell in cells for c in CONTROLS)
    text = export(db, "organisations", tmp_path / "o.csv").path.read_text(encoding="utf-8-sig")
    assert not any(c in text for c in CONTROLS)
    card = export(db, "contacts", tmp_path / "c.vcf").path.read_text(encoding="utf-8")
    assert not any(c in card for c in CONTROLS + "\t")


def test_an_import_cleans_every_cell(portable_db: Database, tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Raison sociale", "Ville", "Description"])
    writer.writerows([name, "Bolbec", "Ligne 1\x0bLigne 2"] for name in RAW_NAMES)
    writer.writerows([f"Remplissage {i}", "Bolbec", "x" * 200] for i in range(400))
    writer.writerow(["Caché\x00 SARL", "Fécamp", ""])  # a NUL past the first 64 KiB
    data = buffer.getvalue().encode("utf-8")
    assert data.index(b"\x00") > 65536
    path = tmp_path / "membres.csv"
    path.write_bytes(data)
    service = OrganizationImportService(portable_db)
    table = service.read(path)
    report = service.run(table, service.mapping_for(table).mapping)
    assert report.created == 405 and report.rejected == 0
    names = _names(portable_db)
    assert set(CLEAN_NAMES) | {"Caché SARL"} <= set(names)
    with portable_db.unit_of_work() as s:
        descriptions = set(s.scalars(select(Organization.description)))
    assert "Ligne 1\nLigne 2" in descriptions  # kept on two lines in a multi-line field
    _check_exports(portable_db, tmp_path)


def test_forms_clean_what_they_save(portable_db: Database, tmp_path: Path) -> None:
    saved = OrganizationService(portable_db).create(
        OrganizationData(legal_name=RAW_NAMES[0], description="Tournage\u2028fraisage\x00")
    )
    detail = OrganizationService(portable_db).get(saved.organization_id)
    assert detail.data.legal_name == CLEAN_NAMES[0]
    assert detail.data.description == "Tournage\nfraisage"
    contact = ContactService(portable_db).create(
        saved.organization_id,
        ContactData(last_name="Martin\x0cDupont", first_name="Anne\x85Lise\x00"),
    )
    assert (contact.data.last_name, contact.data.first_name) == ("Martin Dupont", "Anne Lise")
    _check_exports(portable_db, tmp_path)


def test_data_stored_raw_is_cleaned_by_every_export(portable_db: Database, tmp_path: Path) -> None:
    with portable_db.unit_of_work() as s:
        for name in [*RAW_NAMES, "x" * 70_000 + "\x00fin"]:
            s.add(Organization(kind=OrganizationKind.COMPANY, legal_name=name[:250]))
    _check_exports(portable_db, tmp_path)


def test_the_intake_form_cleans_the_new_contact() -> None:
    contact = validate_new_contact(NewContact(last_name="Vasseur\u2028\x00", first_name="Marc\x0b"))
    assert (contact.last_name, contact.first_name) == ("Vasseur", "Marc")

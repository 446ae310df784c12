"""Import of registrations from an online form's export: mapping, matching, errors kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import RegistrationStatus
from guichet.services.meeting_import import import_registrations, read_registration_file
from guichet.services.meetings import get_meeting
from tests.services.meeting_helpers import make_meeting, make_people

HEADERS = ["Horodatage", "Nom", "Prénom", "Adresse e-mail", "Société", "Fonction", "Téléphone"]
ROWS = [
    # matched by e-mail (another case), whatever the name typed
    ["01/12/2026", "Vasseur", "J.", "JEAN.VASSEUR@forges.fr", "Forges", "", ""],
    # matched by name and company (legal-form words and accents ignored)
    ["01/12/2026", "Martin", "Zoé", "", "ateliers ecrin SARL", "", ""],
    # a new person in a company of the directory
    ["02/12/2026", "Durand", "Marc", "marc.durand@ecrin.fr", "Ateliers Écrin", "Gérant", ""],
    # a new person in a new company
    ["02/12/2026", "Colin", "Chloé", "chloe@h2-neuf.fr", "H2 Neuf", "", "02 35 12 34 56"],
    ["03/12/2026", "Roux", "Léa", "pas-un-mail", "", "", ""],  # refused: bad e-mail
    ["", "", "", "", "", "", ""],  # blank line skipped
    ["03/12/2026", "Vasseur", "Jean", "jean.vasseur@forges.fr", "", "", ""],  # twice
]


def _xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return path


def _csv(path: Path) -> Path:
    lines = [";".join(HEADERS)] + [";".join(row) for row in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


@pytest.mark.parametrize("writer", [_xlsx, _csv])
def test_rows_match_existing_contacts_by_email_then_name_and_company(
    portable_db: Database, tmp_path: Path, writer: object
) -> None:
    db = portable_db
    make_people(db, [("Ateliers Écrin", "Zoé", "Martin")])
    make_people(db, [("Forges de Normandie", "Jean", "Vasseur")], email="jean.vasseur@forges.fr")
    meeting_id = make_meeting(db, capacity=3)
    suffix = ".xlsx" if writer is _xlsx else ".csv"
    table, choice = read_registration_file(db, writer(tmp_path / f"inscriptions{suffix}"))  # type: ignore[operator]
    assert choice.mapping == (
        None,
        "contact_last_name",
        "contact_first_name",
        "email",
        "legal_name",
        "contact_role",
        "phone",
    )
    report = import_registrations(db, meeting_id, table, choice.mapping)
    assert (report.matched_by_email, report.matched_by_name) == (2, 1)
    assert (report.new_contacts, report.new_companies) == (2, 1)
    assert (report.registered, report.waiting, report.already) == (3, 1, 1)
    assert report.errors == [
        "Ligne 6 : Adresse e-mail invalide : « pas-un-mail » (il manque le « @ »)."
    ]
    rows = {r.name: r for r in get_meeting(db, meeting_id).registrations}
    assert set(rows) == {"Jean Vasseur", "Zoé Martin", "Marc Durand", "Chloé Colin"}
    assert rows["Marc Durand"].organization == "Ateliers Écrin"
    assert rows["Chloé Colin"].organization == "H2 Neuf"
    assert rows["Chloé Colin"].status == RegistrationStatus.WAITING


def test_a_file_without_names_is_refused_in_french(db: Database, tmp_path: Path) -> None:
    meeting_id = make_meeting(db)
    path = tmp_path / "sans-nom.csv"
    path.write_text("Société;Ville\nForges;Lillebonne\n", encoding="utf-8")
    table, choice = read_registration_file(db, path)
    with pytest.raises(ValidationError, match="nom des personnes"):
        import_registrations(db, meeting_id, table, choice.mapping)

"""SIRENE stock files into the local lookup table; looking a company up and completing it."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.importers.errors import FileRefused
from guichet.importers.sirene import SireneFilter
from guichet.models import Organization, SireneEstablishment
from guichet.services.sirene_import import departement_filter, import_sirene
from guichet.services.sirene_lookup import complete_organization, find_by_siret, lookup

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sirene_sample"
STOCK = SAMPLE / "StockEtablissement_utf8_sample.csv"
UNITS = SAMPLE / "StockUniteLegale_utf8_sample.csv"


def rows(db: Database) -> list[SireneEstablishment]:
    with db.unit_of_work() as s:
        return list(s.scalars(select(SireneEstablishment)))


def test_departement_with_legal_names_joined(db: Database) -> None:
    report = import_sirene(db, STOCK, departement_filter("80"), legal_units=UNITS)
    kept = rows(db)
    assert report.read == 79 and report.kept == len(kept) == 7
    assert report.closed == 32
    assert all(r.commune_insee and r.commune_insee.startswith("80") and r.active for r in kept)
    first = next(r for r in kept if r.siret == "00542012000015")
    assert first.name == "SOCIETE DES SUCRERIES DU MARQUENTERRE"
    assert first.legal_form and first.naf_version == "NAFRev2"


def test_closed_establishments_kept_flagged_on_request(db: Database) -> None:
    import_sirene(db, STOCK, departement_filter("80", include_closed=True), legal_units=UNITS)
    assert sum(1 for r in rows(db) if not r.active) == 32


def test_a_territory_keeps_only_its_communes_from_the_zip(db: Database, tmp_path: Path) -> None:
    archive = tmp_path / "StockEtablissement_utf8.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(STOCK, "StockEtablissement_utf8.csv")
    wanted = SireneFilter(communes=frozenset({"76235"}), include_closed=True)
    report = import_sirene(db, archive, wanted)
    assert report.kept == 1
    (row,) = rows(db)
    assert (row.siret, row.city, row.active) == ("00542002100023", "ENVERMEU", False)


def test_columns_are_found_by_name_and_non_diffusible_left_out(
    db: Database, tmp_path: Path
) -> None:
    with STOCK.open(encoding="utf-8") as handle:
        data = list(csv.reader(handle))
    header, body = data[0], data[1:]
    order = list(reversed(range(len(header))))  # another vintage: columns in another order
    status = header.index("statutDiffusionEtablissement")
    for row in body[:5]:
        row[status] = "P"
    shuffled = tmp_path / "StockEtablissement.csv"
    with shuffled.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([[r[i] for i in order] for r in [header, *body]])
    report = import_sirene(db, shuffled, departement_filter("80", include_closed=True))
    assert report.non_diffusible == sum(
        1 for r in body[:5] if r[header.index("codeCommuneEtablissement")].startswith("80")
    )
    assert report.kept == 39 - report.non_diffusible


def test_a_file_that_is_not_a_stock_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(FileRefused, match="StockEtablissement"):
        import_sirene(db, UNITS, departement_filter("80"))
    with pytest.raises(ValidationError, match="Département inconnu"):
        departement_filter("999")


def test_a_cancelled_sirene_import_changes_nothing(db: Database) -> None:
    def cancel() -> None:
        raise KeyboardInterrupt

    import guichet.importers.sirene as sirene

    original = sirene.CHECK_EVERY
    sirene.CHECK_EVERY = 10
    try:
        with pytest.raises(KeyboardInterrupt):
            import_sirene(db, STOCK, departement_filter("80"), check=cancel)
    finally:
        sirene.CHECK_EVERY = original
    assert rows(db) == []


def test_lookup_by_siret_or_name_and_completion(db: Database) -> None:
    import_sirene(db, STOCK, departement_filter("80"), legal_units=UNITS)
    assert find_by_siret(db, "005 420 120 00015") is not None
    assert find_by_siret(db, "00542012000016") is None
    found = lookup(db, "société des sucr")
    assert [m.siret for m in found] == ["00542012000015"]
    assert lookup(db, "00542012000015")[0].name == found[0].name
    assert lookup(db, "s") == []
    with db.unit_of_work() as s:
        org = Organization(legal_name="Sucrerie", siret="00542012000015", city="Rue")
        s.add(org)
        s.flush()
        org_id = org.id
    changes = complete_organization(db, org_id)
    assert "legal_name" not in changes and "city" not in changes  # never overwrites
    assert changes["siren"] == "005420120" and changes["naf_version"]
    assert complete_organization(db, org_id) == {}
    with db.unit_of_work() as s:
        other = Organization(legal_name="Inconnue", siret="73282932000074")
        s.add(other)
        s.flush()
        other_id = other.id
    with pytest.raises(NotFoundError, match="table SIRENE locale"):
        complete_organization(db, other_id)


def test_establishments_not_in_the_directory_and_creation_from_sirene(db: Database) -> None:
    from guichet.services.sirene_lookup import create_from_sirene, establishments_to_add

    import_sirene(db, STOCK, departement_filter("80"), legal_units=UNITS)
    proposed = establishments_to_add(db, "société des sucr")
    assert [m.siret for m in proposed] == ["00542012000015"]
    assert [m.siret for m in establishments_to_add(db, "005 420 120 00015")] == ["00542012000015"]
    created = create_from_sirene(db, "005 420 120 00015")
    with db.unit_of_work() as s:
        org = s.get(Organization, created.id)
        assert org is not None
        row = s.get(SireneEstablishment, "00542012000015")
        assert row is not None
        assert (org.legal_name, org.siren, org.naf_code, org.legal_form, org.postal_code) == (
            row.name,
            row.siren,
            row.naf_code,
            row.legal_form,
            row.postal_code,
        )
        assert org.commune_insee == row.commune_insee and org.naf_version
    assert establishments_to_add(db, "société des sucr") == []  # now in the directory
    with pytest.raises(ValidationError, match="déjà celui"):
        create_from_sirene(db, "00542012000015")
    with pytest.raises(NotFoundError):
        create_from_sirene(db, "73282932000074")

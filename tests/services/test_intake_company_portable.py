"""A company created at the desk, on SQLite and PostgreSQL: its street, its commune from a
shared postal code, its SIRET looked up in SIRENE (by SIRET or SIREN)."""

from __future__ import annotations

from pathlib import Path

import pytest

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.quick_company import (
    QuickCompanyDraft,
    address_warnings,
    create_quick_company,
)
from guichet.services.sirene_import import departement_filter, import_sirene
from guichet.services.sirene_lookup import establishments_to_add, lookup

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sirene_sample"


def test_the_street_is_stored_and_a_shared_postal_code_needs_its_commune(
    portable_db: Database,
) -> None:
    draft = QuickCompanyDraft(
        legal_name="Tôlerie des Falaises",
        siret="732 829 320 00074",
        street="  12   rue des Falaises ",
        postal_code="76400",
        commune_insee="76259",
    )
    assert address_warnings(draft) == []
    created = create_quick_company(portable_db, draft)
    with portable_db.unit_of_work() as s:
        org = s.get(m.Organization, created.id)
        assert org is not None
        assert (org.address_street, org.city, org.commune_insee) == (
            "12 rue des Falaises",
            "Fécamp",
            "76259",
        )


def test_a_missing_or_long_street_is_warned_about_never_refused(portable_db: Database) -> None:
    bare = QuickCompanyDraft(legal_name="Projet Martin", without_siret=True, postal_code="76400")
    assert any("distribué" in w for w in address_warnings(bare))
    long_line = QuickCompanyDraft(
        legal_name="X", without_siret=True, street="12 " + "chemin " * 6, city="Fécamp"
    )
    assert any("38 au plus" in w for w in address_warnings(long_line))
    created = create_quick_company(portable_db, long_line)
    assert created.id
    with pytest.raises(ValidationError, match="120 au plus") as error:
        create_quick_company(
            portable_db, QuickCompanyDraft("Y", without_siret=True, street="r" * 121)
        )
    assert error.value.field == "street"


def test_sirene_lookup_by_siret_or_siren(portable_db: Database) -> None:
    import_sirene(
        portable_db,
        SAMPLE / "StockEtablissement_utf8_sample.csv",
        departement_filter("80"),
        legal_units=SAMPLE / "StockUniteLegale_utf8_sample.csv",
    )
    by_siret = lookup(portable_db, "005 420 120 00015")
    assert [x.siret for x in by_siret] == ["00542012000015"]
    by_siren = lookup(portable_db, "005 420 120")
    assert by_siren and all(x.siren == "005420120" for x in by_siren)
    assert "00542012000015" in [x.siret for x in establishments_to_add(portable_db, "005420120")]
    assert lookup(portable_db, "999 999 999") == []

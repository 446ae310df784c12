"""Communes of Seine-Maritime, postal codes and the Caux Seine Agglo territory."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.reference.communes import (
    DEFAULT_TERRITORY_EPCI,
    Commune,
    all_communes,
    commune,
    commune_by_name,
    communes_for_postal_code,
    current_insee,
    departement_name,
    epci_insee_codes,
    epcis,
    is_on_territory,
    name_key,
    postal_code_matches_commune,
    territory_insee_codes,
)
from guichet.reference.paths import reference_file


def test_707_current_communes() -> None:
    communes = all_communes()
    assert len(communes) == 707
    assert all(c.departement == "76" and c.epci_siren and c.postal_codes for c in communes)


def test_territory_has_50_communes_all_known() -> None:
    codes = territory_insee_codes()
    assert len(codes) == 50
    for code in codes:
        found = commune(code)
        assert found is not None, code
        assert found.epci_siren == DEFAULT_TERRITORY_EPCI
    assert epci_insee_codes(DEFAULT_TERRITORY_EPCI) == codes


def test_territory_names_match_the_commune_file() -> None:
    with reference_file("caux_seine_agglo_communes.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found = commune(row["code_insee"])
            assert found is not None and found.name == row["nom"]


def test_is_on_territory() -> None:
    assert is_on_territory("76384")  # Lillebonne
    assert is_on_territory("76031")  # Auberville-la-Campagne, now Port-Jérôme-sur-Seine
    assert not is_on_territory("76351")  # Le Havre
    assert not is_on_territory("")
    assert is_on_territory("76351", territory=epci_insee_codes("200084952"))


def test_postal_code_76170() -> None:
    found = communes_for_postal_code("76170")
    names = [c.name for c in found]
    assert "Lillebonne" in names
    assert "Port-Jérôme-sur-Seine" in names
    assert all("76170" in c.postal_codes for c in found)
    assert communes_for_postal_code("99999") == []


@pytest.mark.parametrize(
    "typed",
    [
        "Port-Jérôme-sur-Seine",
        "Port-Jerome-sur-Seine",
        "PORT JEROME SUR SEINE",
        "port jérôme s/ seine",
        "Notre-Dame-de-Gravenchon",  # commune déléguée
        "NOTRE DAME DE GRAVENCHON",
    ],
)
def test_port_jerome_by_name(typed: str) -> None:
    found = commune_by_name(typed)
    assert found is not None
    assert (found.insee, found.name) == ("76476", "Port-Jérôme-sur-Seine")
    assert found.postal_codes == ("76170", "76330")


def test_commune_by_name_saint_and_articles() -> None:
    found = commune_by_name("ST ROMAIN DE COLBOSC")
    assert found is not None and found.name == "Saint-Romain-de-Colbosc"
    assert commune_by_name("Havre (Le)") == commune_by_name("le havre") == commune("76351")


def test_commune_by_name_with_postal_code() -> None:
    assert commune_by_name("Lillebonne", "76170") == commune("76384")
    assert commune_by_name("Lillebonne", "76000") is None
    assert commune_by_name("Paris") is None


def test_former_codes_resolve() -> None:
    assert current_insee("76031") == "76476"
    assert current_insee("76476") == "76476"
    assert current_insee("76003") == "76020"  # Ambourville, commune associée
    assert current_insee("75056") is None
    assert commune("76031") == commune("76476")


def test_postal_code_matches_commune() -> None:
    assert postal_code_matches_commune("76330", "76476")
    assert postal_code_matches_commune("76170", "76476")
    assert not postal_code_matches_commune("76210", "76476")
    assert not postal_code_matches_commune("76170", "75056")


def test_name_key() -> None:
    assert name_key("Saint-Jean-de-Folleville") == name_key("ST JEAN DE FOLLEVILLE")
    assert name_key("Paris/Lyon") == "paris lyon"


def test_epcis_and_departements() -> None:
    assert len(epcis()) == 19
    assert (DEFAULT_TERRITORY_EPCI, "CA Caux Seine Agglo") in epcis()
    assert departement_name("76") == "Seine-Maritime"
    assert departement_name("2a") == "Corse-du-Sud"
    assert departement_name("00") is None


@given(st.sampled_from(all_communes()))
def test_every_commune_found_by_name_and_postal_code(found: Commune) -> None:
    assert commune_by_name(found.name) == found
    assert commune_by_name(found.name.upper().replace("-", " ")) == found
    for postal_code in found.postal_codes:
        assert found in communes_for_postal_code(postal_code)
        assert commune_by_name(found.name, postal_code) == found
        assert postal_code_matches_commune(postal_code, found.insee)


def test_a_shared_postal_code_gives_the_most_populous_commune_first() -> None:
    found = communes_for_postal_code("76400")
    assert found[0].name == "Fécamp"
    populations = [c.population for c in found]
    assert populations == sorted(populations, reverse=True) and populations[-1] > 0
    assert communes_for_postal_code("76170")[0].name == "Port-Jérôme-sur-Seine"

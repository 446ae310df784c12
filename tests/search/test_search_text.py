"""What the directory search understands: folding, prefixes, typos, identifiers, thesaurus."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guichet.db import Database
from guichet.search import DirectorySearch
from tests.search.helpers import add_org


def names(db: Database, text: str, **kwargs: object) -> list[str]:
    return [h.legal_name for h in DirectorySearch(db).search(text, **kwargs)]  # type: ignore[arg-type]


@pytest.fixture
def directory(db: Database) -> Database:
    add_org(db, "Œuvres Mécaniques Hébert", city="Bolbec", postal_code="76210")
    add_org(db, "Tournerie Lefebvre", capabilities=["Tournage CN"], city="Lillebonne")
    add_org(db, "Injection Normande", capabilities=["Injection"], city="Fécamp")
    add_org(
        db,
        "Société Générale de Bureaux",
        description="Conseil aux entreprises, rien de mécanique.",
        siren="732829320",
        siret="73282932000074",
    )
    add_org(db, "Chaudronnerie Martin", contacts=[("Élodie", "Carpentier")])
    return db


@pytest.mark.parametrize(
    "typed",
    ["oeuvres", "ŒUVRES", "Œuvres", "œuvres mecaniques", "HEBERT", "hébert", "Hebert", "ŒuVrEs"],
)
def test_case_accents_and_ligatures_do_not_matter(directory: Database, typed: str) -> None:
    assert names(directory, typed)[0] == "Œuvres Mécaniques Hébert"


def test_one_and_two_letter_prefixes_find_names(directory: Database) -> None:
    assert "Tournerie Lefebvre" in names(directory, "t")
    assert names(directory, "to")[0] == "Tournerie Lefebvre"
    assert names(directory, "lef")[0] == "Tournerie Lefebvre"
    assert "Injection Normande" not in names(directory, "to")


def test_earlier_words_may_be_prefixes_too(directory: Database) -> None:
    assert names(directory, "tour lill") == ["Tournerie Lefebvre"]


def test_one_typo_is_forgiven(directory: Database) -> None:
    assert names(directory, "Lefebre") == ["Tournerie Lefebvre"]  # a letter missing
    assert names(directory, "tournerie lefbevre") == ["Tournerie Lefebvre"]  # swapped
    assert names(directory, "chaudronnerei") == ["Chaudronnerie Martin"]
    assert names(directory, "xqzwvy") == []


@pytest.mark.parametrize(
    "typed", ["73282932000074", "732 829 320 00074", "732829320 00074", "732.829.320"]
)
def test_siret_and_siren_with_or_without_spaces(directory: Database, typed: str) -> None:
    hits = DirectorySearch(directory).search(typed)
    assert [h.legal_name for h in hits] == ["Société Générale de Bureaux"]
    assert hits[0].reason in {"SIRET", "SIREN"}


def test_a_parent_capability_finds_its_children(directory: Database) -> None:
    hits = DirectorySearch(directory).search("Usinage")
    assert [h.legal_name for h in hits] == ["Tournerie Lefebvre"]
    assert hits[0].matched_capabilities == ("Tournage CN",)
    assert hits[0].reason == "Compétence : Tournage CN"


def test_synonyms_expand_the_query(directory: Database) -> None:
    assert names(directory, "plastique") == ["Injection Normande"]  # synonym of Plasturgie
    assert names(directory, "tournage") == ["Tournerie Lefebvre"]
    assert names(directory, "usinage fecamp") == []


def test_commune_postal_code_description_and_contacts(directory: Database) -> None:
    assert names(directory, "bolbec") == ["Œuvres Mécaniques Hébert"]
    assert names(directory, "76210") == ["Œuvres Mécaniques Hébert"]
    assert names(directory, "conseil entreprises") == ["Société Générale de Bureaux"]
    hits = DirectorySearch(directory).search("carpentier")
    assert [h.legal_name for h in hits] == ["Chaudronnerie Martin"]
    assert hits[0].reason == "Contact"


def test_ranking_exact_name_then_capability_then_text(db: Database) -> None:
    add_org(db, "Atelier Dupuis", description="Pièces pour l'usinage et la mécanique.")
    add_org(db, "Atelier Renaud", capabilities=["Fraisage 5 axes"])
    add_org(db, "Usinage")
    hits = DirectorySearch(db).search("usinage")
    assert [h.legal_name for h in hits] == ["Usinage", "Atelier Renaud", "Atelier Dupuis"]
    assert [h.reason for h in hits] == ["Nom exact", "Compétence : Fraisage 5 axes", "Description"]
    assert hits[0].score > hits[1].score > hits[2].score


def test_empty_text_lists_everything_by_name(directory: Database) -> None:
    listed = names(directory, "   ")
    assert listed == sorted(listed, key=lambda n: n.replace("Œ", "Oe").casefold())
    assert len(listed) == 5 == DirectorySearch(directory).count("")


def test_paging_and_count(db: Database) -> None:
    for i in range(30):
        add_org(db, f"Garage {i:02d}")
    search = DirectorySearch(db)
    first, second = search.search("garage", limit=20), search.search("garage", limit=20, offset=20)
    assert len(first) == 20 and len(second) == 10
    assert not {h.id for h in first} & {h.id for h in second}
    assert search.count("garage") == 30
    assert search.count("garage", cap=5) == 5


@pytest.mark.parametrize("typed", ["", "usinage", "bolbec usinage", "76", "tournage", "zzqqx"])
def test_ids_are_every_organization_the_search_finds(demo_db: Database, typed: str) -> None:
    from guichet.search import SearchFilters

    search = DirectorySearch(demo_db)
    for filters in (None, SearchFilters(on_territory=True)):
        ids = search.ids(typed, filters)
        total = search.count(typed, filters)
        assert len(ids) == len(set(ids)) == total
        assert set(ids) == {h.id for h in search.search(typed, filters, limit=total + 1)}


def test_markup_and_huge_names_are_plain_text(db: Database) -> None:
    add_org(db, "<b>Gras</b> & Cie")
    add_org(db, "Très " + "long " * 48)  # 245 characters, the most a name may hold
    assert names(db, "<b>gras") == ["<b>Gras</b> & Cie"]
    assert names(db, "long long")[0].startswith("Très long")
    assert DirectorySearch(db).search("x" * 10_000) == []


FTS_SYNTAX = ['"', "*", "-", "(", ")", "NEAR", ":", "AND", "OR", "NOT", "^", "+", "{", "}", "'"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.one_of(st.sampled_from(FTS_SYNTAX), st.text(max_size=12)), max_size=8).map(" ".join)
)
def test_search_never_raises_on_what_is_typed(directory: Database, typed: str) -> None:
    search = DirectorySearch(directory)
    assert isinstance(search.search(typed, limit=5), list)
    assert search.count(typed) >= 0

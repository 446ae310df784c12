"""Partial matches: nobody has every word typed, so those having most of them, labelled."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.db import Database
from guichet.search import DirectorySearch, OrganizationHit, SearchFilters
from guichet.search.partial import most_words, typed_labels
from tests.search.helpers import add_org


@pytest.fixture
def workshops(portable_db: Database) -> Database:
    add_org(portable_db, "Atelier usinage Martin", city="Bolbec", description="usinage de pièces")
    add_org(
        portable_db,
        "Tôlerie inox Durand",
        city="Fécamp",
        description="chaudronnerie inox",
        do_not_refer=True,
    )
    add_org(portable_db, "Usinage Bolbec Inox Leroy", city="Lillebonne")
    add_org(portable_db, "Boulangerie Petit", city="Bolbec")
    return portable_db


def names(hits: list[OrganizationHit]) -> list[str]:
    return [h.legal_name for h in hits]


def test_every_word_somewhere_is_not_partial(workshops: Database) -> None:
    search = DirectorySearch(workshops, partial=True)
    hits = search.search("usinage inox")
    assert names(hits) == ["Usinage Bolbec Inox Leroy"]
    assert not hits[0].partial and hits[0].matched_words == () and hits[0].query_words == 0


def test_most_words_first_then_fewer_each_labelled(workshops: Database) -> None:
    search = DirectorySearch(workshops, partial=True)
    hits = search.search("usinage bolbec inox lillebonne zzz")
    assert all(h.partial for h in hits)
    assert hits[0].legal_name == "Usinage Bolbec Inox Leroy"
    assert hits[0].matched_words == ("usinage", "bolbec", "inox", "lillebonne")
    assert hits[0].reason.startswith("4 mots sur 5 : usinage, bolbec, inox, lillebonne — ")
    counts = [len(h.matched_words) for h in hits]
    assert counts == sorted(counts, reverse=True)
    assert "Boulangerie Petit" in names(hits)  # one word of five (« bolbec ») still counts
    assert search.count("usinage bolbec inox lillebonne zzz") == len(hits)
    assert sorted(search.ids("usinage bolbec inox lillebonne zzz")) == sorted(h.id for h in hits)


def test_two_words_nobody_has_both(workshops: Database) -> None:
    search = DirectorySearch(workshops, partial=True)
    hits = search.search("fécamp martin")
    assert sorted(names(hits)) == ["Atelier usinage Martin", "Tôlerie inox Durand"]
    reasons = {h.legal_name: h.reason for h in hits}
    assert reasons["Tôlerie inox Durand"].startswith("1 mot sur 2 : fécamp — ")
    assert reasons["Atelier usinage Martin"].startswith("1 mot sur 2 : martin — ")
    assert [h.legal_name for h in search.search("fécamp martin", limit=1, offset=1)] == [
        names(hits)[1]
    ]


def test_partial_matches_respect_the_filters(workshops: Database) -> None:
    search = DirectorySearch(workshops, partial=True)
    referable = SearchFilters(exclude_do_not_refer=True)
    assert names(search.search("fécamp martin", referable)) == ["Atelier usinage Martin"]
    assert search.count("fécamp martin", referable) == 1
    assert search.search("zzz yyy") == [] and search.count("zzz yyy") == 0


def test_not_asked_for_partial_matches_nobody_is_found(workshops: Database) -> None:
    search = DirectorySearch(workshops)
    assert search.search("fécamp martin") == []
    assert search.count("fécamp martin") == 0 and search.ids("fécamp martin") == []


def test_one_word_is_never_partial(workshops: Database) -> None:
    assert DirectorySearch(workshops, partial=True).search("zzzz") == []


@given(
    st.lists(st.frozensets(st.integers(0, 4), max_size=5), max_size=12),
    st.integers(2, 5),
)
def test_each_organization_gets_the_largest_combination_it_has(
    organizations: list[frozenset[int]], count: int
) -> None:
    """``most_words`` against a brute force: words of each organization, largest set found."""
    having = [frozenset(w for w in words if w < count) for words in organizations]

    def matching(positions: tuple[int, ...], limit: int) -> list[int]:
        return [i for i, words in enumerate(having) if set(positions) <= words][:limit]

    found = most_words(count, matching, 10_000)
    for org, words in enumerate(having):
        if not words or len(words) == count:
            assert org not in found or len(words) == count
            continue
        assert len(found[org]) == len(words) and set(found[org]) <= words


def test_labels_are_the_words_as_typed() -> None:
    assert typed_labels("Usinage, INOX Fécamp", ["usinage", "inox", "fecamp"]) == [
        "usinage",
        "inox",
        "fécamp",
    ]

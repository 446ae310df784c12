"""Folding and query parsing: pure functions, checked on examples and on arbitrary text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guichet.search.capabilities import Thesaurus
from guichet.search.fts_query import edits1, match_expression
from guichet.search.normalize import MAX_TOKENS, fold_key, parse_query


def test_fold_key_examples() -> None:
    assert fold_key("  L'Œuvre  — SARL ") == "l oeuvre sarl"
    assert fold_key("Æquo ÉTS") == "aequo ets"
    assert fold_key(None) == ""


def test_grouped_digits_become_one_identifier() -> None:
    assert parse_query("732 829 320 00074").tokens == ("73282932000074",)
    assert parse_query("732 829 320 00074").digits == "73282932000074"
    assert parse_query("siret 732 829 320 00074").tokens == ("siret", "73282932000074")
    assert parse_query("ISO 9001 14001").tokens == ("iso", "9001", "14001")
    assert parse_query("732 82").tokens == ("73282",)


def test_stopwords_are_dropped_but_not_the_word_being_typed() -> None:
    query = parse_query("Pile à combustible de")
    assert query.tokens == ("pile", "combustible", "de")
    assert query.key == "pile a combustible de"


def test_thesaurus_expands_to_descendants() -> None:
    th = Thesaurus(
        [
            (1, None, "Plasturgie", "plastique"),
            (2, 1, "Injection", None),
            (3, None, "Soudure", None),
        ]
    )
    assert th.expand(["plastiq"]) == {1, 2}
    assert th.expand(["injection"]) == {2}
    assert th.index_text([2]).split() == ["injection", "plasturgie", "plastique"]


def test_edits1_covers_the_four_kinds_of_typo() -> None:
    variants = edits1("usine")
    assert {"usin", "suine", "usina", "ussine"} <= variants and "usine" not in variants


@given(st.text())
def test_folding_is_idempotent(text: str) -> None:
    assert fold_key(fold_key(text)) == fold_key(text)


@given(st.text())
def test_parsing_never_raises_and_yields_plain_words(text: str) -> None:
    query = parse_query(text)
    assert len(query.tokens) <= MAX_TOKENS
    assert all(t and '"' not in t and " " not in t for t in query.tokens)
    assert set(query.tokens) <= set(query.key.split())
    assert fold_key(query.key) == query.key
    expression = match_expression([[(t, True)] for t in query.tokens])
    assert expression.count('"') == 2 * len(query.tokens)

"""NAF rév. 2 nomenclature."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.errors import ValidationError
from guichet.reference.naf import (
    NAF_VERSION,
    NafEntry,
    all_naf,
    naf_divisions,
    naf_entry,
    normalize_naf_code,
    search_naf,
    validate_naf_code,
)


def test_732_sub_classes_all_with_division_and_section() -> None:
    entries = all_naf()
    assert len(entries) == 732
    assert len({e.code for e in entries}) == 732
    for entry in entries:
        assert entry.label and entry.division_label and entry.section_label
        assert entry.code.startswith(entry.division + ".")
        assert entry.section.isalpha() and len(entry.section) == 1


def test_version() -> None:
    assert NAF_VERSION == "NAFRev2"


def test_entry_with_or_without_dot() -> None:
    entry = naf_entry("25.62B")
    assert entry is not None
    assert entry.label == "Mécanique industrielle"
    assert (entry.division, entry.section) == ("25", "C")
    assert naf_entry("2562B") == entry == naf_entry(" 25.62b ")
    assert entry.compact_code == "2562B"
    assert naf_entry("25.62C") is None
    assert naf_entry("64.11") is None  # a NAP code, as found on old SIRENE units


def test_normalize_and_validate() -> None:
    assert normalize_naf_code("2562b") == "25.62B"
    assert normalize_naf_code("25 62 B") == "25.62B"
    assert normalize_naf_code("256B") is None
    assert validate_naf_code("7112b") == "71.12B"
    with pytest.raises(ValidationError, match="forme"):
        validate_naf_code("mécanique")
    with pytest.raises(ValidationError, match="n'existe pas"):
        validate_naf_code("25.62Y")


def test_divisions() -> None:
    divisions = naf_divisions()
    assert len(divisions) == 88
    assert ("25", naf_entry("25.62B").division_label) in divisions  # type: ignore[union-attr]
    assert divisions == sorted(divisions)


def test_search_by_code_prefix() -> None:
    assert [e.code for e in search_naf("25.62")] == ["25.62A", "25.62B"]
    assert [e.code for e in search_naf("2562")] == ["25.62A", "25.62B"]
    assert all(e.code.startswith("25") for e in search_naf("25", limit=100))
    assert len(search_naf("2", limit=5)) == 5


def test_search_by_words_ignores_accents_and_case() -> None:
    assert search_naf("mécanique industrielle")[0].code == "25.62B"
    assert search_naf("MECANIQUE INDUSTRIELLE")[0].code == "25.62B"
    assert search_naf("ingenierie")[0].code == "71.12B"
    assert "49.41A" in [e.code for e in search_naf("transports routiers de fret")]
    assert search_naf("plast")  # word prefix
    assert search_naf("xyzzy") == []
    assert search_naf("") == []


@given(st.sampled_from(all_naf()))
def test_every_entry_found_by_code_and_label(entry: NafEntry) -> None:
    assert naf_entry(entry.compact_code) == entry
    assert entry in search_naf(entry.code)
    assert entry in search_naf(entry.label, limit=732)

"""Control characters never reach the database or a file: one function cleans text everywhere."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from guichet.reference.text import clean_text

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from([*LINE_BREAKS, "\x00", "\t", "\x7f", "\x9b", "\ufffe"]),
    )
)


def _allowed(char: str, multiline: bool) -> bool:
    """No control character (category Cc) but tab and LF in a multi-line field; no other break."""
    if multiline and char in "\n\t":
        return True
    return unicodedata.category(char) != "Cc" and char not in LINE_BREAKS


@given(HOSTILE, st.booleans())
def test_only_printable_text_and_allowed_breaks_remain(text: str, multiline: bool) -> None:
    cleaned = clean_text(text, multiline=multiline)
    assert all(_allowed(c, multiline) for c in cleaned)
    assert not ILLEGAL_CHARACTERS_RE.search(cleaned)  # XLSX accepts it
    assert len(cleaned.splitlines()) <= (len(text.splitlines()) if multiline else 1)
    assert clean_text(cleaned, multiline=multiline) == cleaned  # idempotent


@given(HOSTILE)
def test_every_line_break_is_kept_in_a_multiline_field(text: str) -> None:
    text += "."  # a last line that does not end with a break
    assert clean_text(text, multiline=True).split("\n") == [
        clean_text(line, multiline=True) for line in text.splitlines()
    ]


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"])))
def test_printable_text_is_unchanged(text: str) -> None:
    assert clean_text(text) == text == clean_text(text, multiline=True)


@pytest.mark.parametrize(
    ("raw", "one_line", "multi_line"),
    [
        ("Usinage\x0bLefèbvre", "Usinage Lefèbvre", "Usinage\nLefèbvre"),
        ("Ligne\x0cpage", "Ligne page", "Ligne\npage"),
        ("Rue\u2028du Port", "Rue du Port", "Rue\ndu Port"),
        ("Quai\x85Nord", "Quai Nord", "Quai\nNord"),
        ("Nom\x00caché\x07", "Nomcaché", "Nomcaché"),
        ("a\r\nb\tc", "a b c", "a\nb\tc"),
    ],
)
def test_the_reported_characters(raw: str, one_line: str, multi_line: str) -> None:
    assert clean_text(raw) == one_line
    assert clean_text(raw, multiline=True) == multi_line

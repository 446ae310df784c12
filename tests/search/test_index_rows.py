"""Index rows: the names column is the two name keys (what ``fold_words`` of both gives)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guichet.search.normalize import fold_key, fold_words

NAMES = st.none() | st.text(max_size=30) | st.text("Éœ -'!a1 ", max_size=12)


@given(NAMES, NAMES)
def test_names_column_is_both_keys(legal: str | None, trade: str | None) -> None:
    joined = " ".join(k for k in (fold_key(legal), fold_key(trade)) if k)
    assert joined == fold_words(legal, trade)

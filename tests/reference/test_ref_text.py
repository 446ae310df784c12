"""Text folding."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from guichet.reference.text import fold, upper_ascii, words

# Letters of Latin-1 Supplement and Latin Extended-A, plus ASCII and the spaces people paste.
latin_letters = st.characters(
    min_codepoint=0x00C0, max_codepoint=0x017F, categories=("Lu", "Ll", "Lt")
)
latin_text = st.text(
    st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        latin_letters,
        st.sampled_from(["\u00a0", "\u202f", "\t", "\n", "\u2019", "\u0301"]),
    )
)


def test_examples() -> None:
    assert fold("  Œuvre   SOCIALE de l’Hôpital ") == "oeuvre sociale de l'hopital"
    assert fold("Straße") == "strasse"
    assert fold("ÆSOP") == "aesop"
    assert fold("Port-Jérôme-sur-Seine") == "port-jerome-sur-seine"
    assert fold("e\u0301le\u0300ve") == "eleve"  # decomposed accents
    assert fold("Łódź") == "lodz"
    assert fold("Μέγαρο") == "μεγαρο"  # other scripts: lower case, no accents
    assert fold("\u1d2d") == "ae"  # modifier letter Æ: decomposed, then folded like Æ


def test_words() -> None:
    assert words("Port-Jérôme-sur-Seine, l'usine") == [
        "port",
        "jerome",
        "sur",
        "seine",
        "l",
        "usine",
    ]
    assert words("  ") == []
    assert words("Soudure TIG/MIG_MAG") == ["soudure", "tig", "mig", "mag"]


def test_upper_ascii() -> None:
    assert upper_ascii("rue de l'Église") == "RUE DE L'EGLISE"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.text())
def test_fold_has_no_upper_case_accent_or_double_space(text: str) -> None:
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert not any(unicodedata.combining(c) for c in folded)


@given(latin_text)
def test_fold_of_latin_is_ascii_lower(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()


@given(latin_text)
def test_ascii_text_only_changes_case_and_spaces(text: str) -> None:
    ascii_only = "".join(c for c in text if c.isascii())
    assert fold(ascii_only) == " ".join(ascii_only.lower().split())


@given(latin_text)
def test_words_are_alphanumeric(text: str) -> None:
    assert all(w.isalnum() and w.isascii() for w in words(text))

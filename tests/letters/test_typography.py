"""French no-break spaces: in the text (any text, through hypothesis) and on the printed page."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from guichet.letters.document import LetterDocument, Letterhead
from guichet.letters.render import render_letter
from guichet.letters.typography import NBSP, french_spacing

TEXT = st.text(alphabet=st.sampled_from([*"abcé :;!?«»\n\t0123456789", NBSP]))
WORDS = st.lists(
    st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéèà")), min_size=1),
    min_size=1,
    max_size=40,
)
DATE = re.compile(r"le (\d{1,2}) (décembre) (\d{4})")


@given(TEXT)
def test_no_breakable_space_where_french_forbids_it(text: str) -> None:
    result = french_spacing(text)
    assert not re.search(r"[ \t\u202f][:;!?»]", result)
    assert not re.search(r"«[ \t\u202f]", result)
    assert french_spacing(result) == result  # idempotent

    # Only spaces change: the same text once every space kind is read as one.
    def same(s: str) -> str:
        return re.sub(r"[ \t\u202f\u00a0]+", " ", s)

    assert same(result) == same(text)
    assert len(result) <= len(text)


@given(st.integers(1, 31), st.integers(1900, 2100), TEXT, TEXT)
def test_a_date_never_breaks(day: int, year: int, before: str, after: str) -> None:
    date = f"le {day} décembre {year}"
    result = french_spacing(f"{before} {date} {after}")
    assert date.replace(" ", NBSP) in result


def test_urls_times_and_untouched_text() -> None:
    assert french_spacing("https://exemple.fr?a=1 à 10:30") == "https://exemple.fr?a=1 à 10:30"
    assert french_spacing("Bonjour ! « Oui » : non ; 1er mars 2027") == (
        f"Bonjour{NBSP}! «{NBSP}Oui{NBSP}»{NBSP}: non{NBSP}; 1er{NBSP}mars{NBSP}2027"
    )


@settings(max_examples=25, deadline=None)
@given(WORDS, WORDS, st.integers(1, 28))
def test_on_the_page_no_line_starts_with_a_mark_nor_splits_a_date(
    first: list[str], second: list[str], day: int
) -> None:
    body = (
        " ".join(first)
        + f" : le {day} décembre 2026 « "
        + " ".join(second)
        + " » ; vraiment ? oui !"
    )
    document = LetterDocument(
        letterhead=Letterhead("Agence"),
        recipient_lines=("X", "1 RUE A", "76170 LILLEBONNE"),
        place_and_date="Lillebonne, le 5 décembre 2026",
        object_line="Objet",
        body="\n\n".join([body] * 3),
    )
    reader = PdfReader(io.BytesIO(render_letter(document).pdf))
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    assert not [line for line in lines if line[:1] in {":", ";", "!", "?", "»"}]
    assert not [line for line in lines if line.endswith("«")]
    text = "\n".join(lines)
    assert len(DATE.findall(text)) >= 3 + 1  # every date whole on its line, and the dateline

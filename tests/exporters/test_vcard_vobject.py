"""Our vCards as a real vCard reader (vobject) sees them: every card, every field, unchanged."""

from __future__ import annotations

import vobject
from hypothesis import given
from hypothesis import strategies as st

from guichet.exporters.vcard import VCardContact, vcard
from guichet.reference.text import clean_text

names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=80).filter(
    lambda text: clean_text(text, multiline=True).strip() != ""
)


def _read(text: str) -> list[vobject.base.Component]:
    return list(vobject.readComponents(text))


def test_a_card_reads_back_whole() -> None:
    card = vcard(
        VCardContact(
            first_name="Anne-Lise",
            last_name="Martin; Dupont",
            civility="Mme",
            organization="Usinage, Soudure\\Fils",
            role="Directrice\ngénérale",
            phone="+33235123456",
            email="anne@exemple.fr",
        )
    )
    (read,) = _read(card)
    assert read.fn.value == "Anne-Lise Martin; Dupont"
    assert read.n.value.family == "Martin; Dupont" and read.n.value.given == "Anne-Lise"
    assert read.org.value == ["Usinage, Soudure\\Fils"]
    assert read.title.value == "Directrice\ngénérale"
    assert read.email.value == "anne@exemple.fr"
    assert read.tel.value == "tel:+33235123456"


@given(st.lists(st.tuples(names, names), min_size=1, max_size=5))
def test_any_names_read_back_as_written_once_cleaned(people: list[tuple[str, str]]) -> None:
    text = "".join(vcard(VCardContact(first_name=f, last_name=last)) for f, last in people)
    cards = _read(text)
    assert len(cards) == len(people)
    for card, (first, last) in zip(cards, people, strict=True):
        assert card.n.value.family == clean_text(last, multiline=True)
        assert card.n.value.given == clean_text(first, multiline=True)

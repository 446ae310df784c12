"""The template language: merge fields, conditionals, validation in French."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.errors import ValidationError
from guichet.letters.default_templates import DEFAULT_TEMPLATES
from guichet.letters.template import LETTER_FIELDS, parse_template

VALUES = {"entreprise.nom": "Dupont", "partenaire.contact": "Mme Leroux", "partenaire.nom": "CCI"}


def test_fields_and_conditionals() -> None:
    template = parse_template(
        "Bonjour {entreprise.nom},\n"
        "{% si partenaire.contact %}\n"
        "Contact : {partenaire.contact}\n"
        "{% sinon %}\n"
        "Appelez l'accueil de {partenaire.nom}.\n"
        "{% fin %}\n"
        "{% si non besoin.description %}\n"
        "(sans description)\n"
        "{% fin %}\n"
        "Accolades : {{ok}}"
    )
    assert template.render(VALUES) == (
        "Bonjour Dupont,\nContact : Mme Leroux\n(sans description)\nAccolades : {ok}"
    )
    without = template.render({**VALUES, "partenaire.contact": "  ", "besoin.description": "x"})
    assert without == "Bonjour Dupont,\nAppelez l'accueil de CCI.\nAccolades : {ok}"
    assert template.fields == {
        "entreprise.nom",
        "partenaire.contact",
        "partenaire.nom",
        "besoin.description",
    }


def test_values_are_not_parsed_again() -> None:
    template = parse_template("{entreprise.nom}")
    assert template.render({"entreprise.nom": "{partenaire.nom} {% fin %}"}) == (
        "{partenaire.nom} {% fin %}"
    )


def test_inline_conditional_and_paragraph_collapse() -> None:
    template = parse_template("A{% si entreprise.nom %} ({entreprise.nom}){% fin %}.\n\n\n\nB")
    assert template.render({}) == "A.\n\nB"
    assert template.render(VALUES) == "A (Dupont).\n\nB"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "Bonjour {entreprise.nm}",
            r"Ligne 1 : champ inconnu \{entreprise\.nm\}\. Vouliez-vous dire \{entreprise\.nom\}",
        ),
        ("a\nb\n{inconnu}", r"Ligne 3 : champ inconnu \{inconnu\}"),
        ("{}", "champ vide"),
        ("{% si entreprise.nom %}\nx", r"Ligne 1 : « \{% si … %\} » sans « \{% fin %\} »"),
        ("x\n{% fin %}", r"Ligne 2 : « \{% fin %\} » sans"),
        ("{% sinon %}", "hors d'une condition"),
        ("{% si a.b %}{% fin %}", r"champ inconnu \{a\.b\}"),
        ("{% si %}{% fin %}", "une condition s'écrit"),
        ("{% pour x %}", "instruction inconnue"),
        ("prix { 10", "accolade « \\{ » isolée"),
        ("fin }", "accolade « \\} » isolée"),
    ],
)
def test_errors_are_clear_and_french(source: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_template(source)


def test_default_templates_are_valid_and_use_known_fields() -> None:
    for source in DEFAULT_TEMPLATES.values():
        assert parse_template(source).fields <= set(LETTER_FIELDS)


@given(st.text(alphabet=st.characters(blacklist_characters="{}%"), max_size=200))
def test_plain_text_round_trips(text: str) -> None:
    rendered = parse_template(text).render({})
    assert rendered == parse_template(rendered).render({})
    assert rendered.split() == "\n".join(line.rstrip() for line in text.splitlines()).split()


@given(st.text(max_size=80))
def test_parser_never_crashes(text: str) -> None:
    try:
        parse_template(text).render(VALUES)
    except ValidationError as exc:
        assert exc.message.startswith("Ligne ")

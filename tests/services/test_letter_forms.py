"""Letters greet the person by the civility the desk recorded, and fall back politely."""

from __future__ import annotations

import pytest

from guichet.letters.default_templates import DEFAULT_TEMPLATES
from guichet.letters.template import parse_template
from guichet.services.letter_values import form_of_address


@pytest.mark.parametrize(
    ("civility", "form"),
    [
        ("M.", "Monsieur"),
        ("Mme", "Madame"),
        ("Mme.", "Madame"),
        ("", "Madame, Monsieur"),
        (None, "Madame, Monsieur"),
        ("Dr", "Madame, Monsieur"),
    ],
)
def test_form_of_address(civility: str | None, form: str) -> None:
    assert form_of_address(civility) == form


def test_default_company_letter_greets_and_closes_with_the_same_form() -> None:
    template = parse_template(DEFAULT_TEMPLATES["letters.company_body"])
    values = {name: "" for name in template.fields} | {"entreprise.formule": "Monsieur"}
    text = template.render(values)
    assert text.startswith("Monsieur,")
    assert "Veuillez agréer, Monsieur, l'expression" in text
    assert "Madame, Monsieur" not in text

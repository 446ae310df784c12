"""argparse's own messages are French, and a sub-command's help says « Utilisation : » once."""

from __future__ import annotations

import argparse

import pytest

from guichet.cli import main
from guichet.cli.french_argparse import CATALOGUE, FrenchArgumentParser


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["sirene", "completer", "abc"],
            "guichet sirene completer : erreur : argument ID : valeur invalide : 'abc' "
            "(attendu : un nombre entier)",
        ),
        (
            ["export"],
            "guichet export : erreur : arguments obligatoires manquants : QUOI, -o/--sortie",
        ),
        (
            ["export", "bidule", "-o", "x.csv"],
            "guichet export : erreur : argument QUOI : choix invalide : 'bidule' (au choix : "
            "'organisations', 'contacts', 'demandes', 'mises-en-relation', 'projets')",
        ),
        (["--frob"], "guichet : erreur : arguments non reconnus : --frob"),
        (
            ["relances", "--date"],
            "guichet relances : erreur : argument --date : une valeur est attendue",
        ),
        (
            ["relances", "--date", "abc"],
            "guichet relances : erreur : argument --date : date invalide : « abc » "
            "(attendu AAAA-MM-JJ)",
        ),
    ],
)
def test_errors_are_french(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _error(argv, capsys)
    assert err.splitlines()[-1] == expected
    assert err.startswith("Utilisation : guichet")
    for english in ("usage:", "error:", "invalid ", "required", "expected", "unrecognized"):
        assert english not in err


def test_sub_command_help_says_utilisation_once(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["letter", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Utilisation : guichet letter ")
    assert out.count("Utilisation") == 1
    assert "affiche cette aide et quitte" in out
    assert "positional arguments" not in out and "usage" not in out


def test_argparse_is_left_as_it_was_for_everyone_else() -> None:
    parser = FrenchArgumentParser(prog="essai")
    assert "Utilisation : essai" in parser.format_usage()
    plain = argparse.ArgumentParser(prog="essai")
    assert plain.format_usage().startswith("usage: essai")


def test_every_message_keeps_its_placeholders() -> None:
    """A translation that lost a %(name)s or %s would crash argparse when it formats it."""
    for msgid, french in CATALOGUE.items():
        for placeholder in ("%(prog)s", "%(message)s", "%(value)r", "%(type)s", "%s", "%r"):
            assert msgid.count(placeholder) == french.count(placeholder), msgid

"""argparse speaking French: its own messages (usage, errors, group titles) translated.

argparse looks its texts up through the module's ``_`` and ``ngettext`` (gettext) at the moment
it needs them. :class:`FrenchArgumentParser` swaps in a French catalogue of those message ids
while it builds, parses, formats help or reports an error, and puts the originals back after:
nothing else in the process is touched. A message missing from the catalogue stays English.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

#: Python's type names in « valeur invalide » messages.
TYPE_NAMES = {
    "int": "un nombre entier",
    "float": "un nombre",
    "str": "un texte",
}


class _TypeNamed(str):
    """A template whose ``%(type)s`` reads in French (``int`` → « un nombre entier »)."""

    def __mod__(self, values: Any) -> str:
        if isinstance(values, dict) and "type" in values:
            values = {**values, "type": TYPE_NAMES.get(values["type"], values["type"])}
        return str.__mod__(self, values)


CATALOGUE: dict[str, str] = {
    "usage: ": "Utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",
    "subcommands": "commandes",
    "show this help message and exit": "affiche cette aide et quitte",
    "show program's version number and exit": "affiche la version et quitte",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s : avertissement : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid %(type)s value: %(value)r": _TypeNamed(
        "valeur invalide : %(value)r (attendu : %(type)s)"
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (au choix : %(choices)s)"
    ),
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "one of the arguments %s is required": "l'un de ces arguments est obligatoire : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ignored explicit argument %r": "valeur %r ignorée : cette option n'en prend pas",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "une valeur au moins est attendue",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "unexpected option string: %s": "option inattendue : %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "commande inconnue : %(parser_name)r (au choix : %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
}

PLURALS: dict[str, tuple[str, str]] = {
    "expected %s argument": ("%s valeur est attendue", "%s valeurs sont attendues"),
}


def french(message: str) -> str:
    return CATALOGUE.get(message, message)


def french_plural(singular: str, plural: str, count: int) -> str:
    if singular in PLURALS:
        one, many = PLURALS[singular]
        return one if count == 1 else many
    return singular if count == 1 else plural


@contextmanager
def french_messages() -> Iterator[None]:
    """argparse's messages in French for the time of the block (re-entrant)."""
    module: Any = argparse
    saved = (module._, module.ngettext)
    module._, module.ngettext = french, french_plural
    try:
        yield
    finally:
        module._, module.ngettext = saved


class FrenchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose own texts are French; its sub-command parsers are too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with french_messages():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with french_messages():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with french_messages():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with french_messages():
            return super().format_usage()

    def format_help(self) -> str:
        with french_messages():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with french_messages():
            super().error(message)

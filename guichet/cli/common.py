"""What every command shares: French help, the database it works on."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from guichet.config import AppPaths, database_url

if TYPE_CHECKING:
    from guichet.db import Database


class FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # argparse passes prefix="" to build a sub-command's name: keep it, or
        # « Utilisation : » is printed twice.
        if prefix is None:
            prefix = "Utilisation : "
        super().add_usage(usage, actions, groups, prefix)


def add_command(subparsers: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=help_text,
        description=help_text,
        formatter_class=FrenchHelpFormatter,
        add_help=False,
    )
    parser._optionals.title = "options"
    parser._positionals.title = "arguments"
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")
    return parser


#: The one written form of a day on the command line (``date.fromisoformat`` alone would also
#: take « 20260305 » or « 2026-W10-4 »).
_DAY_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def day(text: str) -> date:
    """A day given as AAAA-MM-JJ, for argparse's ``type=`` (a French error otherwise)."""
    try:
        if _DAY_FORM.fullmatch(text) is None:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"date invalide : « {text} » (attendu AAAA-MM-JJ)"
        ) from exc


def moment(text: str) -> datetime:
    """An instant given as AAAA-MM-JJTHH:MM, for argparse's ``type=``."""
    try:
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"instant invalide : « {text} » (attendu AAAA-MM-JJTHH:MM)"
        ) from exc


class Context:
    """The database a command works on, opened (and migrated) on first use."""

    def __init__(
        self,
        db_arg: str | None,
        *,
        create: bool = False,
        migrate: bool = True,
        counsellor: str | None = None,
    ) -> None:
        self.paths = AppPaths.detect()
        self.url = database_url(db_arg, self.paths)
        #: Whether the command may create a missing database (only ``demo`` does).
        self.create = create
        #: False opens the database as it is (``check``): no migration, no write.
        self.migrate = migrate
        #: ``--conseiller INITIALES``: who acts (see :func:`guichet.cli.acting.sign_in`).
        self.counsellor = counsellor
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from guichet.services.bootstrap import open_database

            if self.url.startswith("sqlite:///") and db_is_default(self):
                self.paths.ensure()
            unlock_from_environment(self.url)
            self._db = open_database(
                self.url,
                backup_dir=self.paths.backup_dir,
                create=self.create,
                migrate=self.migrate,
            )
            if self._db.created:
                print(f"Nouvelle base créée : {self._db.path or self.url}", file=sys.stderr)
            if self.migrate:  # ``check`` opens the file as it is and writes nothing
                from guichet.cli.acting import sign_in

                sign_in(self._db, self.counsellor)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def ask_passphrase(prompt: str = "Phrase de passe de la base : ") -> str:
    """``GUICHET_PHRASE`` if set, else asked on the terminal without echo."""
    import getpass
    import os

    from guichet.db.cipher import NEEDS_PASSPHRASE
    from guichet.errors import EnvironmentProblem

    phrase = os.environ.get("GUICHET_PHRASE")
    if phrase:
        return phrase
    try:
        return getpass.getpass(prompt)
    except (OSError, EOFError) as exc:  # no terminal to ask on
        raise EnvironmentProblem(NEEDS_PASSPHRASE) from exc


def unlock_from_environment(url: str) -> None:
    """An encrypted SQLite file is unlocked with the passphrase from ``GUICHET_PHRASE`` or the
    terminal (a wrong one: « Phrase de passe incorrecte », nothing opened)."""
    from guichet.config import sqlite_path
    from guichet.db import cipher

    path = sqlite_path(url)
    if path is not None and cipher.is_encrypted(path) and cipher.passphrase_for(path) is None:
        cipher.unlock(path, ask_passphrase())


def db_is_default(ctx: Context) -> bool:
    return ctx.url == database_url(None, ctx.paths)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")

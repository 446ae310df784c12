"""The command line: the same services as the window, no Qt.

``guichet`` alone opens the window; sub-commands do desk work from a terminal. Each feature
module below exposes ``register(subparsers)``; :data:`COMMAND_MODULES` lists them. They are
imported only when the command line names a command (or asks for help), so opening the window
does not pay for them.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
from collections.abc import Sequence

from guichet import __version__
from guichet.cli.common import Context, FrenchHelpFormatter, db_is_default
from guichet.cli.french_argparse import FrenchArgumentParser
from guichet.errors import GuichetError

COMMAND_MODULES = (
    "basics",
    "search",
    "files",
    "referrals",
    "meetings",
    "meeting_documents",
    "visits",
    "projects",
    "opportunities",
    "relay",
    "network",
    "stats",
    "report",
    "rgpd",
    "copy",
    "server",
    "outbox",
    "cipher",
)


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The parser; without ``commands``, only the options that open the window."""
    parser = FrenchArgumentParser(
        prog="guichet",
        description="Guichet — le guichet unique des entreprises. Sans commande : ouvre l'application.",
        formatter_class=FrenchHelpFormatter,
        add_help=False,
    )
    parser._optionals.title = "options"
    parser.add_argument(
        "-h",
        "--help",
        action="help" if commands else "store_true",
        help="affiche cette aide et quitte",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Guichet {__version__}",
        help="affiche la version et quitte",
    )
    parser.add_argument(
        "--db",
        metavar="CHEMIN",
        help="fichier SQLite ou URL SQLAlchemy (postgresql://…) ; par défaut, la base du dossier utilisateur",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="si la base est vide, la remplir avec les données de démonstration avant d'ouvrir",
    )
    parser.add_argument(
        "--conseiller",
        metavar="INITIALES",
        help="qui agit (écrit dans l'historique) ; par défaut, le compte associé à "
        "l'utilisateur du système — obligatoire sur une base d'équipe",
    )
    parser.add_argument(
        "-v", "--verbeux", action="store_true", dest="verbose", help="journal détaillé"
    )
    if commands:
        subparsers = parser.add_subparsers(title="commandes", metavar="COMMANDE")
        for name in COMMAND_MODULES:
            importlib.import_module(f"guichet.cli.{name}").register(subparsers)
    return parser


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    words = list(sys.argv[1:] if argv is None else argv)
    known, rest = build_parser(commands=False).parse_known_args(words)
    if rest or known.help:
        return build_parser().parse_args(words)
    return known


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command; a reader that went away (``guichet search … | head``) ends it quietly,
    as POSIX tools end on SIGPIPE: no traceback, exit code 128 + SIGPIPE."""
    try:
        try:
            return _run(argv)
        finally:
            sys.stdout.flush()  # what is still buffered meets a closed pipe here, not at exit
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    # Python would flush stdout again at exit and complain: from now on it writes nowhere.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)
    return 128 + int(getattr(signal, "SIGPIPE", 13))


def _run(argv: Sequence[str] | None) -> int:
    args = parse_arguments(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level)
    for handler in logging.getLogger().handlers:  # the console stays quiet; the log file is fuller
        handler.setLevel(level)
    ctx = Context(
        db_arg=args.db,
        create=getattr(args, "create_db", False),
        migrate=getattr(args, "migrate_db", True),
        counsellor=args.conseiller,
    )
    try:
        if getattr(args, "func", None) is None:
            from guichet.app import run_gui

            # Only the first start on the default database (or --demo) creates one.
            first_start = db_is_default(ctx)
            return run_gui(ctx.url, ctx.paths, demo_if_empty=args.demo, create=first_start)
        return int(args.func(ctx, args) or 0)
    except GuichetError as exc:
        print(f"Erreur : {exc.message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise  # the reader went away: not the machine's trouble (see main)
    except Exception as exc:  # the machine's trouble met mid-command (disk full, damage…)
        from guichet.db.problems import environment_problem

        problem = environment_problem(exc)
        if problem is None:
            raise
        logging.getLogger("guichet").info("%s", exc)
        print(f"Erreur : {problem.message}", file=sys.stderr)
        return 2
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

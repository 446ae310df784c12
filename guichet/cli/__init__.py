"""The command line: the same services as the window, no Qt.

``guichet`` alone opens the window; sub-commands do desk work from a terminal. Each feature
module below exposes ``register(subparsers)``; :data:`COMMAND_MODULES` lists them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from guichet import __version__
from guichet.cli import basics, files, referrals, search
from guichet.cli.common import Context, FrenchHelpFormatter
from guichet.errors import GuichetError

COMMAND_MODULES = (basics, search, files, referrals)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guichet",
        description="Guichet — le guichet unique des entreprises. Sans commande : ouvre l'application.",
        formatter_class=FrenchHelpFormatter,
        add_help=False,
    )
    parser._optionals.title = "options"
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")
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
        "-v", "--verbeux", action="store_true", dest="verbose", help="journal détaillé"
    )
    subparsers = parser.add_subparsers(title="commandes", metavar="COMMANDE")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    ctx = Context(db_arg=args.db)
    try:
        if getattr(args, "func", None) is None:
            from guichet.app import run_gui

            return run_gui(ctx.url, ctx.paths, demo_if_empty=args.demo)
        return int(args.func(ctx, args) or 0)
    except GuichetError as exc:
        print(f"Erreur : {exc.message}", file=sys.stderr)
        return 2
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

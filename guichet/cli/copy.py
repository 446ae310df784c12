"""``guichet copy``: the whole database into a new one (a desk's SQLite file to the team's
PostgreSQL server, or back)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from guichet.cli.common import Context, add_command


def register(subparsers: Any) -> None:
    copy = add_command(
        subparsers,
        "copy",
        "copie toute la base (journal, courriers, pièces jointes) vers une base neuve, "
        "SQLite ou PostgreSQL, puis vérifie la copie",
    )
    copy.add_argument(
        "destination",
        metavar="DESTINATION",
        help="fichier SQLite ou adresse PostgreSQL (postgresql+psycopg://…) d'une base vide",
    )
    copy.set_defaults(func=run_copy)


def _progress() -> Any:
    state = {"label": ""}

    def progress(label: str, done: int, total: int) -> None:
        if label != state["label"]:
            if state["label"]:
                print(file=sys.stderr)
            state["label"] = label
        percent = done * 100 // total if total else 100
        print(f"\rCopie de {label} : {done}/{total} ({percent} %)", end="", file=sys.stderr)
        sys.stderr.flush()

    return progress


def run_copy(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.config import database_url
    from guichet.errors import ValidationError
    from guichet.services.bootstrap import open_database
    from guichet.services.copying import copy_into, refuse_not_empty

    url = database_url(args.destination, ctx.paths)
    if url == ctx.url:
        raise ValidationError("La destination est la base elle-même : choisissez une base neuve.")
    source = ctx.db
    target = open_database(url, backup_dir=ctx.paths.backup_dir, create=True)
    try:
        refuse_not_empty(target)  # before reading anything from the source
        report = copy_into(source, target, progress=_progress())
    finally:
        target.dispose()
    print(file=sys.stderr)
    for table in report.tables:
        if table.rows:
            print(f"  {table.name} : {table.rows} ligne(s), contrôle {table.checksum[:12]}")
    print(
        f"Copie terminée et vérifiée : {report.rows} ligne(s) dans {len(report.tables)} tables "
        f"(comptes et sommes de contrôle identiques à la source)."
    )
    return 0

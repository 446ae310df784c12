"""``guichet envois``: the inquiries logged without the server, listed or sent; ``guichet
copie-locale``: refresh the local copy of the server's directory now."""

from __future__ import annotations

import argparse
from typing import Any

from guichet.cli.common import Context, add_command


def register(subparsers: Any) -> None:
    outbox = add_command(
        subparsers, "envois", "demandes gardées hors ligne : les lister ou les envoyer au serveur"
    )
    outbox.add_argument(
        "--envoyer", action="store_true", help="les envoyer (une transaction par demande)"
    )
    outbox.set_defaults(func=run_outbox)
    copy = add_command(
        subparsers, "copie-locale", "rafraîchir maintenant la copie locale de l'annuaire du serveur"
    )
    copy.set_defaults(func=run_copy)


def run_outbox(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.outbox import Outbox, describe, outbox_path

    outbox = Outbox(outbox_path(ctx.paths.data_dir, ctx.url))
    items = outbox.items()
    if not args.envoyer:
        for item in items:
            problem = f" — refusée : {item.problem}" if item.problem else ""
            print(f"{item.created_at:%d/%m/%Y %H:%M} {item.label} ({item.key}){problem}")
        print(f"{len(items)} demande(s) en attente.")
        return 0
    result = outbox.send(ctx.db)
    print(describe(result))
    return 1 if result.refused else 0


def run_copy(ctx: Context, _args: argparse.Namespace) -> int:
    from guichet.services.offline_copy import dated_title, refresh_copy

    info = refresh_copy(ctx.db, ctx.paths.data_dir)
    print(f"{dated_title(info)} : {info.organizations} entreprises — {info.path}")
    return 0

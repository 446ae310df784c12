"""``guichet init-server URL``: prepare an agency's PostgreSQL database for the team."""

from __future__ import annotations

import argparse
from typing import Any

from guichet.cli.common import Context, add_command


def register(subparsers: Any) -> None:
    init = add_command(
        subparsers,
        "init-server",
        "prépare une base PostgreSQL vide pour l'équipe (extensions, schéma, droits d'un rôle de poste)",
    )
    init.add_argument(
        "url", metavar="URL", help="postgresql+psycopg://propriétaire:motdepasse@serveur/base"
    )
    init.add_argument(
        "--poste",
        metavar="RÔLE",
        dest="desk_role",
        help="rôle des postes : reçoit les droits de lecture et d'écriture des lignes, rien d'autre",
    )
    init.set_defaults(func=run_init_server)


def run_init_server(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.server_setup import init_server

    setup = init_server(args.url, desk_role=args.desk_role)
    state = "schéma créé" if setup.created_schema else "schéma mis à jour"
    print(f"Base « {setup.database} » prête ({state}, révision {setup.revision}).")
    print(f"Propriétaire (migrations) : {setup.owner}")
    if setup.created_extensions:
        print(f"Extensions créées : {', '.join(setup.created_extensions)}")
    if setup.desk_role:
        print(f"Rôle des postes « {setup.desk_role} » : lecture et écriture des lignes seulement.")
    print("Les postes s'y connectent avec : guichet --db postgresql+psycopg://rôle@serveur/base")
    return 0

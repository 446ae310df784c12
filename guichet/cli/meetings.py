"""``guichet reunions``: the meetings, upcoming first, with their invited, registered, present."""

from __future__ import annotations

import argparse
from typing import Any

from guichet.cli.common import Context, add_command, print_json


def register(subparsers: Any) -> None:
    meetings = add_command(
        subparsers,
        "reunions",
        "liste les réunions (à venir d'abord) avec leurs invités, inscrits et présents",
    )
    meetings.add_argument("--json", action="store_true", help="sortie JSON")
    meetings.set_defaults(func=run_reunions)


def run_reunions(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.meetings import list_meetings

    rows = list_meetings(ctx.db)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "titre": r.title,
                    "debut": r.start_at.isoformat(timespec="minutes"),
                    "lieu": r.place,
                    "invites": r.counts.invited,
                    "inscrits": r.counts.registered,
                    "presents": r.counts.present,
                    "type": r.kind_label,
                    "statut": r.status_label,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print("Aucune réunion.")
        return 0
    print(f"{len(rows)} réunion(s) :")
    for r in rows:
        print(
            f"  n° {r.id:<4} {r.start_at:%d/%m/%Y %H:%M}  {r.title}"
            f" — {r.place or 'lieu à préciser'}"
            f" · {r.counts.invited} invités, {r.counts.registered} inscrits,"
            f" {r.counts.present} présents ({r.status_label.lower()})"
        )
    return 0

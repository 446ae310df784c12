"""``guichet adhesions``: each network goal with its members, target, gains and origins."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from guichet.cli.common import Context, add_command, day, print_json


def register(subparsers: Any) -> None:
    goals = add_command(
        subparsers, "adhesions", "objectifs du réseau : adhérents, cible, gagnés cette année"
    )
    goals.add_argument(
        "--date",
        type=day,
        default=None,
        metavar="AAAA-MM-JJ",
        help="jour du décompte (par défaut : aujourd'hui)",
    )
    goals.add_argument("--json", action="store_true", help="sortie JSON")
    goals.set_defaults(func=run_adhesions)


def run_adhesions(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.network_goals import goal_progress

    progress = [goal_progress(ctx.db, args.date or date.today())]  # one goal setting today
    if args.json:
        print_json(
            [
                {
                    "network": p.goal.network,
                    "scope": p.goal.scope,
                    "due_on": p.goal.due_on.isoformat() if p.goal.due_on else None,
                    "at": p.at.isoformat(),
                    "members": p.members,
                    "target": p.goal.target,
                    "reached": p.reached,
                    "gained_this_year": p.gained_this_year,
                    "origins": {o.origin: o.count for o in p.origins},
                    "gains": [
                        {
                            "organization_id": g.organization_id,
                            "organization": g.organization,
                            "start_on": g.start_on.isoformat(),
                            "origin": g.origin,
                            "brought_by": g.brought_by,
                        }
                        for g in p.gains
                    ],
                }
                for p in progress
            ]
        )
        return 0
    for p in progress:
        goal = p.goal
        print(
            f"{goal.network} : {p.members} / {goal.target} adhérents {goal.scope_label}"
            f" au {p.at:%d/%m/%Y}" + (" — objectif atteint" if p.reached else "")
        )
        print(f"  gagnés en {p.at.year} : {p.gained_this_year}")
        for o in p.origins:
            print(f"    {o.label} : {o.count}")
        for g in sorted(p.gains, key=lambda g: (g.start_on, g.organization)):
            print(f"  {g.start_on:%d/%m/%Y} {g.organization} — {g.brought_by}")
    return 0

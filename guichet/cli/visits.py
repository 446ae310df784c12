"""``guichet visites`` and ``guichet fiche-visite``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from guichet.cli.common import Context, add_command, print_json
from guichet.errors import ValidationError


def register(subparsers: Any) -> None:
    listing = add_command(
        subparsers, "visites", "liste les visites d'entreprise (prévues d'abord, puis faites)"
    )
    listing.add_argument(
        "--a-venir", action="store_true", dest="upcoming", help="seulement les visites à venir"
    )
    listing.add_argument("--json", action="store_true", help="sortie JSON")
    listing.set_defaults(func=run_visits)
    brief = add_command(
        subparsers, "fiche-visite", "écrit la fiche de préparation d'une visite dans un fichier PDF"
    )
    brief.add_argument("visit", metavar="ID", type=int, help="numéro de la visite")
    brief.add_argument(
        "-o", "--sortie", required=True, type=Path, dest="output", metavar="FICHIER.pdf"
    )
    brief.set_defaults(func=run_brief)


def run_visits(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.visits import VisitService

    rows = VisitService(ctx.db).visits(upcoming_only=args.upcoming)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "date": r.planned_at.isoformat(timespec="minutes"),
                    "entreprise": r.organization,
                    "commune": r.city,
                    "conseiller": r.counsellor,
                    "partenaires": r.partners,
                    "statut": r.status_label,
                    "signaux": r.risks,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print("Aucune visite à venir." if args.upcoming else "Aucune visite.")
        return 0
    print(f"{len(rows)} visite(s) :")
    for r in rows:
        extra = f" avec {r.partners}" if r.partners else ""
        risks = f"  ⚠ {r.risks}" if r.risks else ""
        print(
            f"  n° {r.id:<4} {r.planned_at:%d/%m/%Y %H:%M}  {r.status_label:<8} "
            f"{r.organization}" + (f" ({r.city})" if r.city else "") + f" — {r.counsellor or '—'}"
            f"{extra}{risks}"
        )
    return 0


def run_brief(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.cli.referrals import write_pdf
    from guichet.services.visit_brief import render_brief

    if args.output.suffix.lower() != ".pdf":
        raise ValidationError("Le fichier de sortie doit porter l'extension .pdf.")
    rendered = render_brief(ctx.db, args.visit)
    write_pdf(args.output, rendered.pdf)
    print(f"Fiche de visite enregistrée : {args.output}")
    return 0

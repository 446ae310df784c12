"""``guichet opportunites`` and ``guichet correspondances``."""

from __future__ import annotations

import argparse
from typing import Any

from guichet.cli.common import Context, add_command, print_json


def register(subparsers: Any) -> None:
    listing = add_command(
        subparsers,
        "opportunites",
        "liste les opportunités d'affaires (appels d'offres, consultations)",
    )
    listing.add_argument(
        "--ouvertes", action="store_true", dest="open_only", help="seulement les ouvertes"
    )
    listing.add_argument("--json", action="store_true", help="sortie JSON")
    listing.set_defaults(func=run_list)
    matches = add_command(
        subparsers,
        "correspondances",
        "adhérents qui peuvent répondre à chaque lot d'une opportunité, et groupements proposés",
    )
    matches.add_argument("opportunity", metavar="ID", type=int, help="numéro de l'opportunité")
    matches.add_argument(
        "--annuaire",
        action="store_true",
        dest="directory",
        help="inclure les autres entreprises de l'annuaire (pas seulement les adhérents)",
    )
    matches.add_argument("--json", action="store_true", help="sortie JSON")
    matches.set_defaults(func=run_matches)


def _day(value: Any) -> str:
    return f"{value:%d/%m/%Y}" if value is not None else "—"


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.opportunity_views import list_opportunities

    rows = list_opportunities(ctx.db, open_only=args.open_only)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "buyer": r.buyer,
                    "deadline": r.answer_deadline.isoformat() if r.answer_deadline else None,
                    "lots": r.lots,
                    "relayed_to": r.relayed_to,
                    "answers": r.answers,
                    "status": r.status.value,
                    "sector": r.sector,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print("Aucune opportunité.")
        return 0
    print(f"{len(rows)} opportunité(s) :")
    for r in rows:
        print(
            f"  n° {r.id:<4} {r.title} — {r.buyer or 'acheteur non précisé'} ; "
            f"réponse avant le {_day(r.answer_deadline)} ; {r.lots} lot(s), "
            f"relayée à {r.relayed_to}, {r.answers} réponse(s)"
        )
    return 0


def _proposal(p: Any) -> dict[str, Any]:
    return {
        "members": [
            {
                "id": c.organization_id,
                "name": c.name,
                "brings": list(c.brings),
                "lots": list(c.lot_numbers),
            }
            for c in p.members
        ],
        "reasons": list(p.reasons),
        "score": round(p.score, 2),
    }


def _print_proposals(proposals: Any, indent: str) -> None:
    for number, p in enumerate(proposals, 1):
        print(f"{indent}groupement {number} : " + " ; ".join(p.reasons))
        for c in p.members:
            lots = ", ".join(str(n) for n in c.lot_numbers)
            print(f"{indent}  - {c.name} apporte {', '.join(c.brings)} (lot {lots})")


def run_matches(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.opportunity_matches import find_matches

    result = find_matches(ctx.db, args.opportunity, include_directory=args.directory)
    if args.json:
        print_json(
            {
                "id": result.opportunity_id,
                "lots": [
                    {
                        "number": lot.number,
                        "title": lot.title,
                        "requirements": list(lot.requirements),
                        "matches": [
                            {
                                "id": m.organization_id,
                                "name": m.name,
                                "member": m.member,
                                "reason": m.reason,
                                "declined_buyer_on": m.declined_buyer_on,
                                "score": round(m.score, 2),
                            }
                            for m in lot.matches
                        ],
                        "groupements": [_proposal(p) for p in lot.groupements],
                    }
                    for lot in result.lots
                ],
                "groupements": [_proposal(p) for p in result.groupements],
            }
        )
        return 0
    for lot in result.lots:
        needs = ", ".join(lot.requirements) or "aucune exigence : précisez ses savoir-faire"
        print(f"Lot {lot.number} — {lot.title} ({needs})")
        for m in lot.matches:
            print(f"  {m.name} : {m.reason}")
        if not lot.matches and lot.requirements:
            print("  aucune entreprise ne couvre seule ce lot")
        _print_proposals(lot.groupements, "  ")
    if result.groupements:
        print("Groupements pour l'ensemble de l'opportunité :")
        _print_proposals(result.groupements, "  ")
    return 0

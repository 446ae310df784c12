"""``guichet projets`` and ``guichet sites``: the implantation pipeline and the offer of sites."""

from __future__ import annotations

import argparse
from typing import Any

from guichet.cli.common import Context, add_command, print_json


def register(subparsers: Any) -> None:
    projects = add_command(
        subparsers,
        "projets",
        "liste les projets d'implantation (noms de code, étape, emplois, investissement)",
    )
    projects.add_argument("--json", action="store_true", help="sortie JSON")
    projects.add_argument(
        "--noms",
        action="store_true",
        dest="names",
        help="affiche aussi le vrai nom des entreprises (noté au journal d'audit)",
    )
    projects.set_defaults(func=run_projects)
    sites = add_command(subparsers, "sites", "liste les terrains et bâtiments proposés")
    sites.add_argument("--json", action="store_true", help="sortie JSON")
    sites.set_defaults(func=run_sites)


def _money(value: int | None) -> str:
    return "—" if value is None else f"{value:,}".replace(",", " ") + " €"


def run_projects(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.permissions import Permission, require_db
    from guichet.services.project_exports import note_named_export
    from guichet.services.projects import list_projects

    if args.names:
        require_db(ctx.db, Permission.EXPORT_NAMES)
    projects = list_projects(ctx.db, with_names=args.names, operator=True)
    if args.names:
        note_named_export(ctx.db, "guichet projets --noms", len(projects))
    if args.json:
        print_json(
            [
                {
                    "projet": p.name,
                    "nom_de_code": p.code_name,
                    "etape": p.stage_label,
                    "emplois_3_ans": p.jobs_3y,
                    "investissement_eur": p.investment_eur,
                    "prochaine_action": p.next_action,
                    "echeance": p.next_action_on.isoformat() if p.next_action_on else None,
                    "en_retard": p.overdue,
                }
                for p in projects
            ]
        )
        return 0
    if not projects:
        print("Aucun projet d'implantation.")
        return 0
    print(f"{len(projects)} projet(s) d'implantation :")
    for p in projects:
        due = f" le {p.next_action_on:%d/%m/%Y}" if p.next_action_on else ""
        action = f"{p.next_action}{due}" if p.next_action else "aucune prochaine action"
        late = " (en retard)" if p.overdue else ""
        jobs = "—" if p.jobs_3y is None else str(p.jobs_3y)
        print(
            f"  {p.name:<28} {p.stage_label:<19} {jobs:>5} emplois  "
            f"{_money(p.investment_eur):>16}  {action}{late}"
        )
    return 0


def run_sites(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.sites import list_sites

    sites = list_sites(ctx.db)
    if args.json:
        print_json(
            [
                {
                    "site": s.name,
                    "zone": s.park_name,
                    "type": s.kind_label,
                    "surface_m2": s.surface_m2,
                    "disponibilite": s.availability_label,
                    "disponible_le": s.available_on.isoformat() if s.available_on else None,
                    "prix_eur": s.price_eur,
                    "loyer_eur_mois": s.rent_eur_month,
                    "commune": s.commune_code,
                    "latitude": s.latitude,
                    "longitude": s.longitude,
                    "services": list(s.services),
                }
                for s in sites
            ]
        )
        return 0
    if not sites:
        print("Aucun site au catalogue.")
        return 0
    print(f"{len(sites)} site(s) :")
    for s in sites:
        surface = f"{s.surface_m2:,}".replace(",", " ") + " m²"
        print(
            f"  {s.park_name or '(hors zone)':<30} {s.name:<24} {s.kind_label:<9} "
            f"{surface:>12}  {s.availability_label}"
        )
    return 0

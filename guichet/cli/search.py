"""``guichet search "usinage inox bolbec"``: the directory search from a terminal."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from guichet.cli.common import Context, add_command, print_json

if TYPE_CHECKING:  # the engine (and SQLAlchemy) load when the command runs, not at start-up
    from guichet.search import OrganizationHit


PARTIAL_HEADER = "Aucune fiche n'a tous les mots ; résultats partiels."


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "search",
        "cherche dans l'annuaire : nom, SIREN/SIRET, commune, compétence, certification, contact…",
    )
    parser.add_argument("texte", nargs="*", help="ce que vous cherchez (vide : tout l'annuaire)")
    parser.add_argument("--json", action="store_true", help="sortie JSON")
    parser.add_argument(
        "--limite",
        type=int,
        default=20,
        dest="limit",
        metavar="N",
        help="nombre maximal de résultats (20 par défaut)",
    )
    parser.set_defaults(func=run_search)


def _place(hit: OrganizationHit) -> str:
    return " ".join(x for x in (hit.postal_code, hit.city) if x)


def run_search(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.reference.identifiers import format_siret
    from guichet.search import DirectorySearch

    text = " ".join(args.texte)
    search = DirectorySearch(ctx.db, partial=True)
    hits = search.search(text, limit=max(1, args.limit))
    if not hits:  # a damaged index may answer nothing without an error: never say « Aucun »
        from guichet.services.maintenance import ensure_sound

        ensure_sound(ctx.db)
    if args.json:
        print_json(
            [{**asdict(hit), "kind": hit.kind.value, "partial": hit.partial} for hit in hits]
        )
        return 0 if hits else 1
    if not hits:
        print(f"Aucun résultat pour « {text} ».")
        return 1
    total = search.count(text, cap=10_000)
    shown = f"{len(hits)} sur {total}" if total > len(hits) else str(len(hits))
    if hits[0].partial:
        print(PARTIAL_HEADER)
        print(f"{shown} résultat{'s' if total > 1 else ''} partiel{'s' if total > 1 else ''} :")
    else:
        print(f"{shown} résultat{'s' if total > 1 else ''} pour « {text} » :")
    width = min(45, max(len(h.name) for h in hits))
    for hit in hits:
        siret = format_siret(hit.siret) if hit.siret else "—"
        name = hit.name if len(hit.name) <= width else hit.name[: width - 1] + "…"
        flags = " [ne pas orienter]" if hit.do_not_refer else ""
        print(f"  {name.ljust(width)}  {siret:<17}  {_place(hit):<28}  {hit.reason}{flags}")
    return 0

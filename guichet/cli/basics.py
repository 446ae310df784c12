"""``guichet demo`` and ``guichet check``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from guichet.cli.common import Context, add_command, print_json


def register(subparsers: Any) -> None:
    demo = add_command(
        subparsers, "demo", "remplit la base avec des données de démonstration fictives"
    )
    demo.add_argument("--graine", type=int, default=None, dest="seed", help="graine du générateur")
    demo.add_argument(
        "--forcer",
        action="store_true",
        dest="force",
        help="ajoute les données même si la base n'est pas vide",
    )
    demo.add_argument(
        "--echelle",
        type=int,
        default=None,
        dest="scale",
        metavar="N",
        help="N fois la démonstration (100 : dix ans, 30 000 demandes), courriers archivés compris",
    )
    demo.set_defaults(func=run_demo, create_db=True)
    check = add_command(
        subparsers, "check", "vérifie l'intégrité de la base, son schéma et ses effectifs"
    )
    check.add_argument("--json", action="store_true", help="sortie JSON")
    check.add_argument(
        "--complet",
        action="store_true",
        dest="full",
        help="vérification complète : tout le fichier, archive des courriers comprise, et les "
        "références (plus long ; sans cette option, la vérification rapide du quotidien)",
    )
    check.set_defaults(func=run_check, migrate_db=False)


def run_demo(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.demo import DEMO_SEED, generate_demo, is_empty
    from guichet.services.demo.scale import MAX_FACTOR

    if not args.force and not is_empty(ctx.db):
        print("La base contient déjà des données : rien n'a été ajouté (utilisez --forcer).")
        return 1
    if args.scale is not None and not 1 <= args.scale <= MAX_FACTOR:
        print(
            f"--echelle : un nombre entier de 1 à {MAX_FACTOR}, pas {args.scale}.", file=sys.stderr
        )
        return 2
    summary = generate_demo(
        ctx.db,
        seed=args.seed if args.seed is not None else DEMO_SEED,
        scale=args.scale or 1,
        letters=args.scale is not None,
    )
    print("Données de démonstration créées :")
    for name, value in vars(summary).items():
        print(f"  {name} : {value}")
    return 0


def run_check(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.maintenance import check_database

    report = check_database(ctx.db, full=args.full)
    if args.json:
        print_json(
            {
                "url": report.url,
                "revision": report.revision,
                "head": report.head,
                "integrity": report.integrity,
                "full": report.full,
                "counts": report.counts,
                "ok": report.ok,
                "advice": report.advice,
            }
        )
        return 0 if report.ok else 1
    print(f"Base : {report.url}")
    print(f"Schéma : révision {report.revision} (dernière : {report.head})")
    depth = "complète" if report.full else "rapide (courriers archivés : --complet)"
    print(f"Intégrité : {report.integrity} — vérification {depth}")
    if report.counts:
        print("Effectifs :")
        width = max(len(name) for name in report.counts)
        for name, count in report.counts.items():
            print(f"  {name.ljust(width)}  {count:>7}")
    if report.advice:
        print(report.advice)
    if report.damaged:
        print(f"Sauvegardes automatiques : {ctx.paths.backup_dir}")
    return 0 if report.ok else 1

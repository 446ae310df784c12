"""``guichet rgpd purge|export|effacer``: retention and a person's rights from a terminal."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from guichet.cli.common import Context, add_command, day, print_json


def register(subparsers: Any) -> None:
    rgpd = add_command(
        subparsers,
        "rgpd",
        "données personnelles : anonymiser ce qui a passé sa durée de conservation, exporter "
        "ou effacer les données d'une personne",
    )
    actions = rgpd.add_subparsers(dest="rgpd_action", metavar="ACTION", required=True)
    purge = add_command(
        actions,
        "purge",
        "anonymise les contacts sans contact de leur part depuis la durée de conservation et "
        "les demandes closes depuis la leur (Paramètres › Données personnelles)",
    )
    purge.add_argument(
        "--avant",
        type=day,
        default=None,
        metavar="AAAA-MM-JJ",
        help="date limite à la place de celles des réglages : dernier contact (ou clôture) "
        "ce jour-là ou avant",
    )
    purge.add_argument(
        "--dry-run", action="store_true", help="liste sans rien modifier (« à blanc »)"
    )
    purge.add_argument("--json", action="store_true", help="sortie JSON")
    purge.set_defaults(func=run_purge)
    export = add_command(
        actions,
        "export",
        "écrit un ZIP de tout ce que Guichet détient sur une personne (synthèse PDF, JSON, "
        "courriers) ; l'export est journalisé",
    )
    export.add_argument("contact", metavar="CONTACT", help="numéro, e-mail ou « Prénom Nom »")
    export.add_argument(
        "-o", "--sortie", required=True, type=Path, dest="target", metavar="FICHIER.zip"
    )
    export.set_defaults(func=run_export)
    erase = add_command(
        actions,
        "effacer",
        "anonymise une personne partout (ses demandes restent, anonymisées)",
    )
    erase.add_argument("contact", metavar="CONTACT", help="numéro, e-mail ou « Prénom Nom »")
    erase.set_defaults(func=run_erase)


def _drafts(ctx: Context) -> list[Path]:
    from guichet.services.drafts import draft_path

    return [draft_path(ctx.paths, ctx.url)]


def run_purge(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.personal_data.retention import RetentionService

    service = RetentionService(ctx.db, _drafts(ctx))
    listed, result = service.purge(before=args.avant, dry_run=args.dry_run)
    if args.json:
        print_json(
            {
                "dry_run": args.dry_run,
                "contacts_before": listed.contacts_before.isoformat(),
                "inquiries_before": listed.inquiries_before.isoformat(),
                "contacts": [c.id for c in listed.contacts],
                "inquiries": [i.reference for i in listed.inquiries],
                "letters_erased": result.letters if result else 0,
            }
        )
        return 0
    verb = "à anonymiser" if args.dry_run else "anonymisé(s)"
    print(
        f"{len(listed.contacts)} contact(s) {verb} (dernier contact le "
        f"{listed.contacts_before:%d/%m/%Y} ou avant), {len(listed.inquiries)} demande(s) "
        f"close(s) {verb} (close le {listed.inquiries_before:%d/%m/%Y} ou avant)."
    )
    if args.dry_run:
        for c in listed.contacts:
            print(f"  contact n° {c.id} — dernier contact le {c.last_contact:%d/%m/%Y}")
        for i in listed.inquiries:
            print(f"  demande {i.reference} — close le {i.closed_at:%d/%m/%Y}")
    elif result is not None and result.letters:
        print(f"{result.letters} courrier(s) archivé(s) effacé(s) (leur envoi reste noté).")
    return 0


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.personal_data.rights import export_person, find_contact

    result = export_person(ctx.db, find_contact(ctx.db, args.contact), args.target)
    print(
        f"Données de {result.name} écrites dans {result.path} ({result.inquiries} demande(s), "
        f"{result.letters} courrier(s)). L'export est journalisé."
    )
    return 0


def run_erase(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.personal_data.rights import erase_person, find_contact

    contact_id = find_contact(ctx.db, args.contact)
    result = erase_person(ctx.db, contact_id, _drafts(ctx))
    print(
        f"Contact n° {contact_id} anonymisé partout : {result.inquiries} demande(s) "
        f"anonymisée(s), {result.letters} courrier(s) effacé(s)."
    )
    return 0

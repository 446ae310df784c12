"""``guichet import``, ``export``, ``backup``, ``restore`` and ``sirene``: files in and out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from guichet.cli.common import Context, add_command

#: ``--type`` choices and the OrganizationKind value each stands for.
KINDS = {"entreprise": "company", "adherent": "member", "partenaire": "partner"}


def format_number(value: int) -> str:
    from guichet.reference.dates import format_number as formatted

    return formatted(value)


def _progress_printer(label: str) -> Any:
    state = {"last": -1}

    def progress(done: int, total: int) -> None:
        if not sys.stderr.isatty() or total <= 0:
            return
        percent = done * 100 // total
        if percent != state["last"]:
            state["last"] = percent
            print(f"\r{label} : {percent} %", end="", file=sys.stderr, flush=True)

    return progress


def register(subparsers: Any) -> None:
    imp = add_command(subparsers, "import", "importe un fichier (organisations ou SIRENE)")
    targets = imp.add_subparsers(title="fichiers", metavar="QUOI", required=True)
    orgs = add_command(
        targets, "organisations", "importe des organisations et contacts (CSV, XLSX, ODS)"
    )
    orgs.add_argument("file", metavar="FICHIER", type=Path, help="le fichier à importer")
    orgs.add_argument(
        "--dry-run",
        "--essai",
        action="store_true",
        dest="dry_run",
        help="montre ce qui serait fait sans rien enregistrer",
    )
    orgs.add_argument(
        "--type",
        choices=sorted(KINDS),
        default="entreprise",
        help="type des organisations créées (par défaut : entreprise)",
    )
    orgs.add_argument(
        "--rapport", type=Path, metavar="FICHIER", help="enregistre le rapport (.csv ou .xlsx)"
    )
    orgs.set_defaults(func=run_import_organizations)

    sirene = add_command(targets, "sirene", "importe un fichier StockEtablissement de l'INSEE")
    sirene.add_argument(
        "file", metavar="FICHIER", type=Path, help="StockEtablissement (.csv ou .zip)"
    )
    where = sirene.add_mutually_exclusive_group()
    where.add_argument("--departement", metavar="CODE", help="garde un département (ex. 76)")
    where.add_argument(
        "--territoire",
        action="store_true",
        help="garde les communes du territoire (par défaut)",
    )
    sirene.add_argument(
        "--unites-legales",
        type=Path,
        metavar="FICHIER",
        dest="legal_units",
        help="StockUniteLegale (.csv ou .zip) pour joindre les raisons sociales",
    )
    sirene.add_argument(
        "--avec-fermes",
        action="store_true",
        dest="include_closed",
        help="garde aussi les établissements fermés (marqués comme tels)",
    )
    sirene.set_defaults(func=run_import_sirene)

    exp = add_command(subparsers, "export", "exporte l'annuaire, les contacts, les demandes…")
    exp.add_argument(
        "kind",
        metavar="QUOI",
        choices=["organisations", "contacts", "demandes", "mises-en-relation", "projets"],
        help="organisations, contacts, demandes, mises-en-relation ou projets",
    )
    exp.add_argument(
        "-o",
        "--sortie",
        required=True,
        type=Path,
        dest="output",
        metavar="FICHIER",
        help="fichier à écrire : .csv, .xlsx ou .vcf (contacts)",
    )
    exp.add_argument(
        "--noms",
        action="store_true",
        dest="names",
        help="projets : les vrais noms des entreprises (noté au journal d'audit)",
    )
    exp.set_defaults(func=run_export)

    backup = add_command(subparsers, "backup", "sauvegarde la base dans un fichier")
    backup.add_argument("file", metavar="FICHIER", type=Path)
    backup.set_defaults(func=run_backup)
    restore = add_command(
        subparsers, "restore", "restaure une sauvegarde (l'état actuel est sauvegardé d'abord)"
    )
    restore.add_argument("file", metavar="FICHIER", type=Path)
    restore.set_defaults(func=run_restore)

    lookup = add_command(subparsers, "sirene", "cherche dans la table SIRENE locale")
    actions = lookup.add_subparsers(title="actions", metavar="ACTION", required=True)
    find = add_command(actions, "chercher", "par SIRET ou début de raison sociale")
    find.add_argument("text", metavar="TEXTE")
    find.set_defaults(func=run_sirene_find)
    complete = add_command(
        actions, "completer", "complète une organisation depuis SIRENE (champs vides seulement)"
    )
    complete.add_argument("organization_id", metavar="ID", type=int)
    complete.set_defaults(func=run_sirene_complete)


def run_import_organizations(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.models import OrganizationKind
    from guichet.services.imports import OrganizationImportService, save_report

    service = OrganizationImportService(ctx.db)
    table = service.read(args.file)
    choice = service.mapping_for(table)
    print(f"{args.file.name} : {table.description}, {format_number(len(table.rows))} lignes.")
    for header, key in zip(table.headers, choice.mapping, strict=True):
        print(f"  {header} → {key or '(ignorée)'}")
    report = service.run(
        table,
        choice.mapping,
        OrganizationKind(KINDS[args.type]),
        dry_run=args.dry_run,
        progress=_progress_printer("Import"),
    )
    for row in report.rows:
        if row.reason and row.reason != "Déjà à jour.":
            print(f"  ligne {row.line} — {row.action_label} : {row.reason}")
    print(("Essai, rien n'a été enregistré : " if args.dry_run else "") + report.summary)
    if args.rapport:
        save_report(report, args.rapport)
        print(f"Rapport enregistré : {args.rapport}")
    return 0


def run_import_sirene(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.sirene_import import departement_filter, import_sirene, territory_filter

    if args.departement:
        wanted = departement_filter(args.departement, include_closed=args.include_closed)
    else:
        wanted = territory_filter(ctx.db, include_closed=args.include_closed)
    report = import_sirene(
        ctx.db,
        args.file,
        wanted,
        legal_units=args.legal_units,
        progress=_progress_printer("Lecture SIRENE"),
    )
    print(report.summary)
    return 0


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.exports import export
    from guichet.services.project_exports import export_projects

    if args.kind == "projets":
        result = export_projects(ctx.db, args.output, with_names=args.names, operator=True)
    else:
        result = export(ctx.db, args.kind, args.output)
    print(f"{format_number(result.count)} ligne(s) exportée(s) dans {result.path}")
    return 0


def run_backup(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.backups import BackupService
    from guichet.services.letter_archive import archive_path

    target = BackupService(ctx.db, ctx.paths.backup_dir).backup_to(args.file)
    print(f"Base sauvegardée dans {target}")
    print(f"Ses courriers archivés sont dans {archive_path(target)} (gardez les deux fichiers).")
    return 0


def run_restore(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.config import sqlite_path
    from guichet.db.instance_lock import InstanceLock, Role
    from guichet.services.backups import BackupService

    # Refused while the application has this database open (it would keep writing, and back
    # up the old state over the restored one when it closes); held for the whole restore.
    path = sqlite_path(ctx.url)
    lock = InstanceLock.acquire(path, Role.RESTORE) if path and path.parent.is_dir() else None
    try:
        saved = BackupService(ctx.db, ctx.paths.backup_dir).restore(args.file)
    finally:
        if lock is not None:
            lock.release()
    print(f"Sauvegarde restaurée. L'état précédent est conservé dans {saved}")
    return 0


def run_sirene_find(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.sirene_lookup import lookup

    found = lookup(ctx.db, args.text)
    for match in found:
        print(match.display)
    if not found:
        print("Aucun établissement trouvé dans la table SIRENE locale.")
    return 0 if found else 1


def run_sirene_complete(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.sirene_lookup import complete_organization

    changes = complete_organization(ctx.db, args.organization_id)
    if not changes:
        print("Rien à compléter : les champs connus de SIRENE sont déjà remplis.")
    for name, value in changes.items():
        print(f"  {name} : {value}")
    return 0

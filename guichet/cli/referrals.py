"""``guichet letter`` and ``guichet relances``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from guichet.cli.common import Context, add_command, day, print_json
from guichet.errors import EnvironmentProblem, ValidationError

KINDS = {"entreprise": "to_company", "partenaire": "to_partner"}  # LetterKind values


def register(subparsers: Any) -> None:
    letter = add_command(
        subparsers, "letter", "écrit le courrier d'une mise en relation dans un fichier PDF"
    )
    letter.add_argument(
        "referral",
        metavar="MISE_EN_RELATION",
        help="numéro de la mise en relation (247) ou référence imprimée sur ses courriers "
        "(D-2026-0190-247)",
    )
    letter.add_argument(
        "--to", required=True, choices=sorted(KINDS), dest="to", help="destinataire du courrier"
    )
    letter.add_argument(
        "-o", "--sortie", required=True, type=Path, dest="output", metavar="FICHIER.pdf"
    )
    letter.add_argument(
        "--brouillon",
        action="store_true",
        dest="draft",
        help="n'archive pas le courrier et ne marque pas la mise en relation comme envoyée",
    )
    letter.set_defaults(func=run_letter)
    due = add_command(subparsers, "relances", "liste les mises en relation à relancer")
    due.add_argument(
        "--date",
        type=day,
        default=None,
        metavar="AAAA-MM-JJ",
        help="jour de référence (par défaut : aujourd'hui)",
    )
    due.add_argument("--json", action="store_true", help="sortie JSON")
    due.set_defaults(func=run_relances)


def run_letter(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.models import LetterKind  # imported late: the CLI starts without SQLAlchemy
    from guichet.services.letters import LetterService
    from guichet.services.referrals import ReferralService

    service = LetterService(ctx.db)
    kind = LetterKind(KINDS[args.to])
    if args.output.suffix.lower() != ".pdf":
        raise ValidationError("Le fichier de sortie doit porter l'extension .pdf.")
    referral_id = ReferralService(ctx.db).resolve(args.referral)
    for problem in service.delivery_problems(referral_id, kind):
        print(f"Attention : {problem}", file=sys.stderr)
    if args.draft:
        write_pdf(args.output, service.render(referral_id, kind))
        print(f"Brouillon enregistré : {args.output}")
        return 0
    # The file is written before the transaction that archives the letter and marks the
    # referral sent commits: a failure or a kill leaves nothing recorded.
    service.send(referral_id, [kind], deliver=lambda pdfs: write_pdf(args.output, pdfs[0]))
    print(f"Courrier archivé et enregistré : {args.output} (mise en relation marquée envoyée)")
    return 0


def write_pdf(path: Path, data: bytes) -> None:
    """Writes ``data`` beside ``path`` then renames it over: never a half-written PDF."""
    from guichet.db.atomic_files import write_atomically

    try:
        write_atomically(path, data)
    except OSError as exc:
        raise EnvironmentProblem(
            f"Impossible d'écrire {path} : vérifiez le dossier et les droits.",
            detail=str(exc),
        ) from exc


def run_relances(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.followups import due_referrals

    day = args.date or date.today()
    due = due_referrals(ctx.db, day)
    if args.json:
        print_json(
            [
                {
                    "etape": d.stage_label,
                    "echeance": d.due_on.isoformat(),
                    "retard_jours": d.days_late,
                    "mise_en_relation": d.referral.id,
                    "reference": d.referral.reference,
                    "entreprise": d.referral.company,
                    "partenaire": d.referral.partner,
                    "interlocuteur": d.referral.contact,
                    "telephone": d.referral.contact_phone,
                    "email": d.referral.contact_email,
                }
                for d in due
            ]
        )
        return 0
    if not due:
        print(f"Aucune relance à faire le {day:%d/%m/%Y}.")
        return 0
    print(f"{len(due)} relance(s) à faire le {day:%d/%m/%Y} :")
    for d in due:
        contact = " · ".join(p for p in (d.referral.contact, d.referral.contact_phone) if p)
        print(
            f"  {d.stage_label:<17} depuis le {d.due_on:%d/%m/%Y}  n° {d.referral.id:<5} "
            f"{d.referral.company} → {d.referral.partner}" + (f" ({contact})" if contact else "")
        )
    return 0

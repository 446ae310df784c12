"""``guichet emargement``, ``badges``, ``invitations`` and ``agenda``: a meeting's files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from guichet.cli.common import Context, add_command
from guichet.errors import EnvironmentProblem, ValidationError

#: command → (help, extension of the output file)
COMMANDS = {
    "emargement": ("écrit la feuille d'émargement d'une réunion (PDF)", ".pdf"),
    "badges": (
        "écrit les badges des inscrits d'une réunion, sur planche d'étiquettes (PDF)",
        ".pdf",
    ),
    "invitations": (
        "écrit les courriers d'invitation d'une réunion, fusionnés en un PDF (invités par courrier)",
        ".pdf",
    ),
    "agenda": ("écrit le rendez-vous d'une réunion pour les agendas (fichier .ics)", ".ics"),
}


def register(subparsers: Any) -> None:
    for name, (help_text, extension) in COMMANDS.items():
        parser = add_command(subparsers, name, help_text)
        parser.add_argument("meeting", metavar="REUNION", type=int, help="numéro de la réunion")
        parser.add_argument(
            "-o",
            "--sortie",
            required=True,
            type=Path,
            dest="output",
            metavar=f"FICHIER{extension}",
        )
        if name == "invitations":
            parser.add_argument(
                "--tous",
                action="store_true",
                dest="everyone",
                help="un courrier pour chaque invité, quel que soit son canal d'invitation",
            )
        parser.set_defaults(func=run, command_name=name, extension=extension, everyone=False)


def run(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.db.atomic_files import write_atomically
    from guichet.services.meeting_files import MeetingFiles

    if args.output.suffix.lower() != args.extension:
        raise ValidationError(f"Le fichier de sortie doit porter l'extension {args.extension}.")
    files = MeetingFiles(ctx.db)
    if args.command_name == "invitations":
        made = files.invitations(args.meeting, everyone=args.everyone)
    else:
        made = {
            "emargement": files.sign_in_sheet,
            "badges": files.badges,
            "agenda": files.agenda,
        }[args.command_name](args.meeting)
    try:
        write_atomically(args.output, made.data)
    except OSError as exc:
        raise EnvironmentProblem(
            f"Impossible d'écrire {args.output} : vérifiez le dossier et les droits.",
            detail=str(exc),
        ) from exc
    for warning in made.warnings:
        print(f"Attention : {warning}", file=sys.stderr)
    if made.excluded:
        print(
            f"{made.excluded} contact(s) exclu(s) : opposition ou « ne pas contacter ».",
            file=sys.stderr,
        )
    what = {
        "emargement": f"feuille d'émargement, {made.count} inscrit(s)",
        "badges": f"{made.count} badge(s)",
        "invitations": f"{made.count} invitation(s)",
        "agenda": "rendez-vous",
    }[args.command_name]
    print(f"Enregistré : {args.output} ({what})")
    return 0

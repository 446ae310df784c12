"""``guichet rapport``: the activity report of a period, as a PDF or a workbook."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from guichet.cli.common import Context, add_command, day, moment


def register(subparsers: Any) -> None:
    report = add_command(
        subparsers,
        "rapport",
        "rapport d'activité d'une période (PDF, ou classeur XLSX de tous ses tableaux)",
    )
    report.add_argument(
        "--du",
        dest="start",
        type=day,
        required=True,
        metavar="AAAA-MM-JJ",
        help="premier jour de la période",
    )
    report.add_argument(
        "--au",
        dest="end",
        type=day,
        required=True,
        metavar="AAAA-MM-JJ",
        help="dernier jour de la période (inclus)",
    )
    report.add_argument(
        "-o",
        "--sortie",
        dest="output",
        type=Path,
        required=True,
        metavar="FICHIER",
        help="fichier à écrire : .pdf ou .xlsx",
    )
    report.add_argument(
        "--maintenant",
        type=moment,
        default=None,
        metavar="AAAA-MM-JJTHH:MM",
        help="instant du décompte, comme pour guichet stats (par défaut : maintenant)",
    )
    report.set_defaults(func=run_report)


def run_report(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.activity_report import check_destination, period_between, write_report

    check_destination(args.output)
    period = period_between(args.start, args.end)
    written = write_report(ctx.db, period, args.output, now=args.maintenant)
    what = f"{written.pages} page(s)" if written.pages else f"{written.sheets} feuille(s)"
    print(f"Rapport d'activité ({period.label}) écrit : {written.path} — {what}")
    return 0

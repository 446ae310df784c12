"""``guichet stats``: every figure of a period, from the one source of figures."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any

from guichet.cli.common import Context, add_command, day, moment, print_json


def register(subparsers: Any) -> None:
    stats = add_command(
        subparsers,
        "stats",
        "chiffres d'activité d'une période (par défaut : l'année en cours jusqu'à aujourd'hui)",
    )
    stats.add_argument("--du", type=day, default=None, metavar="AAAA-MM-JJ", help="premier jour")
    stats.add_argument("--au", type=day, default=None, metavar="AAAA-MM-JJ", help="dernier jour")
    stats.add_argument(
        "--maintenant",
        type=moment,
        default=None,
        metavar="AAAA-MM-JJTHH:MM",
        help="instant du décompte : une demande sans suite compte comme hors délai une fois "
        "72 h passées à cet instant (par défaut : maintenant)",
    )
    stats.add_argument("--json", action="store_true", help="sortie JSON (tous les chiffres)")
    stats.set_defaults(func=run_stats)


def period_of(start: date | None, end: date | None, today: date) -> Any:
    from guichet.services.figures import Period

    if start is None and end is None:
        return Period.of_year(today.year)
    return Period.custom(start or date(today.year, 1, 1), end or today)


def run_stats(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.reference.dates import format_number
    from guichet.services.figures import activity_figures, figures_as_json, shown_share

    now = args.maintenant or datetime.now()
    period = period_of(args.du, args.au, now.date())
    figures = activity_figures(ctx.db, period, now=now)
    if args.json:
        print_json(figures_as_json(figures))
        return 0
    r = figures.reactivity
    median = r.median_minutes
    lines = [
        f"Période : {period.label}",
        f"Demandes : {format_number(figures.volumes.total)}"
        f" (même période un an avant : {format_number(figures.previous_volumes.total)})",
        f"Première réponse sous 72 h : {shown_share(r.first_response)}",
        f"Mise en relation sous 72 h : {shown_share(r.referral)}",
        f"Prise en charge sous 5 jours : {shown_share(r.taken_care)}",
        "Délai médian jusqu'à la première suite : "
        + (f"{format_number(median)} min ouvrées" if median is not None else "—"),
        f"Mises en relation envoyées : {format_number(figures.referrals.sent)}"
        f" (issue connue : {shown_share(figures.referrals.closed_loop)})",
        f"Adhérents : {figures.network.members} / {figures.network.target}"
        f" (gagnés sur la période : {figures.network.gained})",
        f"Réunions tenues : {figures.meetings.held}"
        f" (présents : {figures.meetings.present} / inscrits : {figures.meetings.registered})",
    ]
    print("\n".join(lines))
    return 0

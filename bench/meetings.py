"""Meeting documents: a sign-in sheet for 300 registrants and 300 merged invitation letters.

Both go through the same builders as the app (guichet.services.meeting_documents: template
merge, layout, embedded DejaVu subset, AFNOR window block, page numbers). The floor, measured
in the same run, is a bare reportlab canvas: one A4 page with 40 lines in a built-in font.
The last line is JSON with ``sheet_ms``, ``invitations_s`` and ``baseline_ms``.
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guichet.letters.meeting_data import Attendee
from guichet.reference.address import PostalAddress
from guichet.services.meeting_documents import (
    Invitee,
    MeetingFacts,
    Organizer,
    invitations_pdf,
    sign_in_sheet_pdf,
)
from guichet.services.settings import SPECS

PEOPLE = 300
ROUNDS = 5
SETTINGS: dict[str, object] = {spec.key: spec.default for spec in SPECS}
SETTINGS["agency.phone"] = "02 35 00 00 00"
SETTINGS["agency.email"] = "contact@caux-seine-developpement.example"
FACTS = MeetingFacts(
    id=1,
    title="L'hydrogène en Normandie : quelles places pour les sous-traitants ?",
    starts=datetime(2026, 3, 26, 9, 30),
    ends=datetime(2026, 3, 26, 11, 30),
    kind_label="Réunion d'information",
    place="Maison de l'entreprise, 12 rue des Entrepreneurs, 76170 Lillebonne",
    description="Présentation de la filière hydrogène et des besoins des donneurs d'ordres.",
    partners=("Sotraban",),
    speakers=("Anne Leroux (Sotraban)",),
    organizer=Organizer("Claire Lemonnier", "Conseillère entreprises", "0261910001", "c@x.fr"),
)


def _attendees() -> list[Attendee]:
    return [
        Attendee(
            f"Prénom{n} NOM{n:03d}",
            f"Établissements Martin et associés n° {n % 60}",
            "Responsable de production",
        )
        for n in range(PEOPLE)
    ]


def _invitees() -> list[Invitee]:
    return [
        Invitee(
            f"M. Prénom{n} NOM{n:03d}",
            f"Établissements Martin n° {n}",
            "M.",
            "Directeur",
            f"p{n}@exemple.fr",
            PostalAddress(
                name=f"Établissements Martin n° {n}",
                person=f"M. Prénom{n} NOM{n:03d}",
                street="12 B rue de l'Église",
                postal_code="76170",
                town="Lillebonne",
            ),
        )
        for n in range(PEOPLE)
    ]


def bare_page() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for line in range(40):
        canvas.drawString(72, 770 - 14 * line, f"Ligne {line} d'une page sans mise en forme.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _median_ms(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    attendees, invitees = _attendees(), _invitees()
    sign_in_sheet_pdf(FACTS, attendees[:5], SETTINGS)  # fonts registered, caches warm
    bare_page()
    baseline_ms = _median_ms(bare_page, 15)
    sheet_ms = _median_ms(lambda: sign_in_sheet_pdf(FACTS, attendees, SETTINGS), ROUNDS)
    start = time.perf_counter()
    pdf = invitations_pdf(FACTS, invitees, SETTINGS, date(2026, 3, 2))
    invitations_s = time.perf_counter() - start
    print(f"page reportlab nue (plancher)          : {baseline_ms:8.2f} ms")
    print(f"feuille d'émargement, {PEOPLE} inscrits     : {sheet_ms:8.2f} ms")
    print(
        f"{PEOPLE} invitations fusionnées (1 PDF)  : {invitations_s:8.2f} s"
        f"  → {invitations_s * 1000 / PEOPLE:.2f} ms/lettre, {len(pdf) / 1e6:.2f} Mo"
    )
    print(
        json.dumps(
            {
                "sheet_ms": round(sheet_ms, 1),
                "invitations_s": round(invitations_s, 3),
                "baseline_ms": round(baseline_ms, 3),
                "registrants": PEOPLE,
                "invitations": PEOPLE,
                "invitations_mb": round(len(pdf) / 1e6, 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Letters: render a pair (business + partner) and a batch of 200, against a bare reportlab page.

The floor, measured in the same run, is a one-page reportlab canvas with a few lines of text in
a built-in font (no embedded font, no layout). The letters carry the embedded DejaVu subset,
the platypus layout, the window-envelope block and page numbering. Goal: ≤ 30 ms per letter.
The last line is JSON: ms_per_letter, batch_s, baseline_ms, ratio (and the archive path).
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guichet.letters.default_templates import DEFAULT_TEMPLATES
from guichet.letters.document import EnvelopeWindow, LetterDocument, Letterhead
from guichet.letters.render import render_letter
from guichet.letters.template import LETTER_FIELDS, parse_template

ROUNDS = 15
BATCH = 200
HEAD = Letterhead(
    "Caux Seine Développement",
    ("Maison de l'entreprise", "12 rue des Entrepreneurs", "76170 LILLEBONNE"),
    "02 35 00 00 00",
    "contact@caux-seine-developpement.example",
    "www.caux-seine-developpement.example",
)


def _document(kind: str, number: int) -> LetterDocument:
    values = {name: f"valeur {name} n° {number}" for name in LETTER_FIELDS}
    values["besoin.description"] = (
        "Sous-traitant en soudure TIG inox pour des cuves d'hydrogène. " * 3
    )
    body = parse_template(DEFAULT_TEMPLATES[f"letters.{kind}_body"]).render(values)
    title = parse_template(DEFAULT_TEMPLATES[f"letters.{kind}_object"]).render(values)
    return LetterDocument(
        letterhead=HEAD,
        recipient_lines=(
            f"Établissements Martin n° {number}",
            "Mme Anne LEROUX",
            "12 B RUE DE L EGLISE",
            "76170 LILLEBONNE",
        ),
        place_and_date="Lillebonne, le 29 novembre 2026",
        object_line=title,
        body=body,
        sender_lines=(
            "Dossier suivi par : Claire Lemonnier",
            "Tél. : 02 61 91 00 01",
            f"Réf. : D-2026-{number:04d}",
        ),
        signature_lines=("Claire Lemonnier", "Conseillère entreprises", "Caux Seine Développement"),
    )


def bare_page() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for line in range(40):
        canvas.drawString(72, 770 - 14 * line, f"Ligne {line} d'une page sans mise en forme.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _median_ms(fn: object, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def service_pair_ms() -> float | None:
    """The whole desk action on the demo database: merge, render and archive a pair."""
    try:
        from guichet.models import ReferralStatus
        from guichet.services.bootstrap import open_database
        from guichet.services.demo import generate_demo
        from guichet.services.letters import LetterService
        from guichet.services.referrals import ReferralService
    except ImportError:
        return None
    work = Path(tempfile.mkdtemp(prefix="guichet-bench-letters-"))
    db = open_database(f"sqlite:///{work / 'demo.sqlite3'}", create=True)
    generate_demo(db, now=datetime(2026, 11, 20, 10, 30))
    ids = [
        r.id
        for r in ReferralService(db).list_referrals(
            statuses=[ReferralStatus.SUCCEEDED], limit=ROUNDS
        )
    ]
    service = LetterService(db)
    times = []
    for referral_id in ids:
        start = time.perf_counter()
        service.generate([referral_id])
        times.append((time.perf_counter() - start) * 1000)
    db.dispose()
    return statistics.median(times)


def main() -> int:
    window = EnvelopeWindow()
    render_letter(_document("company", 0), window)  # fonts registered, caches warm
    bare_page()
    baseline_ms = _median_ms(bare_page)
    pair_ms = _median_ms(
        lambda: (
            render_letter(_document("company", 1), window),
            render_letter(_document("partner", 1), window),
        )
    )
    start = time.perf_counter()
    pages = 0
    for number in range(BATCH):
        pages += render_letter(
            _document("partner" if number % 2 else "company", number), window
        ).pages
    batch_s = time.perf_counter() - start
    ms_per_letter = batch_s * 1000 / BATCH
    service_ms = service_pair_ms()
    print(f"page reportlab nue (plancher)      : {baseline_ms:7.2f} ms")
    print(f"paire de courriers                 : {pair_ms:7.2f} ms")
    print(
        f"lot de {BATCH} courriers ({pages} pages)  : {batch_s:7.2f} s  → {ms_per_letter:.2f} ms/courrier"
    )
    if service_ms is not None:
        print(
            f"paire via le service (base démo)   : {service_ms:7.2f} ms (fusion, rendu, archivage)"
        )
    print(
        f"rapport courrier / page nue        : {ms_per_letter / baseline_ms:7.2f}  (objectif : ≤ 30 ms/courrier)"
    )
    print(
        json.dumps(
            {
                "ms_per_letter": round(ms_per_letter, 2),
                "pair_ms": round(pair_ms, 2),
                "batch_s": round(batch_s, 3),
                "batch_letters": BATCH,
                "baseline_ms": round(baseline_ms, 3),
                "ratio": round(ms_per_letter / baseline_ms, 2),
                "service_pair_ms": round(service_ms, 2) if service_ms is not None else None,
                "goal_ms_per_letter": 30,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Demo stage (``guichet demo --echelle N``): the archived letters of every sent referral.

A desk keeps the pair of letters (to the company, to the partner) of each referral it sent.
Rendering 45,000 PDFs would take the better part of an hour, so a few referrals get their pair
rendered for real by :class:`~guichet.services.letters.LetterService` (the same templates,
letterhead and archive as at the desk), and every other sent referral archives a copy of one of
those PDFs under its own name, kind and dates. The archive has the size and the shape of a real
one; the clones' text names the sample's company, which is enough for a demo and a benchmark.

This is the only place the demo writes letters: when the archive's storage changes, only this
module follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from guichet.db import Database
from guichet.models import Inquiry, Letter, LetterKind, Need, Referral
from guichet.services.referral_rows import referral_reference

#: How many referrals get their letters rendered for real; the others reuse their PDFs.
RENDERED_SAMPLES = 12
CHUNK = 2000
SUFFIXES = {LetterKind.TO_COMPANY: "entreprise", LetterKind.TO_PARTNER: "partenaire"}


@dataclass(frozen=True)
class _Sent:
    referral_id: int
    inquiry_id: int
    inquiry_reference: str
    company_id: int | None
    partner_id: int
    counsellor_id: int | None
    sent_at: object


def add_demo_letters(db: Database, progress: Callable[[int, int], None] | None = None) -> int:
    """Archive the letter pair of every sent referral that has no letter yet; return the count."""
    from guichet.services.letters import PAIR, LetterService, safe_file_name

    with db.unit_of_work(write=False) as s:
        has_letters = select(Letter.referral_id).where(Letter.referral_id.is_not(None))
        sent = [
            _Sent(*row)
            for row in s.execute(
                select(
                    Referral.id,
                    Inquiry.id,
                    Inquiry.reference,
                    Inquiry.organization_id,
                    Referral.partner_id,
                    Referral.counsellor_id,
                    Referral.sent_at,
                )
                .join(Need, Referral.need_id == Need.id)
                .join(Inquiry, Need.inquiry_id == Inquiry.id)
                .where(Referral.sent_at.is_not(None), Referral.id.not_in(has_letters))
                .order_by(Referral.id)
            )
        ]
    if not sent:
        return 0
    service = LetterService(db)
    step = max(1, len(sent) // RENDERED_SAMPLES)
    samples = sent[::step][:RENDERED_SAMPLES]
    for each in samples:  # rendered and archived for real, one referral at a time
        service.generate([each.referral_id], now=each.sent_at)  # type: ignore[arg-type]
    rendered = {each.referral_id for each in samples}
    with db.unit_of_work() as s:
        pdfs: dict[LetterKind, list[tuple[str, str]]] = {kind: [] for kind in PAIR}
        for letter in s.scalars(
            select(Letter).where(Letter.referral_id.in_(rendered)).order_by(Letter.id)
        ):
            pdfs[letter.kind].append((letter.pdf_sha256, letter.template_version))
            letter.sent_at = letter.generated_at
        written = 2 * len(samples)
        clones = [each for each in sent if each.referral_id not in rendered]
        for index, each in enumerate(clones):
            reference = referral_reference(each.inquiry_reference, each.referral_id)
            for kind in PAIR:
                key, version = pdfs[kind][index % len(pdfs[kind])]
                s.add(
                    Letter(
                        kind=kind,
                        referral_id=each.referral_id,
                        inquiry_id=each.inquiry_id,
                        organization_id=each.partner_id
                        if kind == LetterKind.TO_PARTNER
                        else each.company_id,
                        generated_at=each.sent_at,
                        sent_at=each.sent_at,
                        template_version=version,
                        author_id=each.counsellor_id,
                        file_name=safe_file_name(f"{reference}-{SUFFIXES[kind]}") + ".pdf",
                        pdf_sha256=key,  # the archive stores each PDF once, by content
                    )
                )
                written += 1
            if (index + 1) % CHUNK == 0:
                s.flush()
                s.expunge_all()
                if progress is not None:
                    progress(index + 1, len(clones))
    return written

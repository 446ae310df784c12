"""The partner × outcome table of the report lists the first partners one by one and sums the
others on one row, so that ten years of partners do not fill pages (PDF and workbook alike: both
are written from this table)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from guichet.letters.report_document import ReportTable
from guichet.services.figures import Count, Period, Share
from guichet.services.figures.outcomes import PartnerOutcome, ReferralFigures
from guichet.services.report_sections import TOP_PARTNERS, referral_blocks


def figures(partners: int) -> Any:
    """``partners`` partners, the n-th with n + 2 referrals « acceptée » and 3 « refusée »."""
    outcomes = [
        PartnerOutcome(i, f"Partenaire {i}", status, status.title(), n)
        for i in range(1, partners + 1)
        for status, n in (("accepted", i + 2), ("refused", 3))
    ]
    by_partner = tuple(
        sorted(
            (Count(str(i), f"Partenaire {i}", i + 5) for i in range(1, partners + 1)),
            key=lambda c: (-c.count, c.label),
        )
    )
    accepted = sum(i + 2 for i in range(1, partners + 1))
    referrals = ReferralFigures(
        period=Period.custom(date(2025, 1, 1), date(2025, 12, 31)),
        sent=accepted + 3 * partners,
        by_partner=by_partner,
        by_outcome=(
            Count("accepted", "Acceptée", accepted),
            Count("refused", "Refusée", 3 * partners),
        ),
        by_partner_outcome=tuple(outcomes),
        closed_loop=Share.of(accepted, accepted + 3 * partners),
    )
    return SimpleNamespace(current=SimpleNamespace(referrals=referrals))


def partner_table(partners: int) -> ReportTable:
    blocks, _values = referral_blocks(figures(partners))
    return next(b for b in blocks if isinstance(b, ReportTable) and b.sheet.startswith("Part"))


def test_the_first_partners_one_by_one_and_the_others_summed() -> None:
    table = partner_table(TOP_PARTNERS + 5)
    assert len(table.rows) == TOP_PARTNERS + 1
    assert table.rows[0] == (
        f"Partenaire {TOP_PARTNERS + 5}",
        TOP_PARTNERS + 10,
        TOP_PARTNERS + 7,
        3,
    )
    # partners 1 to 5 (the smallest) are summed: 6 + … + 10 sent, 3 + … + 7 accepted, 5 × 3 refused
    assert table.rows[-1] == ("Autres partenaires (5)", 40, 25, 15)
    assert "les autres regroupés" in table.title
    sent = sum(int(str(row[1])) for row in table.rows)  # every count here is 3 or more
    assert sent == sum(i + 5 for i in range(1, TOP_PARTNERS + 6))


def test_few_partners_are_all_listed() -> None:
    table = partner_table(3)
    assert [row[0] for row in table.rows] == ["Partenaire 3", "Partenaire 2", "Partenaire 1"]
    assert "regroupés" not in table.title

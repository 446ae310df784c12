"""The records behind a figure: what a click on a dashboard bar lists (Relances)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from guichet.db import Database
from guichet.models import Referral, ReferralStatus
from guichet.services.referral_rows import ReferralRow, loaded_referrals, referral_row


@dataclass(frozen=True)
class ReferralFilter:
    """Referrals sent over [since, until] (days included), of a partner, in a status."""

    since: date
    until: date
    partner_id: int | None = None
    status: ReferralStatus | None = None
    caption: str = ""  # what the list shows it is filtered on


def sent_referrals(db: Database, chosen: ReferralFilter, limit: int = 5000) -> list[ReferralRow]:
    """The referrals ``chosen`` stands for, latest sent first."""
    query = (
        loaded_referrals()
        .where(
            Referral.sent_at >= datetime.combine(chosen.since, time.min),
            Referral.sent_at < datetime.combine(chosen.until + timedelta(days=1), time.min),
        )
        .order_by(Referral.sent_at.desc(), Referral.id.desc())
        .limit(limit)
    )
    if chosen.partner_id is not None:
        query = query.where(Referral.partner_id == chosen.partner_id)
    if chosen.status is not None:
        query = query.where(Referral.status == chosen.status)
    with db.unit_of_work(write=False) as session:
        return [referral_row(r) for r in session.scalars(query)]

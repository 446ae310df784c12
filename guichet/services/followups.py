"""Relances: referrals sent and still unanswered, due for a follow-up, a last chance or expiry.

Stages, counted from the sending date (delays in the settings, 9 / 21 / 45 days by default):
« relance » from D+9, « dernière relance » from D+21, « expiration » from D+45. A stage is done
once a follow-up was logged on or after its date; expiry is due until the counsellor closes the
referral. ``today`` is always passed in, so the lists are computed with a fixed clock in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from guichet.db import Database
from guichet.models import Referral, ReferralStatus
from guichet.services.referral_rows import ReferralRow, loaded_referrals, referral_row
from guichet.services.referrals import Delays


class Stage(StrEnum):
    FOLLOW_UP = "follow_up"
    LAST_CHANCE = "last_chance"
    EXPIRY = "expiry"


STAGE_LABELS = {
    Stage.FOLLOW_UP: "Relance",
    Stage.LAST_CHANCE: "Dernière relance",
    Stage.EXPIRY: "Expiration",
}


@dataclass(frozen=True)
class DueReferral:
    stage: Stage
    stage_label: str
    due_on: date
    days_late: int
    referral: ReferralRow


def stage_for(row: ReferralRow, delays: Delays, today: date) -> tuple[Stage, date] | None:
    """The stage ``row`` is due for on ``today``, with its date, or None."""
    if row.status != ReferralStatus.SENT or row.sent_at is None:
        return None
    follow_up, last_chance, expiry = delays.schedule(row.sent_at.date())
    follow_up = row.follow_up_on or follow_up
    last_chance = row.last_chance_on or last_chance
    expiry = row.expires_on or expiry
    done = row.last_follow_up_at.date() if row.last_follow_up_at else None
    if today >= expiry:
        return Stage.EXPIRY, expiry
    if today >= last_chance and (done is None or done < last_chance):
        return Stage.LAST_CHANCE, last_chance
    if today >= follow_up and (done is None or done < follow_up):
        return Stage.FOLLOW_UP, follow_up
    return None


def due_referrals(
    db: Database, today: date, *, stages: frozenset[Stage] | None = None
) -> list[DueReferral]:
    """Everything due on ``today`` (overdue included), most urgent first."""
    delays = Delays.from_settings(db)
    with db.unit_of_work(write=False) as session:
        rows = [
            referral_row(r)
            for r in session.scalars(
                loaded_referrals().where(Referral.status == ReferralStatus.SENT)
            )
        ]
    due = []
    for row in rows:
        found = stage_for(row, delays, today)
        if found is None or (stages and found[0] not in stages):
            continue
        stage, due_on = found
        due.append(DueReferral(stage, STAGE_LABELS[stage], due_on, (today - due_on).days, row))
    order = list(Stage)
    due.sort(key=lambda d: (-order.index(d.stage), d.due_on, d.referral.id))
    return due

"""The demo's membership origins point at real meetings, visits and opportunities of the
member's own history, each before the day it joined."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from guichet.db import Database
from guichet.models import Membership, MembershipOrigin
from guichet.services.membership_origins import origin_candidates

LINKED = (MembershipOrigin.MEETING, MembershipOrigin.VISIT, MembershipOrigin.OPPORTUNITY)


def test_linked_origins_are_the_members_own_history_before_joining(demo_db: Database) -> None:
    with demo_db.unit_of_work(write=False) as s:
        linked = list(
            s.scalars(
                select(Membership).where(
                    Membership.origin_kind.in_(LINKED), Membership.origin_id.is_not(None)
                )
            )
        )
        kinds = {m.origin_kind for m in linked}
        assert {MembershipOrigin.MEETING, MembershipOrigin.VISIT} <= kinds
        for m in linked:
            history: dict[tuple[MembershipOrigin | None, int | None], date | None] = {
                (c.kind, c.id): c.on for c in origin_candidates(s, m.organization_id)
            }
            day = history.get((m.origin_kind, m.origin_id))
            assert day is not None, (m.organization_id, m.origin_kind, m.origin_id)
            assert day < m.start_on

"""The demo's meetings: a year of them, the hydrogen meeting with the cluster and its inquiries."""

from __future__ import annotations

from sqlalchemy import func, select

import guichet.models as m
from guichet.db import Database
from guichet.models import Channel, MeetingStatus
from guichet.services.meeting_inquiries import meeting_inquiries
from guichet.services.meetings import get_meeting, list_meetings
from tests.conftest import DEMO_NOW


def test_the_demo_holds_a_year_of_meetings_and_the_hydrogen_one(demo_db: Database) -> None:
    rows = list_meetings(demo_db, now=DEMO_NOW)
    assert len(rows) >= 12
    assert (
        min(r.start_at for r in rows).year < max(r.start_at for r in rows).year
        or (max(r.start_at for r in rows) - min(r.start_at for r in rows)).days > 300
    )
    assert {r.status for r in rows} == set(MeetingStatus)
    hydrogen = next(r for r in rows if r.title.startswith("Hydrogène"))
    detail = get_meeting(demo_db, hydrogen.id)
    assert [p.name for p in detail.partners] == ["Sotraban"]  # the network organisation
    assert detail.counts.present > 10 and detail.counts.invited > detail.counts.registered
    inquiries = meeting_inquiries(demo_db, hydrogen.id)
    assert len(inquiries) >= 3 and any(i.referrals for i in inquiries)
    with demo_db.unit_of_work() as s:
        channels = set(
            s.scalars(select(m.Inquiry.channel).where(m.Inquiry.meeting_id == hydrogen.id))
        )
        opposed = s.scalar(
            select(func.count()).select_from(m.Contact).where(m.Contact.opposed_on.is_not(None))
        )
    assert channels == {Channel.MEETING}
    assert opposed and opposed > 0

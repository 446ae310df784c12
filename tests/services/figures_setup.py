"""A quarter of inquiries whose figures are known by hand (Q1 2026, checked as of June 2026).

| inq | arrival (weekday)      | channel | first action        | 72 h?  | working min |
|-----|------------------------|---------|---------------------|--------|-------------|
| A   | Mon 05/01 09:00        | desk    | +30 min             | yes    | 30          |
| B   | Fri 09/01 17:00        | phone   | Mon 12/01 10:00     | yes    | 120         |
| C   | Fri 16/01 10:00        | email   | Mon 19/01 11:00     | no 73h | 600         |
| D   | Tue 03/02 10:00        | desk    | Fri 06/02 10:00     | yes 72h| 1620        |
| E   | Wed 04/02 14:00        | email   | none                | no     | —           |
| F   | Mon 02/03 09:00        | desk    | Thu 05/03 09:01     | no     | 1621        |
| G   | Tue 31/03 23:00        | meeting | Wed 01/04 09:00     | yes    | 0           |
| H   | Wed 01/04 00:00 (Q2)   | desk    | —                   |        |             |
| I   | Wed 31/12/2025 23:59   | desk    | —                   |        |             |
| J   | Mon 10/02/2025 (Q1 '25)| phone   | +1 h                |        |             |

Referrals: B sent at its first action (65 h), taken in charge 5 days later exactly; C sent at 73 h,
taken in charge 5 days and a minute later; D two needs: sent at +80 h (never taken in charge) and
+10 h (taken in charge a day later); F proposed, never sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from guichet.db import Database
from guichet.models import (
    Channel,
    Counsellor,
    Inquiry,
    Need,
    Organization,
    OrganizationKind,
    Referral,
    ReferralStatus,
    Subject,
    Theme,
)

NOW = datetime(2026, 6, 1, 12, 0)
H = timedelta(hours=1)


@dataclass(frozen=True)
class QuarterScene:
    inquiry_ids: dict[str, int]
    themes: tuple[int, int]  # the first two themes (D has a need in each)
    partner_id: int
    counsellor_ids: tuple[int, int]


def build_quarter(db: Database) -> QuarterScene:
    with db.unit_of_work() as s:
        themes = s.scalars(select(Theme).order_by(Theme.id).limit(2)).all()
        subjects = [
            s.scalars(select(Subject).where(Subject.theme_id == t.id).order_by(Subject.id)).first()
            for t in themes
        ]
        assert subjects[0] is not None and subjects[1] is not None
        claire = Counsellor(name="Claire Lemonnier", initials="CL")
        paul = Counsellor(name="Paul Hébert", initials="PH")
        partner = Organization(kind=OrganizationKind.PARTNER, legal_name="CCI Rouen Métropole")
        small = Organization(
            kind=OrganizationKind.COMPANY,
            legal_name="Dupont Mécanique",
            naf_code="25.62B",
            headcount_band="11",
            commune_insee="76384",
        )
        large = Organization(
            kind=OrganizationKind.COMPANY,
            legal_name="Normandie Chimie",
            naf_code="20.14Z",
            headcount_band="41",
            commune_insee="76476",
        )
        s.add_all([claire, paul, partner, small, large])
        s.flush()
        ids: dict[str, int] = {}

        def inquiry(
            name: str,
            received: datetime,
            channel: Channel,
            first: datetime | None,
            organization: Organization | None = small,
            counsellor: Counsellor = claire,
            subject: Subject = subjects[0],
        ) -> Inquiry:
            item = Inquiry(
                reference=f"2026-T{name}",
                received_at=received,
                channel=channel,
                first_action_at=first,
                organization_id=organization.id if organization else None,
                counsellor_id=counsellor.id,
            )
            item.needs.append(Need(subject_id=subject.id, position=0))
            s.add(item)
            s.flush()
            ids[name] = item.id
            return item

        def refer(need: Need, sent: datetime | None, taken: datetime | None = None) -> None:
            status = ReferralStatus.PROPOSED if sent is None else ReferralStatus.SENT
            if taken is not None:
                status = ReferralStatus.TAKEN_CARE
            s.add(
                Referral(
                    need_id=need.id,
                    partner_id=partner.id,
                    status=status,
                    proposed_at=(sent or NOW) - H,
                    sent_at=sent,
                    taken_care_at=taken,
                )
            )

        inquiry("A", datetime(2026, 1, 5, 9), Channel.DESK, datetime(2026, 1, 5, 9, 30))
        b = inquiry("B", datetime(2026, 1, 9, 17), Channel.PHONE, datetime(2026, 1, 12, 10))
        refer(b.needs[0], datetime(2026, 1, 12, 10), datetime(2026, 1, 17, 10))
        c = inquiry(
            "C", datetime(2026, 1, 16, 10), Channel.EMAIL, datetime(2026, 1, 19, 11), large, paul
        )
        refer(c.needs[0], datetime(2026, 1, 19, 11), datetime(2026, 1, 24, 11, 1))
        d = inquiry("D", datetime(2026, 2, 3, 10), Channel.DESK, datetime(2026, 2, 6, 10), large)
        d.needs.append(Need(subject_id=subjects[1].id, position=1))
        s.flush()
        refer(d.needs[0], datetime(2026, 2, 3, 10) + 80 * H)
        refer(d.needs[1], datetime(2026, 2, 3, 20), datetime(2026, 2, 4, 20))
        inquiry("E", datetime(2026, 2, 4, 14), Channel.EMAIL, None, None, paul)
        f = inquiry("F", datetime(2026, 3, 2, 9), Channel.DESK, datetime(2026, 3, 5, 9, 1))
        refer(f.needs[0], None)
        inquiry("G", datetime(2026, 3, 31, 23), Channel.MEETING, datetime(2026, 4, 1, 9))
        inquiry("H", datetime(2026, 4, 1, 0), Channel.DESK, None)
        inquiry("I", datetime(2025, 12, 31, 23, 59), Channel.DESK, None)
        inquiry("J", datetime(2025, 2, 10, 10), Channel.PHONE, datetime(2025, 2, 10, 11))
        return QuarterScene(ids, (themes[0].id, themes[1].id), partner.id, (claire.id, paul.id))

"""Helpers shared by the opportunity tests: thesaurus ids, members with capabilities."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.services.memberships import find_network
from guichet.services.opportunities import LotInput, OpportunityInput, create_opportunity


def capability_id(db: Database, name: str) -> int:
    with db.unit_of_work(write=False) as s:
        return int(s.scalars(select(m.Capability.id).where(m.Capability.name == name)).one())


def certification_id(db: Database, name: str) -> int:
    with db.unit_of_work(write=False) as s:
        return int(s.scalars(select(m.Certification.id).where(m.Certification.name == name)).one())


def member(
    db: Database,
    name: str,
    capabilities: tuple[str, ...] = (),
    certifications: tuple[str, ...] = (),
    *,
    commune: str | None = "76384",
    headcount: str | None = "11",
    active: bool = True,
    do_not_refer: bool = False,
    kind: m.OrganizationKind = m.OrganizationKind.MEMBER,
) -> int:
    """An organization holding the named capabilities; a network member unless told."""
    with db.unit_of_work() as s:
        org = m.Organization(
            legal_name=name,
            kind=kind,
            commune_insee=commune,
            headcount_band=headcount,
            do_not_refer=do_not_refer,
        )
        org.capabilities = list(
            s.scalars(select(m.Capability).where(m.Capability.name.in_(capabilities)))
        )
        org.certifications = list(
            s.scalars(select(m.Certification).where(m.Certification.name.in_(certifications)))
        )
        if kind == m.OrganizationKind.MEMBER:
            org.memberships.append(
                m.Membership(
                    network=find_network(s, "Sotraban", create=True),
                    start_on=date(2024, 1, 1),
                    status=m.MembershipStatus.ACTIVE if active else m.MembershipStatus.LAPSED,
                )
            )
        s.add(org)
        s.flush()
        return org.id


def buyer(db: Database, name: str = "Hydrogène de la Seine") -> int:
    return member(db, name, kind=m.OrganizationKind.COMPANY)


def opportunity(db: Database, *lots: LotInput, buyer_id: int | None = None) -> int:
    return create_opportunity(
        db,
        OpportunityInput(
            title="Usine d'électrolyse de Port-Jérôme",
            received_at=datetime(2026, 11, 2, 9, 0),
            answer_deadline=datetime(2026, 12, 4, 12, 0),
            buyer_id=buyer_id,
            commune_insee="76476",
            lots=lots,
        ),
    )

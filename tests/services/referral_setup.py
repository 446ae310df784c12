"""A small, explicit scene for referral tests: a company, a partner with a contact, a need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from guichet.db import Database
from guichet.models import (
    Contact,
    Counsellor,
    Inquiry,
    Need,
    Organization,
    OrganizationKind,
    RoutingRule,
    Subject,
)

RECEIVED = datetime(2026, 11, 2, 9, 0)


@dataclass(frozen=True)
class Scene:
    need_id: int
    inquiry_id: int
    subject_id: int
    company_id: int
    partner_id: int
    contact_id: int
    other_partner_id: int
    counsellor_id: int


def build_scene(
    db: Database, *, consent: bool = True, company_name: str = "Dupont Mécanique"
) -> Scene:
    with db.unit_of_work() as s:
        subject = s.scalars(select(Subject).order_by(Subject.id)).first()
        assert subject is not None
        counsellor = Counsellor(
            name="Claire Lemonnier",
            initials="CLT",
            title="Chargée d'affaires",
            phone="+33235000001",
        )
        company = Organization(
            kind=OrganizationKind.COMPANY,
            legal_name=company_name,
            address_street="12 bis rue de l'Église",
            postal_code="76170",
            city="Lillebonne",
            commune_insee="76384",
            headcount_band="11",
            naf_code="25.62B",
        )
        partner = Organization(
            kind=OrganizationKind.PARTNER,
            legal_name="Initiative Seine-Maritime",
            address_street="3 place de la Gare",
            postal_code="76000",
            city="Rouen",
            phone="+33235111111",
        )
        other = Organization(kind=OrganizationKind.PARTNER, legal_name="CCI Rouen Métropole")
        s.add_all([counsellor, company, partner, other])
        s.flush()
        person = Contact(
            organization_id=company.id, civility="M.", first_name="Jean", last_name="Dupont"
        )
        contact = Contact(
            organization_id=partner.id,
            civility="Mme",
            first_name="Anne",
            last_name="Leroux",
            role="Chargée de mission",
            email="anne.leroux@example.org",
        )
        s.add_all([person, contact])
        s.flush()
        inquiry = Inquiry(
            reference="D-2026-0042",
            received_at=RECEIVED,
            organization_id=company.id,
            contact_id=person.id,
            counsellor_id=counsellor.id,
            consent_to_share=consent,
            consent_at=RECEIVED if consent else None,
        )
        s.add(inquiry)
        s.flush()
        need = Need(
            inquiry_id=inquiry.id,
            subject_id=subject.id,
            description="Financer la reprise d'un atelier de tournage.",
        )
        s.add(need)
        s.add(RoutingRule(subject_id=subject.id, partner_id=partner.id, contact_id=contact.id))
        s.flush()
        return Scene(
            need.id,
            inquiry.id,
            subject.id,
            company.id,
            partner.id,
            contact.id,
            other.id,
            counsellor.id,
        )


def add_need(db: Database, scene: Scene, description: str = "Recruter deux soudeurs.") -> int:
    """A second need on the scene's inquiry (same subject), still without an outcome."""
    with db.unit_of_work() as s:
        need = Need(
            inquiry_id=scene.inquiry_id, subject_id=scene.subject_id, description=description
        )
        s.add(need)
        s.flush()
        return need.id

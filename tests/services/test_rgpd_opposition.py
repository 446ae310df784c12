"""Opposition (« ne pas contacter ») honoured by opportunity relays and contact exports.

Meeting invitations and their mailings are covered by test_meeting_audience.py
(opposed people left out of audiences) and test_meeting_files.py (letters and drafts).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.exports import contact_cards, contacts_table
from guichet.services.opportunities import LotInput
from guichet.services.relay import RelayChoice, default_contact, relay_opportunity
from tests.services.opportunity_setup import buyer, member, opportunity

NOW = datetime(2026, 11, 20, 10, 0)


def _members(db: Database) -> tuple[int, list[int]]:
    opp = opportunity(db, LotInput(1, "Tuyauterie inox"), buyer_id=buyer(db))
    members = [member(db, f"Adhérent {n}") for n in range(2)]
    with db.unit_of_work() as s:
        for n, org_id in enumerate(members):
            org = s.get(m.Organization, org_id)
            assert org is not None
            org.address_street, org.postal_code, org.city = "1 rue du Port", "76170", "Lillebonne"
            s.add(m.Contact(organization_id=org_id, last_name=f"Martin{n}", email=f"c{n}@ex.fr"))
    return opp, members


def test_a_relay_skips_an_opposed_person_and_refuses_a_do_not_contact_company(
    portable_db: Database, tmp_path: Path
) -> None:
    db = portable_db
    opp, members = _members(db)
    with db.unit_of_work() as s:
        opposed = s.scalars(select(m.Contact).where(m.Contact.last_name == "Martin0")).one()
        opposed.opposed_on = date(2026, 1, 5)
        s.add(m.Contact(organization_id=members[0], last_name="Durand", email="d@ex.fr"))
        s.get(m.Organization, members[1]).do_not_contact = True  # type: ignore[union-attr]
    with db.unit_of_work(write=False) as s:
        org = s.get(m.Organization, members[0])
        assert org is not None
        default = default_contact(org)
        assert default is not None and default.last_name == "Durand"
        opposed_id = s.scalars(select(m.Contact.id).where(m.Contact.last_name == "Martin0")).one()
    with pytest.raises(ValidationError, match="ne pas contacter"):
        relay_opportunity(db, opp, [RelayChoice(members[1])], now=NOW)
    with pytest.raises(ValidationError, match="s'oppose aux communications"):
        relay_opportunity(db, opp, [RelayChoice(members[0], opposed_id)], now=NOW)
    result = relay_opportunity(db, opp, [RelayChoice(members[0])], folder=tmp_path, now=NOW)
    with db.unit_of_work(write=False) as s:
        relay = s.scalars(select(m.Relay).where(m.Relay.opportunity_id == opp)).one()
        assert relay.contact_id != opposed_id
    assert result.organization_ids == (members[0],)
    assert b"c0@ex.fr" not in result.draft_paths[0].read_bytes()


def test_contact_exports_leave_out_opposition(portable_db: Database) -> None:
    db = portable_db
    with db.unit_of_work() as s:
        open_org = m.Organization(legal_name="Ouverte")
        closed_org = m.Organization(legal_name="Fermée", do_not_contact=True)
        s.add_all([open_org, closed_org])
        s.flush()
        s.add_all(
            [
                m.Contact(organization_id=open_org.id, last_name="Reçoit"),
                m.Contact(organization_id=open_org.id, last_name="Refuse", opposed_on=date.today()),
                m.Contact(organization_id=closed_org.id, last_name="Protégé"),
            ]
        )
    rows = contacts_table(db).rows
    assert [r[2] for r in rows] == ["Reçoit"]
    assert [c.last_name for c in contact_cards(db)] == ["Reçoit"]


def test_a_contact_records_the_date_and_source_of_its_legal_basis(portable_db: Database) -> None:
    from guichet.services.contacts import ContactData, ContactService

    db = portable_db
    with db.unit_of_work() as s:
        org = m.Organization(legal_name="Atelier")
        s.add(org)
        s.flush()
        org_id = org.id
    service = ContactService(db)
    created = service.create(org_id, ContactData(last_name="Lemaire"))
    assert created.data.legal_basis == m.LegalBasis.LEGITIMATE_INTEREST
    assert created.data.legal_basis_on == date.today()
    assert created.data.legal_basis_source == "Saisie dans Guichet"
    consent = ContactData(
        last_name="Lemaire",
        legal_basis=m.LegalBasis.CONSENT,
        consent_on=date(2026, 2, 3),
        legal_basis_source="Formulaire de la réunion du 3 février",
    )
    updated = service.update(created.id, consent, version=created.version)
    assert updated.data.legal_basis_on == date(2026, 2, 3)
    assert updated.data.legal_basis_source == "Formulaire de la réunion du 3 février"
    again = service.update(
        created.id,
        ContactData(
            last_name="Lemaire", legal_basis=m.LegalBasis.CONSENT, consent_on=date(2026, 2, 3)
        ),
        version=updated.version,
    )
    assert again.data.legal_basis_source == "Formulaire de la réunion du 3 février"  # kept
    with pytest.raises(ValidationError, match="dans le futur"):
        service.update(
            created.id,
            ContactData(last_name="Lemaire", legal_basis_on=date(2099, 1, 1)),
            version=again.version,
        )

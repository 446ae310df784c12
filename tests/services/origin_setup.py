"""An organisation with a history that can bring a membership: an inquiry, a referral to the
network, a meeting attended (and one missed), a visit done (and one planned), an opportunity
relayed and one won in a groupement with a partner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.models.meeting import Meeting, Registration
from guichet.models.meeting_enums import RegistrationStatus
from guichet.models.opportunity import (
    Groupement,
    GroupementMember,
    Opportunity,
    OpportunityAward,
    Relay,
)
from guichet.services.memberships import find_network
from guichet.services.settings import SettingsService

LILLEBONNE = "76384"


def build_history(portable_db: Database) -> dict[str, int]:
    SettingsService(portable_db).update({"territory.insee_codes": [LILLEBONNE]})
    with portable_db.unit_of_work() as s:
        network = find_network(s, "Sotraban", create=True)
        assert network is not None
        org = m.Organization(legal_name="Alpha Usinage", commune_insee=LILLEBONNE)
        other = m.Organization(legal_name="Beta Forge", commune_insee=LILLEBONNE)
        counsellor = m.Counsellor(name="Claire Martin", initials="CMZ")
        s.add_all([org, other, counsellor])
        s.flush()
        worker = m.Contact(organization_id=org.id, last_name="Durand")
        s.add(worker)
        subject = s.scalars(select(m.Subject)).first()
        assert subject is not None
        inquiry = m.Inquiry(
            reference="D-2026-0123",
            received_at=datetime(2026, 1, 12, 9),
            organization_id=org.id,
            summary="Recruter deux soudeurs",
        )
        need = m.Need(inquiry=inquiry, subject_id=subject.id)
        s.add_all([inquiry, need])
        s.flush()
        referral = m.Referral(
            need_id=need.id,
            partner_id=network.id,
            proposed_at=datetime(2026, 2, 1, 10),
            sent_at=datetime(2026, 2, 2, 10),
        )
        meeting = Meeting(
            title="Hydrogène : la filière se structure",
            start_at=datetime(2026, 11, 9, 18),
            end_at=datetime(2026, 11, 9, 20),
        )
        absent = Meeting(
            title="Réunion manquée",
            start_at=datetime(2026, 10, 1, 18),
            end_at=datetime(2026, 10, 1, 20),
        )
        s.add_all([referral, meeting, absent])
        s.flush()
        s.add_all(
            [
                Registration(
                    meeting_id=meeting.id,
                    contact_id=worker.id,
                    status=RegistrationStatus.PRESENT,
                    registered_at=datetime(2026, 11, 1),
                ),
                Registration(
                    meeting_id=absent.id,
                    contact_id=worker.id,
                    status=RegistrationStatus.ABSENT,
                    registered_at=datetime(2026, 9, 1),
                ),
            ]
        )
        visit = m.Visit(
            organization_id=org.id,
            counsellor_id=counsellor.id,
            planned_at=datetime(2026, 3, 4, 10),
            done_at=datetime(2026, 3, 4, 11),
            status=m.VisitStatus.DONE,
        )
        planned = m.Visit(
            organization_id=org.id,
            planned_at=datetime(2026, 12, 20, 10),
            status=m.VisitStatus.PLANNED,
        )
        relayed = Opportunity(title="Câblage électrique", received_at=datetime(2026, 4, 1))
        won = Opportunity(
            title="Tuyauterie de l'électrolyseur",
            received_at=datetime(2026, 5, 1),
            closed_at=datetime(2026, 6, 15),
            outcome=m.OpportunityOutcome.AWARDED,
        )
        s.add_all([visit, planned, relayed, won])
        s.flush()
        groupement = Groupement(opportunity_id=won.id)
        s.add_all(
            [
                Relay(
                    opportunity_id=relayed.id,
                    organization_id=org.id,
                    relayed_at=datetime(2026, 4, 2),
                ),
                groupement,
            ]
        )
        s.flush()
        s.add_all(
            [
                GroupementMember(groupement_id=groupement.id, organization_id=org.id),
                GroupementMember(groupement_id=groupement.id, organization_id=other.id),
                OpportunityAward(opportunity_id=won.id, groupement_id=groupement.id),
            ]
        )
        s.flush()
        return {
            "network": network.id,
            "org": org.id,
            "other": other.id,
            "counsellor": counsellor.id,
            "inquiry": inquiry.id,
            "referral": referral.id,
            "meeting": meeting.id,
            "visit": visit.id,
            "relayed": relayed.id,
            "won": won.id,
        }

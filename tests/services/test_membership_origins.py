"""Origins of a membership, on SQLite and PostgreSQL: an organisation's history offered as
candidates (newest first, counsellors last), and recorded origins named in French wherever
memberships are shown (card, Réseau gains), a deleted record falling back to its kind."""

from __future__ import annotations

from datetime import date, datetime

import pytest
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
from guichet.services.membership_origins import describe_origins
from guichet.services.memberships import MembershipService, Origin, find_network
from guichet.services.network_goals import goal_progress
from guichet.services.settings import SettingsService

K = m.MembershipOrigin
LILLEBONNE = "76384"


@pytest.fixture
def history(portable_db: Database) -> dict[str, int]:
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


def test_candidates_are_the_organisation_history_newest_first(
    portable_db: Database, history: dict[str, int]
) -> None:
    choices = MembershipService(portable_db).origin_choices(history["org"])
    records = [(c.kind, c.id, c.on) for c in choices if c.kind != K.COUNSELLOR]
    assert records == [
        (K.MEETING, history["meeting"], date(2026, 11, 9)),
        (K.OPPORTUNITY, history["won"], date(2026, 6, 15)),
        (K.OPPORTUNITY, history["relayed"], date(2026, 4, 2)),
        (K.VISIT, history["visit"], date(2026, 3, 4)),
        (K.REFERRAL, history["referral"], date(2026, 2, 2)),
        (K.INQUIRY, history["inquiry"], date(2026, 1, 12)),
    ]  # the meeting missed and the visit still planned are no origin
    texts = [c.text for c in choices]
    assert texts[0] == "Réunion du 9 novembre 2026 : Hydrogène : la filière se structure"
    assert texts[1] == "Opportunité : Tuyauterie de l'électrolyseur — attribuée en groupement"
    assert texts[2] == "Opportunité : Câblage électrique — relayée"
    assert texts[3] == "Visite du 4 mars 2026 (Claire Martin)"
    assert texts[4] == "Mise en relation avec Sotraban du 2 février 2026"
    assert texts[5] == "Demande D-2026-0123 du 12 janvier 2026 : Recruter deux soudeurs"
    counsellors = [c for c in choices if c.kind == K.COUNSELLOR]
    assert "Conseiller : Claire Martin" in [c.text for c in counsellors]
    assert all(c.id is None and c.counsellor_id for c in counsellors)
    # the groupement partner gets the won opportunity too, and nothing else of Alpha's
    other = MembershipService(portable_db).origin_choices(history["other"])
    assert [(c.kind, c.id) for c in other if c.kind != K.COUNSELLOR] == [
        (K.OPPORTUNITY, history["won"])
    ]


def test_recorded_origins_are_named_and_open_their_page(
    portable_db: Database, history: dict[str, int]
) -> None:
    service = MembershipService(portable_db)
    service.join(
        history["org"],
        history["network"],
        on=date(2026, 11, 20),
        origin=Origin(K.MEETING, history["meeting"], history["counsellor"]),
    )
    service.join(
        history["other"],
        history["network"],
        on=date(2026, 7, 1),
        origin=Origin(K.OPPORTUNITY, history["won"]),
    )
    (row,) = service.for_organization(history["org"])
    assert row.origin_label == "Réunion du 9 novembre 2026 : Hydrogène : la filière se structure"
    assert (row.origin_page, row.origin_record_id) == ("meetings", history["meeting"])
    gains = {g.organization: g for g in goal_progress(portable_db, date(2026, 12, 5)).gains}
    assert gains["Alpha Usinage"].brought_by == (
        "Réunion du 9 novembre 2026 : Hydrogène : la filière se structure (Claire Martin)"
    )
    assert gains["Beta Forge"].brought_by == "Opportunité : Tuyauterie de l'électrolyseur"
    assert (gains["Beta Forge"].origin_page, gains["Beta Forge"].origin_record_id) == (
        "opportunities",
        history["won"],
    )
    with portable_db.unit_of_work(write=False) as s:
        texts = describe_origins(
            s,
            [
                (K.REFERRAL, history["referral"], None),
                (K.INQUIRY, history["inquiry"], None),
                (K.VISIT, 999_999, None),
                (K.COUNSELLOR, None, history["counsellor"]),
                (None, None, None),
            ],
        )
    assert texts[K.REFERRAL, history["referral"], None].page == "inquiries"
    assert texts[K.REFERRAL, history["referral"], None].record_id == history["inquiry"]
    assert texts[K.INQUIRY, history["inquiry"], None].text == "Demande D-2026-0123"
    assert texts[K.VISIT, 999_999, None].text == "Visite d'entreprise"
    assert texts[K.VISIT, 999_999, None].page is None
    assert texts[K.COUNSELLOR, None, history["counsellor"]].text == "Conseiller : Claire Martin"
    assert texts[None, None, None].text == "Origine non renseignée"


def test_already_member_is_known(portable_db: Database, history: dict[str, int]) -> None:
    service = MembershipService(portable_db)
    assert not service.is_open_member(history["org"], history["network"])
    service.join(history["org"], history["network"], on=date(2026, 11, 20))
    assert service.is_open_member(history["org"], history["network"])

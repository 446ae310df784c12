"""Origins of a membership, on SQLite and PostgreSQL: an organisation's history offered as
candidates (newest first, counsellors last), and recorded origins named in French wherever
memberships are shown (card, Réseau gains), a deleted record falling back to its kind."""

from __future__ import annotations

from datetime import date

import pytest

import guichet.models as m
from guichet.db import Database
from guichet.services.membership_origins import describe_origins
from guichet.services.memberships import MembershipService, Origin
from guichet.services.network_goals import goal_progress
from tests.services.origin_setup import build_history

K = m.MembershipOrigin


@pytest.fixture
def history(portable_db: Database) -> dict[str, int]:
    return build_history(portable_db)


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

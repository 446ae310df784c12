"""Merging two organizations that share a groupement, and what the merge dialog counts
(SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.services.duplicates import linked_counts, merge_organizations
from guichet.services.groupements import GroupementInput, GroupementMemberInput, save_groupement
from guichet.services.opportunities import LotInput
from guichet.services.opportunity_views import get_opportunity
from tests.services.opportunity_setup import buyer, member, opportunity


def _lot_ids(db: Database, opportunity_id: int) -> dict[int, int]:
    with db.unit_of_work(write=False) as s:
        return {
            number: lot_id
            for lot_id, number in s.execute(
                select(m.Lot.id, m.Lot.number).where(m.Lot.opportunity_id == opportunity_id)
            )
        }


def test_merging_two_members_of_one_groupement_keeps_one_membership(
    portable_db: Database,
) -> None:
    db = portable_db
    keep, twin, partner = member(db, "Tuyaux A"), member(db, "Tuyaux A bis"), member(db, "Câbles")
    opportunity_id = opportunity(
        db, LotInput(1, "Tuyauterie"), LotInput(2, "Câblage"), LotInput(3, "Supports")
    )
    lots = _lot_ids(db, opportunity_id)
    other = opportunity(db, LotInput(1, "Autre"))
    save_groupement(
        db,
        opportunity_id,
        GroupementInput(
            m.GroupementForm.JOINT,
            twin,
            (
                GroupementMemberInput(keep, (lots[1],), "tuyauterie"),
                GroupementMemberInput(twin, (lots[3], lots[1]), "supports"),
                GroupementMemberInput(partner, (lots[2],)),
            ),
        ),
    )
    save_groupement(  # only the removed one is in this one: its membership simply moves
        db,
        other,
        GroupementInput(
            m.GroupementForm.SEVERAL,
            partner,
            (GroupementMemberInput(twin), GroupementMemberInput(partner)),
        ),
    )
    assert linked_counts(db, twin)["opportunity_links"] == 3  # two memberships, one mandat

    result = merge_organizations(db, keep, twin, {})

    assert result.moved["opportunity_links"] == 3
    (groupement,) = get_opportunity(db, opportunity_id).groupements
    assert groupement.mandataire_id == keep
    assert [(x.organization_id, x.lot_numbers, x.share) for x in groupement.members] == [
        (keep, (1, 3), "tuyauterie ; supports"),
        (partner, (2,), ""),
    ]
    (moved,) = get_opportunity(db, other).groupements
    assert [x.organization_id for x in moved.members] == [keep, partner]
    with db.unit_of_work(write=False) as s:
        gone = select(m.GroupementMember).where(m.GroupementMember.organization_id == twin)
        assert s.scalars(gone).first() is None


def test_merge_dialog_counts_the_opportunity_links(portable_db: Database) -> None:
    db = portable_db
    client, supplier = buyer(db), member(db, "Tuyaux A")
    assert "opportunities" not in linked_counts(db, client)  # none: not listed
    opportunity_id = opportunity(db, LotInput(1, "Tuyauterie"), buyer_id=client)
    with db.unit_of_work() as s:
        s.add(
            m.Relay(
                opportunity_id=opportunity_id,
                organization_id=supplier,
                relayed_at=datetime(2026, 11, 2, 10),
            )
        )
        s.add(
            m.Answer(
                opportunity_id=opportunity_id,
                organization_id=supplier,
                status=m.AnswerStatus.INTERESTED,
                answered_at=datetime(2026, 11, 3, 10),
            )
        )
    assert linked_counts(db, client)["opportunities"] == 1
    counts = linked_counts(db, supplier)
    assert counts["opportunity_links"] == 2
    assert counts["memberships"] == 1 and counts["inquiries"] == 0

"""Matches of a saved opportunity, read from the database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime

import guichet.models as m
from guichet.db import Database
from guichet.services.groupements import GroupementInput, GroupementMemberInput, save_groupement
from guichet.services.opportunities import LotInput
from guichet.services.opportunity_matches import find_matches
from tests.services.opportunity_setup import (
    buyer,
    capability_id,
    certification_id,
    member,
    opportunity,
)

TODAY = date(2026, 11, 20)


def test_members_are_matched_under_the_tree_with_exclusions(portable_db: Database) -> None:
    db = portable_db
    client = buyer(db)
    exact = member(db, "Soudure Caux", ("Soudure",), ("ISO 3834",))
    child = member(db, "TIG Bolbec", ("TIG",), ("ISO 3834",))
    member(db, "Sans certificat", ("TIG",))
    member(db, "Ne pas orienter", ("TIG",), ("ISO 3834",), do_not_refer=True)
    former = member(db, "Ancien adhérent", ("TIG",), ("ISO 3834",), active=False)
    outsider = member(db, "Annuaire", ("TIG",), ("ISO 3834",), kind=m.OrganizationKind.COMPANY)
    member(db, "Institution", ("TIG",), ("ISO 3834",), kind=m.OrganizationKind.PARTNER)
    opportunity_id = opportunity(
        db,
        LotInput(
            1,
            "Soudure des skids",
            capability_ids=(capability_id(db, "Soudure"),),
            certification_ids=(certification_id(db, "ISO 3834"),),
        ),
        buyer_id=client,
    )
    (lot,) = find_matches(db, opportunity_id, today=TODAY).lots
    assert [x.organization_id for x in lot.matches] == [exact, child]
    assert lot.requirements == ("Soudure", "ISO 3834")
    assert "Soudure (par « TIG »)" in lot.matches[1].reasons
    (lot,) = find_matches(db, opportunity_id, include_directory=True, today=TODAY).lots
    # the directory adds the other companies, a former member among them, after the network
    assert [x.organization_id for x in lot.matches] == [exact, child, former, outsider]


def test_history_flags_a_declined_buyer_and_prefers_past_partners(portable_db: Database) -> None:
    db = portable_db
    client = buyer(db)
    piping, cabling, moulding = (
        capability_id(db, "Tuyauterie haute pression"),
        capability_id(db, "Câblage"),
        capability_id(db, "Injection"),
    )
    a = member(db, "Tuyaux A", ("Tuyauterie haute pression",))
    b = member(db, "Câbles B", ("Câblage",))
    c = member(db, "Tuyaux C", ("Tuyauterie haute pression",))
    d = member(db, "Câbles D", ("Câblage",))
    member(db, "Plasturgie E", ("Injection",))
    past = opportunity(db, LotInput(1, "Ancien lot", capability_ids=(piping,)), buyer_id=client)
    with db.unit_of_work() as s:
        s.add(
            m.Answer(
                opportunity_id=past,
                organization_id=a,
                status=m.AnswerStatus.NOT_INTERESTED,
                reason="plan de charge plein",
                answered_at=datetime(2026, 10, 1, 9),
            )
        )
    save_groupement(
        db,
        past,
        GroupementInput(
            m.GroupementForm.JOINT, c, (GroupementMemberInput(c), GroupementMemberInput(d))
        ),
    )
    current = opportunity(
        db,
        LotInput(1, "Tuyauterie et câblage", capability_ids=(piping, cabling)),
        LotInput(2, "Pièces injectées", capability_ids=(moulding,)),
        buyer_id=client,
    )
    result = find_matches(db, current, today=TODAY)
    first, second = result.lots
    assert first.matches == ()
    best = first.groupements[0]
    assert set(best.organization_ids) == {c, d}
    assert "Câbles D et Tuyaux C ont déjà travaillé ensemble" in best.reasons
    assert all(set(p.organization_ids) != {a, c} for p in first.groupements)
    assert [x.name for x in second.matches] == ["Plasturgie E"]
    whole = result.groupements[0]
    assert len(whole.members) == 3
    lots_by_member = {x.name: x.lot_numbers for x in whole.members}
    assert lots_by_member["Plasturgie E"] == (2,)
    declined = [p for p in first.groupements if a in p.organization_ids]
    assert declined and all(
        "a décliné cet acheteur récemment : Tuyaux A" in p.reasons for p in declined
    )
    assert b in {i for p in first.groupements for i in p.organization_ids}

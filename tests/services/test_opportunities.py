"""Entering opportunities: lots and requirements, validation, documents, hand-built groupements."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

import guichet.models as m
from guichet.db import Database
from guichet.errors import ConcurrentEditError, ValidationError
from guichet.services.groupements import (
    GroupementInput,
    GroupementMemberInput,
    delete_groupement,
    save_groupement,
)
from guichet.services.opportunities import (
    LotInput,
    OpportunityInput,
    add_document,
    create_opportunity,
    delete_opportunity,
    document_files,
    update_opportunity,
)
from guichet.services.opportunity_views import get_opportunity, list_opportunities
from tests.services.opportunity_setup import (
    buyer,
    capability_id,
    certification_id,
    member,
    opportunity,
)


def _input(db: Database, **changes: object) -> OpportunityInput:
    data = OpportunityInput(
        title="Électrolyseur 20 MW",
        received_at=datetime(2026, 11, 2, 9, 0),
        answer_deadline=datetime(2026, 12, 4, 12, 0),
        questions_deadline=datetime(2026, 11, 25, 12, 0),
        buyer_id=buyer(db),
        lots=(
            LotInput(
                1,
                "Tuyauterie HP",
                capability_ids=(capability_id(db, "Tuyauterie haute pression"),),
                certification_ids=(certification_id(db, "ISO 3834"),),
                min_headcount_band="11",
            ),
            LotInput(2, "Câblage", capability_ids=(capability_id(db, "Câblage"),)),
        ),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def test_an_opportunity_is_saved_with_its_lots_and_listed(portable_db: Database) -> None:
    db = portable_db
    opportunity_id = create_opportunity(db, _input(db))
    detail = get_opportunity(db, opportunity_id)
    assert [(lot.number, lot.title) for lot in detail.lots] == [
        (1, "Tuyauterie HP"),
        (2, "Câblage"),
    ]
    assert [c.name for c in detail.lots[0].capabilities] == ["Tuyauterie haute pression"]
    assert [c.name for c in detail.lots[0].certifications] == ["ISO 3834"]
    assert detail.buyer == "Hydrogène de la Seine"
    (row,) = list_opportunities(db)
    assert (row.id, row.lots, row.relayed_to, row.answers) == (opportunity_id, 2, 0, 0)


def test_editing_replaces_lots_and_refuses_a_stale_form(portable_db: Database) -> None:
    db = portable_db
    data = _input(db)
    opportunity_id = create_opportunity(db, data)
    version = get_opportunity(db, opportunity_id).version
    new_lots = (replace(data.lots[1], number=1), LotInput(3, "Pièces injectées"))
    update_opportunity(
        db, opportunity_id, replace(data, title="Électrolyseur", lots=new_lots), version
    )
    detail = get_opportunity(db, opportunity_id)
    assert detail.title == "Électrolyseur"
    assert [(lot.number, lot.title) for lot in detail.lots] == [
        (1, "Câblage"),
        (3, "Pièces injectées"),
    ]
    with pytest.raises(ConcurrentEditError):
        update_opportunity(db, opportunity_id, data, version)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "intitulé"),
        ({"lots": ()}, "au moins un lot"),
        ({"lots": (LotInput(1, "A"), LotInput(1, "B"))}, "même numéro"),
        ({"answer_deadline": datetime(2026, 10, 1)}, "précède"),
        ({"questions_deadline": datetime(2026, 12, 24)}, "questions suit"),
        ({"lots": (LotInput(1, "A", min_headcount_band="99"),)}, "tranche"),
        (
            {"lots": (LotInput(1, "A", min_headcount_band="32", max_headcount_band="11"),)},
            "dépasse",
        ),
        ({"estimated_value": -5}, "négatif"),
    ],
)
def test_bad_input_is_refused_in_french(
    db: Database, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        create_opportunity(db, _input(db, **changes))
    assert list_opportunities(db) == []


def test_documents_are_stored_under_a_safe_name(db: Database, tmp_path: Path) -> None:
    opportunity_id = create_opportunity(db, _input(db))
    path = tmp_path / "RC consultation.pdf"
    path.write_bytes(b"%PDF-1.4 reglement")
    add_document(db, opportunity_id, path)
    assert [d.file_name for d in get_opportunity(db, opportunity_id).documents] == [
        "RC consultation.pdf"
    ]
    assert document_files(db, opportunity_id) == [("RC consultation.pdf", b"%PDF-1.4 reglement")]


def test_a_groupement_records_form_mandataire_and_who_does_which_lot(portable_db: Database) -> None:
    db = portable_db
    opportunity_id = opportunity(db, LotInput(1, "Tuyauterie"), LotInput(2, "Câblage"))
    lots = {lot.number: lot.id for lot in get_opportunity(db, opportunity_id).lots}
    a, b = member(db, "Tuyauteries Cauchoises"), member(db, "Câbles de Bolbec")
    data = GroupementInput(
        form=m.GroupementForm.SEVERAL,
        mandataire_id=a,
        members=(GroupementMemberInput(a, (lots[1],)), GroupementMemberInput(b, (lots[2],))),
    )
    saved = save_groupement(db, opportunity_id, data)
    assert saved.mandataire == "Tuyauteries Cauchoises"
    assert [(x.organization, x.lot_numbers) for x in saved.members] == [
        ("Tuyauteries Cauchoises", (1,)),
        ("Câbles de Bolbec", (2,)),
    ]
    again = save_groupement(
        db,
        opportunity_id,
        replace(
            data,
            form=m.GroupementForm.JOINT,
            members=(GroupementMemberInput(a, (lots[1], lots[2])), data.members[1]),
        ),
        saved.id,
        saved.version,
    )
    assert again.form == m.GroupementForm.JOINT and again.members[0].lot_numbers == (1, 2)
    with pytest.raises(ValidationError, match="mandataire"):
        save_groupement(db, opportunity_id, replace(data, mandataire_id=None))
    with pytest.raises(ValidationError, match="au moins deux"):
        save_groupement(db, opportunity_id, replace(data, members=data.members[:1]))
    delete_groupement(db, saved.id)
    assert get_opportunity(db, opportunity_id).groupements == ()


def test_a_relayed_opportunity_cannot_be_deleted(db: Database) -> None:
    opportunity_id = opportunity(db, LotInput(1, "Tuyauterie"))
    a = member(db, "Tuyauteries Cauchoises")
    with db.unit_of_work() as s:
        s.add(
            m.Relay(
                opportunity_id=opportunity_id,
                organization_id=a,
                relayed_at=datetime(2026, 11, 2, 10),
            )
        )
    with pytest.raises(ValidationError, match="déjà été relayée"):
        delete_opportunity(db, opportunity_id)
    other = opportunity(db, LotInput(1, "Câblage"))
    delete_opportunity(db, other)
    assert [row.id for row in list_opportunities(db)] == [opportunity_id]


def test_merging_organizations_moves_their_opportunity_links(db: Database) -> None:
    from guichet.services.duplicates import merge_organizations

    client, twin = buyer(db), buyer(db, "Hydrogene de la Seine")
    a, b = member(db, "Tuyaux A"), member(db, "Tuyaux A bis")
    opportunity_id = opportunity(db, LotInput(1, "Tuyauterie"), buyer_id=twin)
    with db.unit_of_work() as s:
        s.add(
            m.Relay(
                opportunity_id=opportunity_id,
                organization_id=b,
                relayed_at=datetime(2026, 11, 2, 10),
            )
        )
        s.add(
            m.Answer(
                opportunity_id=opportunity_id,
                organization_id=b,
                status=m.AnswerStatus.INTERESTED,
                answered_at=datetime(2026, 11, 3, 10),
            )
        )
    result = merge_organizations(db, client, twin, {})
    assert result.moved["opportunities"] == 1
    merge_organizations(db, a, b, {})
    detail = get_opportunity(db, opportunity_id)
    assert detail.buyer_id == client
    assert [r.organization_id for r in detail.relays] == [a]
    assert [x.organization_id for x in detail.answers] == [a]

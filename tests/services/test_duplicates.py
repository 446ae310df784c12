"""Duplicates: each detection rule, and a merge that keeps every link and is audited."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

import guichet.models as m
from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.services import letter_archive
from guichet.services.duplicates import (
    compare,
    find_duplicates,
    merge_organizations,
    normalized_name,
)
from guichet.services.memberships import find_network
from guichet.services.organization_rules import OrganizationData
from guichet.services.organizations import OrganizationService


def _create(db: Database, **fields: object) -> int:
    return OrganizationService(db).create(OrganizationData(**fields)).organization_id  # type: ignore[arg-type]


def _pair_reasons(db: Database, a: int, b: int) -> tuple[str, ...]:
    for pair in find_duplicates(db):
        if {pair.first.id, pair.second.id} == {a, b}:
            return pair.reasons
    return ()


def test_normalized_name_drops_legal_words_accents_and_punctuation() -> None:
    assert normalized_name("SARL Dupont & Fils") == "dupont fils"
    assert normalized_name("Éts. Lefèbvre-Usinage") == "lefebvre usinage"


def test_same_siren(db: Database) -> None:
    a = _create(db, legal_name="Mécanique Caux", siret="73282932000074")
    b = _create(db, legal_name="Atelier de Bolbec", siret="73282932000082")
    assert _pair_reasons(db, a, b) == ("Même SIREN 732 829 320",)


def test_similar_name_in_the_same_commune_only(db: Database) -> None:
    a = _create(
        db, legal_name="SARL Chaudronnerie Lefebvre", postal_code="76170", city="Lillebonne"
    )
    b = _create(db, legal_name="Chaudronnerie Lefèbvre", postal_code="76170", city="Lillebonne")
    c = _create(db, legal_name="Chaudronnerie Lefebvre", postal_code="76210", city="Bolbec")
    d = _create(db, legal_name="Plasturgie Normande", postal_code="76170", city="Lillebonne")
    reasons = _pair_reasons(db, a, b)
    assert len(reasons) == 1 and reasons[0].startswith("Nom proche (100 %) à Lillebonne")
    assert _pair_reasons(db, a, c) == ()
    assert _pair_reasons(db, a, d) == ()


def test_same_email_or_phone(db: Database) -> None:
    a = _create(db, legal_name="Alpha", email="info@alpha.fr", phone="02 35 38 00 01")
    b = _create(db, legal_name="Beta", email="INFO@alpha.fr")
    c = _create(db, legal_name="Gamma", phone="+33 2 35 38 00 01")
    assert _pair_reasons(db, a, b) == ("Même e-mail info@alpha.fr",)
    assert _pair_reasons(db, a, c) == ("Même téléphone 02 35 38 00 01",)
    assert _pair_reasons(db, b, c) == ()


def test_compare_shows_both_sides(db: Database) -> None:
    a = _create(db, legal_name="Alpha", city="Bolbec")
    b = _create(db, legal_name="Alpha SARL", city="Bolbec", phone="02 35 38 00 01")
    rows = {r.field: r for r in compare(db, a, b)}
    assert rows["legal_name"].differs and rows["legal_name"].remove_text == "Alpha SARL"
    assert not rows["city"].differs
    assert rows["phone"].label == "Téléphone" and rows["phone"].remove_text == "02 35 38 00 01"


def _linked_world(db: Database, keep: int, remove: int) -> dict[str, int]:
    with db.unit_of_work() as s:
        caps = list(s.scalars(select(m.Capability).order_by(m.Capability.id).limit(3)))
        cert = s.scalars(select(m.Certification)).first()
        sector = s.scalars(select(m.Sector)).first()
        kept, removed = s.get(m.Organization, keep), s.get(m.Organization, remove)
        assert kept and removed and cert and sector
        kept.capabilities = [caps[0], caps[1]]
        removed.capabilities = [caps[1], caps[2]]
        removed.certifications = [cert]
        removed.sectors = [sector]
        subject = s.scalars(select(m.Subject)).first()
        assert subject is not None
        contact = m.Contact(organization_id=remove, last_name="Martin")
        inquiry = m.Inquiry(
            reference="D-2026-0001", received_at=datetime(2026, 11, 2, 9), organization_id=remove
        )
        need = m.Need(subject=subject)
        inquiry.needs.append(need)
        s.add_all([contact, inquiry])
        s.flush()
        referral = m.Referral(need=need, partner_id=remove, proposed_at=datetime(2026, 11, 2, 10))
        s.add(referral)
        network = find_network(s, "Sotraban", create=True)
        s.add(m.Membership(organization_id=remove, network=network, start_on=date(2025, 3, 1)))
        s.add(m.RoutingRule(subject_id=subject.id, partner_id=remove))
        s.flush()
        s.add(
            m.Letter(
                kind=m.LetterKind.TO_PARTNER,
                referral_id=referral.id,
                organization_id=remove,
                generated_at=datetime(2026, 11, 2, 11),
                template_version="1",
                file_name="lettre.pdf",
                pdf_sha256=letter_archive.store(db, s, b"%PDF"),
            )
        )
        return {"capabilities": len({caps[0].id, caps[1].id, caps[2].id})}


def test_merge_moves_every_link_copies_chosen_fields_and_audits(db: Database) -> None:
    keep = _create(db, legal_name="Chaudronnerie Lefebvre", city="Lillebonne", postal_code="76170")
    remove = _create(
        db,
        legal_name="SARL Chaudronnerie Lefebvre",
        siret="73282932000074",
        phone="02 35 38 00 01",
        city="Bolbec",
        postal_code="76210",
    )
    expected = _linked_world(db, keep, remove)
    result = merge_organizations(
        db, keep, remove, {"siret": "remove", "phone": "remove", "legal_name": "keep"}
    )
    assert result.moved == {
        "contacts": 1,
        "memberships": 1,
        "inquiries": 1,
        "referrals": 1,
        "letters": 1,
        "routing_rules": 1,
        "visits": 0,
        "network_members": 0,
    }
    detail = OrganizationService(db).get(keep)
    assert detail.data.legal_name == "Chaudronnerie Lefebvre"
    assert detail.data.siret == "73282932000074" and detail.siren == "732829320"
    assert detail.data.phone == "+33235380001"
    assert detail.data.city == "Lillebonne"  # not chosen: the kept value stays
    assert len(detail.capabilities) == expected["capabilities"]
    assert len(detail.certifications) == 1 and len(detail.sectors) == 1
    assert [c.full_name for c in detail.contacts] == ["Martin"]
    assert [mb.network for mb in detail.memberships] == ["Sotraban"]
    assert len(detail.referrals) == 1
    with pytest.raises(NotFoundError):
        OrganizationService(db).get(remove)
    with db.unit_of_work() as s:
        for column in (
            m.Inquiry.organization_id,
            m.Referral.partner_id,
            m.Letter.organization_id,
            m.RoutingRule.partner_id,
        ):
            assert s.scalar(select(func.count()).where(column == remove)) == 0
        audit = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.action == m.AuditAction.MERGE)
        ).one()
        assert audit.record_id == keep and audit.old_value == str(remove)
        assert "SIRET" in (audit.new_value or "") and "1 contact(s)" in (audit.new_value or "")


def test_choosing_the_postal_code_takes_the_whole_place(db: Database) -> None:
    keep = _create(db, legal_name="Atelier Alpha", city="Lillebonne", postal_code="76170")
    remove = _create(db, legal_name="Bureau Beta", city="Bolbec", postal_code="76210")
    merge_organizations(db, keep, remove, {"postal_code": "remove"})
    data = OrganizationService(db).get(keep).data
    assert (data.postal_code, data.city, data.commune_insee) == ("76210", "Bolbec", "76114")


def test_merge_rejects_bad_requests_and_changes_nothing(db: Database) -> None:
    a = _create(db, legal_name="Atelier Alpha")
    b = _create(db, legal_name="Bureau Beta")
    with pytest.raises(ValidationError):
        merge_organizations(db, a, a, {})
    with pytest.raises(ValidationError):
        merge_organizations(db, a, b, {"version": "remove"})
    with pytest.raises(ValidationError):
        merge_organizations(db, a, b, {"legal_name": "both"})
    with pytest.raises(NotFoundError):
        merge_organizations(db, a, 9999, {})
    assert OrganizationService(db).get(b).data.legal_name == "Bureau Beta"


def test_search_index_follows_the_merge(db: Database) -> None:
    from guichet.search import DirectorySearch

    with db.unit_of_work() as s:
        sheet = s.scalars(select(m.Capability).where(m.Capability.name == "Tôlerie fine")).one().id
    keep = _create(db, legal_name="Chaudronnerie Lefebvre", city="Lillebonne", postal_code="76170")
    remove = _create(
        db, legal_name="Tôlerie Dumoulin", capability_ids=frozenset({sheet}), phone="0235380001"
    )
    search = DirectorySearch(db)
    assert [h.id for h in search.search("Dumoulin")] == [remove]
    merge_organizations(db, keep, remove, {})
    assert [h.id for h in search.search("Dumoulin")] == []
    assert keep in [h.id for h in search.search("tôlerie fine")]

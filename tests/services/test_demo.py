"""The demo dataset: realistic, fictional, consistent, deterministic."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.models import (
    Base,
    Capability,
    Contact,
    Counsellor,
    InformationGiven,
    Inquiry,
    InquiryStatus,
    Membership,
    MembershipOrigin,
    MembershipStatus,
    Need,
    NeedOutcome,
    Organization,
    OrganizationKind,
    Referral,
    ReferralStatus,
    Resource,
    ResourceKind,
    RoutingRule,
    Subject,
)
from guichet.reference.communes import commune, territory_insee_codes
from guichet.reference.emails import is_valid_email_address
from guichet.reference.headcount import is_valid_headcount_code
from guichet.reference.identifiers import is_valid_siret
from guichet.reference.legal_forms import legal_form_label
from guichet.reference.naf import naf_entry
from guichet.reference.phones import parse_phone
from guichet.services.demo import DEMO_SEED, DemoSummary, generate_demo, is_empty

NOW = datetime(2026, 11, 20, 10, 30)
CLOSED_STATUSES = {
    ReferralStatus.SUCCEEDED,
    ReferralStatus.CLOSED_NO_HELP,
    ReferralStatus.UNREACHABLE,
    ReferralStatus.REFUSED,
    ReferralStatus.EXPIRED,
}


def _new_db(path: Path) -> Database:
    database = Database(f"sqlite:///{path}")
    Base.metadata.create_all(database.engine)
    return database


@pytest.fixture
def _db(tmp_path: Path) -> Iterator[Database]:
    database = _new_db(tmp_path / "t.sqlite3")
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def _demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    """One demo database shared by the read-only tests of this module."""
    database = _new_db(tmp_path_factory.mktemp("demo") / "t.sqlite3")
    summary = generate_demo(database, now=NOW)
    yield database, summary
    database.dispose()


@pytest.fixture
def session(_demo: tuple[Database, DemoSummary]) -> Iterator[Session]:
    with _demo[0].session() as s:
        yield s


def _orgs(session: Session, kind: OrganizationKind) -> list[Organization]:
    return list(session.scalars(select(Organization).where(Organization.kind == kind)))


def _count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_counts_are_in_the_expected_ranges(
    _demo: tuple[Database, DemoSummary], session: Session
) -> None:
    summary = _demo[1]
    assert summary.counsellors == 3
    assert 85 <= summary.members <= 95
    assert 20 <= summary.partners <= 30
    assert 55 <= summary.companies <= 65
    assert 280 <= summary.inquiries <= 320
    assert summary.inquiries < summary.needs <= 3 * summary.inquiries
    assert 20 <= summary.resources <= 30
    assert summary.referrals > 100 and summary.referral_events > summary.referrals
    assert summary.routing_rules >= 10
    assert summary.memberships >= summary.members  # members' histories, then companies'
    assert summary.reference_rows > 100
    assert len(_orgs(session, OrganizationKind.MEMBER)) == summary.members
    networks = _orgs(session, OrganizationKind.NETWORK)  # the cluster, a partner turned réseau
    assert len(networks) == 1
    assert len(_orgs(session, OrganizationKind.PARTNER)) + 1 == summary.partners
    assert len(_orgs(session, OrganizationKind.COMPANY)) == summary.companies
    assert len(_orgs(session, OrganizationKind.AGENCY)) == 1
    assert _count(session, Inquiry) == summary.inquiries
    assert _count(session, Need) == summary.needs
    assert _count(session, Referral) == summary.referrals
    assert _count(session, InformationGiven) == summary.information_given
    assert _count(session, Contact) == summary.contacts
    assert _count(session, Counsellor) == 3
    assert _count(session, RoutingRule) == summary.routing_rules


def test_agency_and_counsellors(session: Session) -> None:
    (agency,) = _orgs(session, OrganizationKind.AGENCY)
    assert "démo" in agency.legal_name
    assert (agency.postal_code, agency.city, agency.commune_insee) == (
        "76170",
        "Lillebonne",
        "76384",
    )
    for counsellor in session.scalars(select(Counsellor)):
        assert counsellor.title == "Conseillère entreprises"
        assert counsellor.signature and counsellor.name in counsellor.signature
        assert counsellor.initials == "".join(part[0] for part in counsellor.name.split())


def test_every_siret_is_valid_and_unique(session: Session) -> None:
    orgs = list(session.scalars(select(Organization)))
    sirets = [o.siret for o in orgs if o.siret]
    assert len(sirets) == len(set(sirets)) > 150
    for org in orgs:
        if org.siret:
            assert is_valid_siret(org.siret), org.legal_name
            assert org.siren == org.siret[:9]
    holders = [o for o in orgs if o.legal_name.startswith("Projet de ")]
    assert holders and all(o.siret is None and o.kind == OrganizationKind.COMPANY for o in holders)


def test_members_are_on_the_territory_with_consistent_codes(session: Session) -> None:
    territory = territory_insee_codes()
    for member in _orgs(session, OrganizationKind.MEMBER):
        assert member.commune_insee in territory, member.legal_name
        found = commune(member.commune_insee or "")
        assert found is not None and member.postal_code in found.postal_codes
        assert member.city == found.name
        assert naf_entry(member.naf_code or "") is not None
        assert member.naf_version == "NAFRev2"
        assert legal_form_label(member.legal_form) is not None
        assert is_valid_headcount_code(member.headcount_band)
        assert member.address_street and re.match(r"\d+", member.address_street)
    companies = _orgs(session, OrganizationKind.COMPANY)
    assert any(c.commune_insee not in territory for c in companies)


def test_codes_of_every_organization_exist_in_the_reference_lists(session: Session) -> None:
    for org in session.scalars(select(Organization)):
        if org.legal_form:
            assert legal_form_label(org.legal_form) is not None, (org.legal_name, org.legal_form)
        if org.naf_code:
            assert naf_entry(org.naf_code) is not None, (org.legal_name, org.naf_code)
            assert org.naf_version == "NAFRev2"
        if org.headcount_band:
            assert is_valid_headcount_code(org.headcount_band)
        assert org.phone is None or parse_phone(org.phone) is not None


def test_member_names_are_unique(session: Session) -> None:
    names = [o.legal_name for o in session.scalars(select(Organization))]
    assert len(names) == len(set(names))


def test_members_have_leaf_capabilities_certifications_and_sectors(session: Session) -> None:
    hydrogen_related = 0
    for member in _orgs(session, OrganizationKind.MEMBER):
        assert 2 <= len(member.capabilities) <= 5, member.legal_name
        assert all(not capability.children for capability in member.capabilities)
        assert len(member.certifications) <= 3
        assert 1 <= len(member.sectors) <= 3
        assert member.description and member.description.count(". ") >= 1
        parents = {c.parent.name for c in member.capabilities if c.parent is not None}
        if "Hydrogène" in parents:
            hydrogen_related += 1
            assert "Hydrogène" in {s.name for s in member.sectors}
    assert 15 <= hydrogen_related <= 25


def test_memberships_verification_and_do_not_refer(session: Session) -> None:
    members = _orgs(session, OrganizationKind.MEMBER)
    memberships = [
        m
        for m in session.scalars(select(Membership))
        if m.organization.kind == OrganizationKind.MEMBER
    ]
    assert Counter(m.organization_id for m in memberships) == Counter(o.id for o in members)
    lapsed = [m for m in memberships if m.status == MembershipStatus.LAPSED]
    assert 0.05 <= len(lapsed) / len(memberships) <= 0.2
    for membership in memberships:
        assert membership.network.legal_name.startswith("Sotraban")
        assert membership.network.kind == OrganizationKind.NETWORK
        assert NOW.date() - timedelta(days=6 * 366) <= membership.start_on <= NOW.date()
        if membership.status == MembershipStatus.LAPSED:
            assert membership.end_on is not None
            assert membership.start_on < membership.end_on < NOW.date()
        else:
            assert membership.end_on is None
        if membership.origin_kind == MembershipOrigin.INQUIRY:
            inquiry = session.get(Inquiry, membership.origin_id)
            assert inquiry is not None and inquiry.organization_id == membership.organization_id
            assert inquiry.received_at.date() < membership.start_on
    ages = [(NOW.date() - m.verified_on).days for m in members if m.verified_on]
    assert len(ages) == len(members) and max(ages) <= 731
    assert any(age > 365 for age in ages) and any(age < 180 for age in ages)
    flagged = [m for m in members if m.do_not_refer]
    assert 1 <= len(flagged) <= 8
    assert all(m.do_not_refer_reason for m in flagged)


def test_contacts_are_complete_and_fictional(session: Session) -> None:
    for member in _orgs(session, OrganizationKind.MEMBER):
        assert 1 <= len(member.contacts) <= 3
    for partner in _orgs(session, OrganizationKind.PARTNER):
        assert 1 <= len(partner.contacts) <= 3
    for contact in session.scalars(select(Contact)):
        assert contact.civility in ("M.", "Mme")
        assert contact.first_name and contact.last_name
        assert contact.legal_basis is not None
        assert contact.phone and parse_phone(contact.phone) is not None


def test_no_email_or_website_outside_the_fictional_domains(session: Session) -> None:
    addresses = [c.email for c in session.scalars(select(Contact))]
    addresses += [o.email for o in session.scalars(select(Organization))]
    addresses += [c.email for c in session.scalars(select(Counsellor))]
    present = [a for a in addresses if a]
    assert len(present) > 300
    for address in present:
        assert address.endswith(".example"), address
        assert is_valid_email_address(address), address
    for org in session.scalars(select(Organization)):
        if org.website:
            assert re.fullmatch(r"https://www\.[a-z0-9-]+\.example", org.website), org.website
    for resource in session.scalars(select(Resource)):
        assert resource.url is None or resource.url.startswith("https://exemple.fr/")


def test_inquiry_references_are_unique_and_numbered_per_year(session: Session) -> None:
    inquiries = list(session.scalars(select(Inquiry).order_by(Inquiry.received_at, Inquiry.id)))
    references = [i.reference for i in inquiries]
    assert len(references) == len(set(references))
    seen: Counter[int] = Counter()
    for inquiry in inquiries:
        assert re.fullmatch(r"D-\d{4}-\d{4}", inquiry.reference)
        year = inquiry.received_at.year
        seen[year] += 1
        assert inquiry.reference == f"D-{year}-{seen[year]:04d}"
    assert min(i.received_at for i in inquiries) >= NOW - timedelta(days=550)
    assert max(i.received_at for i in inquiries) <= NOW


def test_inquiry_lifecycle_is_consistent(session: Session) -> None:
    inquiries = list(session.scalars(select(Inquiry)))
    open_ones = [i for i in inquiries if i.status != InquiryStatus.CLOSED]
    assert 0.08 <= len(open_ones) / len(inquiries) <= 0.25
    assert {i.status for i in open_ones} == {InquiryStatus.NEW, InquiryStatus.IN_PROGRESS}
    channels = Counter(i.channel for i in inquiries)
    assert len(channels) == 6
    assert sum(i.organization_id is None for i in inquiries) > 0
    for inquiry in inquiries:
        assert inquiry.contact_id is not None and inquiry.counsellor_id is not None
        assert inquiry.summary
        assert 1 <= len(inquiry.needs) <= 3
        if inquiry.consent_to_share:
            assert inquiry.consent_at is not None and inquiry.consent_at >= inquiry.received_at
        if inquiry.status == InquiryStatus.NEW:
            assert inquiry.first_action_at is None and inquiry.closed_at is None
            assert all(n.outcome is None for n in inquiry.needs)
            continue
        assert inquiry.first_action_at is not None
        assert inquiry.received_at < inquiry.first_action_at <= NOW
        assert inquiry.first_action_at - inquiry.received_at < timedelta(days=8)
        if inquiry.status == InquiryStatus.IN_PROGRESS:
            assert inquiry.closed_at is None
            assert any(n.outcome is None for n in inquiry.needs)
        else:
            assert inquiry.closed_at is not None
            assert inquiry.first_action_at <= inquiry.closed_at <= NOW
            for need in inquiry.needs:
                assert need.outcome is not None and need.outcome_at is not None
                assert inquiry.first_action_at <= need.outcome_at <= inquiry.closed_at
    assert sum(i.consent_to_share for i in inquiries) / len(inquiries) > 0.75


def test_needs_have_subjects_and_outcomes_backed_by_records(session: Session) -> None:
    needs = list(session.scalars(select(Need)))
    assert all(need.subject_id is not None for need in needs)
    assert {n.outcome for n in needs} == {None, *NeedOutcome}
    subjects = {s.id for s in session.scalars(select(Subject))}
    for need in needs:
        assert need.subject_id in subjects
        assert need.description
        if need.outcome == NeedOutcome.REFERRED:
            assert any(r.sent_at is not None for r in need.referrals)
        if need.outcome == NeedOutcome.INFORMED:
            assert need.information_given
        if need.outcome == NeedOutcome.ORIENTED:
            assert need.orientation_note
        if need.outcome is None:
            assert all(r.status == ReferralStatus.PROPOSED for r in need.referrals)


def test_a_referral_marks_its_need_referred_as_the_services_do(session: Session) -> None:
    """inquiry_status: creating a referral makes the need « mis en relation » at once, so no
    need has a referral, even one still « proposée », without that outcome."""
    referred = [n for n in session.scalars(select(Need)) if n.referrals]
    assert referred
    for need in referred:
        assert need.outcome == NeedOutcome.REFERRED, need.id
        assert need.outcome_at is not None
        assert need.outcome_at >= min(r.proposed_at for r in need.referrals)
    proposed = [r for n in referred for r in n.referrals if r.status == ReferralStatus.PROPOSED]
    assert len(proposed) >= 5
    assert all(NOW - r.proposed_at <= timedelta(days=15) for r in proposed)


def test_every_referral_status_is_represented(session: Session) -> None:
    statuses = Counter(session.scalars(select(Referral.status)))
    assert set(statuses) == set(ReferralStatus)


def test_referral_dates_and_events_are_consistent(session: Session) -> None:
    for referral in session.scalars(select(Referral)):
        assert referral.partner.kind in (
            OrganizationKind.PARTNER,
            OrganizationKind.MEMBER,
            OrganizationKind.NETWORK,
        )
        if referral.partner.kind == OrganizationKind.MEMBER:
            assert referral.partner.do_not_refer is False
        assert referral.proposed_at <= NOW
        events = referral.events
        assert [e.at for e in events] == sorted(e.at for e in events)
        status_events = [e for e in events if e.kind == "status"]
        assert status_events[0].new_status == ReferralStatus.PROPOSED.value
        assert status_events[-1].new_status == referral.status.value
        for before, after in pairwise(status_events):
            assert after.old_status == before.new_status
        if referral.status == ReferralStatus.PROPOSED:
            assert referral.sent_at is None and referral.follow_up_on is None
            continue
        sent = referral.sent_at
        assert sent is not None and referral.proposed_at <= sent <= NOW
        assert referral.follow_up_on == (sent + timedelta(days=9)).date()
        assert referral.last_chance_on == (sent + timedelta(days=21)).date()
        assert referral.expires_on == (sent + timedelta(days=45)).date()
        if referral.taken_care_at is not None:
            assert sent <= referral.taken_care_at <= NOW
        if referral.status in CLOSED_STATUSES:
            assert referral.closed_at is not None and sent <= referral.closed_at <= NOW
            if referral.taken_care_at is not None:
                assert referral.taken_care_at <= referral.closed_at
        else:
            assert referral.closed_at is None
        if referral.status in (ReferralStatus.TAKEN_CARE, ReferralStatus.SUCCEEDED):
            assert referral.taken_care_at is not None
        if referral.status == ReferralStatus.SENT:
            assert referral.expires_on >= NOW.date()
        if referral.status == ReferralStatus.REFUSED:
            assert referral.refusal_reason
        if referral.status == ReferralStatus.EXPIRED:
            assert referral.closed_at is not None
            assert referral.closed_at.date() == referral.expires_on
        if referral.last_follow_up_at is not None:
            assert sent < referral.last_follow_up_at <= NOW


def test_some_follow_ups_are_due_around_now(session: Session) -> None:
    due = session.scalars(
        select(Referral).where(
            Referral.status == ReferralStatus.SENT, Referral.follow_up_on <= NOW.date()
        )
    ).all()
    assert len(due) >= 2
    taken = [r for r in session.scalars(select(Referral)) if r.taken_care_at and r.sent_at]
    quick = sum(r.taken_care_at - r.sent_at <= timedelta(days=5) for r in taken)  # type: ignore[operator]
    assert 0.6 <= quick / len(taken) <= 0.95


def test_subcontracting_needs_are_referred_to_members_with_the_capability(
    session: Session,
) -> None:
    to_members = [
        r for r in session.scalars(select(Referral)) if r.partner.kind == OrganizationKind.MEMBER
    ]
    assert len(to_members) > 10
    for referral in to_members:
        assert referral.need.subject.theme.name in (
            "Sous-traitance et partenaires industriels",
            "Transition énergétique et hydrogène",
        )
        assert referral.reason and referral.reason.startswith("Savoir-faire recherché")


def test_resources_and_routing_rules(session: Session) -> None:
    resources = list(session.scalars(select(Resource)))
    assert {r.theme_id for r in resources} >= {s.theme_id for s in session.scalars(select(Subject))}
    meetings = [r for r in resources if r.kind == ResourceKind.MEETING]
    assert meetings
    for meeting in meetings:
        assert meeting.event_at is not None
        assert NOW < meeting.event_at <= NOW + timedelta(days=62)
    for rule in session.scalars(select(RoutingRule)):
        partner = session.get(Organization, rule.partner_id)
        assert partner is not None
        assert partner.kind in (OrganizationKind.PARTNER, OrganizationKind.NETWORK)
        subject = session.get(Subject, rule.subject_id)
        assert subject is not None
        assert subject.theme.name in (
            "Financement",
            "Export et international",
            "Recrutement et formation",
        )


def test_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    def snapshot(name: str, seed: int) -> tuple[list[str], list[str | None], list[str]]:
        database = _new_db(tmp_path / name)
        generate_demo(database, seed=seed, now=NOW)
        with database.session() as s:
            orgs = list(s.scalars(select(Organization.legal_name).order_by(Organization.id)))
            people = list(s.scalars(select(Contact.email).order_by(Contact.id)))
            refs = [
                f"{i.reference} {i.received_at} {i.summary}"
                for i in s.scalars(select(Inquiry).order_by(Inquiry.id))
            ]
        database.dispose()
        return orgs, people, refs

    first = snapshot("a.sqlite3", DEMO_SEED)
    assert first == snapshot("b.sqlite3", DEMO_SEED)
    assert first[0] != snapshot("c.sqlite3", DEMO_SEED + 1)[0]


@pytest.mark.parametrize("seed", [1, 7])
def test_other_seeds_keep_the_guarantees(_db: Database, seed: int) -> None:
    generate_demo(_db, seed=seed, now=NOW)
    with _db.session() as s:
        assert set(s.scalars(select(Referral.status))) == set(ReferralStatus)
        assert all(is_valid_siret(x) for x in s.scalars(select(Organization.siret)) if x)
        assert _count(s, Capability) > 0


def test_is_empty_and_progress(_db: Database) -> None:
    assert is_empty(_db)
    calls: list[tuple[int, int]] = []
    generate_demo(_db, now=NOW, progress=lambda done, total: calls.append((done, total)))
    assert not is_empty(_db)
    assert len(calls) >= 3
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1][0] == calls[-1][1]


def test_a_second_run_adds_beside_the_first_without_collisions(_db: Database) -> None:
    first = generate_demo(_db, now=NOW)
    second = generate_demo(_db, now=NOW + timedelta(days=1))
    assert second.inquiries == first.inquiries
    with _db.session() as s:
        references = list(s.scalars(select(Inquiry.reference)))
        assert len(references) == len(set(references)) == 2 * first.inquiries
        assert s.scalar(select(func.count()).select_from(Counsellor)) == 3
        agencies = _orgs(s, OrganizationKind.AGENCY)
        assert len(agencies) == 1


def test_demo_sets_the_agency_letterhead_once(demo_db: Database) -> None:
    from guichet.services.settings import SettingsService

    values = SettingsService(demo_db).all()
    assert values["agency.name"] == "Caux Seine Développement (démo)"
    assert values["agency.city"] == "Lillebonne"
    assert values["agency.address"].endswith("76170 LILLEBONNE")
    SettingsService(demo_db).update({"agency.phone": "02 61 91 99 99"})
    generate_demo(demo_db, seed=7)  # a second run keeps what the counsellor set
    assert SettingsService(demo_db).get("agency.phone") == "02 61 91 99 99"

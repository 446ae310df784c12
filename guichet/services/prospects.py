"""Prospects for the network: companies of the territory whose NAF code or capabilities fit
the cluster's trades (a setting) and that are not members — from the directory and from the
local SIRENE table — sorted by fit with the reasons; « Proposer l'adhésion » records a referral
to the network (an inquiry of the desk with its need, the usual letters and follow-up) and the
membership becomes « candidat », all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, false, or_, select

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    Capability,
    Channel,
    Inquiry,
    InquiryStatus,
    Membership,
    MembershipOrigin,
    MembershipStatus,
    Need,
    Organization,
    OrganizationKind,
    SireneEstablishment,
    Subject,
    label,
)
from guichet.models.capability import organization_capability
from guichet.models.organization import display_name
from guichet.reference.headcount import headcount_label, headcount_range
from guichet.reference.text import fold
from guichet.services.inquiry_reference import next_reference
from guichet.services.memberships import Origin, add_membership
from guichet.services.network_goals import load_goal
from guichet.services.referrals import NO_CONSENT, ReferralChoice, add_referrals
from guichet.services.settings import SettingsService
from guichet.services.territory import territory_codes

PROSPECT_KINDS = (OrganizationKind.COMPANY, OrganizationKind.MEMBER)
RECENT_DAYS = 365
ADHESION_WORD = "adhesion"  # the subject « Adhésion au réseau … », folded


@dataclass(frozen=True)
class Fit:
    naf_prefixes: tuple[str, ...]
    capabilities: frozenset[str]  # folded names


@dataclass(frozen=True)
class Prospect:
    organization_id: int | None  # None: only in the SIRENE table
    siret: str | None
    name: str
    city: str
    naf_code: str | None
    headcount: str
    score: int
    reasons: str
    status: str  # "" or the French label of an open prospect/candidat membership

    @property
    def in_directory(self) -> bool:
        return self.organization_id is not None


@dataclass(frozen=True)
class Proposal:
    inquiry_id: int
    inquiry_reference: str
    referral_id: int
    membership_id: int


def load_fit(db: Database) -> Fit:
    values = SettingsService(db).all()
    prefixes = tuple(p.strip().upper() for p in values["network.fit_naf_codes"] if p.strip())
    names = frozenset(fold(n).strip() for n in values["network.fit_capabilities"] if n.strip())
    return Fit(prefixes, names)


def _naf_fits(fit: Fit, naf: str | None) -> bool:
    code = (naf or "").upper()
    return bool(code) and any(code.startswith(p) for p in fit.naf_prefixes)


def _headcount_points(band: str | None) -> int:
    found = headcount_range(band)
    if found is None:
        return 0
    low = found[0]
    return 3 if low >= 50 else 2 if low >= 10 else 1 if low >= 1 else 0


def _score(
    fit: Fit, naf: str | None, band: str | None, skills: list[str], contact: str | None
) -> tuple[int, str]:
    score, reasons = 0, []
    if _naf_fits(fit, naf):
        score += 3
        reasons.append(f"NAF {naf}")
    if skills:
        score += 2 * len(skills)
        reasons.append("Compétences : " + ", ".join(skills))
    points = _headcount_points(band)
    if points:
        score += points
        reasons.append(headcount_label(band) or "")
    if contact:
        score += 1
        reasons.append(f"Contact récent : {contact}")
    return score, " ; ".join(r for r in reasons if r)


def _fitting_capabilities(fit: Fit, parents: dict[int, tuple[str, int | None]]) -> set[int]:
    """The capabilities whose name, or an ancestor's, is a fitting trade (the thesaurus is
    small: worked out once, not for each organisation)."""
    found = set()
    for cap_id in parents:
        current: int | None = cap_id
        while current is not None:
            name, parent = parents[current]
            if fold(name).strip() in fit.capabilities:
                found.add(cap_id)
                break
            current = parent
    return found


def _naf_could_fit(fit: Fit, column: Any) -> ColumnElement[bool]:
    """What SQL can tell of :func:`_naf_fits` (a case-insensitive LIKE, wider if anything: each
    row is checked again in Python)."""
    return or_(false(), *(column.istartswith(p, autoescape=True) for p in fit.naf_prefixes))


def list_prospects(db: Database, *, today: date | None = None, limit: int = 300) -> list[Prospect]:
    day = today or date.today()
    fit = load_fit(db)
    goal = load_goal(db)
    territory = territory_codes(SettingsService(db).get("territory.insee_codes"))
    since = datetime.combine(day - timedelta(days=RECENT_DAYS), datetime.min.time())
    out: list[Prospect] = []
    with db.unit_of_work(write=False) as s:
        rows = s.connection()  # Core rows, all at once: no ORM bookkeeping for thousands
        parents = {c.id: (c.name, c.parent_id) for c in s.scalars(select(Capability))}
        fitting = _fitting_capabilities(fit, parents)
        status_of: dict[int, MembershipStatus] = {}
        if goal.network_id is not None:
            for m in rows.execute(
                select(Membership.organization_id, Membership.status).where(
                    Membership.network_id == goal.network_id,
                    Membership.status != MembershipStatus.LEFT,
                )
            ).all():
                if status_of.get(m.organization_id) != MembershipStatus.MEMBER:
                    status_of[m.organization_id] = m.status
        recent = {
            org_id: ref
            for org_id, ref in rows.execute(
                select(Inquiry.organization_id, Inquiry.reference)
                .where(Inquiry.received_at >= since, Inquiry.organization_id.is_not(None))
                .order_by(Inquiry.received_at)
            ).all()
        }
        o, link = Organization, organization_capability
        member = select(Membership.id).where(
            Membership.organization_id == o.id,
            Membership.network_id == goal.network_id,
            Membership.status == MembershipStatus.MEMBER,
        )
        candidates = (
            o.kind.in_(PROSPECT_KINDS),
            o.do_not_refer.is_(False),
            o.commune_insee.in_(territory),
            ~member.exists(),  # members are no prospects (most of the fitting companies)
        )
        skilled = link.c.capability_id.in_(fitting)
        capabilities_of: dict[int, list[int]] = {}
        for org_id, cap_id in rows.execute(  # (each organisation's links, then the fitting ones:
            # SQLite would look each fitting capability up for each organisation)
            select(link.c.organization_id, link.c.capability_id)
            .join(o, o.id == link.c.organization_id)
            .where(*candidates)
        ).all():
            if cap_id in fitting:  # only the fitting ones are ever shown
                capabilities_of.setdefault(org_id, []).append(cap_id)
        orgs = rows.execute(
            select(
                o.id, o.siret, o.legal_name, o.trade_name, o.city, o.naf_code, o.headcount_band
            ).where(
                *candidates,
                or_(
                    _naf_could_fit(fit, o.naf_code),
                    o.id.in_(select(link.c.organization_id).where(skilled)),
                ),
            )
        ).all()
        for org in orgs:
            status = status_of.get(org.id)
            if status == MembershipStatus.MEMBER:
                continue
            skills = sorted(parents[c][0] for c in capabilities_of.get(org.id, []))
            if not skills and not _naf_fits(fit, org.naf_code):
                continue
            score, reasons = _score(
                fit, org.naf_code, org.headcount_band, skills, recent.get(org.id)
            )
            out.append(
                Prospect(
                    org.id,
                    org.siret,
                    display_name(org.legal_name, org.trade_name),
                    org.city or "",
                    org.naf_code,
                    headcount_label(org.headcount_band) or "",
                    score,
                    reasons,
                    "" if status is None else _status_text(status),
                )
            )
        e = SireneEstablishment
        in_directory = select(Organization.id).where(Organization.siret == e.siret)
        for row in rows.execute(  # the columns shown, not ORM objects (ten years of SIRENE rows)
            select(e.siret, e.naf_code, e.trade_name, e.name, e.city, e.headcount_band).where(
                e.active.is_(True),
                e.commune_insee.in_(territory),
                _naf_could_fit(fit, e.naf_code),
                ~in_directory.exists(),  # a company already in the directory is listed from there
            )
        ).all():
            if not _naf_fits(fit, row.naf_code):
                continue
            score, reasons = _score(fit, row.naf_code, row.headcount_band, [], None)
            out.append(
                Prospect(
                    None,
                    row.siret,
                    row.trade_name or row.name,
                    row.city or "",
                    row.naf_code,
                    headcount_label(row.headcount_band) or "",
                    score,
                    reasons + " ; pas encore dans l'annuaire",
                    "",
                )
            )
    out.sort(key=lambda p: (-p.score, fold(p.name)))
    return out[:limit]


def _status_text(status: MembershipStatus) -> str:
    return label(status)


def propose_membership(
    db: Database,
    organization_id: int,
    *,
    consent: bool,
    counsellor_id: int | None = None,
    now: datetime | None = None,
) -> Proposal:
    """« Proposer l'adhésion »: an inquiry of the desk (need « Adhésion au réseau … »), its
    referral to the network and the membership « candidat », in one transaction. The company's
    agreement to pass its details to the network is required, as for any referral."""
    if not consent:
        raise ValidationError(NO_CONSENT, field="consent_to_share")
    at = now or datetime.now()
    goal = load_goal(db)
    if goal.network_id is None:
        raise ValidationError(
            f"Le réseau « {goal.network} » de l'objectif n'est pas dans l'annuaire : créez-le "
            "(type « Réseau ») ou corrigez-le dans Paramètres."
        )
    with db.unit_of_work() as s:
        org, network = s.get(Organization, organization_id), s.get(Organization, goal.network_id)
        if org is None or network is None:
            raise NotFoundError("Cette organisation n'existe plus.")
        if org.do_not_refer:
            raise ValidationError(f"{org.display_name} est marquée « ne pas orienter ».")
        subject = next(
            (
                x
                for x in s.scalars(select(Subject).where(Subject.active.is_(True)))
                if ADHESION_WORD in fold(x.name)
            ),
            None,
        )
        if subject is None:
            raise ValidationError(
                "Aucune thématique « Adhésion au réseau » : ajoutez-la dans Paramètres › "
                "Thématiques."
            )
        inquiry = Inquiry(
            reference=next_reference(s, at.year),
            received_at=at,
            channel=Channel.DESK,
            organization_id=org.id,
            counsellor_id=counsellor_id,
            summary=f"Proposition d'adhésion à {network.legal_name} (prospection de l'agence).",
            status=InquiryStatus.NEW,
            consent_to_share=True,
            consent_at=at,
        )
        need = Need(subject_id=subject.id, position=0, description="Proposer l'adhésion au réseau.")
        inquiry.needs.append(need)
        s.add(inquiry)
        s.flush()
        [referral_id] = add_referrals(
            s, need, [ReferralChoice(network.id, reason="Proposition d'adhésion")], at
        )
        membership = add_membership(
            s,
            org,
            network,
            on=at.date(),
            status=MembershipStatus.CANDIDATE,
            origin=Origin(MembershipOrigin.REFERRAL, referral_id, counsellor_id),
        )
        s.flush()
        return Proposal(inquiry.id, inquiry.reference, referral_id, membership.id)

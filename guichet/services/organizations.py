"""Organizations of the directory: full detail, create, edit, delete, and their freshness.

Each public method is one user action (one unit of work) and returns frozen dataclasses. The
search index follows every change through the session hook of :mod:`guichet.search`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    Capability,
    Certification,
    Inquiry,
    Membership,
    MembershipStatus,
    Need,
    Organization,
    OrganizationKind,
    Referral,
    ReferralStatus,
    RoutingRule,
    Sector,
    label,
)
from guichet.reference.naf import NAF_VERSION
from guichet.services.contacts import ContactInfo, contact_info
from guichet.services.locking import ensure_current
from guichet.services.organization_rules import (
    SCALAR_FIELDS,
    OrganizationData,
    afnor_lines,
    check_organization,
)
from guichet.services.permissions import Permission, require

STALE_AFTER_MONTHS = 12


@dataclass(frozen=True)
class Named:
    id: int
    name: str


@dataclass(frozen=True)
class MembershipInfo:
    id: int
    network: str
    start_on: date
    end_on: date | None
    status: MembershipStatus
    status_label: str

    @property
    def active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE


@dataclass(frozen=True)
class ReceivedReferral:
    """A referral this organization received as partner, with its outcome."""

    id: int
    inquiry_id: int
    inquiry_reference: str
    company: str
    subject: str
    status: ReferralStatus
    status_label: str
    proposed_at: datetime
    sent_at: datetime | None
    closed_at: datetime | None
    outcome: str


@dataclass(frozen=True)
class OrganizationDetail:
    id: int
    version: int
    kind: OrganizationKind
    kind_label: str
    display_name: str
    data: OrganizationData
    siren: str | None
    naf_version: str | None
    address_lines: tuple[str, ...]
    verified_on: date | None
    contacts: tuple[ContactInfo, ...]
    capabilities: tuple[Named, ...]
    certifications: tuple[Named, ...]
    sectors: tuple[Named, ...]
    memberships: tuple[MembershipInfo, ...]
    referrals: tuple[ReceivedReferral, ...]

    def opened_values(self) -> dict[str, object]:
        """The stored values the edit form starts from, for :func:`ensure_current`."""
        values = asdict(self.data)
        return {name: values[name] for name in SCALAR_FIELDS}


@dataclass(frozen=True)
class SaveResult:
    organization_id: int
    version: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class StaleOrganization:
    """An organization whose details were not checked for a while (or never)."""

    id: int
    name: str
    kind_label: str
    city: str
    verified_on: date | None


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the 29 February falls back to the 28)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _data_of(org: Organization) -> OrganizationData:
    return OrganizationData(
        **{name: getattr(org, name) for name in SCALAR_FIELDS},
        capability_ids=frozenset(c.id for c in org.capabilities),
        certification_ids=frozenset(c.id for c in org.certifications),
        sector_ids=frozenset(s.id for s in org.sectors),
    )


def _referral_outcome(referral: Referral) -> str:
    return referral.refusal_reason or referral.outcome_note or ""


def _received_referrals(session: Session, organization_id: int) -> tuple[ReceivedReferral, ...]:
    query = (
        select(Referral)
        .where(Referral.partner_id == organization_id)
        .options(
            selectinload(Referral.need)
            .selectinload(Need.inquiry)
            .selectinload(Inquiry.organization),
            selectinload(Referral.need).selectinload(Need.subject),
        )
        .order_by(Referral.proposed_at.desc())
    )
    rows = []
    for referral in session.scalars(query):
        inquiry = referral.need.inquiry
        rows.append(
            ReceivedReferral(
                id=referral.id,
                inquiry_id=inquiry.id,
                inquiry_reference=inquiry.reference,
                company=inquiry.organization.display_name if inquiry.organization else "",
                subject=referral.need.subject.name,
                status=referral.status,
                status_label=label(referral.status),
                proposed_at=referral.proposed_at,
                sent_at=referral.sent_at,
                closed_at=referral.closed_at,
                outcome=_referral_outcome(referral),
            )
        )
    return tuple(rows)


def _detail(session: Session, org: Organization) -> OrganizationDetail:
    data = _data_of(org)
    memberships = tuple(
        MembershipInfo(m.id, m.network.legal_name, m.start_on, m.end_on, m.status, label(m.status))
        for m in sorted(org.memberships, key=lambda m: m.start_on, reverse=True)
    )
    contacts = sorted(
        (c for c in org.contacts if c.anonymized_at is None),
        key=lambda c: (c.last_name.casefold(), (c.first_name or "").casefold()),
    )
    return OrganizationDetail(
        id=org.id,
        version=org.version,
        kind=org.kind,
        kind_label=label(org.kind),
        display_name=org.display_name,
        data=data,
        siren=org.siren,
        naf_version=org.naf_version,
        address_lines=tuple(afnor_lines(data)[1:]),
        verified_on=org.verified_on,
        contacts=tuple(contact_info(c) for c in contacts),
        capabilities=tuple(Named(c.id, c.name) for c in org.capabilities),
        certifications=tuple(Named(c.id, c.name) for c in org.certifications),
        sectors=tuple(Named(s.id, s.name) for s in org.sectors),
        memberships=memberships,
        referrals=_received_referrals(session, org.id),
    )


def load_organization(session: Session, organization_id: int) -> Organization:
    org = session.get(Organization, organization_id)
    if org is None:
        raise NotFoundError(
            "Cette organisation n'existe plus (supprimée ou fusionnée entre-temps)."
        )
    return org


class OrganizationService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading -------------------------------------------------------------------------------
    def get(self, organization_id: int) -> OrganizationDetail:
        with self.db.unit_of_work() as session:
            return _detail(session, load_organization(session, organization_id))

    # -- writing -------------------------------------------------------------------------------
    def create(self, data: OrganizationData) -> SaveResult:
        checked = check_organization(data)
        with self.db.unit_of_work() as session:
            org = Organization(legal_name=checked.data.legal_name)
            self._apply(session, org, checked.data)
            session.add(org)
            session.flush()
            return SaveResult(org.id, org.version, checked.warnings)

    def update(
        self,
        organization_id: int,
        data: OrganizationData,
        *,
        version: int | None,
        opened: dict[str, object] | None = None,
    ) -> SaveResult:
        """Save an edit made in a form opened at ``version`` showing the ``opened`` values."""
        checked = check_organization(data)
        with self.db.unit_of_work() as session:
            org = load_organization(session, organization_id)
            ensure_current(org, version, opened)
            self._apply(session, org, checked.data)
            session.flush()
            return SaveResult(org.id, org.version, checked.warnings)

    def _apply(self, session: Session, org: Organization, data: OrganizationData) -> None:
        if data.siret:
            owner = session.scalar(
                select(Organization).where(
                    Organization.siret == data.siret, Organization.id != (org.id or 0)
                )
            )
            if owner is not None:
                raise ValidationError(
                    f"Ce SIRET est déjà celui de « {owner.display_name} » dans l'annuaire.",
                    field="siret",
                )
        for name in SCALAR_FIELDS:
            if getattr(org, name) != getattr(data, name):
                setattr(org, name, getattr(data, name))
        org.siren = data.siret[:9] if data.siret else None
        org.naf_version = NAF_VERSION if data.naf_code else None
        _set_links(session, org, data)

    def delete(self, organization_id: int) -> None:
        """Delete an organization and its contacts, unless the history points to it."""
        with self.db.unit_of_work() as session:
            require(session, Permission.DELETE)
            org = load_organization(session, organization_id)
            blockers = _delete_blockers(session, organization_id)
            if blockers:
                raise ValidationError(
                    f"Impossible de supprimer « {org.display_name} » : {', '.join(blockers)}. "
                    "Si c'est un doublon, fusionnez-la plutôt avec l'autre fiche (onglet "
                    "Doublons) : rien ne sera perdu."
                )
            for contact in list(org.contacts):
                session.delete(contact)
            session.delete(org)

    # -- freshness -----------------------------------------------------------------------------
    def mark_verified(self, organization_ids: Iterable[int], on: date | None = None) -> int:
        """Record that the details were checked today (or ``on``); returns how many."""
        day = on or date.today()
        ids = list(dict.fromkeys(organization_ids))
        with self.db.unit_of_work() as session:
            orgs = list(session.scalars(select(Organization).where(Organization.id.in_(ids))))
            if len(orgs) != len(ids):
                raise NotFoundError("Une des organisations n'existe plus : actualisez la liste.")
            for org in orgs:
                org.verified_on = day
        return len(orgs)

    def unverified(
        self, months: int = STALE_AFTER_MONTHS, today: date | None = None, limit: int = 5000
    ) -> list[StaleOrganization]:
        """Organizations not verified for ``months`` (never verified first, then oldest)."""
        limit_day = months_before(today or date.today(), months)
        with self.db.unit_of_work() as session:
            query = (
                select(
                    Organization.id,
                    Organization.legal_name,
                    Organization.trade_name,
                    Organization.kind,
                    Organization.city,
                    Organization.verified_on,
                )
                .where(
                    Organization.kind != OrganizationKind.AGENCY,
                    or_(Organization.verified_on.is_(None), Organization.verified_on < limit_day),
                )
                .order_by(Organization.verified_on.is_not(None), Organization.verified_on)
                .limit(limit)
            )
            return [
                StaleOrganization(
                    id=row.id,
                    name=_display(row.legal_name, row.trade_name),
                    kind_label=label(row.kind),
                    city=row.city or "",
                    verified_on=row.verified_on,
                )
                for row in session.execute(query)
            ]


def _display(legal_name: str, trade_name: str | None) -> str:
    if trade_name and trade_name != legal_name:
        return f"{trade_name} ({legal_name})"
    return legal_name


def _set_links(session: Session, org: Organization, data: OrganizationData) -> None:
    for attr, model, wanted in (
        ("capabilities", Capability, data.capability_ids),
        ("certifications", Certification, data.certification_ids),
        ("sectors", Sector, data.sector_ids),
    ):
        current = getattr(org, attr)
        if {item.id for item in current} == set(wanted):
            continue
        found = list(session.scalars(select(model).where(model.id.in_(wanted)))) if wanted else []
        if len(found) != len(wanted):
            raise ValidationError(
                "Une compétence, certification ou filière choisie n'existe plus : "
                "rouvrez la fiche pour actualiser les listes.",
                field=attr,
            )
        setattr(org, attr, sorted(found, key=lambda item: item.name))


def _delete_blockers(session: Session, organization_id: int) -> list[str]:
    def count(query: object) -> int:
        return int(session.scalar(query) or 0)  # type: ignore[call-overload]

    blockers = []
    referrals = count(
        select(func.count()).select_from(Referral).where(Referral.partner_id == organization_id)
    )
    if referrals:
        blockers.append(f"{referrals} mise(s) en relation lui ont été adressées")
    inquiries = count(
        select(func.count()).select_from(Inquiry).where(Inquiry.organization_id == organization_id)
    )
    if inquiries:
        blockers.append(f"{inquiries} demande(s) la concernent")
    rules = count(
        select(func.count())
        .select_from(RoutingRule)
        .where(RoutingRule.partner_id == organization_id)
    )
    if rules:
        blockers.append(f"elle est le partenaire de {rules} règle(s) d'orientation")
    members = count(
        select(func.count()).select_from(Membership).where(Membership.network_id == organization_id)
    )
    if members:
        blockers.append(f"c'est le réseau de {members} adhésion(s)")
    return blockers

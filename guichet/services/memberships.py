"""Memberships of a network: join, change status, leave, renew — one transaction each.

Statuses go prospect → candidat → adhérent → sorti. A membership's dates are those of its
adhérent period (``start_on`` is the day the status was recorded while prospect or candidat);
every change goes through the ORM, so the session hook audits it field by field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    Membership,
    MembershipOrigin,
    MembershipStatus,
    Organization,
    OrganizationKind,
    label,
)
from guichet.services.membership_origins import (
    OriginChoice,
    OriginText,
    Winner,
    describe_origins,
    opportunity_winners,
    origin_candidates,
)

S = MembershipStatus
OPEN = (S.PROSPECT, S.CANDIDATE, S.MEMBER)
TRANSITIONS: dict[MembershipStatus, tuple[MembershipStatus, ...]] = {
    S.PROSPECT: (S.CANDIDATE, S.MEMBER, S.LEFT),
    S.CANDIDATE: (S.PROSPECT, S.MEMBER, S.LEFT),
    S.MEMBER: (S.LEFT,),
    S.LEFT: (),
}


@dataclass(frozen=True)
class Origin:
    """What brought a membership: a kind and the id of the record (an inquiry, a referral…)."""

    kind: MembershipOrigin
    id: int | None = None
    counsellor_id: int | None = None


@dataclass(frozen=True)
class NetworkItem:
    id: int
    name: str


@dataclass(frozen=True)
class MembershipRow:
    id: int
    organization_id: int
    organization: str
    network_id: int
    network: str
    status: MembershipStatus
    status_label: str
    start_on: date
    end_on: date | None
    left_reason: str | None
    origin_kind: MembershipOrigin | None
    origin_id: int | None
    origin_label: str
    origin_page: str | None = None  # the page that opens the origin (« meetings »…)
    origin_record_id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


def membership_row(m: Membership, described: OriginText) -> MembershipRow:
    return MembershipRow(
        id=m.id,
        organization_id=m.organization_id,
        organization=m.organization.display_name,
        network_id=m.network_id,
        network=m.network.legal_name,
        status=m.status,
        status_label=label(m.status),
        start_on=m.start_on,
        end_on=m.end_on,
        left_reason=m.left_reason,
        origin_kind=m.origin_kind,
        origin_id=m.origin_id,
        origin_label=described.text,
        origin_page=described.page,
        origin_record_id=described.record_id,
    )


def find_network(session: Session, name: str, *, create: bool = False) -> Organization | None:
    """The network organisation of that name (case-insensitive), created when asked."""
    wanted = name.strip()
    if not wanted:
        raise ValidationError("Le nom du réseau est vide.")
    for org in session.scalars(
        select(Organization).where(Organization.kind == OrganizationKind.NETWORK)
    ):
        if org.legal_name.casefold() == wanted.casefold():
            return org
    if not create:
        return None
    org = Organization(kind=OrganizationKind.NETWORK, legal_name=wanted)
    session.add(org)
    session.flush()
    return org


def add_membership(
    session: Session,
    org: Organization,
    network: Organization,
    *,
    on: date,
    status: MembershipStatus = S.MEMBER,
    origin: Origin | None = None,
) -> Membership:
    """Inside an open unit of work: the organisation joins (or becomes prospect/candidat of)
    the network; an open prospect/candidat membership moves forward instead of doubling."""
    if network.kind != OrganizationKind.NETWORK:
        raise ValidationError(f"{network.display_name} n'est pas un réseau.")
    if org.id == network.id:
        raise ValidationError("Un réseau ne peut pas adhérer à lui-même.")
    current = next(
        (m for m in org.memberships if m.network_id == network.id and m.status in OPEN), None
    )
    if current is not None:
        if current.status == S.MEMBER:
            raise ValidationError(f"{org.display_name} est déjà adhérent de {network.legal_name}.")
        if status == current.status:
            raise ValidationError(
                f"{org.display_name} est déjà « {label(status).lower()} » de {network.legal_name}."
            )
        _move(current, status, on)
        if origin is not None and current.origin_kind is None:
            _set_origin(current, origin)
        return current
    membership = Membership(
        organization=org, network=network, start_on=on, status=status, end_on=None
    )
    if origin is not None:
        _set_origin(membership, origin)
    session.add(membership)
    return membership


def _set_origin(m: Membership, origin: Origin) -> None:
    m.origin_kind, m.origin_id, m.origin_counsellor_id = (
        origin.kind,
        origin.id,
        origin.counsellor_id,
    )


def _move(m: Membership, status: MembershipStatus, on: date, reason: str | None = None) -> None:
    if status not in TRANSITIONS[m.status]:
        raise ValidationError(
            f"Une adhésion « {label(m.status).lower()} » ne peut pas passer "
            f"à « {label(status).lower()} »."
        )
    if status == S.LEFT:
        if m.status == S.MEMBER and on < m.start_on:
            raise ValidationError("La date de sortie précède le début de l'adhésion.")
        m.end_on = on
        m.left_reason = reason
    elif status == S.MEMBER or m.status != S.MEMBER:
        m.start_on = on
    m.status = status


class MembershipService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def networks(self) -> list[NetworkItem]:
        with self.db.unit_of_work(write=False) as s:
            orgs = s.scalars(
                select(Organization)
                .where(Organization.kind == OrganizationKind.NETWORK)
                .order_by(Organization.legal_name)
            )
            return [NetworkItem(o.id, o.legal_name) for o in orgs]

    def for_organization(self, organization_id: int) -> list[MembershipRow]:
        with self.db.unit_of_work(write=False) as s:
            rows = list(
                s.scalars(
                    _loaded()
                    .where(Membership.organization_id == organization_id)
                    .order_by(Membership.start_on.desc(), Membership.id.desc())
                )
            )
            texts = describe_origins(s, (_origin_key(m) for m in rows))
            return [membership_row(m, texts[_origin_key(m)]) for m in rows]

    def origin_choices(self, organization_id: int) -> list[OriginChoice]:
        """What can have brought the organisation's membership, newest first (« Adhérer… »)."""
        with self.db.unit_of_work(write=False) as s:
            return origin_candidates(s, organization_id)

    def origin_text(self, origin: Origin) -> str:
        """A prefilled origin in French (when it is not among the organisation's history)."""
        with self.db.unit_of_work(write=False) as s:
            key = (origin.kind, origin.id, origin.counsellor_id)
            return describe_origins(s, [key])[key].text

    def opportunity_winners(self, opportunity_id: int, network_id: int | None) -> list[Winner]:
        """Who won the opportunity (alone or in a retained groupement), and who is adhérent."""
        with self.db.unit_of_work(write=False) as s:
            return opportunity_winners(s, opportunity_id, network_id)

    def is_open_member(self, organization_id: int, network_id: int) -> bool:
        """Whether the organisation is already adhérent of the network (no shortcut then)."""
        with self.db.unit_of_work(write=False) as s:
            found = s.scalar(
                select(Membership.id).where(
                    Membership.organization_id == organization_id,
                    Membership.network_id == network_id,
                    Membership.status == S.MEMBER,
                )
            )
            return found is not None

    def join(
        self,
        organization_id: int,
        network_id: int,
        *,
        on: date,
        status: MembershipStatus = S.MEMBER,
        origin: Origin | None = None,
    ) -> MembershipRow:
        with self.db.unit_of_work() as s:
            org, network = s.get(Organization, organization_id), s.get(Organization, network_id)
            if org is None or network is None:
                raise NotFoundError("Cette organisation n'existe plus.")
            membership = add_membership(s, org, network, on=on, status=status, origin=origin)
            s.flush()
            return _row(s, membership)

    def change_status(
        self, membership_id: int, status: MembershipStatus, *, on: date
    ) -> MembershipRow:
        if status == S.LEFT:
            raise ValidationError("Pour une sortie, indiquez la raison (« Quitter »).")
        with self.db.unit_of_work() as s:
            m = _get(s, membership_id)
            _move(m, status, on)
            s.flush()
            return _row(s, m)

    def leave(self, membership_id: int, *, on: date, reason: str) -> MembershipRow:
        if not reason.strip():
            raise ValidationError("Indiquez la raison de la sortie.", field="reason")
        with self.db.unit_of_work() as s:
            m = _get(s, membership_id)
            if m.status == S.LEFT:
                raise ValidationError("Cette adhésion est déjà terminée.")
            _move(m, S.LEFT, on, reason.strip())
            s.flush()
            return _row(s, m)

    def renew(self, membership_id: int, *, on: date) -> MembershipRow:
        """A former member joins again: a new adhérent period, the same origin."""
        with self.db.unit_of_work() as s:
            old = _get(s, membership_id)
            if old.status != S.LEFT:
                raise ValidationError(
                    "Seule une adhésion terminée se renouvelle ; celle-ci est en cours."
                )
            if old.end_on is not None and on < old.end_on:
                raise ValidationError("Le renouvellement précède la fin de l'adhésion.")
            origin = (
                Origin(old.origin_kind, old.origin_id, old.origin_counsellor_id)
                if old.origin_kind is not None
                else None
            )
            m = add_membership(s, old.organization, old.network, on=on, origin=origin)
            s.flush()
            return _row(s, m)


def _row(session: Session, m: Membership) -> MembershipRow:
    key = _origin_key(m)
    return membership_row(m, describe_origins(session, [key])[key])


def _origin_key(m: Membership) -> tuple[MembershipOrigin | None, int | None, int | None]:
    return (m.origin_kind, m.origin_id, m.origin_counsellor_id)


def _loaded() -> Select[Membership]:
    return select(Membership).options(
        selectinload(Membership.organization), selectinload(Membership.network)
    )


def _get(session: Session, membership_id: int) -> Membership:
    m = session.get(Membership, membership_id)
    if m is None:
        raise NotFoundError("Cette adhésion n'existe plus.")
    return m

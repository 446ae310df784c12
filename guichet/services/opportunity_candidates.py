"""The organizations that may answer some lots, read in ONE grouped query.

Only the organizations holding a relevant capability (a required one or a descendant) or a
required certification are read, so the answer stays fast over a large directory. Each comes
back as a single row carrying its relevant capability and certification ids as aggregated
strings (``group_concat`` on SQLite, ``string_agg`` on PostgreSQL) and whether it is an
active member: no row per held capability, no second pass to group them, and the few distinct
sets are parsed once (thousands of members share a few hundred combinations).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import Connection, String, cast, false, func, or_, select

from guichet.models import Membership, MembershipStatus, Organization, OrganizationKind
from guichet.models.capability import organization_capability, organization_certification
from guichet.reference.communes import commune
from guichet.services.opportunity_matching import Candidate, LotNeed, Thesaurus


def place_of(insee: str | None, cache: dict[str, str | None]) -> str | None:
    """The EPCI of a commune (cached: thousands of candidates share a few hundred communes)."""
    if not insee:
        return None
    if insee not in cache:
        found = commune(insee)
        cache[insee] = found.epci_siren if found else None
    return cache[insee]


def _ids(text: str | None, cache: dict[str | None, frozenset[int]]) -> frozenset[int]:
    """The ids of an aggregated ``"3,12,5"`` (parsed once per distinct string)."""
    found = cache[text] = frozenset(int(i) for i in (text or "").split(",") if i)
    return found


def read_candidates(
    conn: Connection,
    thesaurus: Thesaurus,
    needs: Sequence[LotNeed],
    *,
    exclude: Collection[int],
    include_directory: bool,
    territory: frozenset[str],
    today: date,
) -> list[Candidate]:
    relevant = {
        d for n in needs for c in n.capabilities for d in thesaurus.tree.descendants_and_self(c)
    }
    certs = {c for n in needs for c in n.certifications}
    if not relevant and not certs:
        return []
    oc, ocert = organization_capability.c, organization_certification.c
    held_caps = (
        select(
            oc.organization_id.label("oid"),
            func.aggregate_strings(cast(oc.capability_id, String), ",").label("ids"),
        )
        .where(oc.capability_id.in_(relevant))
        .group_by(oc.organization_id)
        .subquery()
    )
    held_certs = (
        select(
            ocert.organization_id.label("oid"),
            func.aggregate_strings(cast(ocert.certification_id, String), ",").label("ids"),
        )
        .where(ocert.certification_id.in_(certs))
        .group_by(ocert.organization_id)
        .subquery()
    )
    active = select(Membership.organization_id).where(
        Membership.status == MembershipStatus.ACTIVE,
        or_(Membership.end_on.is_(None), Membership.end_on >= today),
    )
    is_member = Organization.id.in_(active)
    query = (
        select(
            Organization.id,
            Organization.legal_name,
            Organization.trade_name,
            Organization.commune_insee,
            Organization.headcount_band,
            held_caps.c.ids,
            held_certs.c.ids,
            is_member if include_directory else false(),
        )
        .outerjoin(held_caps, held_caps.c.oid == Organization.id)
        .outerjoin(held_certs, held_certs.c.oid == Organization.id)
        .where(
            Organization.do_not_refer.is_(False),
            Organization.kind.in_((OrganizationKind.MEMBER, OrganizationKind.COMPANY)),
            or_(held_caps.c.ids.is_not(None), held_certs.c.ids.is_not(None)),
        )
    )
    if not include_directory:
        query = query.where(is_member)
    epcis: dict[str, str | None] = {}
    sets: dict[str | None, frozenset[int]] = {None: frozenset()}
    found: list[Candidate] = []
    append = found.append  # the loop below runs once per candidate: keep it lean
    for oid, legal, trade, insee, band, caps, held, member in conn.execute(query).all():
        if oid in exclude:
            continue
        capabilities = sets.get(caps)
        if capabilities is None:
            capabilities = _ids(caps, sets)
        certifications = sets.get(held)
        if certifications is None:
            certifications = _ids(held, sets)
        append(
            Candidate(
                oid,
                trade if trade and trade != legal else legal,
                bool(member) or not include_directory,
                capabilities,
                certifications,
                insee,
                epcis[insee] if insee in epcis else place_of(insee, epcis),
                bool(insee) and insee in territory,
                band,
            )
        )
    return found

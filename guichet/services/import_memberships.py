"""Memberships written by an import: the « Réseau » column, or the goal's network for an
import of members (``--type adherent``). Through the ORM, so the session hook audits them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from guichet.importers.plan import ImportAction, ImportPlan
from guichet.models import MembershipStatus, Organization, OrganizationKind, Setting
from guichet.services.memberships import add_membership, find_network
from guichet.services.settings import SPECS_BY_KEY


def _goal_network(session: Session) -> str:
    row = session.get(Setting, "network.goal_network")
    default = SPECS_BY_KEY["network.goal_network"].default
    return str(json.loads(row.value)) if row is not None else str(default)


def import_memberships(
    session: Session,
    plan: ImportPlan,
    created_ids: Sequence[int],
    kind: OrganizationKind,
    *,
    today: date | None = None,
) -> int:
    """Join each imported organisation to its network (already a member: nothing to do);
    returns how many memberships were recorded."""
    day = today or date.today()
    default = _goal_network(session) if kind == OrganizationKind.MEMBER else None
    creations = [r for r in plan.rows if r.action == ImportAction.CREATE]
    targets = [(i, r.network) for i, r in zip(created_ids, creations, strict=True)]
    targets += [
        (r.organization_id, r.network)
        for r in plan.rows
        if r.action in (ImportAction.UPDATE, ImportAction.SKIP) and r.organization_id is not None
    ]
    networks: dict[str, Organization] = {}
    count = 0
    for organization_id, name in targets:
        wanted = (name or default or "").strip()
        if not wanted:
            continue
        key = wanted.casefold()
        if key not in networks:
            found = find_network(session, wanted, create=True)
            assert found is not None
            networks[key] = found
        network = networks[key]
        org = session.get(Organization, organization_id)
        if org is None or org.id == network.id:
            continue
        if any(
            m.network_id == network.id and m.status == MembershipStatus.MEMBER
            for m in org.memberships
        ):
            continue
        add_membership(session, org, network, on=day)
        count += 1
    session.flush()
    return count

"""Demo memberships: the Sotraban cluster becomes a « réseau » organisation; each member's
history (arrival, sometimes a departure with its reason) carries what brought it in, and a few
companies of the territory are prospects or candidates."""

from __future__ import annotations

import random
from datetime import date, timedelta

from guichet.models import (
    Counsellor,
    Membership,
    MembershipOrigin,
    MembershipStatus,
    Organization,
    OrganizationKind,
)
from guichet.services.demo.helpers import Plan

LEAVING_REASONS = (
    "Cessation d'activité",
    "Cotisation jugée trop élevée",
    "Rachat par un groupe, adhésion au réseau du groupe",
    "Départ à la retraite du dirigeant",
    "Peu de participation aux rencontres",
)
#: Origins of the members who did not come through an inquiry, in proportion.
OTHER_ORIGINS = (
    (MembershipOrigin.MEETING, 5),
    (MembershipOrigin.COUNSELLOR, 3),
    (MembershipOrigin.VISIT, 2),
)
HISTORY_YEARS = 3
NETWORK_NAME = "Sotraban"
RECENT = 6  # companies that joined in the last months


def build_memberships(
    rng: random.Random,
    today: date,
    network: Organization,
    plans: list[Plan],
    counsellors: list[Counsellor],
    companies: list[Organization],
) -> list[Membership]:
    network.kind = OrganizationKind.NETWORK
    network.legal_name = NETWORK_NAME  # the name the goal setting and the filters use
    kinds = [k for k, weight in OTHER_ORIGINS for _ in range(weight)]
    history_start = today - timedelta(days=HISTORY_YEARS * 365)
    out = []
    for plan in plans:
        m = Membership(
            organization=plan.organization,
            network=network,
            start_on=plan.start_on,
            end_on=plan.end_on,
            status=MembershipStatus.LEFT if plan.end_on else MembershipStatus.MEMBER,
        )
        if plan.end_on is not None:
            m.left_reason = rng.choice(LEAVING_REASONS)
        if plan.source is not None:
            m.origin_kind, m.origin_id = MembershipOrigin.INQUIRY, plan.source.id
            m.origin_counsellor_id = plan.source.counsellor_id
        elif plan.start_on >= history_start or rng.random() < 0.5:
            m.origin_kind = rng.choice(kinds)
            m.origin_counsellor_id = rng.choice(counsellors).id
        out.append(m)
    # Companies of the territory: recent arrivals (the cluster's last months), candidates and
    # prospects.
    for index, org in enumerate(rng.sample(companies, k=min(len(companies), RECENT + 8))):
        status = (
            MembershipStatus.MEMBER
            if index < RECENT
            else MembershipStatus.CANDIDATE
            if index < RECENT + 3
            else MembershipStatus.PROSPECT
        )
        out.append(
            Membership(
                organization=org,
                network=network,
                start_on=today - timedelta(days=rng.randint(5, 300 if index < RECENT else 90)),
                status=status,
                origin_kind=rng.choice(kinds),
                origin_counsellor_id=rng.choice(counsellors).id,
            )
        )
    return out

"""Who « Relayer » offers: the matched members of every lot and the members of the proposed
groupements, each with the lots it fits; pre-ticked when it is a network member not yet relayed
to and not known to decline this buyer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from guichet.db import Database
from guichet.models import Organization, Relay
from guichet.services.letter_recipient import recipient_address, recipient_problems
from guichet.services.opportunity_matches import find_matches
from guichet.services.personal_data.opposition import ORGANIZATION_OPPOSED
from guichet.services.relay import RelayChoice, default_contact


@dataclass(frozen=True)
class RelayCandidate:
    organization_id: int
    name: str
    lot_ids: tuple[int, ...]
    lots: str  # « 1, 3 »
    reason: str
    already_relayed: bool
    declined_buyer_on: date | None
    member: bool
    ticked: bool
    #: why the letter or the e-mail may not reach it (« pas d'e-mail », « adresse … incomplète »)
    delivery: str = ""

    def choice(self) -> RelayChoice:
        return RelayChoice(self.organization_id, lot_ids=self.lot_ids)


def _delivery_problems(db: Database, organization_ids: list[int]) -> dict[int, str]:
    """What would stop a relay reaching each organization: no e-mail, an incomplete address."""
    problems: dict[int, str] = {}
    with db.unit_of_work(write=False) as session:
        orgs = session.scalars(
            select(Organization)
            .where(Organization.id.in_(organization_ids or [-1]))
            .options(selectinload(Organization.contacts))
        )
        for org in orgs:
            contact = default_contact(org)
            found = [ORGANIZATION_OPPOSED] if org.do_not_contact else []
            if not ((contact.email if contact else None) or org.email):
                found.append("pas d'e-mail")
            address = recipient_problems(recipient_address(org, contact))
            if address:
                found.append(address)
            problems[org.id] = " ; ".join(found)
    return problems


@dataclass
class _Entry:
    name: str
    reason: str
    member: bool
    declined: date | None
    lots: list[int] = field(default_factory=list)


def relay_candidates(
    db: Database, opportunity_id: int, *, today: date | None = None
) -> list[RelayCandidate]:
    matches = find_matches(db, opportunity_id, today=today)
    with db.unit_of_work(write=False) as session:
        relayed = set(
            session.scalars(
                select(Relay.organization_id).where(Relay.opportunity_id == opportunity_id)
            )
        )
    found: dict[int, _Entry] = {}
    numbers = {lot.lot_id: lot.number for lot in matches.lots}
    by_number = {lot.number: lot.lot_id for lot in matches.lots}

    def add(org_id: int, entry: _Entry, lot_id: int) -> None:
        lots = found.setdefault(org_id, entry).lots
        if lot_id not in lots:
            lots.append(lot_id)

    for lot in matches.lots:
        for match in lot.matches:
            reason = " ; ".join(match.reasons[:2])
            entry = _Entry(match.name, reason, match.member, match.declined_buyer_on)
            add(match.organization_id, entry, lot.lot_id)
    proposals = [p for lot in matches.lots for p in lot.groupements] + list(matches.groupements)
    for proposal in proposals:
        for part in proposal.members:
            entry = _Entry(part.name, "en groupement : " + ", ".join(part.brings), True, None)
            for number in part.lot_numbers:
                if number in by_number:
                    add(part.organization_id, entry, by_number[number])
    delivery = _delivery_problems(db, list(found))
    result = [
        RelayCandidate(
            organization_id=org_id,
            name=entry.name,
            lot_ids=tuple(sorted(entry.lots, key=lambda i: numbers.get(i, 0))),
            lots=", ".join(str(n) for n in sorted(numbers[i] for i in entry.lots)),
            reason=entry.reason,
            already_relayed=org_id in relayed,
            declined_buyer_on=entry.declined,
            member=entry.member,
            ticked=entry.member
            and org_id not in relayed
            and entry.declined is None
            and not delivery.get(org_id, "").startswith(ORGANIZATION_OPPOSED),
            delivery=delivery.get(org_id, ""),
        )
        for org_id, entry in found.items()
    ]
    result.sort(key=lambda c: (not c.ticked, c.name.casefold()))
    return result

"""Demo opportunities: a year of calls for tenders and consultations, most of them hydrogen.

Lots are matched to the demo members with the app's own matching (pure functions over the
members already in the session); the past ones were relayed, answered and closed, and the
electrolysis plant's piping lots went to a groupement. Deterministic: its own random generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select

from guichet.models import (
    Answer,
    AnswerStatus,
    Capability,
    Channel,
    Groupement,
    GroupementForm,
    GroupementMember,
    Lot,
    Opportunity,
    OpportunityAward,
    OpportunityDocument,
    OpportunityOutcome,
    OpportunitySource,
    OpportunityStatus,
    Organization,
    OrganizationKind,
    Relay,
)
from guichet.reference.communes import commune, territory_insee_codes
from guichet.search.capabilities import Thesaurus as CapabilityTree
from guichet.services.demo.base import BuilderBase
from guichet.services.opportunity_matching import (
    Candidate,
    LotNeed,
    Pool,
    Thesaurus,
    match_lot,
)

SEED = 16_2026
PUBLIC, PRIVATE, TIP = (
    OpportunitySource.PUBLIC_TENDER,
    OpportunitySource.PRIVATE_CONSULTATION,
    OpportunitySource.PARTNER_TIP,
)


@dataclass(frozen=True)
class LotSpec:
    title: str
    capabilities: tuple[str, ...]
    certifications: tuple[str, ...] = ()
    min_headcount: str | None = None


@dataclass(frozen=True)
class Spec:
    title: str
    sector: str
    source: OpportunitySource
    buyer_words: tuple[str, ...]
    value: int
    lots: tuple[LotSpec, ...]
    description: str


SPECS: tuple[Spec, ...] = (
    Spec(
        "Usine d'électrolyse de Port-Jérôme — tuyauteries et appareils à pression",
        "Hydrogène",
        PRIVATE,
        ("Énergies",),
        1_850_000,
        (
            LotSpec(
                "Tuyauterie haute pression inox",
                ("Tuyauterie haute pression", "TIG"),
                ("ISO 3834",),
            ),
            LotSpec("Contrôles non destructifs des soudures", ("Contrôle non destructif",)),
            LotSpec("Skids et supportages chaudronnés", ("Chaudronnerie inox",), (), "11"),
        ),
        "Électrolyseur de 20 MW : préfabrication et pose des lignes hydrogène et oxygène.",
    ),
    Spec(
        "Maintenance des réservoirs de stockage d'hydrogène",
        "Hydrogène",
        PUBLIC,
        ("Énergies",),
        420_000,
        (
            LotSpec("Inspection et requalification des réservoirs", ("Réservoirs haute pression",)),
            LotSpec("Arrêts techniques annuels", ("Arrêts techniques",), ("MASE",)),
        ),
        "Marché de maintenance pluriannuel du parc de stockage sous pression.",
    ),
    Spec(
        "Station de distribution H2 de Bolbec — câblage électrique",
        "Hydrogène",
        PUBLIC,
        ("Énergies",),
        310_000,
        (
            LotSpec("Armoires et câblage en zone ATEX", ("Câblage", "Armoires électriques")),
            LotSpec("Supervision de la station", ("Supervision",)),
        ),
        "Station de recharge pour bus et poids lourds ; travaux en zone ATEX.",
    ),
    Spec(
        "Pièces plastiques injectées pour piles à combustible",
        "Hydrogène",
        PRIVATE,
        ("Polymères", "Chimie"),
        260_000,
        (
            LotSpec("Plaques et joints injectés", ("Injection",), ("ISO 9001",)),
            LotSpec("Outillages d'injection", ("Fraisage 5 axes",)),
        ),
        "Séries de 50 000 pièces par an, matières techniques chargées.",
    ),
    Spec(
        "Grand arrêt de la raffinerie — maintenance et tuyauterie",
        "Pétrochimie",
        PRIVATE,
        ("Chimie",),
        980_000,
        (
            LotSpec(
                "Maintenance mécanique des machines tournantes",
                ("Maintenance mécanique",),
                ("MASE",),
            ),
            LotSpec("Tuyauterie industrielle", ("Tuyauterie industrielle", "MIG/MAG")),
        ),
        "Arrêt programmé de six semaines ; habilitations site exigées.",
    ),
    Spec(
        "Extension de l'électrolyseur — seconde tranche",
        "Hydrogène",
        TIP,
        ("Énergies",),
        1_200_000,
        (
            LotSpec(
                "Soudure orbitale des lignes HP", ("Tuyauterie haute pression", "Soudure orbitale")
            ),
            LotSpec("Câblage des skids", ("Câblage",)),
            LotSpec("Capots injectés", ("Injection",)),
        ),
        "Signalée par un partenaire avant publication : la consultation suivra.",
    ),
)


def _pool(builder: BuilderBase, thesaurus: Thesaurus) -> Pool:
    territory = territory_insee_codes()
    candidates = []
    for org in builder.members_list:
        if org.do_not_refer:
            continue
        place = commune(org.commune_insee) if org.commune_insee else None
        candidates.append(
            Candidate(
                org.id,
                org.legal_name,
                True,
                frozenset(c.id for c in org.capabilities),
                frozenset(c.id for c in org.certifications),
                org.commune_insee,
                place.epci_siren if place else None,
                (org.commune_insee or "") in territory,
                org.headcount_band,
            )
        )
    return Pool(candidates, thesaurus)


def _buyer(builder: BuilderBase, words: tuple[str, ...], rng: random.Random) -> Organization:
    companies = builder.s.scalars(
        select(Organization)
        .where(Organization.kind == OrganizationKind.COMPANY)
        .order_by(Organization.id)
    ).all()
    fitting = [c for c in companies if any(w in c.legal_name for w in words)]
    return rng.choice(fitting or list(companies))


def _working_moment(day: datetime, rng: random.Random) -> datetime:
    moment = datetime.combine(day.date(), time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))))
    while moment.weekday() >= 5:
        moment += timedelta(days=1)
    return moment


def add_opportunities(builder: BuilderBase) -> None:
    """Adds the demo opportunities (after the members and their memberships are flushed)."""
    s, now, rng = builder.s, builder.now, random.Random(SEED)
    s.flush()
    rows = s.execute(
        select(Capability.id, Capability.parent_id, Capability.name, Capability.synonyms)
    )
    tree = CapabilityTree((r[0], r[1], r[2], r[3]) for r in rows)
    thesaurus = Thesaurus(tree, {c.id: c.name for c in builder.certifications.values()})
    pool = _pool(builder, thesaurus)
    counsellor = builder.counsellors[0] if builder.counsellors else None
    tipper = builder.partners_by_key.get("ad")
    plans = [(spec, 330 - 55 * i) for i, spec in enumerate(SPECS)]
    plans += [(SPECS[i % 4], 300 - 50 * i - 20) for i in range(6)]  # recurring ones
    plans.append((SPECS[2], 12))  # relayed, answers still coming
    plans.append((SPECS[0], 6))  # a fresh one, not relayed yet
    groupement_done = False
    for number, (spec, days_ago) in enumerate(sorted(plans, key=lambda p: -p[1])):
        received = _working_moment(now - timedelta(days=days_ago), rng)
        if received > now:
            received = now - timedelta(hours=2)
        opportunity = Opportunity(
            source=spec.source,
            buyer=_buyer(builder, spec.buyer_words, rng),
            reported_by=tipper if spec.source == TIP else None,
            buyer_reference=f"CONS-{received:%Y}-{100 + number:03d}",
            title=spec.title,
            description=spec.description,
            commune_insee=rng.choice(("76476", "76384", "76114")),
            estimated_value=spec.value,
            sector=builder.sectors.get(spec.sector),
            received_at=received,
            answer_deadline=datetime.combine((received + timedelta(days=30)).date(), time(12)),
            questions_deadline=datetime.combine((received + timedelta(days=20)).date(), time(12)),
            counsellor_id=counsellor.id if counsellor else None,
        )
        for index, lot_spec in enumerate(spec.lots, 1):
            opportunity.lots.append(
                Lot(
                    number=index,
                    title=lot_spec.title,
                    min_headcount_band=lot_spec.min_headcount,
                    capabilities=[builder.capabilities[c] for c in lot_spec.capabilities],
                    certifications=[builder.certifications[c] for c in lot_spec.certifications],
                )
            )
        opportunity.documents.append(
            OpportunityDocument(
                file_name="Règlement de la consultation.txt",
                file_data=f"{spec.title}\n\n{spec.description}\n".encode(),
                size=len(spec.title) + len(spec.description) + 3,
            )
        )
        s.add(opportunity)
        s.flush()
        if days_ago > 10:
            wants_groupement = not groupement_done and spec is SPECS[0]
            _relay_and_answer(
                builder,
                opportunity,
                pool,
                thesaurus,
                rng,
                counsellor_id=counsellor.id if counsellor else None,
                groupement=wants_groupement,
            )
            groupement_done = groupement_done or wants_groupement


def _needs(opportunity: Opportunity) -> list[LotNeed]:
    return [
        LotNeed(
            lot.id,
            lot.number,
            lot.title,
            frozenset(c.id for c in lot.capabilities),
            frozenset(c.id for c in lot.certifications),
            lot.min_headcount_band,
        )
        for lot in opportunity.lots
    ]


def _relay_and_answer(
    builder: BuilderBase,
    opportunity: Opportunity,
    pool: Pool,
    thesaurus: Thesaurus,
    rng: random.Random,
    *,
    counsellor_id: int | None,
    groupement: bool,
) -> None:
    s = builder.s
    chosen: dict[int, list[int]] = {}  # organization -> lot ids it was relayed for
    for need in _needs(opportunity):
        for match in match_lot(need, pool, thesaurus, limit=4):
            chosen.setdefault(match.organization_id, []).append(need.lot_id)
    relayed_at = opportunity.received_at + timedelta(minutes=rng.randint(20, 150))
    closed = opportunity.answer_deadline is not None and opportunity.answer_deadline < builder.now
    answers: list[Answer] = []
    for org_id, lot_ids in chosen.items():
        relay = Relay(
            opportunity_id=opportunity.id,
            organization_id=org_id,
            relayed_at=relayed_at,
            channel=Channel.EMAIL,
            counsellor_id=counsellor_id,
        )
        s.add(relay)
        s.flush()
        if rng.random() < 0.2:
            continue  # no answer yet
        roll = rng.random()
        status = (
            AnswerStatus.NOT_INTERESTED
            if roll < 0.3
            else AnswerStatus.INTERESTED
            if roll < 0.55
            else AnswerStatus.SOLE_CANDIDATE
        )
        answer = Answer(
            opportunity_id=opportunity.id,
            organization_id=org_id,
            relay_id=relay.id,
            lot_id=lot_ids[0],
            status=status,
            reason=rng.choice(
                ("plan de charge complet", "hors de notre cœur de métier", "délai trop court")
            )
            if status == AnswerStatus.NOT_INTERESTED
            else None,
            answered_at=relayed_at + timedelta(days=rng.randint(1, 8), hours=rng.randint(0, 6)),
            counsellor_id=counsellor_id,
        )
        s.add(answer)
        answers.append(answer)
    if not closed:
        return
    opportunity.status = OpportunityStatus.CLOSED
    opportunity.closed_at = (opportunity.answer_deadline or builder.now) + timedelta(days=21)
    candidates = [a for a in answers if a.status == AnswerStatus.SOLE_CANDIDATE]
    if groupement and len(chosen) >= 2:
        _retained_groupement(builder, opportunity, chosen, counsellor_id)
        return
    if not candidates:
        opportunity.outcome = OpportunityOutcome.NO_FOLLOW_UP
        return
    winner = rng.choice(candidates)
    opportunity.outcome = OpportunityOutcome.AWARDED
    amount = int((opportunity.estimated_value or 100_000) * rng.uniform(0.25, 0.6)) // 1000 * 1000
    opportunity.awarded_amount = amount
    opportunity.awards.append(
        OpportunityAward(
            organization_id=winner.organization_id, lot_id=winner.lot_id, amount=amount
        )
    )
    for answer in candidates:
        s.add(
            Answer(
                opportunity_id=opportunity.id,
                organization_id=answer.organization_id,
                relay_id=answer.relay_id,
                lot_id=answer.lot_id,
                status=AnswerStatus.RETAINED if answer is winner else AnswerStatus.NOT_RETAINED,
                answered_at=opportunity.closed_at,
                counsellor_id=counsellor_id,
            )
        )


def _retained_groupement(
    builder: BuilderBase,
    opportunity: Opportunity,
    chosen: dict[int, list[int]],
    counsellor_id: int | None,
) -> None:
    """The first electrolysis plant: a solidaire groupement of three members wins its lots."""
    s = builder.s
    lots = {lot.id: lot for lot in opportunity.lots}
    by_lot: dict[int, int] = {}
    for org_id, lot_ids in chosen.items():
        for lot_id in lot_ids:
            by_lot.setdefault(lot_id, org_id)
    team = list(dict.fromkeys(by_lot.values()))[:3]
    groupement = Groupement(
        opportunity_id=opportunity.id,
        form=GroupementForm.SEVERAL,
        mandataire_id=team[0],
        note="Groupement solidaire constitué à l'initiative du guichet.",
        counsellor_id=counsellor_id,
    )
    for org_id in team:
        member = GroupementMember(organization_id=org_id)
        member.lots = [lots[lot_id] for lot_id, owner in by_lot.items() if owner == org_id]
        groupement.members.append(member)
    s.add(groupement)
    s.flush()
    amount = 1_540_000
    opportunity.outcome = OpportunityOutcome.AWARDED
    opportunity.awarded_amount = amount
    opportunity.awards.append(
        OpportunityAward(organization_id=team[0], groupement_id=groupement.id, amount=amount)
    )
    for status, at in (
        (AnswerStatus.GROUP_CANDIDATE, opportunity.received_at + timedelta(days=12)),
        (AnswerStatus.RETAINED, opportunity.closed_at),
    ):
        for org_id in team:
            s.add(
                Answer(
                    opportunity_id=opportunity.id,
                    organization_id=org_id,
                    groupement_id=groupement.id,
                    status=status,
                    answered_at=at,
                    counsellor_id=counsellor_id,
                )
            )

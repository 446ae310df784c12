"""Demo stage: inquiries, their needs and the outcome of each need."""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta

from guichet.models import (
    Channel,
    Contact,
    Counsellor,
    InformationGiven,
    Inquiry,
    InquiryStatus,
    Need,
    NeedOutcome,
    Organization,
    ResourceKind,
    Subject,
)
from guichet.services.demo.distributions import (
    ADHESION_SUBJECT,
    CHANNEL_WEIGHTS,
    DEFAULT_OUTCOMES,
    FIRST_ACTION_MINUTES,
    HYDROGEN_THEME,
    INQUIRY_COUNT,
    OUTCOME_WEIGHTS,
    THEME_WEIGHTS,
)
from guichet.services.demo.helpers import Plan, at_office_hours, log_minutes, office, phrase, pick
from guichet.services.demo.partners import CAPABILITY_SUBJECTS, SUBJECT_PARTNERS
from guichet.services.demo.referrals import ReferralStage
from guichet.services.demo.texts import COUNTRIES, JOBS, SUBJECT_DESCRIPTIONS, SUBJECT_SUMMARIES
from guichet.services.seed_data import leaf_capabilities

#: Chance that an inquiry is still open, by age in days (up to the first bound that exceeds it).
OPEN_PROBABILITY = ((4, 1.0), (14, 0.5), (60, 0.2), (200, 0.3), (math.inf, 0.06))


class InquiryStage(ReferralStage):
    """Creates the inquiries over the last 18 months (more years in a larger demo), their needs, outcomes and referrals."""

    # -- inquiries ---------------------------------------------------------------------------

    def _received_at(self) -> datetime:
        # Activity grows since the partnership: density rises linearly (1 → 2) over the period.
        x = -1 + math.sqrt(1 + 3 * self.rng.random())
        moment = self.now - timedelta(days=self.scale.history_days * (1 - x))
        received = at_office_hours(self.rng, moment.date())
        if received > self.now:
            received = self.now - timedelta(minutes=self.rng.randint(5, 600))
        return received

    def _requester(self) -> tuple[str, Organization | None, Contact]:
        pools: list[tuple[str, float]] = [
            ("member", 24),
            ("territory", 44),
            ("outside", 12),
            ("holder", 11),
            ("individual", 9),
        ]
        kind = pick(self.rng, pools)
        if kind == "individual":
            return kind, None, self.rng.choice(self.individuals)
        org = self.rng.choice(
            {
                "member": self.members_list,
                "territory": self.companies_territory,
                "outside": self.companies_outside,
                "holder": self.project_holders,
            }[kind]
        )
        return kind, org, self.rng.choice(self.contacts_of[id(org)])

    def _subjects_for(self, kind: str) -> list[Subject]:
        count = pick(self.rng, [(1, 60), (2, 30), (3, 10)])
        chosen: list[Subject] = []
        for _ in range(count * 3):
            theme = pick(self.rng, THEME_WEIGHTS[kind])
            subjects = [
                s
                for s in self.subjects_by_theme.get(theme, self.all_subjects)
                if s.name != ADHESION_SUBJECT
            ] or self.all_subjects
            subject = self.rng.choice(subjects)
            if subject not in chosen:
                chosen.append(subject)
            if len(chosen) == count:
                break
        return chosen

    def inquiries(self) -> None:
        rng = self.rng
        specs: list[tuple[datetime, Organization | None, Contact, list[Subject], Plan | None]] = []
        for plan in self.plans:
            received = datetime.combine(plan.start_on, time(10)) - timedelta(
                days=rng.randint(10, 60)
            )
            if (self.now - received).days < self.scale.history_days - 5 and rng.random() < 0.7:
                received = at_office_hours(rng, received.date())
                contacts = self.contacts_of[id(plan.organization)]
                subject = self._subject(ADHESION_SUBJECT)
                specs.append((received, plan.organization, contacts[0], [subject], plan))
        while len(specs) < self.scale.activity(INQUIRY_COUNT):
            kind, org, contact = self._requester()
            specs.append((self._received_at(), org, contact, self._subjects_for(kind), None))
        specs.sort(key=lambda spec: spec[0])
        for received, org, contact, subjects, brought in specs:
            inquiry = self._inquiry(received, org, contact, subjects, brought)
            if brought is not None:
                brought.source = inquiry

    def _reference(self, received: datetime) -> str:
        number = self.last_number.get(received.year, 0) + 1
        self.last_number[received.year] = number
        return f"D-{received.year}-{number:04d}"

    def _inquiry(
        self,
        received: datetime,
        org: Organization | None,
        contact: Contact,
        subjects: list[Subject],
        plan: Plan | None,
    ) -> Inquiry:
        rng = self.rng
        channel = Channel.MEETING if plan is not None else Channel(pick(rng, CHANNEL_WEIGHTS))
        counsellor = rng.choices(self.counsellors, [40, 35, 25][: len(self.counsellors)])[0]
        summaries = SUBJECT_SUMMARIES.get(subjects[0].name, ("Demande d'information.",))
        summary = rng.choice(summaries)
        if plan is not None:
            summary = "Souhaite adhérer au réseau Sotraban après la réunion d'information."
        if channel == Channel.PARTNER:
            partner = rng.choice(list(self.partners_by_key.values()))
            summary = f"Transmis par {partner.legal_name}. {summary}"
        consent = rng.random() < 0.88
        inquiry = Inquiry(
            reference=self._reference(received),
            received_at=received,
            channel=channel,
            organization=org,
            contact=contact,
            counsellor=counsellor,
            summary=summary,
            consent_to_share=consent,
            consent_at=received + timedelta(minutes=rng.randint(1, 20)) if consent else None,
            created_at=received,
        )
        low, high = FIRST_ACTION_MINUTES[channel]
        first_action = office(received + log_minutes(rng, low, high))
        age = (self.now - received).total_seconds() / 86400
        open_probability = next(p for days, p in OPEN_PROBABILITY if age < days)
        is_open = plan is None and (rng.random() < open_probability or first_action >= self.now)
        needs = []
        for position, subject in enumerate(subjects):
            capability = self._need_capability(subject)
            need = Need(
                subject=subject,
                position=position,
                description=self._need_description(subject, capability),
            )
            self.need_capability[id(need)] = capability
            need.inquiry = inquiry
            needs.append(need)
            self.counts["needs"] += 1
        if is_open:
            if first_action >= self.now or age < 3 or (age < 12 and rng.random() < 0.3):
                inquiry.status = InquiryStatus.NEW
            else:
                inquiry.status = InquiryStatus.IN_PROGRESS
                inquiry.first_action_at = first_action
                for need in needs[:-1]:  # some needs already answered, the last one pending
                    if rng.random() < 0.5:
                        self._conclude(need, org, counsellor, first_action, None)
        else:
            inquiry.first_action_at = first_action
            last = first_action
            for need in needs:
                last = max(last, self._conclude(need, org, counsellor, first_action, plan))
            closed = min(office(last + timedelta(minutes=rng.randint(5, 180))), self.now)
            inquiry.status = InquiryStatus.CLOSED
            inquiry.closed_at = closed
        inquiry.updated_at = inquiry.closed_at or inquiry.first_action_at or received
        if contact.last_inbound_at is None or contact.last_inbound_at < received:
            contact.last_inbound_at = received
        self.s.add(inquiry)
        self.inquiry_list.append(inquiry)
        return inquiry

    def _need_capability(self, subject: Subject) -> str | None:
        if subject.name not in CAPABILITY_SUBJECTS:
            return None
        if self.subject_theme.get(subject.name) == HYDROGEN_THEME:
            pool = [c for c in leaf_capabilities("Hydrogène") if c in self.capability_members]
        else:
            pool = sorted(self.capability_members)
        return self.rng.choice(pool) if pool else None

    def _need_description(self, subject: Subject, capability: str | None) -> str:
        rng = self.rng
        templates = SUBJECT_DESCRIPTIONS.get(subject.name) or (
            f"{subject.name} : premier échange.",
        )
        return rng.choice(templates).format(
            capability=phrase(capability or rng.choice(self.leaves)),
            amount=rng.choice((15, 30, 50, 80, 120, 250, 400)),
            surface=rng.choice((150, 300, 500, 800, 1200, 2000, 5000)),
            count=rng.randint(2, 8),
            country=rng.choice(COUNTRIES),
            job=rng.choice(JOBS),
        )

    def _conclude(
        self,
        need: Need,
        org: Organization | None,
        counsellor: Counsellor,
        first_action: datetime,
        plan: Plan | None,
    ) -> datetime:
        """Give a closed inquiry's need its outcome; return when it was reached."""
        rng = self.rng
        theme = self.subject_theme.get(need.subject.name, "")
        weights = OUTCOME_WEIGHTS.get(theme, DEFAULT_OUTCOMES)
        outcome = NeedOutcome.REFERRED if plan else NeedOutcome(pick(rng, weights))
        at = min(office(first_action + timedelta(minutes=rng.randint(0, 40))), self.now)
        if outcome == NeedOutcome.REFERRED:
            sent = self._refer(need, org, counsellor, first_action, plan=plan)
            if sent is None:
                outcome = NeedOutcome.ORIENTED
            else:
                at = sent
        if outcome == NeedOutcome.ORIENTED:
            keys = SUBJECT_PARTNERS.get(need.subject.name) or ("cci",)
            partner = self.partners_by_key[rng.choice(keys)]
            need.orientation_note = f"Coordonnées de {partner.legal_name} transmises ; l'entreprise prend contact directement."
        if outcome == NeedOutcome.INFORMED or (
            outcome == NeedOutcome.REFERRED and rng.random() < 0.2
        ):
            self._inform(need, theme, counsellor, at)
        need.outcome = outcome
        need.outcome_at = at
        return at

    def _inform(self, need: Need, theme: str, counsellor: Counsellor, at: datetime) -> None:
        pool = [
            r
            for r in self.resources_by_theme.get(theme, self.all_resources)
            if r.kind != ResourceKind.MEETING or (self.now - at).days < 30
        ] or [r for r in self.all_resources if r.kind != ResourceKind.MEETING]
        for resource in self.rng.sample(pool, k=min(len(pool), self.rng.randint(1, 2))):
            self.s.add(
                InformationGiven(
                    need=need, resource=resource, given_at=at, counsellor_id=counsellor.id
                )
            )
            self.counts["info"] += 1

"""Demo meetings: a year of information meetings, workshops and breakfasts, with invitations,
registrations, attendance and the inquiries they brought (channel « réunion »).

Among them, an information meeting on the hydrogen industry co-organised with the Sotraban
cluster, for its subcontractors. The stage draws from its own random generator, so the stages
before and after it give the same data as without it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from guichet.models import (
    Channel,
    Contact,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingPartner,
    MeetingSpeaker,
    MeetingStatus,
    Need,
    Organization,
    OrganizationKind,
    Registration,
    RegistrationStatus,
)
from guichet.services.demo.distributions import HYDROGEN_THEME
from guichet.services.demo.helpers import office

if TYPE_CHECKING:
    from guichet.services.demo.generator import DemoBuilder

MEETINGS_SEED = 1107
HYDROGEN_TITLE = "Hydrogène : les marchés de la filière pour les sous-traitants"


@dataclass(frozen=True)
class MeetingSpec:
    title: str
    kind: MeetingKind
    theme: str
    days: int  # from now; negative in the past
    hour: int
    hours: int
    capacity: int | None
    partner: str | None = None


SPECS = (
    MeetingSpec(
        "Petit-déjeuner : financer son développement",
        MeetingKind.BREAKFAST,
        "Financement",
        -320,
        8,
        2,
        30,
        "bpifrance",
    ),
    MeetingSpec(
        "Atelier : recruter et fidéliser ses salariés",
        MeetingKind.WORKSHOP,
        "Recrutement et formation",
        -290,
        14,
        3,
        20,
        "france_travail",
    ),
    MeetingSpec(
        "Réunion d'information : rejoindre le réseau Sotraban",
        MeetingKind.INFORMATION,
        "Sous-traitance et partenaires industriels",
        -250,
        17,
        2,
        50,
        "sotraban",
    ),
    MeetingSpec(
        "Visite collective : la plateforme logistique du port",
        MeetingKind.COLLECTIVE_VISIT,
        "Immobilier et foncier",
        -215,
        9,
        3,
        15,
    ),
    MeetingSpec(
        "Atelier : réussir sa première exportation",
        MeetingKind.WORKSHOP,
        "Export et international",
        -180,
        14,
        3,
        20,
        "tfe",
    ),
    MeetingSpec(
        "Petit-déjeuner : les aides à l'efficacité énergétique",
        MeetingKind.BREAKFAST,
        HYDROGEN_THEME,
        -150,
        8,
        2,
        30,
        "ademe",
    ),
    MeetingSpec(
        "Salon des sous-traitants de l'estuaire",
        MeetingKind.FAIR,
        "Sous-traitance et partenaires industriels",
        -120,
        9,
        8,
        None,
        "sotraban",
    ),
    MeetingSpec(
        "Atelier : protéger ses innovations",
        MeetingKind.WORKSHOP,
        "Innovation et R&D",
        -85,
        14,
        2,
        15,
        "inpi",
    ),
    MeetingSpec(
        "Réunion d'information : transmettre son entreprise",
        MeetingKind.INFORMATION,
        "Création et reprise",
        -55,
        17,
        2,
        40,
        "cma",
    ),
    MeetingSpec(HYDROGEN_TITLE, MeetingKind.INFORMATION, HYDROGEN_THEME, -20, 9, 3, 40, "sotraban"),
    MeetingSpec(
        "Petit-déjeuner : la commande publique",
        MeetingKind.BREAKFAST,
        "Sous-traitance et partenaires industriels",
        9,
        8,
        2,
        12,
        "cci",
    ),
    MeetingSpec(
        "Atelier : décarboner ses procédés",
        MeetingKind.WORKSHOP,
        HYDROGEN_THEME,
        24,
        14,
        3,
        20,
        "ademe",
    ),
    MeetingSpec(
        "Réunion d'information : les aides régionales 2027",
        MeetingKind.INFORMATION,
        "Financement",
        45,
        17,
        2,
        60,
        "region",
    ),
)

HYDROGEN_NEEDS = (
    (
        "Qualification pour la filière hydrogène",
        "Qualifier l'atelier pour les réservoirs haute pression.",
    ),
    ("Projet hydrogène", "Étudier un électrolyseur pour le site ; cherche un accompagnement."),
    ("Qualification pour la filière hydrogène", "Certification soudure pour des pièces H2."),
    ("Projet hydrogène", "Rencontrer les donneurs d'ordre de la filière."),
    ("Décarbonation des procédés", "Remplacer le four gaz ; quelles aides ?"),
)


def add_demo_meetings(builder: DemoBuilder) -> None:
    """Create the demo meetings (called once the organisations and inquiries exist)."""
    saved = builder.rng
    builder.rng = random.Random(MEETINGS_SEED)
    try:
        _MeetingsStage(builder).run()
    finally:
        builder.rng = saved


class _MeetingsStage:
    def __init__(self, builder: DemoBuilder) -> None:
        self.b = builder
        self.rng = builder.rng
        self.s = builder.s
        self.agency = self.s.scalars(
            select(Organization).where(Organization.kind == OrganizationKind.AGENCY)
        ).first()
        self.audience = [
            c
            for c in builder.all_contacts
            if c.organization is not None
            and c.organization.kind in (OrganizationKind.COMPANY, OrganizationKind.MEMBER)
            and c.email
        ]

    def run(self) -> None:
        self.s.flush()
        self._oppositions()
        for number, spec in enumerate(SPECS):
            meeting = self._meeting(spec, cancelled=number == 3)
            if spec.title == HYDROGEN_TITLE:
                self._hydrogen(meeting)
            elif meeting.status != MeetingStatus.CANCELLED:
                people = self.rng.sample(self.audience, min(len(self.audience), 60))
                self._invite_and_register(meeting, people, share=0.35)

    def _oppositions(self) -> None:
        """A few people refused communications (three of them in hydrogen companies); one
        organisation asked not to be contacted."""
        hydrogen = {
            id(o)
            for name, orgs in self.b.capability_members.items()
            if name in _hydrogen_names(self.b)
            for o in orgs
        }
        in_hydrogen = [c for c in self.audience if id(c.organization) in hydrogen]
        opposed = self.rng.sample(in_hydrogen, min(3, len(in_hydrogen)))
        opposed += self.rng.sample(self.audience, min(4, len(self.audience)))
        for contact in opposed:
            contact.opposed_on = self.b.today - timedelta(days=self.rng.randint(30, 400))
        companies = [o for o in self.b.companies_territory if o.contacts]
        if companies:
            self.rng.choice(companies).do_not_contact = True

    def _meeting(self, spec: MeetingSpec, *, cancelled: bool) -> Meeting:
        day = self.b.today + timedelta(days=spec.days)
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        start = datetime.combine(day, time(spec.hour))
        ended = start + timedelta(hours=spec.hours) < self.b.now
        status = MeetingStatus.HELD if ended else MeetingStatus.PLANNED
        meeting = Meeting(
            title=spec.title,
            kind=spec.kind,
            theme_id=self.b.themes[spec.theme].id if spec.theme in self.b.themes else None,
            start_at=start,
            end_at=start + timedelta(hours=spec.hours),
            place_organization=self.agency,
            capacity=spec.capacity,
            counsellor=self.rng.choice(self.b.counsellors),
            status=MeetingStatus.CANCELLED if cancelled else status,
            description=f"{spec.title}. Entrée libre sur inscription.",
        )
        theme_subjects = self.b.subjects_by_theme.get(spec.theme, [])
        meeting.subjects = list(theme_subjects[:2])
        if spec.partner and spec.partner in self.b.partners_by_key:
            partner = self.b.partners_by_key[spec.partner]
            meeting.partners.append(MeetingPartner(organization=partner))
            speakers = self.b.contacts_of.get(id(partner), [])
            if speakers:
                meeting.speakers.append(
                    MeetingSpeaker(
                        name=f"{speakers[0].first_name} {speakers[0].last_name}",
                        contact=speakers[0],
                        organization=partner,
                        topic="Présentation et témoignages",
                    )
                )
        self.s.add(meeting)
        return meeting

    def _invite_and_register(
        self, meeting: Meeting, people: list[Contact], *, share: float
    ) -> list[Registration]:
        sent = (meeting.start_at - timedelta(days=self.rng.randint(20, 35))).date()
        if sent > self.b.today:
            return []
        invited = [c for c in people if c.opposed_on is None and not c.organization.do_not_contact]  # type: ignore[union-attr]
        for contact in invited:
            self.s.add(
                Invitation(meeting=meeting, contact=contact, channel=Channel.EMAIL, sent_on=sent)
            )
        seats = meeting.capacity or len(invited)
        chosen = [c for c in invited if self.rng.random() < share]
        held = meeting.status == MeetingStatus.HELD
        registrations = []
        waiting = 0
        for number, contact in enumerate(chosen):
            at = office(datetime.combine(sent, time(9)) + timedelta(days=self.rng.randint(1, 15)))
            at = min(at, self.b.now - timedelta(hours=1))
            reg = Registration(meeting=meeting, contact=contact, registered_at=at, walk_in=False)
            if number < seats:
                reg.status = RegistrationStatus.REGISTERED
                if held:
                    roll = self.rng.random()
                    reg.status = (
                        RegistrationStatus.PRESENT
                        if roll < 0.78
                        else RegistrationStatus.EXCUSED
                        if roll < 0.9
                        else RegistrationStatus.ABSENT
                    )
                elif self.rng.random() < 0.06:
                    reg.status = RegistrationStatus.CANCELLED
            elif held:
                reg.status = RegistrationStatus.CANCELLED  # waited, never seated
            else:
                waiting += 1
                reg.status, reg.waiting_position = RegistrationStatus.WAITING, waiting
            self.s.add(reg)
            registrations.append(reg)
        if held:  # a walk-in or two
            others = [c for c in self.audience if c not in chosen]
            for contact in self.rng.sample(others, self.rng.randint(0, 2)):
                walk_in = Registration(
                    meeting=meeting,
                    contact=contact,
                    registered_at=meeting.start_at,
                    walk_in=True,
                    status=RegistrationStatus.PRESENT,
                )
                self.s.add(walk_in)
                registrations.append(walk_in)
        return registrations

    def _hydrogen(self, meeting: Meeting) -> None:
        """The cluster's subcontractors with a hydrogen capability (and its children), then
        other members; the needs heard there became inquiries."""
        hydrogen = {
            id(o)
            for name, orgs in self.b.capability_members.items()
            if name in _hydrogen_names(self.b)
            for o in orgs
        }
        first = [c for c in self.audience if id(c.organization) in hydrogen]
        members = [
            c
            for c in self.audience
            if c.organization.kind == OrganizationKind.MEMBER  # type: ignore[union-attr]
        ]
        people = list(dict.fromkeys(first + self.rng.sample(members, min(len(members), 40))))
        registrations = self._invite_and_register(meeting, people, share=0.6)
        present = [r for r in registrations if r.status == RegistrationStatus.PRESENT]
        self.s.flush()
        for (subject_name, text), reg in zip(HYDROGEN_NEEDS, present, strict=False):
            self._inquiry(meeting, reg.contact, subject_name, text)
        self._renumber(meeting.start_at.year)

    def _renumber(self, year: int) -> None:
        """References follow the order of arrival within a year: the demo's inquiries of
        ``year`` share out the same references again, by date."""
        self.s.flush()
        ours = [i for i in self.b.inquiry_list if i.received_at.year == year]
        references = sorted(i.reference for i in ours)
        for inquiry in ours:
            inquiry.reference = f"tmp-{inquiry.id}"
        self.s.flush()
        for inquiry, reference in zip(
            sorted(ours, key=lambda i: (i.received_at, i.id)), references, strict=True
        ):
            inquiry.reference = reference

    def _inquiry(self, meeting: Meeting, contact: Contact, subject_name: str, text: str) -> None:
        subject = self.b.subjects.get(subject_name)
        if subject is None:
            return
        received = meeting.end_at - timedelta(minutes=self.rng.randint(5, 40))
        inquiry = self.b._inquiry(received, contact.organization, contact, [subject], None)
        inquiry.channel = Channel.MEETING
        inquiry.meeting_id = meeting.id
        inquiry.summary = f"Besoin exprimé à la réunion « {meeting.title} »."
        need: Need = inquiry.needs[0]
        need.description = text


def _hydrogen_names(builder: DemoBuilder) -> set[str]:
    from guichet.services.seed_data import leaf_capabilities

    return {"Hydrogène", *leaf_capabilities("Hydrogène")}

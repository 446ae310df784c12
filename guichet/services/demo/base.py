"""The demo builder's state: the catalogue it reads, people, places, phone numbers, SIRETs.

Every stage of the generation (:mod:`.organizations`, :mod:`.inquiries`, :mod:`.referrals`)
is a subclass of :class:`BuilderBase` and draws from its one random generator, in the order
:func:`guichet.services.demo.generate_demo` calls them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.models import (
    Capability,
    Certification,
    Contact,
    Counsellor,
    Inquiry,
    LegalBasis,
    Organization,
    OrganizationKind,
    Resource,
    Sector,
    Subject,
    Theme,
)
from guichet.reference.communes import commune, territory_insee_codes
from guichet.reference.identifiers import generate_siret
from guichet.reference.text import fold
from guichet.services.demo.helpers import (
    DEMO_EMAIL_SUFFIX,
    Person,
    Place,
    Plan,
    gendered,
    office,
    pick,
    random_days,
    slugify,
)
from guichet.services.demo.names import (
    FEMALE_FIRST_NAMES,
    LAST_NAMES,
    MALE_FIRST_NAMES,
    OTHER_TOWNS,
    STREET_KINDS,
    STREET_NAMES,
    TERRITORY_WEIGHTS,
)
from guichet.services.demo.scale import DemoScale
from guichet.services.seed import seed_reference
from guichet.services.seed_data import leaf_capabilities


class BuilderBase:
    """State shared by the stages of the demo generation."""

    def __init__(
        self, session: Session, rng: random.Random, now: datetime, scale: DemoScale | None = None
    ) -> None:
        self.s = session
        self.rng = rng
        self.now = now
        self.today = now.date()
        self.scale = scale or DemoScale()
        self.reference_rows = 0
        self.counsellors: list[Counsellor] = []
        self.partners_by_key: dict[str, Organization] = {}
        self.members_list: list[Organization] = []
        self.plans: list[Plan] = []
        self.membership_count = 0
        self.companies_territory: list[Organization] = []
        self.companies_outside: list[Organization] = []
        self.project_holders: list[Organization] = []
        self.individuals: list[Contact] = []
        self.contacts_of: dict[int, list[Contact]] = {}
        self.all_contacts: list[Contact] = []
        self.capability_members: dict[str, list[Organization]] = {}
        self.resources_by_theme: dict[str, list[Resource]] = {}
        self.all_resources: list[Resource] = []
        self.inquiry_list: list[Inquiry] = []
        self.need_capability: dict[int, str | None] = {}
        self.counts = {"needs": 0, "referrals": 0, "events": 0, "info": 0, "rules": 0}
        self._names: set[str] = set()
        self._phones: set[str] = set()

    # -- catalogue ---------------------------------------------------------------------------

    def reference(self) -> None:
        s = self.s
        self.reference_rows = seed_reference(s).total
        themes = {t.id: t.name for t in s.scalars(select(Theme).order_by(Theme.position))}
        self.subjects: dict[str, Subject] = {}
        self.subjects_by_theme: dict[str, list[Subject]] = {}
        for subject in s.scalars(select(Subject).order_by(Subject.theme_id, Subject.position)):
            self.subjects.setdefault(subject.name, subject)
            theme = themes.get(subject.theme_id, "")
            self.subjects_by_theme.setdefault(theme, []).append(subject)
        self.subject_theme = {
            sub.name: th for th, subs in self.subjects_by_theme.items() for sub in subs
        }
        self.all_subjects = [sub for subs in self.subjects_by_theme.values() for sub in subs]
        self.themes = {theme.name: theme for theme in s.scalars(select(Theme))}
        capabilities = list(s.scalars(select(Capability).order_by(Capability.id)))
        parents = {c.parent_id for c in capabilities}
        self.capabilities = {c.name: c for c in capabilities}
        self.leaves = [c.name for c in capabilities if c.id not in parents]
        self.certifications = {c.name: c for c in s.scalars(select(Certification))}
        self.sectors = {c.name: c for c in s.scalars(select(Sector))}
        self.used_sirets = set(
            s.scalars(select(Organization.siret).where(Organization.siret.is_not(None)))
        )
        self.last_number: dict[int, int] = {}
        for reference in s.scalars(select(Inquiry.reference)):
            match = re.fullmatch(r"D-(\d{4})-(\d+)", reference or "")
            if match:
                year = int(match[1])
                self.last_number[year] = max(self.last_number.get(year, 0), int(match[2]))
        self.existing_counsellors = {c.initials: c for c in s.scalars(select(Counsellor))}
        self.existing_agency = s.scalars(
            select(Organization).where(Organization.kind == OrganizationKind.AGENCY)
        ).first()

    def _subject(self, name: str) -> Subject:
        return self.subjects.get(name) or self.rng.choice(self.all_subjects)

    def _leaves_under(self, roots: Sequence[str]) -> list[str]:
        names = [leaf for root in roots for leaf in leaf_capabilities(root)]
        return [n for n in dict.fromkeys(names) if n in self.capabilities] or self.leaves

    # -- people, places, numbers -------------------------------------------------------------

    def _person(self) -> Person:
        female = self.rng.random() < 0.45
        first = self.rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
        return Person("Mme" if female else "M.", first, self.rng.choice(LAST_NAMES), female)

    def _phone(self) -> str:
        blocks = self.scale.phone_blocks
        while True:
            block = blocks[0] if len(blocks) == 1 else self.rng.choice(blocks)
            number = f"{block}{self.rng.randrange(100, 10000):04d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def _siret(self) -> str:
        while True:
            siret = generate_siret(self.rng)
            if siret not in self.used_sirets:
                self.used_sirets.add(siret)
                return siret

    def _unique_name(self, make: Callable[[], str]) -> str:
        tries = 200 if self.scale.factor == 1 else 20
        for _ in range(tries):
            name = make()
            if fold(name) not in self._names:
                self._names.add(fold(name))
                return name
        if self.scale.factor == 1:
            raise RuntimeError("demo: could not find a unique name")  # pragma: no cover
        # A large demo exhausts the name patterns: namesakes get a number, as homonyms do.
        for number in range(2, 10_000):
            numbered = f"{name} {number}"
            if fold(numbered) not in self._names:
                self._names.add(fold(numbered))
                return numbered
        raise RuntimeError("demo: could not find a unique name")  # pragma: no cover

    def _territory_place(self) -> Place:
        codes = sorted(territory_insee_codes())
        weights = [TERRITORY_WEIGHTS.get(code, 1.0) for code in codes]
        return self._place(self.rng.choices(codes, weights)[0])

    def _place(self, insee: str) -> Place:
        found = commune(insee)
        if found is None:
            postal, city = OTHER_TOWNS[insee]
            return Place(insee, postal, city)
        return Place(found.insee, self.rng.choice(found.postal_codes), found.name)

    def _street(self) -> str:
        number = self.rng.randint(1, 140)
        suffix = " bis" if self.rng.random() < 0.06 else ""
        kind = pick(self.rng, STREET_KINDS)
        return f"{number}{suffix} {kind} {self.rng.choice(STREET_NAMES)}"

    def _organization(
        self, kind: OrganizationKind, name: str, place: Place, *, with_siret: bool = True
    ) -> Organization:
        slug = slugify(name.split(" — ")[0])
        siret = self._siret() if with_siret else None
        org = Organization(
            kind=kind,
            legal_name=name,
            siret=siret,
            siren=siret[:9] if siret else None,
            address_street=self._street(),
            postal_code=place.postal_code,
            city=place.city,
            commune_insee=place.insee,
            country="France",
            phone=self._phone(),
            email=f"contact@{slug}{DEMO_EMAIL_SUFFIX}",
            website=f"https://www.{slug}{DEMO_EMAIL_SUFFIX}",
        )
        self.s.add(org)
        return org

    def _contact(
        self,
        org: Organization | None,
        role: str | None,
        person: Person | None = None,
        domain: str | None = None,
    ) -> Contact:
        who = person or self._person()
        local = f"{slugify(who.first_name)}.{slugify(who.last_name)}"
        if domain is None and org is not None and org.email:
            domain = org.email.split("@", 1)[1]
        contact = Contact(
            organization=org,
            civility=who.civility,
            first_name=who.first_name,
            last_name=who.last_name,
            role=gendered(role, who.female) if role else None,
            phone=self._phone(),
            email=f"{local}@{domain or 'messagerie' + DEMO_EMAIL_SUFFIX}",
            legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        )
        if self.rng.random() < 0.03:  # a few long-silent contacts, for the retention purge
            contact.last_inbound_at = office(self.now - random_days(self.rng, 1100, 1400))
        elif self.rng.random() < 0.7:
            contact.last_inbound_at = office(self.now - random_days(self.rng, 30, 900))
        self.s.add(contact)
        self.all_contacts.append(contact)
        if org is not None:
            self.contacts_of.setdefault(id(org), []).append(contact)
        return contact

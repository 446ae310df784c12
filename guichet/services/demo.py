"""A realistic, clearly fictional dataset to discover the app and to demonstrate it.

Everything is drawn from one ``random.Random(seed)``: the same seed gives the same companies,
people and dates (relative to ``now``). Company and people names are made up by combining
common French names with activity words; partner institutions carry their real names but every
contact, address, phone number and e-mail address is invented. E-mail and web domains end in
``.example`` (reserved, RFC 2606), phone numbers are in the 02 61 91 xx xx block that the ARCEP
reserves for fiction, and links point to ``https://exemple.fr/…``.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.models import (
    Capability,
    Certification,
    Channel,
    Contact,
    Counsellor,
    InformationGiven,
    Inquiry,
    InquiryStatus,
    LegalBasis,
    Membership,
    MembershipStatus,
    Need,
    NeedOutcome,
    Organization,
    OrganizationKind,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Resource,
    ResourceKind,
    RoutingRule,
    Sector,
    Subject,
    Theme,
)
from guichet.reference.communes import commune, territory_insee_codes
from guichet.reference.identifiers import generate_siret
from guichet.reference.naf import NAF_VERSION
from guichet.reference.text import fold
from guichet.services import seed_data as vocab
from guichet.services.seed import seed_reference
from guichet.services.seed_data import leaf_capabilities

DEMO_SEED = 2026
#: Domains of every demo e-mail address and website end with this reserved suffix.
DEMO_EMAIL_SUFFIX = ".example"

FOLLOW_UP_DAYS, LAST_CHANCE_DAYS, EXPIRY_DAYS = 9, 21, 45
HISTORY_DAYS = 548  # about 18 months of inquiries
#: Chance that an inquiry is still open, by age in days (up to the first bound that exceeds it).
OPEN_PROBABILITY = ((4, 1.0), (14, 0.5), (60, 0.2), (200, 0.3), (math.inf, 0.06))

T = TypeVar("T")


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate_demo` created."""

    reference_rows: int
    counsellors: int
    members: int
    partners: int
    companies: int
    contacts: int
    memberships: int
    inquiries: int
    needs: int
    referrals: int
    referral_events: int
    information_given: int
    resources: int
    routing_rules: int


def is_empty(db: Database) -> bool:
    """True when the database holds no organization and no inquiry (a fresh install)."""
    with db.unit_of_work() as session:
        orgs = session.scalar(select(func.count()).select_from(Organization))
        inquiries = session.scalar(select(func.count()).select_from(Inquiry))
    return not orgs and not inquiries


def generate_demo(
    db: Database,
    *,
    seed: int = DEMO_SEED,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill the database with the demo dataset in one transaction and return the counts.

    Works on an empty database; on a non-empty one the demo is added beside the existing rows
    (existing counsellors with the same initials and an existing agency are reused, SIRETs and
    inquiry references never collide).

    Args:
        db: the database.
        seed: the seed of the random generator; the same seed gives the same data.
        now: the moment the dataset is built around (inquiries are in the 18 months before it,
            meetings in the two months after); the current time by default.
        progress: called as ``progress(done, total)`` after each step.
    """
    moment = (now or datetime.now()).replace(second=0, microsecond=0)
    steps = 7

    def report(done: int) -> None:
        if progress is not None:
            progress(done, steps)

    with db.unit_of_work() as session:
        builder = _Builder(session, random.Random(seed), moment)
        report(0)
        builder.reference()
        builder.agency_and_counsellors()
        report(1)
        builder.partners()
        report(2)
        builder.members()
        report(3)
        builder.companies()
        builder.resources()
        report(4)
        builder.inquiries()
        report(5)
        session.flush()
        builder.memberships()
        builder.routing_rules()
        report(6)
        summary = builder.summary()
    report(steps)
    return summary


# --------------------------------------------------------------------------------------------
# Small helpers


def _pick(rng: random.Random, weighted: Sequence[tuple[T, float]]) -> T:
    return rng.choices([item for item, _ in weighted], [w for _, w in weighted])[0]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _gendered(role: str, female: bool) -> str:
    """``"Chargé(e)"`` → Chargée / Chargé, ``"Conseiller(ère)"``, ``"Directeur(rice)"``."""

    def repl(match: re.Match[str]) -> str:
        word, suffix = match.group(1), match.group(2)
        if not female:
            return word
        if suffix == "ère":
            return word[:-2] + "ère"
        if suffix == "rice":
            return word[:-3] + "rice"
        return word + suffix

    return re.sub(r"(\w+)\((\w+)\)", repl, role)


def _log_minutes(rng: random.Random, low: float, high: float) -> timedelta:
    """A whole number of minutes between ``low`` and ``high``, short delays more likely."""
    return timedelta(minutes=round(math.exp(rng.uniform(math.log(low), math.log(high)))))


def _days(rng: random.Random, low: float, high: float) -> timedelta:
    """A whole number of minutes between ``low`` and ``high`` days."""
    return timedelta(minutes=rng.randint(round(low * 1440), round(high * 1440)))


def _office(moment: datetime) -> datetime:
    """``moment``, or the next opening of the offices when it falls at night or on a weekend."""
    day, clock = moment.date(), moment.time()
    opening = time(8, 30 + moment.minute % 30)
    if clock >= time(18, 30):
        day, clock = day + timedelta(days=1), opening
    elif clock < time(8, 30):
        clock = opening
    while day.weekday() >= 5:
        day, clock = day + timedelta(days=1), opening
    return datetime.combine(day, clock)


def _at_office_hours(rng: random.Random, day: date) -> datetime:
    if day.weekday() == 5:
        day -= timedelta(days=1)
    elif day.weekday() == 6:
        day += timedelta(days=1)
    minutes = rng.randint(8 * 60 + 30, 17 * 60 + 45)
    return datetime.combine(day, time(minutes // 60, minutes % 60))


def _phrase(capability: str) -> str:
    """A capability name as it reads inside a sentence (« soudure TIG », « tournage CN »)."""
    if capability in ("TIG", "MIG/MAG"):
        return f"soudure {capability}"
    if len(capability) > 1 and capability[1].isupper():
        return capability
    return capability[0].lower() + capability[1:]


@dataclass
class _Place:
    insee: str
    postal_code: str
    city: str


@dataclass
class _Person:
    civility: str
    first_name: str
    last_name: str
    female: bool


@dataclass
class _Plan:
    """A member's membership, decided before inquiries (which may have brought it in)."""

    organization: Organization
    start_on: date
    end_on: date | None
    source: Inquiry | None = None


# --------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, session: Session, rng: random.Random, now: datetime) -> None:
        self.s = session
        self.rng = rng
        self.now = now
        self.today = now.date()
        self.reference_rows = 0
        self.counsellors: list[Counsellor] = []
        self.partners_by_key: dict[str, Organization] = {}
        self.members_list: list[Organization] = []
        self.plans: list[_Plan] = []
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

    def _person(self) -> _Person:
        female = self.rng.random() < 0.45
        first = self.rng.choice(vocab.FEMALE_FIRST_NAMES if female else vocab.MALE_FIRST_NAMES)
        return _Person("Mme" if female else "M.", first, self.rng.choice(vocab.LAST_NAMES), female)

    def _phone(self) -> str:
        while True:
            number = f"+3326191{self.rng.randrange(100, 10000):04d}"
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
        for _ in range(200):
            name = make()
            if fold(name) not in self._names:
                self._names.add(fold(name))
                return name
        raise RuntimeError("demo: could not find a unique name")  # pragma: no cover

    def _territory_place(self) -> _Place:
        codes = sorted(territory_insee_codes())
        weights = [vocab.TERRITORY_WEIGHTS.get(code, 1.0) for code in codes]
        return self._place(self.rng.choices(codes, weights)[0])

    def _place(self, insee: str) -> _Place:
        found = commune(insee)
        if found is None:
            postal, city = vocab.OTHER_TOWNS[insee]
            return _Place(insee, postal, city)
        return _Place(found.insee, self.rng.choice(found.postal_codes), found.name)

    def _street(self) -> str:
        number = self.rng.randint(1, 140)
        suffix = " bis" if self.rng.random() < 0.06 else ""
        kind = _pick(self.rng, vocab.STREET_KINDS)
        return f"{number}{suffix} {kind} {self.rng.choice(vocab.STREET_NAMES)}"

    def _organization(
        self, kind: OrganizationKind, name: str, place: _Place, *, with_siret: bool = True
    ) -> Organization:
        slug = _slug(name.split(" — ")[0])
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
        person: _Person | None = None,
        domain: str | None = None,
    ) -> Contact:
        who = person or self._person()
        local = f"{_slug(who.first_name)}.{_slug(who.last_name)}"
        if domain is None and org is not None and org.email:
            domain = org.email.split("@", 1)[1]
        contact = Contact(
            organization=org,
            civility=who.civility,
            first_name=who.first_name,
            last_name=who.last_name,
            role=_gendered(role, who.female) if role else None,
            phone=self._phone(),
            email=f"{local}@{domain or 'messagerie' + DEMO_EMAIL_SUFFIX}",
            legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        )
        if self.rng.random() < 0.03:  # a few long-silent contacts, for the retention purge
            contact.last_inbound_at = _office(self.now - _days(self.rng, 1100, 1400))
        elif self.rng.random() < 0.7:
            contact.last_inbound_at = _office(self.now - _days(self.rng, 30, 900))
        self.s.add(contact)
        self.all_contacts.append(contact)
        if org is not None:
            self.contacts_of.setdefault(id(org), []).append(contact)
        return contact

    # -- organizations -----------------------------------------------------------------------

    def agency_and_counsellors(self) -> None:
        if self.existing_agency is None:
            place = self._place("76384")
            agency = self._organization(
                OrganizationKind.AGENCY, vocab.AGENCY_NAME, place, with_siret=False
            )
            agency.address_building = "Maison de l'entreprise"
            agency.address_street = "12 rue des Entrepreneurs"
            agency.email = f"contact@caux-seine-developpement{DEMO_EMAIL_SUFFIX}"
            agency.website = f"https://www.caux-seine-developpement{DEMO_EMAIL_SUFFIX}"
            agency.description = (
                "Agence de développement économique de Caux Seine Agglo (démonstration)."
            )
        for index, (first, last) in enumerate(vocab.COUNSELLORS):
            initials = f"{first[0]}{last[0]}"
            existing = self.existing_counsellors.get(initials)
            if existing is not None:
                self.counsellors.append(existing)
                continue
            phone = f"+332619100{index + 1:02d}"
            self._phones.add(phone)
            title = "Conseillère entreprises"
            counsellor = Counsellor(
                name=f"{first} {last}",
                initials=initials,
                title=title,
                email=f"{_slug(first)}.{_slug(last)}@caux-seine-developpement{DEMO_EMAIL_SUFFIX}",
                phone=phone,
                signature=f"{first} {last}\n{title}\n{vocab.AGENCY_NAME}\n02 61 91 00 {index + 1:02d}",
                active=True,
            )
            self.s.add(counsellor)
            self.counsellors.append(counsellor)
        self.s.flush()  # counsellor ids, for the rows that only hold the foreign key

    def partners(self) -> None:
        for spec in vocab.PARTNERS:
            place = self._place(spec.insee)
            org = self._organization(OrganizationKind.PARTNER, spec.name, place)
            org.legal_form, org.naf_code, org.naf_version = spec.legal_form, spec.naf, NAF_VERSION
            org.description = spec.description
            org.verified_on = self.today - timedelta(days=self.rng.randint(10, 400))
            self._names.add(fold(spec.name))
            for role in self.rng.sample(spec.roles, k=min(len(spec.roles), self.rng.randint(1, 3))):
                self._contact(org, role)
            self.partners_by_key[spec.key] = org

    def members(self) -> None:
        rng = self.rng
        families = [f for f in vocab.MEMBER_FAMILIES for _ in range(f.count)]
        eligible = [i for i, f in enumerate(families) if f.hydrogen and f.key != "hydrogene"]
        hydrogen = {i for i, f in enumerate(families) if f.key == "hydrogene"}
        hydrogen |= set(rng.sample(eligible, k=min(len(eligible), 20 - len(hydrogen))))
        do_not_refer = set(rng.sample(range(len(families)), k=4))
        for index, family in enumerate(families):
            name = self._unique_name(partial(self._member_name, family))
            org = self._organization(OrganizationKind.MEMBER, name, self._territory_place())
            org.naf_code, org.naf_version = rng.choice(family.naf), NAF_VERSION
            org.legal_form = _pick(rng, vocab.MEMBER_LEGAL_FORMS)
            org.headcount_band = _pick(rng, vocab.MEMBER_HEADCOUNTS)
            if rng.random() < 0.65:
                org.address_building = rng.choice(vocab.ZONES)
            pool = self._leaves_under(family.roots)
            caps = rng.sample(pool, k=min(len(pool), rng.randint(2, 4)))
            sectors = self._member_sectors(family, index in hydrogen)
            if index in hydrogen:
                extra = [c for c in family.hydrogen if c in self.capabilities and c not in caps]
                caps += rng.sample(extra, k=min(len(extra), 1 if family.key != "hydrogene" else 2))
            caps = caps[:5]
            org.capabilities = [self.capabilities[c] for c in caps]
            org.sectors = [self.sectors[name] for name in sectors if name in self.sectors]
            org.certifications = [
                self.certifications[c]
                for c in self._member_certifications(family, sectors)
                if c in self.certifications
            ]
            founded = rng.randint(1962, 2019)
            org.description = (
                f"{name} est spécialisée dans {family.activity} depuis {founded}. "
                f"Savoir-faire : {', '.join(_phrase(c) for c in caps[:-1])} et {_phrase(caps[-1])}."
            )
            age_days = rng.randint(0, 730) if rng.random() < 0.75 else rng.randint(366, 730)
            org.verified_on = self.today - timedelta(days=age_days)
            if index in do_not_refer:
                org.do_not_refer = True
                org.do_not_refer_reason = rng.choice(vocab.DO_NOT_REFER_REASONS)
            roles = [rng.choice(vocab.MEMBER_HEAD_ROLES), *rng.sample(vocab.MEMBER_ROLES, k=2)]
            for role in roles[: rng.randint(1, 3)]:
                self._contact(org, role)
            for cap in caps:
                if not org.do_not_refer:
                    self.capability_members.setdefault(cap, []).append(org)
            self.members_list.append(org)
            self.plans.append(self._membership_plan(org))

    def _member_name(self, family: vocab.Family) -> str:
        rng = self.rng
        word, last = rng.choice(family.words), rng.choice(vocab.LAST_NAMES)
        pattern = _pick(rng, vocab.MEMBER_NAME_PATTERNS)
        acronym = "".join(rng.choice("BCDGLMPRST") for _ in range(3))
        return pattern.format(
            word=word,
            last=last,
            place=rng.choice(vocab.PLACE_WORDS),
            region=rng.choice(vocab.REGION_WORDS),
            acronym=acronym,
        )

    def _member_sectors(self, family: vocab.Family, hydrogen: bool) -> list[str]:
        pool = list(family.sectors)
        count = self.rng.randint(1, 3)
        chosen = ["Hydrogène"] if hydrogen else []
        chosen += [s for s in self.rng.sample(pool, k=min(len(pool), count)) if s not in chosen]
        return chosen[:3]

    def _member_certifications(self, family: vocab.Family, sectors: list[str]) -> list[str]:
        rng = self.rng
        chosen = []
        if rng.random() < 0.6:
            chosen.append("ISO 9001")
        for condition, cert, p in (
            ("Aéronautique" in sectors, "EN 9100", 0.7),
            ("Nucléaire" in sectors, "CEFRI", 0.5),
            ("Automobile" in sectors, "IATF 16949", 0.5),
            ("Pétrochimie" in sectors, "MASE", 0.6),
            (family.key in ("soudure", "chaudronnerie"), "ISO 3834", 0.4),
            (family.key in ("maintenance", "automatisme"), "ATEX", 0.4),
            (True, "ISO 14001", 0.15),
            (True, "ISO 45001", 0.08),
        ):
            if condition and rng.random() < p:
                chosen.append(cert)
        return chosen[:3]

    def _membership_plan(self, org: Organization) -> _Plan:
        rng = self.rng
        start = self.today - timedelta(days=rng.randint(15, 6 * 365))
        end = None
        if (self.today - start).days > 800 and rng.random() < 0.14:
            end = start + timedelta(days=rng.randint(365, (self.today - start).days - 30))
        return _Plan(org, start, end)

    def companies(self) -> None:
        rng = self.rng
        for index in range(vocab.COMPANY_COUNT):
            if index < vocab.PROJECT_HOLDER_COUNT:
                self._project_holder()
                continue
            outside = index < vocab.PROJECT_HOLDER_COUNT + vocab.OUTSIDE_COMPANY_COUNT
            activity = rng.choice(vocab.COMPANY_ACTIVITIES)
            name = self._unique_name(partial(self._company_name, activity))
            place = (
                self._place(rng.choice(vocab.OUTSIDE_TOWNS)) if outside else self._territory_place()
            )
            org = self._organization(OrganizationKind.COMPANY, name, place)
            org.naf_code, org.naf_version = activity.naf, NAF_VERSION
            org.legal_form = _pick(rng, vocab.COMPANY_LEGAL_FORMS)
            org.headcount_band = _pick(rng, activity.headcounts)
            org.description = f"Entreprise de {activity.label}."
            org.verified_on = self.today - timedelta(days=rng.randint(0, 700))
            if rng.random() < 0.3:
                org.address_building = rng.choice(vocab.ZONES)
            roles = [rng.choice(vocab.MEMBER_HEAD_ROLES), *rng.sample(vocab.MEMBER_ROLES, k=1)]
            for role in roles[: rng.randint(1, 2)]:
                self._contact(org, role)
            (self.companies_outside if outside else self.companies_territory).append(org)
        for _ in range(vocab.INDIVIDUAL_COUNT):
            self.individuals.append(self._contact(None, None))

    def _company_name(self, activity: vocab.Activity) -> str:
        rng = self.rng
        pattern = rng.choice(("{word} {last}", "{last} {word}", "{word} {place}", "{word} {last}"))
        return pattern.format(
            word=activity.word,
            last=rng.choice(vocab.LAST_NAMES),
            place=rng.choice(vocab.PLACE_WORDS),
        )

    def _project_holder(self) -> None:
        person = self._person()
        kind = "création" if self.rng.random() < 0.7 else "reprise"
        name = f"Projet de {kind} — {person.civility} {person.last_name}"
        if fold(name) in self._names:
            name = f"Projet de {kind} — {person.civility} {person.first_name} {person.last_name}"
        self._names.add(fold(name))
        org = self._organization(
            OrganizationKind.COMPANY, name, self._territory_place(), with_siret=False
        )
        org.email = org.website = None
        org.address_street = None
        org.description = f"Porteur de projet ({kind} d'entreprise), sans SIRET à ce jour."
        self._contact(org, "Porteur(e) de projet", person, domain=f"messagerie{DEMO_EMAIL_SUFFIX}")
        self.project_holders.append(org)

    # -- library and routing -----------------------------------------------------------------

    def resources(self) -> None:
        for spec in vocab.RESOURCES:
            theme = self.themes.get(spec.theme)
            resource = Resource(
                title=spec.title,
                kind=ResourceKind(spec.kind),
                theme_id=theme.id if theme is not None else None,
                description=spec.description,
                url=f"https://exemple.fr/{spec.path}" if spec.path else None,
                active=True,
            )
            if resource.kind == ResourceKind.MEETING:
                day = self.today + timedelta(days=self.rng.randint(6, 60))
                resource.event_at = _at_office_hours(self.rng, day).replace(minute=0)
            elif resource.kind == ResourceKind.AID_SCHEME:
                resource.valid_until = date(self.today.year + 1, 12, 31)
            self.s.add(resource)
            self.all_resources.append(resource)
            self.resources_by_theme.setdefault(spec.theme, []).append(resource)

    def routing_rules(self) -> None:
        territory = "|".join(sorted(territory_insee_codes()))
        for subject_name, keys in vocab.SUBJECT_PARTNERS.items():
            if self.subject_theme.get(subject_name) not in vocab.ROUTED_THEMES:
                continue
            subject = self.subjects.get(subject_name)
            if subject is None:
                continue
            for position, key in enumerate(keys[:2]):
                partner = self.partners_by_key[key]
                contacts = self.contacts_of.get(id(partner), [])
                rule = RoutingRule(
                    subject_id=subject.id,
                    partner_id=partner.id,
                    contact_id=contacts[0].id if contacts else None,
                    position=position,
                )
                if key == "initiative":
                    rule.communes = territory
                    rule.note = "Porteurs de projet du territoire de Caux Seine Agglo."
                self.s.add(rule)
                self.counts["rules"] += 1

    # -- inquiries ---------------------------------------------------------------------------

    def _received_at(self) -> datetime:
        # Activity grows since the partnership: density rises linearly (1 → 2) over the period.
        x = -1 + math.sqrt(1 + 3 * self.rng.random())
        moment = self.now - timedelta(days=HISTORY_DAYS * (1 - x))
        received = _at_office_hours(self.rng, moment.date())
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
        kind = _pick(self.rng, pools)
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
        count = _pick(self.rng, [(1, 60), (2, 30), (3, 10)])
        chosen: list[Subject] = []
        for _ in range(count * 3):
            theme = _pick(self.rng, vocab.THEME_WEIGHTS[kind])
            subjects = [
                s
                for s in self.subjects_by_theme.get(theme, self.all_subjects)
                if s.name != vocab.ADHESION_SUBJECT
            ] or self.all_subjects
            subject = self.rng.choice(subjects)
            if subject not in chosen:
                chosen.append(subject)
            if len(chosen) == count:
                break
        return chosen

    def inquiries(self) -> None:
        rng = self.rng
        specs: list[tuple[datetime, Organization | None, Contact, list[Subject], _Plan | None]] = []
        for plan in self.plans:
            received = datetime.combine(plan.start_on, time(10)) - timedelta(
                days=rng.randint(10, 60)
            )
            if (self.now - received).days < HISTORY_DAYS - 5 and rng.random() < 0.7:
                received = _at_office_hours(rng, received.date())
                contacts = self.contacts_of[id(plan.organization)]
                subject = self._subject(vocab.ADHESION_SUBJECT)
                specs.append((received, plan.organization, contacts[0], [subject], plan))
        while len(specs) < vocab.INQUIRY_COUNT:
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
        plan: _Plan | None,
    ) -> Inquiry:
        rng = self.rng
        channel = (
            Channel.MEETING if plan is not None else Channel(_pick(rng, vocab.CHANNEL_WEIGHTS))
        )
        counsellor = rng.choices(self.counsellors, [40, 35, 25][: len(self.counsellors)])[0]
        summaries = vocab.SUBJECT_SUMMARIES.get(subjects[0].name, ("Demande d'information.",))
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
        low, high = vocab.FIRST_ACTION_MINUTES[channel]
        first_action = _office(received + _log_minutes(rng, low, high))
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
                if rng.random() < 0.4:
                    self._refer(needs[-1], org, counsellor, first_action, proposed_only=True)
        else:
            inquiry.first_action_at = first_action
            last = first_action
            for need in needs:
                last = max(last, self._conclude(need, org, counsellor, first_action, plan))
            closed = min(_office(last + timedelta(minutes=rng.randint(5, 180))), self.now)
            inquiry.status = InquiryStatus.CLOSED
            inquiry.closed_at = closed
        inquiry.updated_at = inquiry.closed_at or inquiry.first_action_at or received
        if contact.last_inbound_at is None or contact.last_inbound_at < received:
            contact.last_inbound_at = received
        self.s.add(inquiry)
        self.inquiry_list.append(inquiry)
        return inquiry

    def _need_capability(self, subject: Subject) -> str | None:
        if subject.name not in vocab.CAPABILITY_SUBJECTS:
            return None
        if self.subject_theme.get(subject.name) == vocab.HYDROGEN_THEME:
            pool = [c for c in leaf_capabilities("Hydrogène") if c in self.capability_members]
        else:
            pool = sorted(self.capability_members)
        return self.rng.choice(pool) if pool else None

    def _need_description(self, subject: Subject, capability: str | None) -> str:
        rng = self.rng
        templates = vocab.SUBJECT_DESCRIPTIONS.get(subject.name) or (
            f"{subject.name} : premier échange.",
        )
        return rng.choice(templates).format(
            capability=_phrase(capability or rng.choice(self.leaves)),
            amount=rng.choice((15, 30, 50, 80, 120, 250, 400)),
            surface=rng.choice((150, 300, 500, 800, 1200, 2000, 5000)),
            count=rng.randint(2, 8),
            country=rng.choice(vocab.COUNTRIES),
            job=rng.choice(vocab.JOBS),
        )

    def _conclude(
        self,
        need: Need,
        org: Organization | None,
        counsellor: Counsellor,
        first_action: datetime,
        plan: _Plan | None,
    ) -> datetime:
        """Give a closed inquiry's need its outcome; return when it was reached."""
        rng = self.rng
        theme = self.subject_theme.get(need.subject.name, "")
        weights = vocab.OUTCOME_WEIGHTS.get(theme, vocab.DEFAULT_OUTCOMES)
        outcome = NeedOutcome.REFERRED if plan else NeedOutcome(_pick(rng, weights))
        at = min(_office(first_action + timedelta(minutes=rng.randint(0, 40))), self.now)
        if outcome == NeedOutcome.REFERRED:
            sent = self._refer(need, org, counsellor, first_action, plan=plan)
            if sent is None:
                outcome = NeedOutcome.ORIENTED
            else:
                at = sent
        if outcome == NeedOutcome.ORIENTED:
            keys = vocab.SUBJECT_PARTNERS.get(need.subject.name) or ("cci",)
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

    def _targets(self, need: Need, org: Organization | None) -> tuple[list[Organization], str]:
        """Who to refer the need to, and why."""
        rng = self.rng
        capability = self.need_capability.get(id(need))
        if need.subject.name not in vocab.MEMBER_SUBJECTS:
            capability = None
        keys = vocab.SUBJECT_PARTNERS.get(need.subject.name, ())
        if capability and (not keys or rng.random() < 0.75):
            members = [m for m in self.capability_members.get(capability, []) if m is not org]
            if members:
                chosen = rng.sample(
                    members, k=min(len(members), _pick(rng, [(1, 60), (2, 30), (3, 10)]))
                )
                return chosen, f"Savoir-faire recherché : {_phrase(capability)}."
        if not keys:
            return [], ""
        count = 2 if len(keys) > 1 and rng.random() < 0.15 else 1
        partners = [self.partners_by_key[k] for k in rng.sample(keys, k=count)]
        return partners, f"Partenaire compétent pour « {need.subject.name} »."

    def _refer(
        self,
        need: Need,
        org: Organization | None,
        counsellor: Counsellor,
        first_action: datetime,
        *,
        proposed_only: bool = False,
        plan: _Plan | None = None,
    ) -> datetime | None:
        """Create the referrals of a need; return when the first letter was sent."""
        rng = self.rng
        if plan is not None:
            targets, reason = [self.partners_by_key["sotraban"]], "Demande d'adhésion au réseau."
        else:
            targets, reason = self._targets(need, org)
        if not targets:
            return None
        proposed = min(_office(first_action + timedelta(minutes=rng.randint(0, 20))), self.now)
        sent = min(_office(proposed + _log_minutes(rng, 5, 2 * 1440)), self.now)
        for partner in targets:
            contacts = self.contacts_of.get(id(partner), [])
            referral = Referral(
                need=need,
                partner=partner,
                partner_contact=rng.choice(contacts) if contacts else None,
                counsellor_id=counsellor.id,
                reason=reason,
                proposed_at=proposed,
            )
            referral.events.append(self._event(proposed, None, ReferralStatus.PROPOSED, None))
            if proposed_only:
                referral.status = ReferralStatus.PROPOSED
            else:
                self._advance(referral, sent, partner.kind == OrganizationKind.MEMBER, plan)
            self.s.add(referral)
            self.counts["referrals"] += 1
            self.counts["events"] += len(referral.events)
        return None if proposed_only else sent

    def _event(
        self,
        at: datetime,
        old: ReferralStatus | None,
        new: ReferralStatus | None,
        note: str | None,
        kind: str = "status",
    ) -> ReferralEvent:
        return ReferralEvent(
            at=at,
            kind=kind,
            old_status=old.value if old else None,
            new_status=new.value if new else None,
            note=note,
        )

    def _advance(
        self, referral: Referral, sent: datetime, to_member: bool, plan: _Plan | None
    ) -> None:
        """Move a sent referral along its lifecycle, never past ``now``."""
        rng, now = self.rng, self.now
        referral.sent_at = sent
        referral.follow_up_on = (sent + timedelta(days=FOLLOW_UP_DAYS)).date()
        referral.last_chance_on = (sent + timedelta(days=LAST_CHANCE_DAYS)).date()
        referral.expires_on = (sent + timedelta(days=EXPIRY_DAYS)).date()
        referral.events.append(
            self._event(sent, ReferralStatus.PROPOSED, ReferralStatus.SENT, None)
        )
        age = (now - sent).days
        if plan is not None:
            target = ReferralStatus.SUCCEEDED
        elif age > EXPIRY_DAYS:
            target = ReferralStatus(_pick(rng, vocab.OLD_REFERRAL_STATUSES))
        else:
            target = ReferralStatus(_pick(rng, vocab.RECENT_REFERRAL_STATUSES))
        if (
            age < 25
            and target not in (ReferralStatus.SENT, ReferralStatus.TAKEN_CARE)
            and rng.random() < 0.6
        ):
            target = ReferralStatus.SENT  # recent letters mostly wait for an answer
        if rng.random() < 0.8:  # the public-service benchmark: about 80 % within 5 days
            taken = _office(sent + _log_minutes(rng, 120, 4.5 * 1440))
        else:
            taken = _office(sent + _days(rng, 5, 12))
        status = ReferralStatus.SENT
        closed: datetime | None = None
        note: str | None = None
        if target in (
            ReferralStatus.TAKEN_CARE,
            ReferralStatus.SUCCEEDED,
            ReferralStatus.CLOSED_NO_HELP,
        ):
            if taken <= now:
                status = ReferralStatus.TAKEN_CARE
                referral.taken_care_at = taken
                referral.events.append(self._event(taken, ReferralStatus.SENT, status, None))
                if target != ReferralStatus.TAKEN_CARE:
                    candidate = _office(taken + _days(rng, 2, 50))
                    if plan is not None:
                        candidate = max(
                            datetime.combine(plan.start_on, time(11)), taken + timedelta(hours=1)
                        )
                    if candidate <= now:
                        status, closed = target, candidate
                        notes: tuple[str, ...] = (
                            vocab.SUCCESS_NOTES_MEMBER if to_member else vocab.SUCCESS_NOTES_PARTNER
                        )
                        if self.subject_theme.get(referral.need.subject.name) == "Financement":
                            notes = (*notes, "Financement accordé.")
                        if plan is not None:
                            notes = ("Adhésion au réseau Sotraban signée.",)
                        elif target == ReferralStatus.CLOSED_NO_HELP:
                            notes = vocab.NO_HELP_NOTES
                        note = rng.choice(notes)
        elif target == ReferralStatus.REFUSED:
            candidate = _office(sent + _log_minutes(rng, 240, 10 * 1440))
            if candidate <= now:
                status, closed = target, candidate
                referral.refusal_reason = rng.choice(
                    vocab.REFUSALS_MEMBER if to_member else vocab.REFUSALS_PARTNER
                )
        elif target == ReferralStatus.UNREACHABLE:
            candidate = _office(sent + _days(rng, LAST_CHANCE_DAYS + 1, 40))
            if candidate <= now:
                status, closed, note = target, candidate, "Injoignable après deux relances."
        elif target == ReferralStatus.EXPIRED:
            candidate = datetime.combine(referral.expires_on, time(8))
            if candidate <= now:
                status, closed, note = target, candidate, "Sans réponse 45 jours après l'envoi."
        # Follow-ups made while the referral waited for an answer.
        waiting_until = referral.taken_care_at or closed or now
        for due in (referral.follow_up_on, referral.last_chance_on):
            at = _office(datetime.combine(due, time(9)) + timedelta(minutes=rng.randint(0, 480)))
            if (
                at < waiting_until
                and at <= now
                and (status != ReferralStatus.SENT or rng.random() < 0.6)
            ):
                referral.events.append(
                    self._event(at, None, None, rng.choice(vocab.FOLLOW_UP_NOTES), "follow_up")
                )
                referral.last_follow_up_at = at
        if closed is not None:
            referral.closed_at = closed
            previous = ReferralStatus.TAKEN_CARE if referral.taken_care_at else ReferralStatus.SENT
            referral.events.append(self._event(closed, previous, status, note))
            referral.outcome_note = note if status != ReferralStatus.REFUSED else None
        referral.status = status
        referral.events.sort(key=lambda e: e.at)

    # -- after the first flush ---------------------------------------------------------------

    def memberships(self) -> None:
        for plan in self.plans:
            lapsed = plan.end_on is not None
            self.s.add(
                Membership(
                    organization=plan.organization,
                    network="Sotraban",
                    start_on=plan.start_on,
                    end_on=plan.end_on,
                    status=MembershipStatus.LAPSED if lapsed else MembershipStatus.ACTIVE,
                    source_inquiry_id=plan.source.id if plan.source is not None else None,
                )
            )

    def summary(self) -> DemoSummary:
        companies = self.companies_territory + self.companies_outside + self.project_holders
        return DemoSummary(
            reference_rows=self.reference_rows,
            counsellors=len(self.counsellors),
            members=len(self.members_list),
            partners=len(self.partners_by_key),
            companies=len(companies),
            contacts=len(self.all_contacts),
            memberships=len(self.plans),
            inquiries=len(self.inquiry_list),
            needs=self.counts["needs"],
            referrals=self.counts["referrals"],
            referral_events=self.counts["events"],
            information_given=self.counts["info"],
            resources=len(self.all_resources),
            routing_rules=self.counts["rules"],
        )

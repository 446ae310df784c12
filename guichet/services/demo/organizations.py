"""Demo stage: the agency and its counsellors, partners, members and other companies.

Also the library of resources and the routing rules, which point at the partners.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import partial

from sqlalchemy import select

from guichet.models import (
    Contact,
    Counsellor,
    Organization,
    OrganizationKind,
    Resource,
    ResourceKind,
    RoutingRule,
    Setting,
)
from guichet.reference.communes import territory_insee_codes
from guichet.reference.naf import NAF_VERSION
from guichet.reference.text import fold
from guichet.services.demo.base import BuilderBase
from guichet.services.demo.distributions import (
    COMPANY_COUNT,
    INDIVIDUAL_COUNT,
    OUTSIDE_COMPANY_COUNT,
    PROJECT_HOLDER_COUNT,
)
from guichet.services.demo.helpers import (
    DEMO_EMAIL_SUFFIX,
    Plan,
    at_office_hours,
    phrase,
    pick,
    slugify,
)
from guichet.services.demo.names import (
    AGENCY_NAME,
    COUNSELLORS,
    LAST_NAMES,
    OUTSIDE_TOWNS,
    PLACE_WORDS,
    REGION_WORDS,
    ZONES,
)
from guichet.services.demo.partners import PARTNERS, ROUTED_THEMES, SUBJECT_PARTNERS
from guichet.services.demo.resources import RESOURCES
from guichet.services.demo.trades import (
    COMPANY_ACTIVITIES,
    COMPANY_LEGAL_FORMS,
    DO_NOT_REFER_REASONS,
    MEMBER_FAMILIES,
    MEMBER_HEAD_ROLES,
    MEMBER_HEADCOUNTS,
    MEMBER_LEGAL_FORMS,
    MEMBER_NAME_PATTERNS,
    MEMBER_ROLES,
    Activity,
    Family,
)
from guichet.services.settings import setting_row


class OrganizationStage(BuilderBase):
    """Creates the organizations, their contacts, the resources and the routing rules."""

    # -- organizations -----------------------------------------------------------------------

    def _agency_settings(self, agency: Organization) -> None:
        """The letterhead settings of the demo agency, unless the database already has some."""
        if self.s.scalar(select(Setting.key).where(Setting.key.like("agency.%")).limit(1)):
            return
        values = {
            "agency.name": AGENCY_NAME,
            "agency.address": "Maison de l'entreprise\n12 rue des Entrepreneurs\n76170 LILLEBONNE",
            "agency.city": "Lillebonne",
            "agency.phone": "02 61 91 00 00",
            "agency.email": agency.email,
            "agency.website": agency.website,
        }
        self.s.add_all(setting_row(key, value) for key, value in values.items())

    def agency_and_counsellors(self) -> None:
        if self.existing_agency is None:
            place = self._place("76384")
            agency = self._organization(
                OrganizationKind.AGENCY, AGENCY_NAME, place, with_siret=False
            )
            agency.address_building = "Maison de l'entreprise"
            agency.address_street = "12 rue des Entrepreneurs"
            agency.email = f"contact@caux-seine-developpement{DEMO_EMAIL_SUFFIX}"
            agency.website = f"https://www.caux-seine-developpement{DEMO_EMAIL_SUFFIX}"
            agency.description = (
                "Agence de développement économique de Caux Seine Agglo (démonstration)."
            )
            agency.phone = "+33261910000"
            self._agency_settings(agency)
        for index, (first, last) in enumerate(COUNSELLORS):
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
                email=f"{slugify(first)}.{slugify(last)}@caux-seine-developpement{DEMO_EMAIL_SUFFIX}",
                phone=phone,
                signature=f"{first} {last}\n{title}\n{AGENCY_NAME}\n02 61 91 00 {index + 1:02d}",
                active=True,
            )
            self.s.add(counsellor)
            self.counsellors.append(counsellor)
        self.s.flush()  # counsellor ids, for the rows that only hold the foreign key

    def partners(self) -> None:
        for spec in PARTNERS:
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
        grow = self.scale.organizations
        families = [f for f in MEMBER_FAMILIES for _ in range(grow(f.count))]
        eligible = [i for i, f in enumerate(families) if f.hydrogen and f.key != "hydrogene"]
        hydrogen = {i for i, f in enumerate(families) if f.key == "hydrogene"}
        hydrogen |= set(rng.sample(eligible, k=min(len(eligible), grow(20) - len(hydrogen))))
        do_not_refer = set(rng.sample(range(len(families)), k=grow(4)))
        for index, family in enumerate(families):
            name = self._unique_name(partial(self._member_name, family))
            org = self._organization(OrganizationKind.MEMBER, name, self._territory_place())
            org.naf_code, org.naf_version = rng.choice(family.naf), NAF_VERSION
            org.legal_form = pick(rng, MEMBER_LEGAL_FORMS)
            org.headcount_band = pick(rng, MEMBER_HEADCOUNTS)
            if rng.random() < 0.65:
                org.address_building = rng.choice(ZONES)
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
                f"Savoir-faire : {', '.join(phrase(c) for c in caps[:-1])} et {phrase(caps[-1])}."
            )
            age_days = rng.randint(0, 730) if rng.random() < 0.75 else rng.randint(366, 730)
            org.verified_on = self.today - timedelta(days=age_days)
            if index in do_not_refer:
                org.do_not_refer = True
                org.do_not_refer_reason = rng.choice(DO_NOT_REFER_REASONS)
            roles = [rng.choice(MEMBER_HEAD_ROLES), *rng.sample(MEMBER_ROLES, k=2)]
            for role in roles[: rng.randint(1, 3)]:
                self._contact(org, role)
            for cap in caps:
                if not org.do_not_refer:
                    self.capability_members.setdefault(cap, []).append(org)
            self.members_list.append(org)
            self.plans.append(self._membership_plan(org))

    def _member_name(self, family: Family) -> str:
        rng = self.rng
        word, last = rng.choice(family.words), rng.choice(LAST_NAMES)
        pattern = pick(rng, MEMBER_NAME_PATTERNS)
        acronym = "".join(rng.choice("BCDGLMPRST") for _ in range(3))
        return pattern.format(
            word=word,
            last=last,
            place=rng.choice(PLACE_WORDS),
            region=rng.choice(REGION_WORDS),
            acronym=acronym,
        )

    def _member_sectors(self, family: Family, hydrogen: bool) -> list[str]:
        pool = list(family.sectors)
        count = self.rng.randint(1, 3)
        chosen = ["Hydrogène"] if hydrogen else []
        chosen += [s for s in self.rng.sample(pool, k=min(len(pool), count)) if s not in chosen]
        return chosen[:3]

    def _member_certifications(self, family: Family, sectors: list[str]) -> list[str]:
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

    def _membership_plan(self, org: Organization) -> Plan:
        rng = self.rng
        start = self.today - timedelta(days=rng.randint(15, 6 * 365))
        end = None
        if (self.today - start).days > 800 and rng.random() < 0.14:
            end = start + timedelta(days=rng.randint(365, (self.today - start).days - 30))
        return Plan(org, start, end)

    def companies(self) -> None:
        rng, grow = self.rng, self.scale.organizations
        holders, outsiders = grow(PROJECT_HOLDER_COUNT), grow(OUTSIDE_COMPANY_COUNT)
        for index in range(grow(COMPANY_COUNT)):
            if index < holders:
                self._project_holder()
                continue
            outside = index < holders + outsiders
            activity = rng.choice(COMPANY_ACTIVITIES)
            name = self._unique_name(partial(self._company_name, activity))
            place = self._place(rng.choice(OUTSIDE_TOWNS)) if outside else self._territory_place()
            org = self._organization(OrganizationKind.COMPANY, name, place)
            org.naf_code, org.naf_version = activity.naf, NAF_VERSION
            org.legal_form = pick(rng, COMPANY_LEGAL_FORMS)
            org.headcount_band = pick(rng, activity.headcounts)
            org.description = f"Entreprise de {activity.label}."
            org.verified_on = self.today - timedelta(days=rng.randint(0, 700))
            if rng.random() < 0.3:
                org.address_building = rng.choice(ZONES)
            roles = [rng.choice(MEMBER_HEAD_ROLES), *rng.sample(MEMBER_ROLES, k=1)]
            for role in roles[: rng.randint(1, 2)]:
                self._contact(org, role)
            (self.companies_outside if outside else self.companies_territory).append(org)
        # Home addresses come from a random stream of their own, so that the rest of the demo
        # data stays the same whether or not people have one.
        home_rng = random.Random(HOME_ADDRESS_SEED)
        for _ in range(grow(INDIVIDUAL_COUNT)):
            person = self._contact(None, None)
            main_rng, self.rng = self.rng, home_rng
            try:
                place, street = self._territory_place(), self._street()
            finally:
                self.rng = main_rng
            _home(person, street, place.postal_code, place.city)
            self.individuals.append(person)

    def _company_name(self, activity: Activity) -> str:
        rng = self.rng
        pattern = rng.choice(("{word} {last}", "{last} {word}", "{word} {place}", "{word} {last}"))
        return pattern.format(
            word=activity.word,
            last=rng.choice(LAST_NAMES),
            place=rng.choice(PLACE_WORDS),
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
        home, org.address_street = org.address_street, None  # no premises yet: mail goes home
        org.description = f"Porteur de projet ({kind} d'entreprise), sans SIRET à ce jour."
        holder = self._contact(
            org, "Porteur(e) de projet", person, domain=f"messagerie{DEMO_EMAIL_SUFFIX}"
        )
        _home(holder, home, org.postal_code, org.city)
        self.project_holders.append(org)

    # -- library and routing -----------------------------------------------------------------

    def resources(self) -> None:
        for spec in RESOURCES:
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
                resource.event_at = at_office_hours(self.rng, day).replace(minute=0)
            elif resource.kind == ResourceKind.AID_SCHEME:
                resource.valid_until = date(self.today.year + 1, 12, 31)
            self.s.add(resource)
            self.all_resources.append(resource)
            self.resources_by_theme.setdefault(spec.theme, []).append(resource)

    def routing_rules(self) -> None:
        territory = "|".join(sorted(territory_insee_codes()))
        for subject_name, keys in SUBJECT_PARTNERS.items():
            if self.subject_theme.get(subject_name) not in ROUTED_THEMES:
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


HOME_ADDRESS_SEED = 20261205


def _home(person: Contact, street: str | None, postal_code: str | None, city: str | None) -> None:
    """A person's own postal address (project holders, people without a company)."""
    person.address_street, person.postal_code, person.city = street, postal_code, city

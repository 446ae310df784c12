"""Demo implantation projects and the territory's offer of sites.

Six business parks of Caux Seine Agglo, each on its commune (points near the centre of the
commune's IGN outline), with about 40 plots and buildings; about 20 projects over the two years
before ``now``, in every stage, one of them a hydrogen project. Drawn from its own random
generator so that the other demo stages stay as they were.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.models import (
    BuildingType,
    BusinessPark,
    Classification,
    Counsellor,
    ImplantationProject,
    Inquiry,
    Need,
    Organization,
    OrganizationKind,
    ProjectEvent,
    ProjectPartner,
    ProjectSource,
    ProjectStage,
    Proposition,
    PropositionStatus,
    Site,
    SiteKind,
    Subject,
    Theme,
)

S = ProjectStage
PIPELINE = (S.FIRST_CONTACT, S.QUALIFICATION, S.SITE_SEARCH, S.PROPOSALS, S.VISITS, S.DECISION)

# name, commune, lat, lon, rail, port, power MW, hydrogen, gas, classified allowed
PARKS = (
    ("Zone industrialo-portuaire de Port-Jérôme", "76476", 49.4985, 0.5880, True, True, 40.0, True, True, True),
    ("Zone portuaire de Radicatel", "76592", 49.5030, 0.5010, True, True, 12.0, False, True, True),
    ("Parc d'activités du Manoir", "76384", 49.5095, 0.5330, False, False, 5.0, False, True, False),
    ("Zone d'activités du Val-aux-Grès", "76114", 49.5745, 0.4850, True, False, 4.0, False, True, False),
    ("Parc d'activités du Valasse", "76329", 49.5490, 0.5140, False, False, 3.0, False, False, False),
    ("Zone d'activités de Caudebec", "76164", 49.5225, 0.7300, False, True, 2.0, False, False, False),
)  # fmt: skip
OWNERS = ("Caux Seine Agglo", "Haropa Port", "SCI Estuaire", "EPF Normandie", "Foncière Seine-Caux")
ZONING = ("UZ", "UY", "1AUZ", "UZi")


@dataclass(frozen=True)
class DemoProject:
    code: str
    company: str
    sector: str
    naf: str
    stage: ProjectStage
    land: int | None
    building: int | None
    btype: BuildingType | None
    jobs: int
    invest: int
    source: ProjectSource
    hydrogen: bool = False
    reason: str = ""


P = DemoProject
B = BuildingType
PROJECTS = (
    P("Projet Zéphyr", "Hynormandie Électrolyse SAS", "Hydrogène", "20.11Z", S.DECISION, 60_000, 8_000, B.INDUSTRIAL, 85, 120_000_000, ProjectSource.PARTNER, True),
    P("Projet Alizé", "Logistique Vallée de Seine", "Logistique", "52.10B", S.PROPOSALS, 45_000, 20_000, B.LOGISTICS, 60, 18_000_000, ProjectSource.PARTNER),
    P("Projet Boréal", "Nordic Composites France", "Plasturgie", "22.29A", S.VISITS, 20_000, 6_000, B.INDUSTRIAL, 40, 9_500_000, ProjectSource.PARTNER),
    P("Projet Cormoran", "Atelier Mécanique du Caux", "Mécanique", "25.62B", S.ESTABLISHED, None, 1_500, B.WORKSHOP, 12, 1_200_000, ProjectSource.INQUIRY),
    P("Projet Dune", "Recyclage Estuaire", "Environnement", "38.32Z", S.QUALIFICATION, 15_000, None, None, 18, 4_000_000, ProjectSource.DIRECT),
    P("Projet Escale", "Seine Maintenance Industrielle", "Maintenance", "33.12Z", S.SITE_SEARCH, None, 2_500, B.WORKSHOP, 25, 2_000_000, ProjectSource.INQUIRY),
    P("Projet Falaise", "BioCarburants de l'Ouest", "Chimie", "20.59Z", S.LOST, 80_000, 10_000, B.INDUSTRIAL, 70, 60_000_000, ProjectSource.PARTNER, reason="Site retenu au Havre (accès quai direct)"),
    P("Projet Goéland", "Data Caux Services", "Numérique", "63.11Z", S.FIRST_CONTACT, None, 800, B.OFFICES, 15, 900_000, ProjectSource.DIRECT),
    P("Projet Hêtre", "Menuiserie Industrielle Leroux", "Bois", "16.23Z", S.ABANDONED, 8_000, 3_000, B.WORKSHOP, 10, 1_500_000, ProjectSource.INQUIRY, reason="Projet suspendu par l'actionnaire"),
    P("Projet Iroise", "Cryo Gaz Services", "Gaz industriels", "20.11Z", S.SITE_SEARCH, 12_000, 2_000, B.INDUSTRIAL, 22, 7_000_000, ProjectSource.PARTNER),
    P("Projet Jusant", "Transports Frigorifiques Delmas", "Logistique", "49.41A", S.ESTABLISHED, 25_000, 9_000, B.LOGISTICS, 35, 8_000_000, ProjectSource.PARTNER),
    P("Projet Lagune", "Polymères Avancés Normandie", "Plasturgie", "20.16Z", S.PROPOSALS, 30_000, 7_000, B.INDUSTRIAL, 45, 15_000_000, ProjectSource.PARTNER),
    P("Projet Mascaret", "Chaudronnerie Seine Aval", "Chaudronnerie", "25.29Z", S.VISITS, None, 4_000, B.WORKSHOP, 30, 3_500_000, ProjectSource.INQUIRY),
    P("Projet Noroît", "Éolien Offshore Composants", "Énergies marines", "28.11Z", S.QUALIFICATION, 50_000, 12_000, B.INDUSTRIAL, 120, 45_000_000, ProjectSource.PARTNER),
    P("Projet Opale", "Batteries Recyclées de France", "Recyclage", "38.32Z", S.LOST, 40_000, 15_000, B.INDUSTRIAL, 90, 70_000_000, ProjectSource.PARTNER, reason="Délais d'autorisation jugés trop longs"),
    P("Projet Quartz", "Laboratoire Analyses Caux", "Services", "71.20B", S.FIRST_CONTACT, None, 600, B.OFFICES, 8, 600_000, ProjectSource.DIRECT),
    P("Projet Risban", "Emballages Durables Seine", "Emballage", "17.21A", S.DECISION, 18_000, 6_500, B.INDUSTRIAL, 38, 11_000_000, ProjectSource.DIRECT),
    P("Projet Suroît", "Agro Ingrédients Normands", "Agroalimentaire", "10.89Z", S.SITE_SEARCH, 22_000, 5_000, B.INDUSTRIAL, 28, 9_000_000, ProjectSource.PARTNER),
    P("Projet Tamaris", "Stockage Vrac Estuaire", "Logistique", "52.10B", S.ESTABLISHED, 35_000, None, None, 14, 6_000_000, ProjectSource.PARTNER),
    P("Projet Varech", "Électronique de Puissance Caux", "Électronique", "27.11Z", S.ABANDONED, None, 3_000, B.WORKSHOP, 20, 2_500_000, ProjectSource.INQUIRY, reason="Reprise d'un bâtiment hors territoire"),
)  # fmt: skip
ACTIONS = (
    "Rappeler le dirigeant",
    "Envoyer la fiche des sites",
    "Organiser la visite",
    "Réunion avec AD Normandie",
    "Relancer pour la décision",
    "Transmettre le devis de viabilisation",
)


class ImplantationDemo:
    def __init__(self, session: Session, rng: random.Random, now: datetime) -> None:
        self.s, self.rng, self.now, self.today = session, rng, now, now.date()

    def run(self) -> None:
        sites = self.sites()
        self.s.flush()
        self.projects(sites)

    def sites(self) -> list[Site]:
        rng = self.rng
        existing = set(self.s.scalars(select(BusinessPark.name)))
        sites: list[Site] = []
        for name, commune, lat, lon, rail, port, power, h2, gas, classified in PARKS:
            if name in existing:
                continue
            park = BusinessPark(
                name=name,
                commune_code=commune,
                latitude=lat,
                longitude=lon,
                description=f"Zone d'activité de Caux Seine Agglo ({name}).",
            )
            self.s.add(park)
            for i in range(7 if port or rail else 6):
                kind = SiteKind.BUILDING if i % 3 == 2 else SiteKind.PLOT
                surface = (
                    rng.choice((1_200, 2_500, 4_000, 6_000, 9_000, 15_000))
                    if kind is SiteKind.BUILDING
                    else rng.choice((5_000, 10_000, 20_000, 30_000, 50_000, 80_000))
                )
                later = rng.random() < 0.3
                site = Site(
                    park=park,
                    name=f"{'Bâtiment' if kind is SiteKind.BUILDING else 'Lot'} {chr(65 + i)}",
                    kind=kind,
                    surface_m2=surface,
                    available_on=self.today + timedelta(days=rng.randint(60, 400))
                    if later
                    else None,
                    price_eur=None
                    if kind is SiteKind.BUILDING
                    else surface * rng.choice((18, 25, 32)),
                    rent_eur_month=surface * rng.choice((4, 5, 6))
                    if kind is SiteKind.BUILDING
                    else None,
                    owner=rng.choice(OWNERS),
                    zoning=rng.choice(ZONING),
                    has_rail=rail and rng.random() < 0.7,
                    has_port=port and rng.random() < 0.6,
                    power_mw=round(power * rng.uniform(0.3, 1.0), 1),
                    has_fibre=rng.random() < 0.8,
                    has_hydrogen=h2 and rng.random() < 0.6,
                    has_gas=gas,
                    has_water=port or rng.random() < 0.4,
                    accepts_classified=classified,
                    commune_code=commune,
                    latitude=round(lat + rng.uniform(-0.004, 0.004), 5),
                    longitude=round(lon + rng.uniform(-0.006, 0.006), 5),
                    active=True,
                )
                self.s.add(site)
                sites.append(site)
            if h2:  # the hydrogen platform of the estuary: one plot ready for an electrolyser
                platform = Site(
                    park=park,
                    name="Plateforme H2",
                    kind=SiteKind.PLOT,
                    surface_m2=55_000,
                    price_eur=55_000 * 30,
                    owner="Haropa Port",
                    zoning="UZi",
                    has_rail=True,
                    has_port=True,
                    power_mw=30.0,
                    has_fibre=True,
                    has_hydrogen=True,
                    has_gas=True,
                    has_water=True,
                    accepts_classified=True,
                    commune_code=commune,
                    latitude=round(lat - 0.003, 5),
                    longitude=round(lon + 0.004, 5),
                    description="Terrain raccordé au réseau d'hydrogène de la zone industrielle.",
                    active=True,
                )
                self.s.add(platform)
                sites.append(platform)
        return sites

    def projects(self, sites: list[Site]) -> None:
        s = self.s
        taken = set(s.scalars(select(ImplantationProject.code_name)))
        counsellors = list(s.scalars(select(Counsellor).where(Counsellor.active.is_(True))))
        partners = list(
            s.scalars(
                select(Organization)
                .where(Organization.kind == OrganizationKind.PARTNER)
                .order_by(Organization.id)
            )
        )
        companies = list(
            s.scalars(
                select(Organization)
                .where(Organization.kind == OrganizationKind.COMPANY)
                .order_by(Organization.id)
                .limit(40)
            )
        )
        inquiries = list(
            s.scalars(
                select(Inquiry)
                .join(Need)
                .join(Subject)
                .join(Theme)
                .where(Theme.name == "Implantation")
                .order_by(Inquiry.id)
                .distinct()
            )
        )
        for n, spec in enumerate(PROJECTS):
            if spec.code in taken:
                continue
            opened = self.today - timedelta(days=30 + (n * 37) % 690)
            project = self.project(spec, opened, counsellors, partners, companies, inquiries)
            s.add(project)
            self.history(project, spec, opened, sites)

    def project(
        self,
        spec: DemoProject,
        opened: date,
        counsellors: list[Counsellor],
        partners: list[Organization],
        companies: list[Organization],
        inquiries: list[Inquiry],
    ) -> ImplantationProject:
        rng = self.rng
        source, inquiry, partner = spec.source, None, None
        if source is ProjectSource.INQUIRY and inquiries:
            inquiry = inquiries.pop(0)
        elif source is ProjectSource.INQUIRY:
            source = ProjectSource.DIRECT
        if source is ProjectSource.PARTNER and partners:
            partner = rng.choice(partners)
        elif source is ProjectSource.PARTNER:
            source = ProjectSource.DIRECT
        org = inquiry.organization if inquiry is not None else None
        if org is None and source is ProjectSource.DIRECT and companies and rng.random() < 0.4:
            org = companies.pop(rng.randrange(len(companies)))
        counsellor = rng.choice(counsellors) if counsellors else None
        need_day = opened + timedelta(days=rng.randint(200, 600))
        project = ImplantationProject(
            code_name=spec.code,
            organization=org,
            company_name=None if org is not None else spec.company,
            confidential=True,
            source=source,
            source_inquiry_id=inquiry.id if inquiry else None,
            source_partner=partner,
            sector=spec.sector,
            naf_code=spec.naf,
            description=f"{spec.sector} : {spec.jobs} emplois prévus à 3 ans.",
            land_m2=spec.land,
            building_m2=spec.building,
            building_type=spec.btype,
            needed_by=need_day,
            classification=(
                Classification.SEVESO_LOW
                if spec.hydrogen
                else rng.choice(
                    (Classification.NONE, Classification.NONE, Classification.ICPE_REGISTRATION)
                )
            ),
            needs_rail=spec.hydrogen or rng.random() < 0.2,
            needs_port=spec.hydrogen or rng.random() < 0.15,
            power_mw=20.0
            if spec.hydrogen
            else (round(rng.uniform(0.5, 3), 1) if rng.random() < 0.5 else None),
            needs_gas=rng.random() < 0.2,
            needs_hydrogen=spec.hydrogen,
            needs_water=spec.hydrogen or rng.random() < 0.3,
            continuous_operation=spec.hydrogen or rng.random() < 0.3,
            jobs_3y=spec.jobs,
            investment_eur=spec.invest,
            stage=S.FIRST_CONTACT,
            stage_since=opened,
            opened_on=opened,
            counsellor_id=counsellor.id if counsellor else None,
        )
        if partner is not None:
            project.partners.append(
                ProjectPartner(organization=partner, role="Apporteur du projet")
            )
        return project

    def history(
        self, project: ImplantationProject, spec: DemoProject, opened: date, sites: list[Site]
    ) -> None:
        rng = self.rng
        path = _path_to(spec.stage, rng)
        span = max((self.today - opened).days - 5, len(path) + 1)
        days = sorted(rng.sample(range(1, span), len(path))) if path else []
        events = [
            ProjectEvent(
                at=_at(opened, 9), kind="stage", new_stage=S.FIRST_CONTACT.value, note="Projet créé"
            )
        ]
        stage = S.FIRST_CONTACT
        for step, offset in zip(path, days, strict=True):
            when = opened + timedelta(days=offset)
            if step is S.PROPOSALS:
                self.propose(project, sites, when)
            if step is S.DECISION:
                for p in project.propositions:
                    p.status = PropositionStatus.VISITED
                    p.visit_on = p.visit_on or when - timedelta(days=10)
            if step is S.ESTABLISHED and project.propositions:
                chosen = project.propositions[0]
                chosen.status = PropositionStatus.RETAINED
                chosen.site.active = False
            note = spec.reason if step in (S.LOST, S.ABANDONED) else None
            events.append(
                ProjectEvent(
                    at=_at(when, 14),
                    kind="stage",
                    old_stage=stage.value,
                    new_stage=step.value,
                    note=note,
                )
            )
            stage = step
            project.stage_since = when
        project.stage = stage
        project.closed_reason = spec.reason or None
        if stage in (S.VISITS, S.DECISION):
            for p in project.propositions[:2]:
                p.status = PropositionStatus.VISITED
                p.visit_on = p.visit_on or project.stage_since
        if stage not in (S.ESTABLISHED, S.LOST, S.ABANDONED) and rng.random() < 0.8:
            project.next_action = rng.choice(ACTIONS)
            project.next_action_on = self.today + timedelta(days=rng.randint(-20, 30))
        for e in events:
            e.counsellor_id = project.counsellor_id
            project.events.append(e)

    def propose(self, project: ImplantationProject, sites: list[Site], when: date) -> None:
        need = project.land_m2 or project.building_m2 or 0
        ranked = sorted(
            (s for s in sites if s.active),
            key=lambda s: (abs(s.surface_m2 - need), s.id or 0),
        )
        for site in ranked[:3]:
            project.propositions.append(
                Proposition(site=site, proposed_at=_at(when, 11), status=PropositionStatus.PROPOSED)
            )


def _path_to(stage: ProjectStage, rng: random.Random) -> list[ProjectStage]:
    """The stages a project went through after « Premier contact » to reach ``stage``."""
    if stage is S.ESTABLISHED:
        return [*PIPELINE[1:], S.ESTABLISHED]
    if stage in (S.LOST, S.ABANDONED):
        return [*PIPELINE[1 : rng.randint(2, 5)], stage]
    return list(PIPELINE[1 : PIPELINE.index(stage) + 1])


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0))


def implantation_demo(session: Session, rng: random.Random, now: datetime) -> None:
    """Adds the demo parks, sites and projects (those already there by name are kept)."""
    ImplantationDemo(session, rng, now).run()

"""Demo stage: a year of company visits, recorded with the questionnaire, a few risk signals,
and the next visits planned.

It draws from its own random generator, so adding it changes nothing in the other stages.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from guichet.models import Organization, Visit, VisitPartner, VisitStatus
from guichet.services.questionnaire import current_version
from guichet.services.visits import fill_answers

SEED = 1212
DONE_VISITS = 24
PLANNED_VISITS = 5
#: the companies whose latest visit raises signals, with the answers that raise them
RISKY_ANSWERS: tuple[dict[str, str], ...] = (
    {"depart_envisage": "oui", "fin_bail": "dans les 12 mois", "locaux": "locataire"},
    {"autre_territoire": "oui"},
    {"dirigeant_sans_successeur": "oui", "projet_transmission": "oui"},
    {"fin_bail": "dans les 12 mois", "locaux": "locataire"},
)
MARKETS = (
    "Industrie pétrochimique de la vallée de Seine",
    "Aéronautique, export vers l'Allemagne",
    "Nucléaire (EDF Paluel, Penly) et maintenance",
    "Agroalimentaire régional",
    "Automobile, deux donneurs d'ordre",
)
INVESTMENTS = (
    "Nouveau centre d'usinage cinq axes",
    "Extension du bâtiment de 800 m²",
    "Robotisation de la ligne de soudure",
    "",
    "Panneaux photovoltaïques en toiture",
)
TRADES = ("Soudeurs TIG", "Régleurs CN", "Techniciens de maintenance", "Chaudronniers", "")
HOURS = (time(9, 0), time(10, 30), time(14, 0), time(15, 30))


def _answers(rng: random.Random, org: Organization) -> dict[str, str]:
    headcount = rng.randint(6, 180)
    leased = rng.random() < 0.45
    return {
        "effectif_actuel": str(headcount),
        "effectif_12_mois": str(max(1, headcount + rng.randint(-3, 12))),
        "investissements": rng.choice(INVESTMENTS),
        "locaux": "locataire" if leased else "propriétaire",
        "fin_bail": rng.choice(("dans 1 à 3 ans", "dans plus de 3 ans"))
        if leased
        else "sans objet",
        "difficultes_recrutement": rng.choice(("oui", "oui", "non")),
        "metiers_recherches": rng.choice(TRADES),
        "marches": rng.choice(MARKETS),
        "projet_croissance": rng.choice(("oui", "non")),
        "projet_transmission": "non",
        "projet_hydrogene": "oui" if rng.random() < 0.2 else "non",
        "satisfaction": rng.choice(
            ("très satisfaite", "satisfaite", "satisfaite", "peu satisfaite")
        ),
        "depart_envisage": "non",
        "autre_territoire": "non",
        "dirigeant_sans_successeur": "non",
    }


def add_demo_visits(builder: Any) -> None:
    """Visits to companies and members of the territory, in the year before ``builder.now``."""
    rng = random.Random(SEED)
    session = builder.s
    questionnaire = current_version(session)
    visited = sorted(builder.companies_territory + builder.members_list, key=lambda o: o.id)
    chosen = rng.sample(visited, min(len(visited), DONE_VISITS + PLANNED_VISITS))
    partners = sorted(builder.partners_by_key.values(), key=lambda o: o.id)
    counsellors = builder.counsellors
    today = builder.now.date()
    for number, org in enumerate(chosen):
        contacts = builder.contacts_of.get(org.id) or [None]
        done = number < DONE_VISITS
        if done:
            day = today - timedelta(days=int(365 * (number + 0.5) / DONE_VISITS))
        else:
            day = today + timedelta(days=4 + 9 * (number - DONE_VISITS))
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        visit = Visit(
            organization_id=org.id,
            contact_id=getattr(rng.choice(contacts), "id", None),
            counsellor_id=rng.choice(counsellors).id,
            planned_at=datetime.combine(day, rng.choice(HOURS)),
            status=VisitStatus.DONE if done else VisitStatus.PLANNED,
        )
        if rng.random() < 0.35:
            visit.partners = [VisitPartner(organization_id=rng.choice(partners).id)]
        if done:
            answers = _answers(rng, org)
            if number % 6 == 2 and number // 6 < len(RISKY_ANSWERS):
                answers.update(RISKY_ANSWERS[number // 6])
            fill_answers(visit, questionnaire, answers)
            visit.done_at = visit.planned_at + timedelta(hours=2)
        session.add(visit)
    cancelled = Visit(
        organization_id=chosen[-1].id,
        counsellor_id=counsellors[0].id,
        planned_at=datetime.combine(today - timedelta(days=20), HOURS[0]),
        status=VisitStatus.CANCELLED,
        notes="Annulée par l'entreprise, à replanifier.",
    )
    session.add(cancelled)

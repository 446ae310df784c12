"""The first visit questionnaire, written into a database that has none (with the reference rows).

Later versions are written by the counsellors (Paramètres › Visites); this list is only the start.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from guichet.models import QuestionnaireVersion

_YES_RISK = ["oui"]
DEFAULT_QUESTIONS: list[dict[str, Any]] = [
    {"key": "effectif_actuel", "label": "Effectif aujourd'hui", "type": "number", "required": True},
    {"key": "effectif_12_mois", "label": "Effectif prévu dans 12 mois", "type": "number"},
    {"key": "investissements", "label": "Projets d'investissement", "type": "text"},
    {
        "key": "locaux",
        "label": "Locaux",
        "type": "choice",
        "choices": ["propriétaire", "locataire"],
        "required": True,
    },
    {
        "key": "fin_bail",
        "label": "Fin du bail",
        "type": "choice",
        "choices": ["dans les 12 mois", "dans 1 à 3 ans", "dans plus de 3 ans", "sans objet"],
        "risk": {"values": ["dans les 12 mois"], "label": "Bail se terminant dans les 12 mois"},
    },
    {"key": "difficultes_recrutement", "label": "Difficultés de recrutement", "type": "yesno"},
    {"key": "metiers_recherches", "label": "Métiers difficiles à pourvoir", "type": "text"},
    {"key": "marches", "label": "Marchés (clients, export)", "type": "text"},
    {"key": "projet_croissance", "label": "Projet de développement", "type": "yesno"},
    {"key": "projet_transmission", "label": "Projet de transmission", "type": "yesno"},
    {"key": "projet_hydrogene", "label": "Projet lié à l'hydrogène", "type": "yesno"},
    {
        "key": "satisfaction",
        "label": "Satisfaction à l'égard du territoire",
        "type": "choice",
        "choices": ["très satisfaite", "satisfaite", "peu satisfaite", "pas satisfaite"],
    },
    {
        "key": "depart_envisage",
        "label": "Envisage de quitter le territoire",
        "type": "yesno",
        "required": True,
        "risk": {"values": _YES_RISK, "label": "Départ envisagé"},
    },
    {
        "key": "autre_territoire",
        "label": "Sollicitée par un autre territoire",
        "type": "yesno",
        "risk": {"values": _YES_RISK, "label": "Sollicitée par un autre territoire"},
    },
    {
        "key": "dirigeant_sans_successeur",
        "label": "Dirigeant proche de la retraite, sans successeur",
        "type": "yesno",
        "risk": {"values": _YES_RISK, "label": "Dirigeant partant sans successeur"},
    },
]


def seed_questionnaire(session: Session) -> int:
    """Writes version 1 when there is no questionnaire yet; returns the rows inserted.

    A plain INSERT, like the other reference rows: seeding is no counsellor's edit, so it
    leaves no line in the audit trail (the versions counsellors save do).
    """
    if session.scalar(select(func.count()).select_from(QuestionnaireVersion)):
        return 0
    session.execute(
        insert(QuestionnaireVersion).values(
            number=1,
            questions=json.dumps(DEFAULT_QUESTIONS, ensure_ascii=False),
            note="Questionnaire initial",
            version=1,
        )
    )
    return 1

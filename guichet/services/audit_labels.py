"""French words for the audit trail: record types, field names, stored values."""

from __future__ import annotations

import re
from datetime import date, datetime

from guichet.models.enums import AuditAction, label
from guichet.reference.dates import format_date_short, format_datetime_short
from guichet.reference.phones import format_phone
from guichet.services.contacts import CONTACT_LABELS
from guichet.services.inquiry_actions import FIELD_LABELS as INQUIRY_LABELS
from guichet.services.organization_rules import FIELD_LABELS as ORGANIZATION_LABELS

ENTITY_LABELS: dict[str, str] = {
    "organization": "Organisation",
    "contact": "Contact",
    "inquiry": "Demande",
    "need": "Besoin",
    "inquiry_note": "Note de demande",
    "information_given": "Information remise",
    "referral": "Mise en relation",
    "letter": "Courrier",
    "counsellor": "Conseiller",
    "membership": "Adhésion",
    "meeting": "Réunion",
    "registration": "Inscription",
    "visit": "Visite",
    "opportunity": "Opportunité",
    "groupement": "Groupement",
    "implantation_project": "Projet d'implantation",
    "site": "Terrain ou bâtiment",
    "business_park": "Zone d'activité",
    "resource": "Ressource",
    "capability": "Savoir-faire",
    "opportunity_document": "Document d'opportunité",
    "lot": "Lot",
    "opportunity_relay": "Relais d'opportunité",
    "opportunity_answer": "Réponse à une opportunité",
    "opportunity_award": "Attribution",
    "groupement_member": "Membre de groupement",
    "meeting_partner": "Partenaire de réunion",
    "meeting_speaker": "Intervenant",
    "invitation": "Invitation",
    "referral_event": "Suivi de mise en relation",
    "routing_rule": "Règle d'orientation",
    "project_event": "Étape de projet",
    "project_partner": "Partenaire de projet",
    "proposition": "Proposition de site",
    "site_attachment": "Pièce jointe de site",
    "visit_partner": "Partenaire de visite",
    "visit_answer": "Réponse de visite",
    "questionnaire_version": "Questionnaire de visite",
    "theme": "Thématique",
    "subject": "Sujet",
    "sector": "Filière",
    "certification": "Certification",
    "export": "Export",
    "project_export": "Export de projets",
}

#: Field labels by record type; then the common ones.
FIELD_LABELS: dict[str, dict[str, str]] = {
    "organization": ORGANIZATION_LABELS,
    "contact": CONTACT_LABELS,
    "inquiry": INQUIRY_LABELS,
    "need": INQUIRY_LABELS,
}
COMMON_FIELDS = {
    "name": "Nom",
    "title": "Titre",
    "status": "Statut",
    "notes": "Notes",
    "active": "Actif",
    "role": "Rôle",
    "initials": "Initiales",
    "password_hash": "Mot de passe",
    "os_user": "Utilisateur système",
    "signature": "Signature",
    "counsellor_id": "Conseiller",
    "author_id": "Auteur",
    "organization_id": "Organisation",
    "contact_id": "Contact",
    "description": "Description",
    "email": "E-mail",
    "phone": "Téléphone",
    "merged_from": "Fusion de la fiche n°",
    "rows": "Lignes exportées",
    "text": "Texte",
    "origin_kind": "Origine",
    "origin_id": "N° de l'origine",
    "reference": "Référence",
    "outcome": "Suite donnée",
    "closed_at": "Close le",
    "sent_at": "Envoyée le",
}
PHONE_FIELDS = frozenset({"phone", "mobile"})
#: Fields holding a counsellor's id: shown by name.
COUNSELLOR_FIELDS = frozenset({"counsellor_id", "author_id"})
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def field_label(entity: str, field: str | None) -> str:
    if not field:
        return ""
    return FIELD_LABELS.get(entity, {}).get(field) or COMMON_FIELDS.get(field, field)


def action_label(action: AuditAction | str) -> str:
    return label(AuditAction(action))


def value_text(field: str | None, value: str | None, counsellors: dict[int, str]) -> str:
    """A stored value as the counsellor reads it (names for ids, labels for codes, dates)."""
    if value is None:
        return ""
    if field in COUNSELLOR_FIELDS and value.isdigit():
        return counsellors.get(int(value), f"n°{value}")
    if field in PHONE_FIELDS:
        return format_phone(value)
    if _ISO_MOMENT.match(value):
        if "T" in value:
            return format_datetime_short(datetime.fromisoformat(value))
        return format_date_short(date.fromisoformat(value))
    if value in ("True", "False"):
        return "oui" if value == "True" else "non"
    return label(value)


def change_text(action: str, entity: str, field: str, old: str, new: str) -> str:
    """One line saying what changed (the Historique tab's narrow column)."""
    if field and (old or new):
        return f"{field} : {old or '(vide)'} → {new or '(vide)'}"
    return f"{action} — {entity}"

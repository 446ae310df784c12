"""Settings stored in the database, declared once with their type, default and French label.

They travel with a shared database: agency identity, follow-up delays, retention, the
position of the address block for window envelopes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import select

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.letters.default_templates import DEFAULT_TEMPLATES
from guichet.letters.invitation_templates import INVITATION_TEMPLATES, validate_invitation_template
from guichet.letters.relay_template import RELAY_FIELDS, RELAY_TEMPLATES
from guichet.letters.template import validate_template
from guichet.models import Setting
from guichet.services.network_settings import (
    FIT_CAPABILITIES,
    FIT_NAF_CODES,
    validate_goal_date,
    validate_scope,
)
from guichet.services.permissions import Permission, require
from guichet.services.personal_data import texts as rgpd_texts
from guichet.services.report_texts import SECTIONS as REPORT_SECTIONS
from guichet.services.report_texts import setting_key, validate_report_text


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: type
    default: Any
    label: str
    minimum: float | None = None
    maximum: float | None = None
    validator: Callable[[Any], None] | None = None  # raises ValidationError (French)


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("agency.name", str, "Caux Seine Développement", "Nom de l'agence"),
    SettingSpec("agency.address", str, "Maison de l'entreprise\n76170 LILLEBONNE", "Adresse"),
    SettingSpec("agency.city", str, "Lillebonne", "Ville (pour la date des courriers)"),
    SettingSpec("agency.phone", str, "", "Téléphone"),
    SettingSpec("agency.email", str, "", "E-mail"),
    SettingSpec("agency.website", str, "", "Site web"),
    SettingSpec("agency.logo_path", str, "", "Logo (fichier image)"),
    SettingSpec("delays.follow_up_days", int, 9, "Relance (jours après l'envoi)", 1, 365),
    SettingSpec("delays.last_chance_days", int, 21, "Dernière relance (jours)", 1, 365),
    SettingSpec("delays.expiry_days", int, 45, "Expiration (jours)", 1, 730),
    SettingSpec(
        "retention.inactive_years", int, 3, "Conservation des contacts inactifs (ans)", 1, 10
    ),
    SettingSpec(
        "retention.closed_inquiry_years", int, 3, "Conservation des demandes closes (ans)", 1, 20
    ),
    SettingSpec("rgpd.last_proposal", str, "", "Anonymisation : dernier mois proposé (AAAA-MM)"),
    SettingSpec("rgpd.notice_text", str, rgpd_texts.NOTICE_TEXT, "Mentions d'information : texte"),
    SettingSpec("rgpd.controller", str, "", "Responsable du traitement (vide : l'agence)"),
    SettingSpec("rgpd.dpo", str, "", "Délégué à la protection des données (nom, contact)"),
    SettingSpec("rgpd.purposes", str, rgpd_texts.PURPOSES, "Registre : finalités"),
    SettingSpec("rgpd.data_categories", str, rgpd_texts.DATA_CATEGORIES, "Registre : données"),
    SettingSpec(
        "rgpd.people_categories", str, rgpd_texts.PEOPLE_CATEGORIES, "Registre : personnes"
    ),
    SettingSpec("rgpd.security", str, rgpd_texts.SECURITY_MEASURES, "Registre : sécurité"),
    SettingSpec("envelope.x_mm", float, 105.0, "Bloc adresse : marge gauche (mm)", 0, 200),
    SettingSpec("envelope.y_mm", float, 47.0, "Bloc adresse : marge haute (mm)", 0, 280),
    SettingSpec("envelope.width_mm", float, 85.0, "Bloc adresse : largeur (mm)", 30, 120),
    SettingSpec(
        "letters.print_marks_sent",
        bool,
        True,
        "L'impression marque les mises en relation « envoyée »",
    ),
    SettingSpec("backups.keep", int, 10, "Sauvegardes automatiques conservées", 1, 100),
    SettingSpec("accounts.password_required", bool, False, "Mot de passe exigé à l'ouverture"),
    SettingSpec("audit.log_reads", bool, False, "Journaliser la consultation des fiches"),
    SettingSpec(
        "territory.insee_codes", list, [], "Communes du territoire (vide : Caux Seine Agglo)"
    ),
    SettingSpec("import.max_rows", int, 200_000, "Import : lignes au plus", 10, 2_000_000),
    SettingSpec("import.max_columns", int, 200, "Import : colonnes au plus", 10, 5_000),
    SettingSpec(
        "import.max_cell_chars", int, 32_767, "Import : caractères par cellule au plus", 250, 1e6
    ),
    SettingSpec("import.max_megabytes", int, 48, "Import : données lues au plus (Mo)", 1, 2_000),
    SettingSpec(
        "implantation.surface_tolerance_pct",
        int,
        20,
        "Implantation : tolérance de surface (%)",
        0,
        100,
    ),
    SettingSpec(
        "implantation.cleared_counsellors",
        list,
        [],
        "Conseillers habilités aux projets confidentiels (initiales)",
    ),
    *(
        SettingSpec(
            key, str, INVITATION_TEMPLATES[key], label, validator=validate_invitation_template
        )
        for key, label in (
            ("letters.invitation_object", "Invitation à une réunion : objet"),
            ("letters.invitation_body", "Invitation à une réunion : texte"),
            ("letters.invitation_email_object", "Invitation par e-mail : objet"),
            ("letters.invitation_email_body", "Invitation par e-mail : texte"),
        )
    ),
    SettingSpec("badges.columns", int, 2, "Badges : étiquettes par ligne", 1, 6),
    SettingSpec("badges.rows", int, 5, "Badges : lignes d'étiquettes", 1, 12),
    SettingSpec("badges.width_mm", float, 85.0, "Badges : largeur d'une étiquette (mm)", 20, 210),
    SettingSpec("badges.height_mm", float, 54.0, "Badges : hauteur d'une étiquette (mm)", 15, 297),
    SettingSpec("badges.left_mm", float, 20.0, "Badges : marge gauche (mm)", 0, 100),
    SettingSpec("badges.top_mm", float, 13.5, "Badges : marge haute (mm)", 0, 100),
    SettingSpec("badges.gap_x_mm", float, 0.0, "Badges : espace entre colonnes (mm)", 0, 50),
    SettingSpec("badges.gap_y_mm", float, 0.0, "Badges : espace entre lignes (mm)", 0, 50),
    SettingSpec(
        "sign_in.blank_lines", int, 8, "Émargement : lignes vides (sans inscription)", 0, 60
    ),
    SettingSpec("network.goal_network", str, "Sotraban", "Objectif réseau : réseau"),
    SettingSpec("network.goal_target", int, 100, "Objectif réseau : adhérents visés", 1, 100_000),
    SettingSpec(
        "network.goal_scope",
        str,
        "territory",
        "Objectif réseau : adhérents comptés (territory : sur le territoire, everywhere : partout)",
        validator=validate_scope,
    ),
    SettingSpec(
        "network.goal_date",
        str,
        "",
        "Objectif réseau : échéance (AAAA-MM-JJ, vide : sans échéance)",
        validator=validate_goal_date,
    ),
    SettingSpec(
        "network.fit_naf_codes", list, list(FIT_NAF_CODES), "Prospects : codes NAF (débuts)"
    ),
    SettingSpec(
        "network.fit_capabilities",
        list,
        list(FIT_CAPABILITIES),
        "Prospects : compétences des métiers du réseau",
    ),
    *(
        SettingSpec(key, str, text, label, validator=validate_template)
        for key, text, label in (
            (
                "letters.company_object",
                DEFAULT_TEMPLATES["letters.company_object"],
                "Courrier à l'entreprise : objet",
            ),
            (
                "letters.company_body",
                DEFAULT_TEMPLATES["letters.company_body"],
                "Courrier à l'entreprise : texte",
            ),
            (
                "letters.partner_object",
                DEFAULT_TEMPLATES["letters.partner_object"],
                "Courrier au partenaire : objet",
            ),
            (
                "letters.partner_body",
                DEFAULT_TEMPLATES["letters.partner_body"],
                "Courrier au partenaire : texte",
            ),
            (
                "letters.email_object",
                DEFAULT_TEMPLATES["letters.email_object"],
                "Brouillon d'e-mail : objet",
            ),
            (
                "letters.email_body",
                DEFAULT_TEMPLATES["letters.email_body"],
                "Brouillon d'e-mail : texte",
            ),
        )
    ),
    SettingSpec(
        "reactivity.target_first_response",
        int,
        90,
        "Réactivité : objectif première réponse sous 72 h (%)",
        0,
        100,
    ),
    SettingSpec(
        "reactivity.target_referral",
        int,
        80,
        "Réactivité : objectif mise en relation sous 72 h (%)",
        0,
        100,
    ),
    SettingSpec(
        "reactivity.target_taken_care",
        int,
        80,
        "Réactivité : objectif prise en charge sous 5 jours (%)",
        0,
        100,
    ),
    SettingSpec("relay.reminder_first_days", int, 7, "Opportunités : 1re relance (J-)", 1, 90),
    SettingSpec("relay.reminder_last_days", int, 2, "Opportunités : dernière relance (J-)", 0, 90),
    SettingSpec("relay.workday_start_hour", int, 9, "Heures ouvrées : début (heure)", 0, 23),
    SettingSpec("relay.workday_end_hour", int, 18, "Heures ouvrées : fin (heure)", 1, 24),
    *(
        SettingSpec(
            key, str, text, label, validator=partial(validate_template, fields=RELAY_FIELDS)
        )
        for key, text, label in (
            ("relay.letter_object", RELAY_TEMPLATES["relay.letter_object"], "Relais : objet"),
            ("relay.letter_body", RELAY_TEMPLATES["relay.letter_body"], "Relais : texte"),
            ("relay.email_object", RELAY_TEMPLATES["relay.email_object"], "Relais, e-mail : objet"),
            ("relay.email_body", RELAY_TEMPLATES["relay.email_body"], "Relais, e-mail : texte"),
        )
    ),
    *(  # the activity report's section texts (services/report_texts.py)
        SettingSpec(
            setting_key(s.key),
            str,
            s.default,
            f"Rapport : {s.title}",
            validator=validate_report_text,
        )
        for s in REPORT_SECTIONS
    ),
    SettingSpec(
        "offline.refresh_minutes",
        int,
        30,
        "Copie locale de l'annuaire : toutes les (minutes)",
        5,
        1440,
    ),
)
SPECS_BY_KEY = {spec.key: spec for spec in SPECS}


def _coerce(spec: SettingSpec, value: Any) -> Any:
    try:
        if spec.kind is list:
            if not isinstance(value, list):
                raise TypeError
            coerced: Any = [str(v) for v in value]
        else:
            coerced = spec.kind(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"Valeur invalide pour « {spec.label} ».", field=spec.key) from exc
    if spec.minimum is not None and coerced < spec.minimum:
        raise ValidationError(
            f"« {spec.label} » doit valoir au moins {spec.minimum:g}.", field=spec.key
        )
    if spec.maximum is not None and coerced > spec.maximum:
        raise ValidationError(
            f"« {spec.label} » doit valoir au plus {spec.maximum:g}.", field=spec.key
        )
    if spec.validator is not None:
        try:
            spec.validator(coerced)
        except ValidationError as exc:
            raise ValidationError(f"{spec.label} — {exc.message}", field=spec.key) from exc
    return coerced


def setting_row(key: str, value: Any) -> Setting:
    """The row storing ``value`` for a declared setting (validated against its declaration)."""
    spec = SPECS_BY_KEY.get(key)
    if spec is None:
        raise ValidationError(f"Réglage inconnu : {key}")
    return Setting(key=key, value=json.dumps(_coerce(spec, value), ensure_ascii=False))


class SettingsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> dict[str, Any]:
        """Every declared setting, stored value or default."""
        values = {spec.key: spec.default for spec in SPECS}
        with self.db.unit_of_work(write=False) as session:
            for row in session.scalars(select(Setting)):
                spec = SPECS_BY_KEY.get(row.key)
                if spec is not None:
                    try:
                        values[row.key] = _coerce(spec, json.loads(row.value))
                    except (ValueError, ValidationError):
                        values[row.key] = spec.default
        return values

    def get(self, key: str) -> Any:
        return self.all()[key]

    def update(self, changes: dict[str, Any]) -> None:
        """Validates every value first, then saves them all in one transaction."""
        rows = [setting_row(key, value) for key, value in changes.items()]
        with self.db.unit_of_work() as session:
            require(session, Permission.SETTINGS)
            for row in rows:
                session.merge(row)

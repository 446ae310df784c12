"""The information notice handed at the desk, and the register of processing.

The notice is the text of Paramètres › Données personnelles with its placeholders filled.
The register fills the CNIL's model entry (« modèle de registre », one processing activity)
from the settings and the database: the recipients are the partners letters went to.
It is written as a PDF to sign and as an XLSX to adapt (cells neutralised).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from guichet.db import Database
from guichet.db.atomic_files import write_atomically
from guichet.errors import EnvironmentProblem
from guichet.exporters.tables import ExportTable, write_table
from guichet.letters.record_document import RecordDocument, Section, render_record_document
from guichet.models import Letter, LetterKind, Organization, Referral
from guichet.services.letters import LetterService
from guichet.services.personal_data.texts import NOTICE_TITLE
from guichet.services.settings import SettingsService

PLACEHOLDERS = ("agence", "adresse", "email", "telephone", "conservation", "responsable")


def _controller(values: dict[str, Any]) -> str:
    return str(values["rgpd.controller"]).strip() or str(values["agency.name"])


def fill_notice(text: str, values: dict[str, Any]) -> str:
    """The notice's placeholders filled (anything else in braces is left as typed)."""
    filled = {
        "agence": str(values["agency.name"]),
        "adresse": ", ".join(
            line for line in str(values["agency.address"]).splitlines() if line.strip()
        ),
        "email": str(values["agency.email"]) or "(e-mail de l'agence)",
        "telephone": str(values["agency.phone"]),
        "conservation": str(values["retention.inactive_years"]),
        "responsable": _controller(values),
    }
    for key, value in filled.items():
        text = text.replace("{" + key + "}", value)
    return text


def notice_document(values: dict[str, Any], now: datetime | None = None) -> RecordDocument:
    return RecordDocument(
        letterhead=LetterService.letterhead(values),
        title=NOTICE_TITLE,
        intro=fill_notice(str(values["rgpd.notice_text"]), values),
        sections=(),
        subject="Mentions d'information",
        created=now,
    )


def notice_pdf(
    db: Database, *, edited: dict[str, Any] | None = None, now: datetime | None = None
) -> bytes:
    """The notice as a PDF; ``edited`` settings (typed, not saved yet) preview it."""
    values = {**SettingsService(db).all(), **(edited or {})}
    return render_record_document(notice_document(values, now)).pdf


@dataclass(frozen=True)
class Register:
    """The CNIL model entry, rubric by rubric (label → text)."""

    rows: tuple[tuple[str, str], ...]
    controller: str


def recipients(db: Database) -> list[str]:
    """The partners letters went to (referral letters, and referrals sent)."""
    with db.unit_of_work(write=False) as session:
        by_letter = select(Letter.organization_id).where(Letter.kind == LetterKind.TO_PARTNER)
        by_referral = select(Referral.partner_id).where(Referral.sent_at.is_not(None))
        names = session.scalars(
            select(Organization.legal_name)
            .where(Organization.id.in_(by_letter) | Organization.id.in_(by_referral))
            .order_by(Organization.legal_name)
        ).all()
    return list(dict.fromkeys(names))


def build_register(db: Database, today: date | None = None) -> Register:
    values = SettingsService(db).all()
    day = today or date.today()
    partners = recipients(db)
    agency = str(values["agency.name"])
    address = ", ".join(line for line in str(values["agency.address"]).splitlines() if line.strip())
    contact = " — ".join(x for x in (str(values["agency.phone"]), str(values["agency.email"])) if x)
    rows = (
        (
            "Responsable du traitement",
            f"{_controller(values)}, {address}" + (f" ({contact})" if contact else ""),
        ),
        ("Délégué à la protection des données", str(values["rgpd.dpo"]) or "(à compléter)"),
        (
            "Activité de traitement",
            f"Guichet unique des entreprises de {agency} (logiciel Guichet)",
        ),
        ("Date de la fiche", f"{day:%d/%m/%Y}"),
        ("Finalités", str(values["rgpd.purposes"])),
        (
            "Base légale",
            "Intérêt légitime (article 6.1.f du RGPD) ; consentement lorsqu'il est recueilli",
        ),
        ("Catégories de personnes concernées", str(values["rgpd.people_categories"])),
        ("Catégories de données", str(values["rgpd.data_categories"])),
        ("Données sensibles", "Aucune"),
        (
            "Destinataires",
            "Les conseillers de l'agence.\nLes partenaires auxquels une demande est transmise "
            f"({len(partners)}) : "
            + ("; ".join(partners) if partners else "aucun à ce jour")
            + ".",
        ),
        ("Transferts hors de l'Union européenne", "Aucun"),
        (
            "Durées de conservation",
            f"Contacts : {values['retention.inactive_years']} ans après le dernier contact "
            "venant de la personne, puis anonymisation.\n"
            f"Demandes : {values['retention.closed_inquiry_years']} ans après leur clôture, "
            "puis anonymisation (les statistiques restent).\n"
            "Journal des modifications : valeurs retirées à l'anonymisation.",
        ),
        ("Mesures de sécurité", str(values["rgpd.security"])),
    )
    return Register(rows, _controller(values))


def register_document(
    register: Register, values: dict[str, Any], now: datetime | None
) -> RecordDocument:
    return RecordDocument(
        letterhead=LetterService.letterhead(values),
        title="Registre des activités de traitement",
        intro="Fiche de l'activité de traitement, établie d'après le modèle de registre de la CNIL.",
        sections=(Section("Guichet unique des entreprises", rows=register.rows),),
        signature_lines=(f"Pour {register.controller}", "Date et signature :"),
        subject="Registre des traitements",
        created=now,
    )


def write_register(db: Database, path: Path, *, now: datetime | None = None) -> Path:
    """The register as a PDF (``.pdf``) or a table to adapt (``.xlsx``, ``.csv``)."""
    moment = now or datetime.now()
    register = build_register(db, moment.date())
    if path.suffix.lower() != ".pdf":
        return write_table(
            ExportTable("Registre", ("Rubrique", "Contenu"), list(register.rows)), path
        )
    values = SettingsService(db).all()
    pdf = render_record_document(register_document(register, values, moment)).pdf
    try:
        write_atomically(path, pdf)
    except OSError as exc:
        raise EnvironmentProblem(
            f"Impossible d'écrire {path} : vérifiez le dossier et les droits.", detail=str(exc)
        ) from exc
    return path


def write_notice(db: Database, path: Path) -> Path:
    try:
        write_atomically(path, notice_pdf(db))
    except OSError as exc:
        raise EnvironmentProblem(
            f"Impossible d'écrire {path} : vérifiez le dossier et les droits.", detail=str(exc)
        ) from exc
    return path

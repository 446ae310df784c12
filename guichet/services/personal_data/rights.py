"""A person's rights in one action: « Exporter ses données » (a ZIP: a readable PDF summary, a
JSON of everything, the letters that name them) and « Effacer » (anonymised everywhere at
once, inquiries included — they stay, anonymised). Both need the RGPD permission; the export
is logged as an export (what, not the data).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select

from guichet.db import Database
from guichet.db.atomic_files import write_atomically
from guichet.errors import NotFoundError, ValidationError
from guichet.letters.record_document import RecordDocument, Section, render_record_document
from guichet.models import Contact
from guichet.reference.file_names import windows_file_name
from guichet.services import letter_archive
from guichet.services.audit_log import record_export
from guichet.services.letters import LetterService
from guichet.services.permissions import Permission, require
from guichet.services.personal_data.anonymise import Anonymised, anonymise
from guichet.services.personal_data.person_data import person_data
from guichet.services.personal_data.retention import remove_drafts
from guichet.services.settings import SettingsService

JSON_NAME = "donnees.json"
PDF_NAME = "synthese.pdf"


@dataclass(frozen=True)
class PersonExport:
    path: Path
    name: str
    letters: int
    inquiries: int


def _day(value: str | None) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value).strftime("%d/%m/%Y")


def summary_document(data: dict[str, Any], values: dict[str, Any], now: datetime) -> RecordDocument:
    """The readable PDF of the export (what the JSON holds, in French)."""
    person = data["personne"]
    labels = {
        "civilite": "Civilité",
        "prenom": "Prénom",
        "nom": "Nom",
        "fonction": "Fonction",
        "telephone": "Téléphone",
        "portable": "Portable",
        "email": "E-mail",
        "adresse": "Adresse",
        "organisation": "Organisation",
        "base_legale": "Base légale",
        "base_legale_depuis": "Depuis le",
        "base_legale_source": "Source",
        "consentement_le": "Consentement le",
        "opposition_le": "Opposition le",
        "fiche_creee_le": "Fiche créée le",
        "dernier_contact_de_sa_part": "Dernier contact de sa part",
    }
    rows = tuple(
        (
            text,
            _day(person[key])
            if key.endswith("_le") or key.startswith("dernier") or key == "base_legale_depuis"
            else str(person[key]),
        )
        for key, text in labels.items()
        if person.get(key) not in (None, "")
    )
    inquiries = tuple(
        (
            i["reference"],
            _day(i["recue_le"]),
            i["canal"],
            "; ".join(f"{n['thematique']} › {n['sujet']}" for n in i["besoins"]),
            i["statut"],
        )
        for i in data["demandes"]
    )
    letters = tuple(
        (
            x["type"],
            _day(x["genere_le"]),
            _day(x["envoye_le"]),
            "effacé" if x["efface_le"] else "joint",
        )
        for x in data["courriers"]
    )
    meetings = tuple(
        (
            m["reunion"],
            _day(m["le"]),
            m.get("statut") or ("invitation" if "invitation" in m else "intervention"),
        )
        for m in data["reunions"]
    )
    history = tuple(
        (_day(e["le"]), e["conseiller"] or "", e["action"], e["champ"] or "")
        for e in data["historique"]
    )
    sections = [Section("La personne", rows=rows)]
    if inquiries:
        sections.append(
            Section(
                "Demandes",
                table=(("Référence", "Reçue le", "Canal", "Besoins", "Statut"), *inquiries),
                widths=(0.16, 0.15, 0.13, 0.42, 0.14),
            )
        )
    if letters:
        sections.append(
            Section("Courriers", table=(("Courrier", "Généré le", "Envoyé le", "PDF"), *letters))
        )
    if meetings:
        sections.append(
            Section("Réunions", table=(("Réunion", "Date", "Participation"), *meetings))
        )
    if data["visites"]:
        sections.append(
            Section(
                "Visites",
                table=(
                    ("Prévue le", "Statut"),
                    *((_day(v["prevue_le"]), v["statut"]) for v in data["visites"]),
                ),
            )
        )
    if history:
        sections.append(
            Section(
                "Historique de la fiche", table=(("Le", "Conseiller", "Action", "Champ"), *history)
            )
        )
    return RecordDocument(
        letterhead=LetterService.letterhead(values),
        title="Vos données personnelles",
        intro=(
            f"Données enregistrées par {values['agency.name']} au {now:%d/%m/%Y}. Le fichier "
            f"{JSON_NAME} joint les contient toutes, dans un format lisible par un programme ; "
            "les courriers qui vous nomment sont dans le dossier « courriers »."
        ),
        sections=tuple(sections),
        subject="Droit d'accès",
        created=now,
    )


def export_person(
    db: Database, contact_id: int, target: Path, *, now: datetime | None = None
) -> PersonExport:
    """« Exporter ses données »: the ZIP, written atomically; the export is logged."""
    moment = now or datetime.now()
    values = SettingsService(db).all()
    with db.unit_of_work() as session:
        require(session, Permission.RGPD)
        data, letters = person_data(session, contact_id)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(JSON_NAME, json.dumps(data, ensure_ascii=False, indent=2))
            pdf = render_record_document(summary_document(data, values, moment)).pdf
            archive.writestr(PDF_NAME, pdf)
            for letter in letters:
                if letter.erased_at is None:
                    name = windows_file_name(f"{letter.id}-{letter.file_name}")
                    pdf = letter_archive.load(db, session, letter.pdf_sha256)
                    archive.writestr(f"courriers/{name}", pdf)
        write_atomically(target, buffer.getvalue())
        record_export(session, f"Données personnelles du contact n° {contact_id}", 1)
        person = data["personne"]
        name = " ".join(p for p in (person["prenom"], person["nom"]) if p)
        return PersonExport(target, name, len(letters), len(data["demandes"]))


def erase_person(
    db: Database, contact_id: int, draft_files: Sequence[Path] = (), *, now: datetime | None = None
) -> Anonymised:
    """« Effacer »: the person anonymised everywhere, in one transaction."""
    with db.unit_of_work() as session:
        require(session, Permission.RGPD)
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFoundError("Ce contact n'existe plus.")
        if contact.anonymized_at is not None:
            raise ValidationError("Ce contact est déjà anonymisé.")
        result = anonymise(db, session, contact_ids=[contact_id], now=now)
    remove_drafts(draft_files, result)
    return result


def find_contact(db: Database, text: str) -> int:
    """A contact named on the command line: its number, its e-mail, or « Prénom Nom »."""
    wanted = " ".join(text.split())
    with db.unit_of_work(write=False) as session:
        if wanted.isdigit():
            if session.get(Contact, int(wanted)) is None:
                raise NotFoundError(f"Aucun contact n° {wanted}.")
            return int(wanted)
        full = func.lower(func.coalesce(Contact.first_name, "") + " " + Contact.last_name)
        reverse = func.lower(Contact.last_name + " " + func.coalesce(Contact.first_name, ""))
        folded = wanted.casefold()
        ids = session.scalars(
            select(Contact.id).where(
                Contact.anonymized_at.is_(None),
                or_(
                    func.lower(Contact.email) == folded,
                    full == folded,
                    reverse == folded,
                    func.lower(Contact.last_name) == folded,
                ),
            )
        ).all()
    if not ids:
        raise NotFoundError(f"Aucun contact ne répond à « {wanted} ».")
    if len(ids) > 1:
        listed = ", ".join(str(i) for i in ids[:10])
        raise ValidationError(
            f"{len(ids)} contacts répondent à « {wanted} » (n° {listed}) : donnez son numéro."
        )
    return ids[0]

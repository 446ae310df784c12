"""An intake in progress, kept on disk so that a walk-in is never typed twice.

The « Nouvelle demande » form writes what is typed to a small JSON file beside the database,
every few seconds, and the next start offers it back — also after a crash or a power cut. This
module is the pure part: the draft as plain data, its JSON form, and the file written atomically
(a temporary file beside it, flushed to disk, renamed over: a kill at any instant leaves the old
draft or the new one, never half of one). No Qt, no database.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from guichet.config import AppPaths, sqlite_path
from guichet.db.atomic_files import write_atomically

log = logging.getLogger(__name__)

FORMAT = "guichet.brouillon-demande"
VERSION = 1
DRAFTS_FOLDER = "brouillons"


class DraftError(ValueError):
    """The file is not a draft this version can read."""


@dataclass(frozen=True)
class NeedText:
    """One need as typed: the subject picked (or only typed), its description, resources ticked."""

    subject_id: int | None = None
    subject_text: str = ""
    description: str = ""
    resource_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class NewContactText:
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    email: str = ""
    role: str = ""
    civility: str = ""


@dataclass(frozen=True)
class NewCompanyText:
    """The quick-company panel as typed, before « Créer l'entreprise »."""

    legal_name: str = ""
    siret: str = ""
    without_siret: bool = False
    street: str = ""
    postal_code: str = ""
    commune: str = ""  # as shown: picked from the postal code's list, or typed
    naf_code: str = ""  # picked from the suggestions ("" when only typed)
    naf_text: str = ""  # the NAF field as typed


@dataclass(frozen=True)
class IntakeFormDraft:
    """What the intake form shows, field by field; enough to fill it again."""

    received_at: datetime
    channel: str
    counsellor_id: int | None = None
    organization_id: int | None = None
    organization_label: str = ""
    company_text: str = ""
    contact_id: int | None = None
    contact_text: str = ""
    new_contact: NewContactText | None = None
    new_company: NewCompanyText | None = None
    needs: tuple[NeedText, ...] = field(default_factory=tuple)
    consent: bool = False
    consent_on: date | None = None
    saved_at: datetime | None = None

    def summary(self) -> str:
        """A few words naming the draft (its company, else its first need, else its contact)."""
        company = self.organization_label or self.company_text
        need = next((n.subject_text or n.description for n in self.needs), "")
        for text in (company, need, self.contact_text):
            if text.strip():
                return " ".join(text.split())[:80]
        return ""


# -- JSON --------------------------------------------------------------------------------------
def to_json(draft: IntakeFormDraft) -> str:
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "received_at": draft.received_at.isoformat(),
        "channel": draft.channel,
        "counsellor_id": draft.counsellor_id,
        "organization_id": draft.organization_id,
        "organization_label": draft.organization_label,
        "company_text": draft.company_text,
        "contact_id": draft.contact_id,
        "contact_text": draft.contact_text,
        "new_contact": None if draft.new_contact is None else vars(draft.new_contact),
        "new_company": None if draft.new_company is None else vars(draft.new_company),
        "needs": [
            {
                "subject_id": n.subject_id,
                "subject_text": n.subject_text,
                "description": n.description,
                "resource_ids": list(n.resource_ids),
            }
            for n in draft.needs
        ],
        "consent": draft.consent,
        "consent_on": None if draft.consent_on is None else draft.consent_on.isoformat(),
        "saved_at": None if draft.saved_at is None else draft.saved_at.isoformat(),
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def from_json(text: str) -> IntakeFormDraft:
    """The draft in ``text``; :class:`DraftError` if it is not one (damaged, other format)."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise DraftError("pas un brouillon de demande")
        if data.get("version") != VERSION:
            raise DraftError(f"version de brouillon inconnue : {data.get('version')!r}")
        contact = data["new_contact"]
        return IntakeFormDraft(
            received_at=datetime.fromisoformat(_text(data["received_at"])),
            channel=_text(data["channel"]),
            counsellor_id=_id(data["counsellor_id"]),
            organization_id=_id(data["organization_id"]),
            organization_label=_text(data["organization_label"]),
            company_text=_text(data["company_text"]),
            contact_id=_id(data["contact_id"]),
            contact_text=_text(data["contact_text"]),
            new_contact=None
            if contact is None
            else NewContactText(**{k: _text(contact.get(k, "")) for k in vars(NewContactText())}),
            new_company=_new_company(data.get("new_company")),
            needs=tuple(
                NeedText(
                    subject_id=_id(n["subject_id"]),
                    subject_text=_text(n["subject_text"]),
                    description=_text(n["description"]),
                    resource_ids=tuple(_int(i) for i in n["resource_ids"]),
                )
                for n in data["needs"]
            ),
            consent=bool(data["consent"]),
            consent_on=None
            if data["consent_on"] is None
            else date.fromisoformat(_text(data["consent_on"])),
            saved_at=None
            if data["saved_at"] is None
            else datetime.fromisoformat(_text(data["saved_at"])),
        )
    except DraftError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DraftError(f"brouillon illisible : {exc}") from exc


def _new_company(data: object) -> NewCompanyText | None:
    """The panel's fields; a draft written before they were kept has none."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise TypeError(f"entreprise attendue, pas {data!r}")
    texts = {k: _text(data.get(k, "")) for k in vars(NewCompanyText()) if k != "without_siret"}
    return NewCompanyText(without_siret=_flag(data.get("without_siret", False)), **texts)


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"oui/non attendu, pas {value!r}")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"texte attendu, pas {value!r}")
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"entier attendu, pas {value!r}")
    return value


def _id(value: object) -> int | None:
    return None if value is None else _int(value)


# -- the file ----------------------------------------------------------------------------------
def draft_path(paths: AppPaths, database_url: str) -> Path:
    """The draft file of one database, in the user data folder.

    One per database: a draft typed against one base is never offered on another.
    """
    key = _without_password(database_url)
    db_file = sqlite_path(key)
    stem = db_file.stem if db_file is not None else "serveur"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", stem)[:40]
    return paths.data_dir / DRAFTS_FOLDER / f"demande-{name}-{digest}.json"


def _without_password(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1@", url)


class DraftFile:
    """The draft of one database on disk: written atomically, read back, removed."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def write(self, draft: IntakeFormDraft) -> None:
        write_atomically(self.path, to_json(draft))

    def read(self) -> IntakeFormDraft | None:
        """The draft, or ``None`` if there is none or it cannot be read (logged, left in place)."""
        self._remove_leftovers()
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("Brouillon de demande illisible (%s) : %s", self.path, exc)
            return None
        try:
            return from_json(text)
        except DraftError as exc:
            log.warning("Brouillon de demande ignoré (%s) : %s", self.path, exc)
            return None

    def delete(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def _remove_leftovers(self) -> None:
        """Temporary files of a write that was killed before its rename."""
        if self.path.parent.is_dir():
            for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
                with contextlib.suppress(OSError):
                    leftover.unlink()

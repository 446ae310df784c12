"""The visit questionnaire: versions of a list of questions, and the checking of answers.

A version never changes once written: editing the questionnaire (Paramètres › Visites) saves a
new version, and each visit keeps the version it was recorded with.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import QuestionnaireVersion

#: the question types and their French names
TYPES: dict[str, str] = {
    "yesno": "Oui / non",
    "number": "Nombre",
    "choice": "Choix",
    "text": "Texte",
}
YES, NO = "oui", "non"
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_LABEL = 250


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    type: str
    choices: tuple[str, ...] = ()
    required: bool = False
    #: answers that raise the risk signal (empty: the question raises none)
    risk_values: tuple[str, ...] = ()
    risk_label: str = ""

    @property
    def type_label(self) -> str:
        return TYPES.get(self.type, self.type)

    def is_risk(self, value: str) -> bool:
        return bool(value) and value in self.risk_values

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "label": self.label, "type": self.type}
        if self.choices:
            data["choices"] = list(self.choices)
        if self.required:
            data["required"] = True
        if self.risk_values:
            data["risk"] = {"values": list(self.risk_values), "label": self.risk_label}
        return data


@dataclass(frozen=True)
class QuestionnaireInfo:
    id: int
    number: int
    questions: tuple[Question, ...] = field(default_factory=tuple)
    note: str = ""

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


def parse_questions(text: str) -> tuple[Question, ...]:
    result = []
    for item in json.loads(text):
        risk = item.get("risk") or {}
        result.append(
            Question(
                key=str(item["key"]),
                label=str(item["label"]),
                type=str(item.get("type", "text")),
                choices=tuple(str(c) for c in item.get("choices", ())),
                required=bool(item.get("required", False)),
                risk_values=tuple(str(v) for v in risk.get("values", ())),
                risk_label=str(risk.get("label", "")),
            )
        )
    return tuple(result)


def info_of(row: QuestionnaireVersion) -> QuestionnaireInfo:
    return QuestionnaireInfo(row.id, row.number, parse_questions(row.questions), row.note or "")


def check_questions(questions: Sequence[Question]) -> tuple[Question, ...]:
    """The questions tidied, or a French message naming the first problem."""
    if not questions:
        raise ValidationError("Le questionnaire doit compter au moins une question.")
    seen: set[str] = set()
    tidy = []
    for number, q in enumerate(questions, start=1):
        label = " ".join(q.label.split())
        where = f"Question {number}"
        if not label:
            raise ValidationError(f"{where} : le libellé est obligatoire.", field="label")
        if len(label) > MAX_LABEL:
            raise ValidationError(f"{where} : le libellé dépasse {MAX_LABEL} caractères.")
        if not KEY_PATTERN.match(q.key):
            raise ValidationError(
                f"{where} : la clé « {q.key} » doit commencer par une lettre et ne compter que "
                "des minuscules sans accent, des chiffres et « _ » (40 au plus).",
                field="key",
            )
        if q.key in seen:
            raise ValidationError(f"{where} : la clé « {q.key} » est déjà prise.", field="key")
        seen.add(q.key)
        if q.type not in TYPES:
            raise ValidationError(f"{where} : type de question inconnu « {q.type} ».")
        choices = tuple(dict.fromkeys(c.strip() for c in q.choices if c.strip()))
        if q.type == "choice" and len(choices) < 2:
            raise ValidationError(f"{where} : une question à choix propose au moins deux choix.")
        allowed = choices if q.type == "choice" else (YES, NO) if q.type == "yesno" else ()
        risk = tuple(v for v in q.risk_values if v)
        if risk and not allowed:
            raise ValidationError(
                f"{where} : seul un « oui / non » ou un choix peut lever un signal de risque."
            )
        if any(v not in allowed for v in risk):
            raise ValidationError(f"{where} : la réponse à risque doit être l'un des choix.")
        tidy.append(
            Question(
                key=q.key,
                label=label,
                type=q.type,
                choices=choices if q.type == "choice" else (),
                required=q.required,
                risk_values=risk,
                risk_label=(q.risk_label.strip() or label) if risk else "",
            )
        )
    return tuple(tidy)


def check_answers(questions: Sequence[Question], values: Mapping[str, str]) -> dict[str, str]:
    """The answers tidied (unanswered ones left out), or a French message on the first problem."""
    result: dict[str, str] = {}
    for q in questions:
        raw = str(values.get(q.key, ""))
        value = raw.strip() if q.type == "text" else " ".join(raw.split())
        if not value:
            if q.required:
                raise ValidationError(f"La réponse à « {q.label} » est obligatoire.", field=q.key)
            continue
        if q.type == "number":
            number = value.replace(" ", "").replace("\u202f", "").replace(",", ".")
            try:
                parsed = float(number)
            except ValueError:
                raise ValidationError(
                    f"« {q.label} » attend un nombre (« {value} » n'en est pas un).", field=q.key
                ) from None
            if parsed < 0:
                raise ValidationError(f"« {q.label} » ne peut pas être négatif.", field=q.key)
            value = str(int(parsed)) if parsed.is_integer() else str(parsed)
        elif q.type == "yesno" and value not in (YES, NO):
            raise ValidationError(f"« {q.label} » se répond par oui ou non.", field=q.key)
        elif q.type == "choice" and value not in q.choices:
            raise ValidationError(
                f"« {value} » n'est pas un choix de « {q.label} » ({', '.join(q.choices)}).",
                field=q.key,
            )
        result[q.key] = value
    return result


def current_version(session: Session) -> QuestionnaireVersion:
    row = session.scalar(
        select(QuestionnaireVersion).order_by(QuestionnaireVersion.number.desc()).limit(1)
    )
    if row is None:
        raise NotFoundError("Aucun questionnaire de visite n'est enregistré.")
    return row


class QuestionnaireService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def current(self) -> QuestionnaireInfo:
        with self.db.unit_of_work(write=False) as session:
            return info_of(current_version(session))

    def get(self, version_id: int) -> QuestionnaireInfo:
        with self.db.unit_of_work(write=False) as session:
            row = session.get(QuestionnaireVersion, version_id)
            if row is None:
                raise NotFoundError("Cette version du questionnaire n'existe plus.")
            return info_of(row)

    def save_new_version(self, questions: Sequence[Question], note: str = "") -> QuestionnaireInfo:
        """Writes the questions as the next version (an unchanged list writes nothing)."""
        tidy = check_questions(questions)
        with self.db.unit_of_work() as session:
            latest = current_version(session)
            if parse_questions(latest.questions) == tidy:
                return info_of(latest)
            number = int(session.scalar(select(func.max(QuestionnaireVersion.number))) or 0) + 1
            row = QuestionnaireVersion(
                number=number,
                questions=json.dumps([q.to_json() for q in tidy], ensure_ascii=False),
                note=note.strip()[:250] or None,
            )
            session.add(row)
            session.flush()
            return info_of(row)

"""Importing opportunities from a file, one row per lot, with the import's column mapping.

Rows sharing a reference (or, without one, a title) make one opportunity. Names are resolved
against the database: the buyer by its name in the directory, each capability by its name or
one of its synonyms (« soudage TIG » is « TIG »), certifications and sectors by name. What
cannot be resolved is listed in French; the import itself is one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.importers.mapping import Mapping, guess_mapping
from guichet.importers.opportunity_table import OPPORTUNITY_FIELDS
from guichet.importers.tables import Table
from guichet.models import (
    Capability,
    Certification,
    OpportunitySource,
    Organization,
    Sector,
    label,
)
from guichet.reference.communes import commune_by_name
from guichet.reference.text import fold
from guichet.services.opportunities import (
    LotInput,
    OpportunityInput,
    add_opportunity,
    validate,
)

_SPLIT = re.compile(r"[;,\n|]+")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?$")


@dataclass(frozen=True)
class ImportPlan:
    opportunities: tuple[OpportunityInput, ...]
    problems: tuple[str, ...]


def guess(table: Table) -> Mapping:
    return guess_mapping(table.headers, OPPORTUNITY_FIELDS)


def _date(text: str, line: int, problems: list[str]) -> datetime | None:
    value = text.strip()
    if not value:
        return None
    found = _DATE.match(value)
    try:
        if found:
            day, month, year, hour, minute = found.groups()
            return datetime(int(year), int(month), int(day), int(hour or 12), int(minute or 0))
        return datetime.fromisoformat(value)
    except ValueError:
        problems.append(f"Ligne {line} : date « {value} » illisible (attendu JJ/MM/AAAA).")
        return None


def _amount(text: str, line: int, problems: list[str]) -> int | None:
    digits = re.sub(r"[\s €\u202f\u00a0]", "", text).replace(",", ".")
    if not digits:
        return None
    try:
        return int(float(digits))
    except ValueError:
        problems.append(f"Ligne {line} : montant « {text} » illisible.")
        return None


class _Names:
    """Folded names (and capability synonyms) → ids, read once."""

    def __init__(self, db: Database) -> None:
        with db.unit_of_work(write=False) as s:
            self.capabilities: dict[str, int] = {}
            rows = list(s.execute(select(Capability.id, Capability.name, Capability.synonyms)))
            for cid, _name, synonyms in rows:
                for word in (w for w in (synonyms or "").split("|") if w.strip()):
                    self.capabilities.setdefault(fold(word.strip()), cid)
            for cid, name, _synonyms in rows:
                self.capabilities[fold(name)] = cid  # a name wins over another's synonym
            self.certifications = {
                fold(n): i for i, n in s.execute(select(Certification.id, Certification.name))
            }
            self.sectors = {fold(n): i for i, n in s.execute(select(Sector.id, Sector.name))}
            self.organizations = {
                fold(n): i for i, n in s.execute(select(Organization.id, Organization.legal_name))
            }
        self.sources = {fold(label(s)): s for s in OpportunitySource}

    def ids(
        self, text: str, table: dict[str, int], what: str, line: int, problems: list[str]
    ) -> tuple[int, ...]:
        found: list[int] = []
        for part in (p.strip() for p in _SPLIT.split(text) if p.strip()):
            key = table.get(fold(part))
            if key is None:
                problems.append(
                    f"Ligne {line} : {what} « {part} » inconnu(e) du thésaurus, ignoré(e)."
                )
            elif key not in found:
                found.append(key)
        return tuple(found)


def plan_import(
    db: Database, table: Table, mapping: Mapping, *, now: datetime | None = None
) -> ImportPlan:
    """What the file holds, as opportunities ready to save, and what could not be read."""
    if "title" not in mapping:
        raise ValidationError("Indiquez la colonne de l'intitulé de l'opportunité.")
    names = _Names(db)
    problems: list[str] = []
    grouped: dict[str, OpportunityInput] = {}
    moment = (now or datetime.now()).replace(second=0, microsecond=0)
    for row, line in zip(table.rows, table.line_numbers, strict=True):
        cell = {
            key: (row[i].strip() if i < len(row) else "") for i, key in enumerate(mapping) if key
        }
        title = cell.get("title", "")
        if not title:
            problems.append(f"Ligne {line} : sans intitulé, ignorée.")
            continue
        key = cell.get("reference") or title
        lot = LotInput(
            number=int(cell["lot_number"]) if cell.get("lot_number", "").isdigit() else 0,
            title=cell.get("lot_title") or title,
            capability_ids=names.ids(
                cell.get("lot_capabilities", ""), names.capabilities, "savoir-faire", line, problems
            ),
            certification_ids=names.ids(
                cell.get("lot_certifications", ""),
                names.certifications,
                "certification",
                line,
                problems,
            ),
            min_headcount_band=cell.get("lot_headcount") or None,
        )
        current = grouped.get(key)
        if current is None:
            buyer = cell.get("buyer", "")
            buyer_id = names.organizations.get(fold(buyer)) if buyer else None
            if buyer and buyer_id is None:
                problems.append(
                    f"Ligne {line} : acheteur « {buyer} » absent de l'annuaire (à choisir ensuite)."
                )
            place = cell.get("commune", "")
            insee = place if place.isdigit() and len(place) == 5 else None
            if place and insee is None:
                found = commune_by_name(place)
                insee = found.insee if found else None
            current = OpportunityInput(
                title=title,
                received_at=_date(cell.get("received_at", ""), line, problems) or moment,
                source=names.sources.get(
                    fold(cell.get("source", "")), OpportunitySource.PUBLIC_TENDER
                ),
                buyer_id=buyer_id,
                buyer_reference=cell.get("reference", ""),
                description=cell.get("description", ""),
                commune_insee=insee,
                estimated_value=_amount(cell.get("value", ""), line, problems),
                sector_id=names.sectors.get(fold(cell.get("sector", ""))),
                answer_deadline=_date(cell.get("answer_deadline", ""), line, problems),
                questions_deadline=_date(cell.get("questions_deadline", ""), line, problems),
            )
        number = lot.number or len(current.lots) + 1
        grouped[key] = replace(current, lots=(*current.lots, replace(lot, number=number)))
    ready = []
    for key, data in grouped.items():
        try:
            validate(data)
        except ValidationError as exc:
            problems.append(f"« {key} » n'est pas importée : {exc.message}")
        else:
            ready.append(data)
    return ImportPlan(tuple(ready), tuple(problems))


def import_plan(db: Database, plan: ImportPlan, counsellor_id: int | None = None) -> list[int]:
    """Saves every opportunity of the plan, or none when one is refused."""
    if not plan.opportunities:
        raise ValidationError("Le fichier ne contient aucune opportunité à importer.")
    for data in plan.opportunities:
        validate(data)
    with db.unit_of_work() as session:
        return [add_opportunity(session, data, counsellor_id) for data in plan.opportunities]

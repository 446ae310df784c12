"""What an import will do to each row: create, update the matching record, skip or reject.

A row matches an existing organisation by SIRET, or else by its normalized name in the same
commune (when the two do not carry different SIRETs). A row repeating an earlier row of the same
file is skipped. The plan is computed again inside the import's transaction, so a preview opened
earlier never overwrites changes made since.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, select

from guichet.importers.fast_checks import BulkValidators
from guichet.importers.mapping import FIELDS_BY_KEY, Mapping
from guichet.importers.rows import ORGANIZATION_FIELDS, check_row, match_key
from guichet.importers.tables import Table
from guichet.models import Contact, Organization, OrganizationKind
from guichet.reference.text import fold


class ImportAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"
    REJECT = "reject"


ACTION_LABELS = {
    ImportAction.CREATE: "Créer",
    ImportAction.UPDATE: "Mettre à jour",
    ImportAction.SKIP: "Ignorer",
    ImportAction.REJECT: "Rejeter",
}


@dataclass(frozen=True)
class PlannedRow:
    line: int
    action: ImportAction
    name: str
    siret: str
    city: str
    reason: str
    values: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    organization_id: int | None = None
    changes: tuple[str, ...] = ()
    contact: dict[str, Any] | None = field(default=None, compare=False, hash=False)
    warnings: tuple[str, ...] = ()
    network: str | None = None  # a membership to create (the « Réseau » column)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass
class Existing:
    """The organisations and contacts already in the database, indexed for matching."""

    records: dict[int, dict[str, Any]] = field(default_factory=dict)
    by_siret: dict[str, int] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    contacts: set[tuple[int, str, str]] = field(default_factory=set)

    def add(self, record: dict[str, Any]) -> None:
        self.records[record["id"]] = record
        if record.get("siret"):
            self.by_siret[record["siret"]] = record["id"]
        key = match_key(record["legal_name"], record.get("commune_insee"), record.get("city"))
        self.by_key.setdefault(key, record["id"])


def contact_key(first: str | None, last: str) -> tuple[str, str]:
    return fold(first or ""), fold(last)


def load_existing(conn: Connection) -> Existing:
    existing = Existing()
    columns = [Organization.id, Organization.kind] + [
        getattr(Organization, name) for name in ORGANIZATION_FIELDS
    ]
    for row in conn.execute(select(*columns)).mappings():
        existing.add(dict(row))
    for org_id, first, last in conn.execute(
        select(Contact.organization_id, Contact.first_name, Contact.last_name).where(
            Contact.organization_id.is_not(None)
        )
    ):
        if org_id is not None:
            existing.contacts.add((org_id, *contact_key(first, last)))
    return existing


@dataclass(frozen=True)
class ImportPlan:
    rows: list[PlannedRow]
    kind: OrganizationKind

    def count(self, action: ImportAction) -> int:
        return sum(1 for r in self.rows if r.action == action)


def _changes(old: dict[str, Any], new: dict[str, Any], kind: OrganizationKind) -> list[str]:
    changed = [k for k, v in new.items() if v is not None and old.get(k) != v]
    if kind != OrganizationKind.COMPANY and old.get("kind") == OrganizationKind.COMPANY:
        changed.append("kind")
    return changed


def _label(key: str) -> str:
    return FIELDS_BY_KEY[key].label if key in FIELDS_BY_KEY else {"kind": "type"}.get(key, key)


def plan_rows(
    table: Table,
    mapping: Mapping,
    existing: Existing,
    kind: OrganizationKind,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """Check every row and decide its action; ``progress(done, total)`` every 1,000 rows."""
    seen_siret: dict[str, int] = {}
    seen_key: dict[str, int] = {}
    planned: list[PlannedRow] = []
    total = len(table.rows)
    checks = BulkValidators()
    for index, (row, line) in enumerate(zip(table.rows, table.line_numbers, strict=True)):
        if progress is not None and index % 1000 == 0:
            progress(index, total)
        checked = check_row(row, mapping, checks)
        values = checked.organization
        name = values.get("legal_name", "")
        siret = values.get("siret", "")
        base = {"line": line, "name": name, "siret": siret, "city": values.get("city", "")}
        warnings = tuple(checked.warnings)
        if checked.errors:
            reason = " ".join(checked.errors)
            planned.append(PlannedRow(action=ImportAction.REJECT, reason=reason, **base))
            continue
        key = match_key(name, values.get("commune_insee"), values.get("city"))
        first = seen_siret.get(siret) if siret else None
        if first is None and not siret:
            first = seen_key.get(key)
        if first is not None:
            reason = f"Doublon de la ligne {first} du fichier."
            planned.append(PlannedRow(action=ImportAction.SKIP, reason=reason, **base))
            continue
        if siret:
            seen_siret[siret] = line
        seen_key.setdefault(key, line)
        match = existing.by_siret.get(siret) if siret else None
        if match is None:
            candidate = existing.by_key.get(key)
            other_siret = existing.records[candidate].get("siret") if candidate else None
            if candidate is not None and not (siret and other_siret and other_siret != siret):
                match = candidate
        if match is None:
            planned.append(
                PlannedRow(
                    action=ImportAction.CREATE,
                    reason=" ".join(warnings),
                    values=values,
                    contact=checked.contact,
                    warnings=warnings,
                    network=checked.network,
                    **base,
                )
            )
            continue
        old = existing.records[match]
        changes = _changes(old, values, kind)
        contact = checked.contact
        if contact and (match, *contact_key(contact["first_name"], contact["last_name"])) in (
            existing.contacts
        ):
            contact = None
        if not changes and contact is None:
            reason = " ".join(("Déjà à jour.", *warnings))
            planned.append(
                PlannedRow(
                    action=ImportAction.SKIP,
                    reason=reason,
                    organization_id=match,  # still joins its network (import of members)
                    network=checked.network,
                    **base,
                )
            )
            continue
        what = [_label(k) for k in changes] + (["nouveau contact"] if contact else [])
        reason = " ".join((f"Mise à jour : {', '.join(what)}.", *warnings))
        planned.append(
            PlannedRow(
                action=ImportAction.UPDATE,
                reason=reason,
                values={k: values[k] for k in changes if k in values},
                organization_id=match,
                changes=tuple(changes),
                contact=contact,
                warnings=warnings,
                network=checked.network,
                **base,
            )
        )
    if progress is not None:
        progress(total, total)
    return ImportPlan(rows=planned, kind=kind)

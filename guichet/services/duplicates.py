"""Likely duplicate organizations, and merging two of them into one without losing anything.

A pair is listed when the two share a SIREN, when their normalised names are close
(rapidfuzz ``token_sort_ratio`` ≥ :data:`NAME_THRESHOLD` on folded names without legal-form
words) in the same commune, or when they share an e-mail address or a phone number.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.db.audit import record_merge
from guichet.errors import ValidationError
from guichet.models import (
    Organization,
    OrganizationKind,
    label,
)
from guichet.reference.identifiers import format_siren, format_siret
from guichet.reference.phones import format_phone
from guichet.reference.text import fold
from guichet.services.duplicate_links import (
    MOVED_LINKS,
    OPTIONAL_KEYS,
    count_links,
    fold_groupement_members,
)
from guichet.services.organization_rules import FIELD_LABELS, SCALAR_FIELDS
from guichet.services.organizations import load_organization
from guichet.services.permissions import Permission, require

NAME_THRESHOLD = 90.0
Choice = Literal["keep", "remove"]

#: Fields the merge dialog offers to take from one record or the other: every stored field of
#: the form, with the verification date shown after the description.
_AFTER_DESCRIPTION = SCALAR_FIELDS.index("description") + 1
MERGEABLE_FIELDS: tuple[str, ...] = (
    *SCALAR_FIELDS[:_AFTER_DESCRIPTION],
    "verified_on",
    *SCALAR_FIELDS[_AFTER_DESCRIPTION:],
)
#: Fields moved together: choosing one side for any of them takes the whole group.
_GROUPS = (
    ("siret", "siren"),
    ("naf_code", "naf_version"),
    ("postal_code", "city", "commune_insee"),
)
_LEGAL_WORDS = re.compile(
    r"\b(sarl|sas|sasu|sa|eurl|sci|snc|scop|ste|societe|ets|etablissements|groupe|et cie|cie)\b"
)


MOVED_LABELS = {
    "contacts": "contact(s)",
    "memberships": "adhésion(s)",
    "network_members": "adhésion(s) au réseau",
    "inquiries": "demande(s)",
    "referrals": "mise(s) en relation",
    "letters": "courrier(s)",
    "routing_rules": "règle(s) d'orientation",
    "visits": "visite(s)",
    "opportunities": "opportunité(s) (acheteur ou signalement)",
    "opportunity_links": "relais, réponse(s) ou groupement(s) d'opportunité",
}


@dataclass(frozen=True)
class OrganizationSummary:
    id: int
    name: str
    kind_label: str
    siret: str
    city: str
    email: str
    phone: str


@dataclass(frozen=True)
class DuplicatePair:
    first: OrganizationSummary
    second: OrganizationSummary
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return " ; ".join(self.reasons)


@dataclass(frozen=True)
class FieldComparison:
    field: str
    label: str
    keep_text: str
    remove_text: str

    @property
    def differs(self) -> bool:
        return self.keep_text != self.remove_text


@dataclass(frozen=True)
class MergeResult:
    kept_id: int
    removed_id: int
    moved: dict[str, int]


def normalized_name(name: str) -> str:
    """Folded name without legal-form words and punctuation (« SARL Dupont & Fils » → « dupont fils »)."""
    text = re.sub(r"[^a-z0-9 ]+", " ", fold(name))
    return " ".join(_LEGAL_WORDS.sub(" ", text).split())


@dataclass
class _Row:
    id: int
    legal_name: str
    trade_name: str | None
    kind: OrganizationKind
    siret: str | None
    siren: str | None
    city: str | None
    commune_insee: str | None
    email: str | None
    phone: str | None

    def summary(self) -> OrganizationSummary:
        name = self.legal_name
        if self.trade_name and self.trade_name != self.legal_name:
            name = f"{self.trade_name} ({self.legal_name})"
        return OrganizationSummary(
            id=self.id,
            name=name,
            kind_label=label(self.kind),
            siret=format_siret(self.siret) if self.siret else "",
            city=self.city or "",
            email=self.email or "",
            phone=format_phone(self.phone) if self.phone else "",
        )


def _pairs_by_key(rows: Iterable[_Row], key: str, reason: str) -> dict[tuple[int, int], str]:
    groups: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        value = getattr(row, key)
        if value:
            groups[value.casefold()].append(row.id)
    found = {}
    for value, ids in groups.items():
        if len(ids) < 2:
            continue
        shown = (
            format_siren(value)
            if key == "siren"
            else format_phone(value)
            if key == "phone"
            else value
        )
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                found[(min(a, b), max(a, b))] = f"{reason} {shown}"
    return found


def _pairs_by_name(rows: list[_Row]) -> dict[tuple[int, int], str]:
    by_place: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        place = row.commune_insee or fold(row.city or "")
        if place:
            by_place[place].append(row)
    found: dict[tuple[int, int], str] = {}
    for group in by_place.values():
        if len(group) < 2:
            continue
        # token_sort_ratio is the plain ratio of the sorted words: sort once, compare with ratio.
        keys = [" ".join(sorted(normalized_name(r.legal_name).split())) for r in group]
        for i in range(len(group) - 1):
            if not keys[i]:
                continue
            matches = process.extract(
                keys[i],
                keys[i + 1 :],
                scorer=fuzz.ratio,
                score_cutoff=NAME_THRESHOLD,
                limit=None,
            )
            for _key, score, offset in matches:
                j = i + 1 + offset
                a, b = group[i].id, group[j].id
                city = group[i].city or ""
                found[(min(a, b), max(a, b))] = f"Nom proche ({round(score)} %) à {city}".strip()
    return found


def find_duplicates(db: Database, limit: int = 1000) -> list[DuplicatePair]:
    """Likely duplicate pairs, the strongest reasons first (same SIREN, e-mail, phone, name)."""
    with db.unit_of_work() as session:
        rows = [
            _Row(*r)  # type: ignore[call-arg]  # the selected columns, in field order
            for r in session.execute(
                select(
                    Organization.id,
                    Organization.legal_name,
                    Organization.trade_name,
                    Organization.kind,
                    Organization.siret,
                    Organization.siren,
                    Organization.city,
                    Organization.commune_insee,
                    Organization.email,
                    Organization.phone,
                )
            )
        ]
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
    for found in (
        _pairs_by_key(rows, "siren", "Même SIREN"),
        _pairs_by_key(rows, "email", "Même e-mail"),
        _pairs_by_key(rows, "phone", "Même téléphone"),
        _pairs_by_name(rows),
    ):
        for pair, reason in found.items():
            reasons[pair].append(reason)
    by_id = {row.id: row for row in rows}
    pairs = [
        DuplicatePair(by_id[a].summary(), by_id[b].summary(), tuple(why))
        for (a, b), why in reasons.items()
    ]
    pairs.sort(key=lambda p: (-len(p.reasons), p.first.name.casefold(), p.second.name.casefold()))
    return pairs[:limit]


def _text(org: Organization, field: str) -> str:
    value = getattr(org, field)
    if value is None:
        return ""
    if field == "siret":
        return format_siret(value)
    if field == "phone":
        return format_phone(value)
    if field == "kind":
        return label(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def compare(db: Database, keep_id: int, remove_id: int) -> list[FieldComparison]:
    """Both records field by field, for the merge dialog."""
    with db.unit_of_work() as session:
        keep = load_organization(session, keep_id)
        remove = load_organization(session, remove_id)
        return [
            FieldComparison(
                field, FIELD_LABELS.get(field, field), _text(keep, field), _text(remove, field)
            )
            for field in MERGEABLE_FIELDS
        ]


def _with_links(session: Session, organization_id: int) -> Organization:
    load_organization(session, organization_id)
    return session.scalars(
        select(Organization)
        .where(Organization.id == organization_id)
        .options(
            selectinload(Organization.contacts),
            selectinload(Organization.memberships),
            selectinload(Organization.capabilities),
            selectinload(Organization.certifications),
            selectinload(Organization.sectors),
        )
    ).one()


def _check_choices(field_choices: dict[str, str]) -> dict[str, str]:
    for field, choice in field_choices.items():
        if field not in MERGEABLE_FIELDS:
            raise ValidationError(f"Champ inconnu pour la fusion : {field}.", field=field)
        if choice not in ("keep", "remove"):
            raise ValidationError(f"Choix invalide pour « {FIELD_LABELS.get(field, field)} ».")
    chosen = dict(field_choices)
    for group in _GROUPS:  # a SIRET goes with its SIREN, a postal code with its commune
        if any(chosen.get(f) == "remove" for f in group if f in MERGEABLE_FIELDS):
            for f in group:
                chosen[f] = "remove"
    return chosen


def merge_organizations(
    db: Database, keep_id: int, remove_id: int, field_choices: dict[str, Choice] | dict[str, str]
) -> MergeResult:
    """Merge ``remove_id`` into ``keep_id`` in one transaction.

    Fields chosen as ``"remove"`` are copied from the removed record; every linked record
    (contacts, memberships and every link of :data:`MOVED_LINKS`) moves to the kept one, a
    groupement where both were members keeping one membership of it; capabilities,
    certifications and sectors are united; the removed record is deleted and the merge is
    written into the audit trail.
    """
    if keep_id == remove_id:
        raise ValidationError("Choisissez deux organisations différentes à fusionner.")
    chosen = _check_choices(dict(field_choices))
    with db.unit_of_work() as session:
        require(session, Permission.MERGE)
        keep = _with_links(session, keep_id)
        remove = _with_links(session, remove_id)
        copied = {f: getattr(remove, f) for f, c in chosen.items() if c == "remove"}
        moved = {
            "contacts": len(remove.contacts),
            "memberships": len(remove.memberships),
        }
        for contact in list(remove.contacts):
            contact.organization = keep
        for membership in list(remove.memberships):
            membership.organization = keep
        folded = fold_groupement_members(session, keep_id, remove_id)
        for name, model, column in MOVED_LINKS:
            records = list(session.scalars(select(model).where(column == remove_id)))
            for record in records:
                setattr(record, column.key, keep_id)
            moved[name] = moved.get(name, 0) + len(records)
        moved["opportunity_links"] = moved.get("opportunity_links", 0) + folded
        moved = {k: n for k, n in moved.items() if n or k not in OPTIONAL_KEYS}
        for attr in ("capabilities", "certifications", "sectors"):
            mine = getattr(keep, attr)
            have = {item.id for item in mine}
            extra = [item for item in getattr(remove, attr) if item.id not in have]
            if extra:
                setattr(keep, attr, sorted([*mine, *extra], key=lambda item: item.name))
        if "siret" in copied:  # the SIRET is unique: free it before giving it to the kept record
            remove.siret = None
        session.flush()
        for field, value in copied.items():
            setattr(keep, field, value)
        detail = (
            f"Fusion de « {remove.display_name} » (n° {remove_id}) dans « {keep.display_name} »"
            f" ; champs repris : {', '.join(FIELD_LABELS.get(f, f) for f in copied) or 'aucun'}"
            f" ; déplacés : "
            + (", ".join(f"{n} {MOVED_LABELS[what]}" for what, n in moved.items() if n) or "rien")
        )
        record_merge(session, "organization", keep_id, remove_id, detail)
        session.delete(remove)
        session.flush()
        return MergeResult(keep_id, remove_id, moved)


def linked_counts(db: Database, organization_id: int) -> dict[str, int]:
    """How many records point to an organization (what a merge would move), by kind."""
    with db.unit_of_work() as session:
        org = _with_links(session, organization_id)
        counts = {"contacts": len(org.contacts), "memberships": len(org.memberships)}
        return counts | count_links(session, organization_id)

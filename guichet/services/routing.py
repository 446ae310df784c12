"""The routing table: which partner institution handles which subject, within which limits.

Limits are optional: INSEE commune codes, headcount band codes, NAF prefixes (``25`` or
``25.62``). Empty means no limit. Each save is one transaction, audited by the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import Contact, Organization, OrganizationKind, RoutingRule, Subject
from guichet.reference.communes import commune
from guichet.reference.headcount import is_valid_headcount_code
from guichet.services.locking import ensure_current
from guichet.services.permissions import Permission, require


@dataclass(frozen=True)
class RoutingRow:
    id: int
    subject_id: int
    subject: str
    partner_id: int
    partner: str
    contact_id: int | None
    contact: str
    communes: tuple[str, ...]
    headcount_bands: tuple[str, ...]
    naf_prefixes: tuple[str, ...]
    note: str
    version: int


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (text or "").split("|") if p.strip())


def _row(
    rule: RoutingRule, subject: Subject, partner: Organization, contact: Contact | None
) -> RoutingRow:
    return RoutingRow(
        id=rule.id,
        subject_id=subject.id,
        subject=f"{subject.theme.name} › {subject.name}",
        partner_id=partner.id,
        partner=partner.display_name,
        contact_id=contact.id if contact else None,
        contact=contact.full_name if contact else "",
        communes=_split(rule.communes),
        headcount_bands=_split(rule.headcount_bands),
        naf_prefixes=_split(rule.naf_prefixes),
        note=rule.note or "",
        version=rule.version,
    )


def _check(communes: Sequence[str], bands: Sequence[str], prefixes: Sequence[str]) -> None:
    for code in communes:
        if commune(code) is None:
            raise ValidationError(f"Code commune INSEE inconnu : « {code} ».", field="communes")
    for band in bands:
        if not is_valid_headcount_code(band):
            raise ValidationError(
                f"Tranche d'effectif inconnue : « {band} ».", field="headcount_bands"
            )
    for prefix in prefixes:
        compact = prefix.replace(".", "")
        if not (compact[:2].isdigit() and len(compact) <= 5):
            raise ValidationError(
                f"Préfixe NAF invalide : « {prefix} » (exemples : 25, 25.6, 25.62B).",
                field="naf_prefixes",
            )


class RoutingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def rules(self) -> list[RoutingRow]:
        with self.db.unit_of_work() as session:
            rules = session.scalars(
                select(RoutingRule).order_by(
                    RoutingRule.subject_id, RoutingRule.position, RoutingRule.id
                )
            ).all()
            subjects = {
                s.id: s
                for s in session.scalars(select(Subject).options(selectinload(Subject.theme)))
            }
            result = []
            for rule in rules:
                partner = session.get(Organization, rule.partner_id)
                contact = session.get(Contact, rule.contact_id) if rule.contact_id else None
                if partner is not None and rule.subject_id in subjects:
                    result.append(_row(rule, subjects[rule.subject_id], partner, contact))
            return sorted(result, key=lambda r: (r.subject, r.partner))

    def subjects(self) -> list[Choice]:
        with self.db.unit_of_work() as session:
            query = (
                select(Subject).where(Subject.active.is_(True)).options(selectinload(Subject.theme))
            )
            rows = [Choice(s.id, f"{s.theme.name} › {s.name}") for s in session.scalars(query)]
            return sorted(rows, key=lambda c: c.name)

    def partners(self) -> list[Choice]:
        with self.db.unit_of_work() as session:
            query = (
                select(Organization)
                .where(
                    Organization.kind.in_(
                        [
                            OrganizationKind.PARTNER,
                            OrganizationKind.MEMBER,
                            OrganizationKind.NETWORK,
                        ]
                    ),
                    Organization.do_not_refer.is_(False),
                )
                .order_by(Organization.kind.desc(), Organization.legal_name)
            )
            return [Choice(o.id, o.display_name) for o in session.scalars(query)]

    def contacts(self, partner_id: int) -> list[Choice]:
        with self.db.unit_of_work() as session:
            query = select(Contact).where(
                Contact.organization_id == partner_id, Contact.anonymized_at.is_(None)
            )
            return [
                Choice(c.id, c.full_name)
                for c in session.scalars(query.order_by(Contact.last_name))
            ]

    def save(
        self,
        *,
        subject_id: int,
        partner_id: int,
        contact_id: int | None = None,
        communes: Sequence[str] = (),
        headcount_bands: Sequence[str] = (),
        naf_prefixes: Sequence[str] = (),
        note: str = "",
        rule_id: int | None = None,
        version: int | None = None,
    ) -> RoutingRow:
        communes = [c.strip() for c in communes if c.strip()]
        bands = [b.strip().upper() for b in headcount_bands if b.strip()]
        prefixes = [p.strip().upper() for p in naf_prefixes if p.strip()]
        _check(communes, bands, prefixes)
        with self.db.unit_of_work() as session:
            subject = session.get(Subject, subject_id)
            partner = session.get(Organization, partner_id)
            if subject is None or partner is None:
                raise NotFoundError("Le sujet ou le partenaire choisi n'existe plus.")
            if partner.do_not_refer:
                raise ValidationError(f"{partner.display_name} est marqué « ne pas orienter ».")
            contact = session.get(Contact, contact_id) if contact_id else None
            if contact_id and (contact is None or contact.organization_id != partner.id):
                raise ValidationError(
                    f"L'interlocuteur choisi n'appartient pas à {partner.display_name}."
                )
            if rule_id is None:
                rule = RoutingRule(subject_id=subject.id, partner_id=partner.id)
                session.add(rule)
            else:
                found = session.get(RoutingRule, rule_id)
                if found is None:
                    raise NotFoundError("Cette règle d'orientation n'existe plus.")
                ensure_current(found, version)
                rule = found
            rule.subject_id, rule.partner_id, rule.contact_id = subject.id, partner.id, contact_id
            rule.communes = "|".join(communes) or None
            rule.headcount_bands = "|".join(bands) or None
            rule.naf_prefixes = "|".join(prefixes) or None
            rule.note = note.strip() or None
            session.flush()
            subject_loaded = session.scalar(
                select(Subject).where(Subject.id == subject.id).options(selectinload(Subject.theme))
            )
            assert subject_loaded is not None
            return _row(rule, subject_loaded, partner, contact)

    def delete(self, rule_id: int) -> None:
        with self.db.unit_of_work() as session:
            require(session, Permission.SETTINGS)
            rule = session.get(RoutingRule, rule_id)
            if rule is None:
                raise NotFoundError("Cette règle d'orientation n'existe plus.")
            session.delete(rule)

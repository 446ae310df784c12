"""Who to refer a need to: partners from the routing table, then network members.

Partner institutions come from the routing table (subject → partner), kept only when the
business fits the rule's limits (communes, headcount bands, NAF prefixes). Network members come
from the directory search on the need's subject and the significant words of its description;
members holding a capability the need names come first, then those whose description mentions
it, the territory first within each group (a preference, never a reason to outrank a better
match); a member sharing only a word of its name, commune or contacts with the need is left out.
Routing-table partners lead: the agency designated them for the subject. Organizations flagged
« ne pas orienter » never appear.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from guichet.db import Database
from guichet.errors import NotFoundError
from guichet.models import (
    Inquiry,
    Need,
    Organization,
    OrganizationKind,
    RoutingRule,
    Subject,
    label,
)
from guichet.search import DirectorySearch, OrganizationHit, SearchFilters
from guichet.services.contacts import ContactChoice
from guichet.services.need_terms import place_words, search_terms, spelled
from guichet.services.referrals import NO_CONSENT, OPEN_STATUSES
from guichet.services.settings import SettingsService
from guichet.services.territory import territory_codes

MAX_MEMBERS = 15


@dataclass(frozen=True)
class Suggestion:
    organization_id: int
    name: str
    kind_label: str
    city: str
    on_territory: bool
    source: str  # "routing" or "network"
    reason: str
    score: float
    contacts: tuple[ContactChoice, ...]
    default_contact_id: int | None
    already_open: bool


@dataclass(frozen=True)
class NeedContext:
    need_id: int
    inquiry_id: int
    inquiry_reference: str
    company: str
    subject: str
    theme: str
    description: str
    consent: bool
    consent_message: str
    suggestions: list[Suggestion] = field(default_factory=list)


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split("|") if part.strip()]


def _compact_naf(code: str | None) -> str:
    return (code or "").replace(".", "").upper()


def rule_fits(rule: RoutingRule, company: Organization | None) -> tuple[bool, list[str]]:
    """Whether the business fits the rule's limits, with French notes on what was checked."""
    notes: list[str] = []
    communes = _split(rule.communes)
    bands = _split(rule.headcount_bands)
    prefixes = [_compact_naf(p) for p in _split(rule.naf_prefixes)]
    checks = (
        (
            communes,
            company.commune_insee if company else None,
            "commune",
            lambda v, allowed: v in allowed,
        ),
        (
            bands,
            company.headcount_band if company else None,
            "effectif",
            lambda v, allowed: v in allowed,
        ),
        (
            prefixes,
            _compact_naf(company.naf_code) if company else None,
            "activité",
            lambda v, allowed: any(v.startswith(p) for p in allowed),
        ),
    )
    for allowed, value, name, test in checks:
        if not allowed:
            continue
        if not value:
            notes.append(f"{name} non renseignée : périmètre à vérifier")
        elif not test(value, allowed):
            return False, []
        else:
            notes.append(f"{name} dans le périmètre")
    return True, notes


def _contacts(org: Organization) -> tuple[ContactChoice, ...]:
    return tuple(
        ContactChoice(c.id, c.full_name, c.role or "", c.phone or c.mobile or "", c.email or "")
        for c in sorted(org.contacts, key=lambda c: (c.last_name, c.first_name or ""))
        if c.anonymized_at is None
    )


def _with_contacts(session: Session, ids: list[int]) -> dict[int, Organization]:
    """The organizations of ``ids`` by id, their contacts loaded in the same query."""
    return {
        o.id: o
        for o in session.scalars(
            select(Organization)
            .where(Organization.id.in_(ids))
            .options(selectinload(Organization.contacts))
        )
    }


def _found(
    org: Organization,
    hit: OrganizationHit,
    *,
    source: str,
    reason: str,
    score: float,
    open_ids: set[int],
) -> Suggestion:
    """A suggestion for an organization the directory search found, its first contact chosen."""
    contacts = _contacts(org)
    return Suggestion(
        organization_id=org.id,
        name=hit.name,
        kind_label=label(org.kind),
        city=hit.city or "",
        on_territory=hit.on_territory,
        source=source,
        reason=reason,
        score=score,
        contacts=contacts,
        default_contact_id=contacts[0].id if contacts else None,
        already_open=org.id in open_ids,
    )


SKILL, TEXT = 0, 1  # how a member answers a need, best first


def _relevance(hit: OrganizationHit, term: str) -> tuple[int | None, str]:
    """Whether a member found by ``term`` answers the need, and why, in French.

    A capability (or a descendant) of the need's words is the best answer; a description, a
    certification or a sector that mentions them comes next; a name, commune or contact that
    merely shares a word with the need is no answer (``None``).
    """
    labels = {part.split(" : ")[0] for part in hit.reason.split(" + ")}
    if hit.matched_capabilities:
        kind = "Compétences" if len(hit.matched_capabilities) > 1 else "Compétence"
        return SKILL, f"{kind} : {', '.join(hit.matched_capabilities[:3])}"
    if "Compétence" in labels:
        return SKILL, f"Compétence liée à « {term} »"
    if "Description" in labels:
        return TEXT, f"Description mentionnant « {term} »"
    if "Certification ou filière" in labels:
        return TEXT, f"Certification ou filière liée à « {term} »"
    return None, ""


class SuggestionService:
    def __init__(self, db: Database, search: DirectorySearch | None = None) -> None:
        self.db = db
        territory = territory_codes(SettingsService(db).get("territory.insee_codes"))
        if search is None:
            search = DirectorySearch(db, territory=territory)
        self.search = search
        self.place_words = place_words(territory)

    def for_need(self, need_id: int) -> NeedContext:
        with self.db.unit_of_work() as session:
            need = session.scalar(
                select(Need)
                .where(Need.id == need_id)
                .options(
                    selectinload(Need.inquiry).selectinload(Inquiry.organization),
                    selectinload(Need.inquiry).selectinload(Inquiry.contact),
                    selectinload(Need.subject).selectinload(Subject.theme),
                    selectinload(Need.referrals),
                )
            )
            if need is None:
                raise NotFoundError("Ce besoin n'existe plus.")
            inquiry, company = need.inquiry, need.inquiry.organization
            open_ids = {r.partner_id for r in need.referrals if r.status in OPEN_STATUSES}
            suggestions = self._routing(session, need, company, open_ids)
            context = NeedContext(
                need_id=need.id,
                inquiry_id=inquiry.id,
                inquiry_reference=inquiry.reference,
                company=company.display_name
                if company
                else (inquiry.contact.full_name if inquiry.contact else "—"),
                subject=need.subject.name,
                theme=need.subject.theme.name,
                description=need.description or "",
                consent=inquiry.consent_to_share,
                consent_message="" if inquiry.consent_to_share else NO_CONSENT,
            )
            exclude = {s.organization_id for s in suggestions}
            if company is not None:
                exclude.add(company.id)
        members = self._members(context, exclude, open_ids)
        context.suggestions.extend(suggestions + members)
        return context

    def search_other(self, need_id: int, text: str, *, limit: int = 20) -> list[Suggestion]:
        """Members and partners found by name or skill, for a partner the suggestions missed."""
        if not text.strip():
            return []
        filters = SearchFilters(
            kinds=frozenset(
                {OrganizationKind.MEMBER, OrganizationKind.PARTNER, OrganizationKind.NETWORK}
            ),
            exclude_do_not_refer=True,
        )
        hits = [h for h in self.search.search(text, filters, limit=limit) if not h.do_not_refer]
        with self.db.unit_of_work() as session:
            need = session.get(Need, need_id)
            if need is None:
                raise NotFoundError("Ce besoin n'existe plus.")
            open_ids = {r.partner_id for r in need.referrals if r.status in OPEN_STATUSES}
            orgs = _with_contacts(session, [h.id for h in hits])
            result = []
            for hit in hits:
                org = orgs.get(hit.id)
                if org is None or org.id == need.inquiry.organization_id:
                    continue
                result.append(
                    _found(
                        org,
                        hit,
                        source="search",
                        reason=f"Recherche « {text.strip()} » — {hit.reason}",
                        score=hit.score,
                        open_ids=open_ids,
                    )
                )
            return result

    def _routing(
        self, session: Session, need: Need, company: Organization | None, open_ids: set[int]
    ) -> list[Suggestion]:
        rules = session.scalars(
            select(RoutingRule)
            .where(RoutingRule.subject_id == need.subject_id)
            .order_by(RoutingRule.position, RoutingRule.id)
        ).all()
        found: dict[int, Suggestion] = {}
        for rule in rules:
            partner = session.get(Organization, rule.partner_id)
            if partner is None or partner.do_not_refer or partner.id in found:
                continue
            fits, notes = rule_fits(rule, company)
            if not fits:
                continue
            reason = f"Partenaire désigné pour « {need.subject.name} »"
            if notes:
                reason += " (" + ", ".join(notes) + ")"
            if rule.note:
                reason += f" — {rule.note}"
            contacts = _contacts(partner)
            default = rule.contact_id if any(c.id == rule.contact_id for c in contacts) else None
            found[partner.id] = Suggestion(
                organization_id=partner.id,
                name=partner.display_name,
                kind_label=label(partner.kind),
                city=partner.city or "",
                on_territory=False,
                source="routing",
                reason=reason,
                score=1000.0 - len(found),
                contacts=contacts,
                default_contact_id=default or (contacts[0].id if contacts else None),
                already_open=partner.id in open_ids,
            )
        return list(found.values())

    def _members(
        self, context: NeedContext, exclude: set[int], open_ids: set[int]
    ) -> list[Suggestion]:
        filters = SearchFilters(
            kinds=frozenset({OrganizationKind.MEMBER}), exclude_do_not_refer=True
        )
        # A rare word (« injection ») says more than a common one (« pièces »), and a matched
        # capability more than a word found in a description. A member found only by its name,
        # commune or contacts does not answer the need and is left out.
        hits: dict[int, tuple[OrganizationHit, float, dict[str, float]]] = {}
        groups: dict[int, int] = {}
        for term in search_terms(context.subject, context.description, self.place_words):
            found = [
                h
                for h in self.search.search(term, filters, limit=60)
                if h.id not in exclude and not h.do_not_refer
            ]
            if not found:
                continue
            weight = (2.0 if " " in term else 1.0) / math.sqrt(len(found))
            shown = spelled(term, context.description)
            for position, hit in enumerate(found):
                group, why = _relevance(hit, shown)
                if group is None:
                    continue
                gain = weight * (1.0 - position / (2 * len(found)))
                gain *= 3.0 if group == SKILL else 1.0
                known = hits.get(hit.id)
                reasons = dict(known[2]) if known else {}
                reasons[why] = reasons.get(why, 0.0) + gain
                hits[hit.id] = (hit, (known[1] if known else 0.0) + gain, reasons)
                groups[hit.id] = min(group, groups.get(hit.id, group))
        # Skill first, then the territory as a preference inside each group.
        ranked = sorted(
            hits.values(),
            key=lambda item: (
                groups[item[0].id],
                not item[0].on_territory,
                -item[1],
                item[0].name,
            ),
        )
        ranked = ranked[:MAX_MEMBERS]
        with self.db.unit_of_work() as session:
            orgs = _with_contacts(session, [h.id for h, _, _ in ranked])
            result = []
            for hit, score, reasons in ranked:
                org = orgs.get(hit.id)
                if org is None:
                    continue
                best = sorted(reasons, key=lambda r: -reasons[r])
                if groups[hit.id] == SKILL:  # the capability says it; a word of text adds noise
                    best = [r for r in best if r.startswith("Compétence")]
                reason = "Adhérent du réseau — " + " ; ".join(best[:2])
                reason += " — sur le territoire" if hit.on_territory else " — hors territoire"
                result.append(
                    _found(
                        org, hit, source="network", reason=reason, score=score, open_ids=open_ids
                    )
                )
        return result

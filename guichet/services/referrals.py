"""Mise en relation: create referrals from a need, move them through their closed loop.

Statuses: proposée → envoyée → prise en charge → aboutie | close sans aide | injoignable |
refusée (reason required) | expirée. Every change is dated on the referral, logged as a
``ReferralEvent`` and written to the audit trail by the session itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    Contact,
    Need,
    NeedOutcome,
    Organization,
    Referral,
    ReferralEvent,
    ReferralStatus,
    label,
)
from guichet.services.inquiry_status import mark_first_action, set_outcome
from guichet.services.locking import ensure_current
from guichet.services.referral_rows import ReferralRow, loaded_referrals, referral_row
from guichet.services.settings import SettingsService

S = ReferralStatus
#: Which status may follow which (DOMAIN.md lifecycle, README « Relances »). A late answer
#: reopens an expired or unreachable referral (→ prise en charge); aboutie, close sans aide and
#: refusée are final. « envoyée » comes only from sending the letters (LetterService), so that a
#: referral is sent exactly when its letters are archived as sent.
TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    S.PROPOSED: frozenset({S.SENT, S.CLOSED_NO_HELP}),
    S.SENT: frozenset({S.TAKEN_CARE, S.REFUSED, S.UNREACHABLE, S.EXPIRED, S.CLOSED_NO_HELP}),
    S.TAKEN_CARE: frozenset({S.SUCCEEDED, S.CLOSED_NO_HELP, S.UNREACHABLE}),
    S.UNREACHABLE: frozenset({S.TAKEN_CARE}),
    S.EXPIRED: frozenset({S.TAKEN_CARE}),
    S.SUCCEEDED: frozenset(),
    S.CLOSED_NO_HELP: frozenset(),
    S.REFUSED: frozenset(),
}
OPEN_STATUSES = frozenset({S.PROPOSED, S.SENT, S.TAKEN_CARE})
CLOSED_STATUSES = frozenset({S.SUCCEEDED, S.CLOSED_NO_HELP, S.UNREACHABLE, S.REFUSED, S.EXPIRED})
FOLLOW_UP_KINDS = {
    "call": "Appel de relance",
    "letter": "Courrier de relance",
    "email": "E-mail de relance",
}
NO_CONSENT = (
    "Le consentement de l'entreprise à la transmission de ses coordonnées n'est pas enregistré "
    "pour cette demande. Recueillez-le (et cochez-le sur la demande) avant de la mettre en relation."
)


@dataclass(frozen=True)
class ReferralChoice:
    """A partner picked in the suggestion dialog."""

    partner_id: int
    contact_id: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class Delays:
    follow_up_days: int = 9
    last_chance_days: int = 21
    expiry_days: int = 45

    @classmethod
    def from_settings(cls, db: Database) -> Delays:
        values = SettingsService(db).all()
        return cls(
            int(values["delays.follow_up_days"]),
            int(values["delays.last_chance_days"]),
            int(values["delays.expiry_days"]),
        )

    def schedule(self, sent: date) -> tuple[date, date, date]:
        return (
            sent + timedelta(days=self.follow_up_days),
            sent + timedelta(days=self.last_chance_days),
            sent + timedelta(days=self.expiry_days),
        )


#: Reached only through LetterService (printing, « Marquer comme envoyée », ``guichet letter``).
SENT_BY_LETTERS_ONLY = (
    "Une mise en relation devient « envoyée » quand ses courriers sont imprimés ou marqués "
    "envoyés (bouton « Courriers… »)."
)


def allowed_transitions(status: ReferralStatus) -> list[ReferralStatus]:
    """The statuses a counsellor may choose next (« envoyée » comes from the letters)."""
    return sorted(TRANSITIONS[status] - {S.SENT}, key=lambda s: list(ReferralStatus).index(s))


def _event(
    session: Session, referral: Referral, kind: str, at: datetime, **fields: str | None
) -> None:
    session.add(
        ReferralEvent(
            referral_id=referral.id,
            at=at,
            counsellor_id=session.info.get("counsellor_id"),
            kind=kind,
            **fields,
        )
    )


def apply_status(
    session: Session,
    referral: Referral,
    new: ReferralStatus,
    at: datetime,
    delays: Delays,
    *,
    note: str = "",
    reason: str = "",
) -> None:
    """Moves ``referral`` to ``new`` inside the caller's session (checks, dates, event)."""
    new = ReferralStatus(new)
    old = referral.status
    if new == old:
        raise ValidationError(f"La mise en relation est déjà « {label(new)} ».")
    if new not in TRANSITIONS[old]:
        raise ValidationError(
            f"Une mise en relation « {label(old)} » ne peut pas passer à « {label(new)} »."
        )
    reason, note = reason.strip(), note.strip()
    if new == S.REFUSED and not reason:
        raise ValidationError("Indiquez le motif du refus.", field="reason")
    referral.status = new
    if new == S.SENT:
        referral.sent_at = at
        referral.follow_up_on, referral.last_chance_on, referral.expires_on = delays.schedule(
            at.date()
        )
    elif new == S.TAKEN_CARE:
        referral.taken_care_at = at
        referral.closed_at = None
    if new in CLOSED_STATUSES:
        referral.closed_at = at
    if new == S.REFUSED:
        referral.refusal_reason = reason
    if note:
        referral.outcome_note = note
    _event(
        session,
        referral,
        "status",
        at,
        old_status=old.value,
        new_status=new.value,
        note=reason or note or None,
    )


def add_referrals(
    session: Session, need: Need, choices: Sequence[ReferralChoice], at: datetime
) -> list[int]:
    """Inside an open unit of work: the referrals of :meth:`ReferralService.create` (also used
    by actions that record a referral with other records, in their one transaction)."""
    if not choices:
        raise ValidationError("Choisissez au moins un partenaire.")
    if len({c.partner_id for c in choices}) != len(choices):
        raise ValidationError("Un même partenaire est choisi deux fois.")
    inquiry = need.inquiry
    if not inquiry.consent_to_share:
        raise ValidationError(NO_CONSENT, field="consent_to_share")
    open_partners = {r.partner_id for r in need.referrals if r.status in OPEN_STATUSES}
    created = []
    for choice in choices:
        partner = session.get(Organization, choice.partner_id)
        if partner is None:
            raise NotFoundError("Un des partenaires choisis n'existe plus.")
        if partner.do_not_refer:
            raise ValidationError(
                f"{partner.display_name} est marqué « ne pas orienter »"
                + (f" : {partner.do_not_refer_reason}" if partner.do_not_refer_reason else ".")
            )
        if partner.id == inquiry.organization_id:
            raise ValidationError("Une entreprise ne peut pas être orientée vers elle-même.")
        if partner.id in open_partners:
            raise ValidationError(
                f"Une mise en relation avec {partner.display_name} est déjà en cours "
                "pour ce besoin."
            )
        if choice.contact_id is not None:
            contact = session.get(Contact, choice.contact_id)
            if contact is None or contact.organization_id != partner.id:
                raise ValidationError(
                    f"L'interlocuteur choisi n'appartient pas à {partner.display_name}."
                )
        referral = Referral(
            need_id=need.id,
            partner_id=partner.id,
            partner_contact_id=choice.contact_id,
            counsellor_id=session.info.get("counsellor_id") or inquiry.counsellor_id,
            status=S.PROPOSED,
            reason=choice.reason.strip() or None,
            proposed_at=at,
        )
        session.add(referral)
        session.flush()
        _event(session, referral, "created", at, new_status=S.PROPOSED.value)
        created.append(referral.id)
    if need.outcome != NeedOutcome.REFERRED:
        set_outcome(need, NeedOutcome.REFERRED, at)
    else:
        mark_first_action(inquiry, at)
    return created


class ReferralService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- creation ------------------------------------------------------------------------------
    def create(
        self, need_id: int, choices: Sequence[ReferralChoice], *, now: datetime | None = None
    ) -> list[ReferralRow]:
        """One referral « proposée » per chosen partner, in one transaction.

        The need becomes « mis en relation » through the shared inquiry rules
        (``inquiry_status``): the first action is stamped and the inquiry closes once every
        need has an outcome, exactly as with « informé » or « orienté ».
        """
        at = now or datetime.now()
        with self.db.unit_of_work() as session:
            need = session.get(Need, need_id)
            if need is None:
                raise NotFoundError("Ce besoin n'existe plus.")
            created = add_referrals(session, need, choices, at)
            session.flush()
            rows = session.scalars(loaded_referrals().where(Referral.id.in_(created)))
            return sorted((referral_row(r) for r in rows), key=lambda r: r.id)

    # -- closed loop ---------------------------------------------------------------------------
    def change_status(
        self,
        referral_id: int,
        new: ReferralStatus,
        *,
        note: str = "",
        reason: str = "",
        at: datetime | None = None,
        version: int | None = None,
    ) -> ReferralRow:
        moment = at or datetime.now()
        delays = Delays.from_settings(self.db)
        if ReferralStatus(new) == S.SENT:
            raise ValidationError(SENT_BY_LETTERS_ONLY)
        with self.db.unit_of_work() as session:
            referral = self._load(session, referral_id)
            ensure_current(referral, version)
            apply_status(session, referral, new, moment, delays, note=note, reason=reason)
            session.flush()
            return referral_row(referral)

    def log_follow_up(
        self, referral_id: int, kind: str, note: str = "", *, at: datetime | None = None
    ) -> ReferralRow:
        """A follow-up call, letter or e-mail: dated on the referral and in its events."""
        if kind not in FOLLOW_UP_KINDS:
            raise ValidationError("Type de relance inconnu.")
        moment = at or datetime.now()
        with self.db.unit_of_work() as session:
            referral = self._load(session, referral_id)
            if referral.status not in OPEN_STATUSES:
                raise ValidationError(
                    f"Cette mise en relation est close (« {label(referral.status)} ») : "
                    "rien à relancer."
                )
            referral.last_follow_up_at = moment
            _event(session, referral, f"follow_up_{kind}", moment, note=note.strip() or None)
            session.flush()
            return referral_row(referral)

    # -- reading -------------------------------------------------------------------------------
    def get(self, referral_id: int) -> ReferralRow:
        with self.db.unit_of_work() as session:
            return referral_row(self._load(session, referral_id))

    def list_referrals(
        self,
        *,
        statuses: Sequence[ReferralStatus] | None = None,
        need_id: int | None = None,
        limit: int | None = None,
    ) -> list[ReferralRow]:
        """Referrals, newest first, optionally by status or need."""
        query = loaded_referrals().order_by(Referral.proposed_at.desc(), Referral.id.desc())
        if statuses:
            query = query.where(Referral.status.in_(list(statuses)))
        if need_id is not None:
            query = query.where(Referral.need_id == need_id)
        if limit:
            query = query.limit(limit)
        with self.db.unit_of_work() as session:
            return [referral_row(r) for r in session.scalars(query)]

    def events(self, referral_id: int) -> list[tuple[datetime, str, str]]:
        """(when, what in French, note) for a referral's history."""
        with self.db.unit_of_work() as session:
            events = session.scalars(
                select(ReferralEvent)
                .where(ReferralEvent.referral_id == referral_id)
                .order_by(ReferralEvent.at, ReferralEvent.id)
            )
            return [(e.at, _event_text(e), e.note or "") for e in events]

    def resolve(self, text: str) -> int:
        """The referral id from its number (« 247 ») or the reference on its letters
        (« D-2026-0190-247 »); a reference whose inquiry part does not match is refused."""
        cleaned = "".join(text.split()).upper()
        if cleaned.isdigit():
            return int(cleaned)
        match = re.fullmatch(r"(.+)-(\d+)", cleaned)
        if match is not None:
            with self.db.unit_of_work() as session:
                referral = session.scalar(loaded_referrals().where(Referral.id == int(match[2])))
                if referral is not None and referral.need.inquiry.reference.upper() == match[1]:
                    return referral.id
        raise NotFoundError(
            f"Aucune mise en relation ne porte le numéro ou la référence « {text.strip()} » "
            "(exemples : 247 ou D-2026-0190-247)."
        )

    @staticmethod
    def _load(session: Session, referral_id: int) -> Referral:
        referral = session.scalar(loaded_referrals().where(Referral.id == referral_id))
        if referral is None:
            raise NotFoundError("Cette mise en relation n'existe plus.")
        return referral


def _event_text(event: ReferralEvent) -> str:
    if event.kind == "status" and event.new_status:
        return f"Statut : {label(ReferralStatus(event.new_status))}"
    if event.kind == "created":
        return "Mise en relation proposée"
    if event.kind.startswith("follow_up"):
        return FOLLOW_UP_KINDS.get(event.kind.removeprefix("follow_up_"), "Relance")
    if event.kind == "letter":
        return "Courrier"
    return event.kind

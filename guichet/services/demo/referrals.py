"""Demo stage: the referrals of a need and their lifecycle, from proposal to closure."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from guichet.models import (
    Counsellor,
    Need,
    Organization,
    OrganizationKind,
    Referral,
    ReferralEvent,
    ReferralStatus,
)
from guichet.services.demo.base import BuilderBase
from guichet.services.demo.distributions import OLD_REFERRAL_STATUSES, RECENT_REFERRAL_STATUSES
from guichet.services.demo.helpers import Plan, log_minutes, office, phrase, pick, random_days
from guichet.services.demo.partners import MEMBER_SUBJECTS, SUBJECT_PARTNERS
from guichet.services.demo.texts import (
    FOLLOW_UP_NOTES,
    NO_HELP_NOTES,
    REFUSALS_MEMBER,
    REFUSALS_PARTNER,
    SUCCESS_NOTES_MEMBER,
    SUCCESS_NOTES_PARTNER,
)

FOLLOW_UP_DAYS, LAST_CHANCE_DAYS, EXPIRY_DAYS = 9, 21, 45
#: a need referred that recently may get one more partner, still « proposée »
ANOTHER_PROPOSAL_WITHIN_DAYS = 90


class ReferralStage(BuilderBase):
    """Refers needs to partners or members and moves the referrals along, never past ``now``."""

    # -- referrals ---------------------------------------------------------------------------

    def _targets(self, need: Need, org: Organization | None) -> tuple[list[Organization], str]:
        """Who to refer the need to, and why."""
        rng = self.rng
        capability = self.need_capability.get(id(need))
        if need.subject.name not in MEMBER_SUBJECTS:
            capability = None
        keys = SUBJECT_PARTNERS.get(need.subject.name, ())
        if capability and (not keys or rng.random() < 0.75):
            members = [m for m in self.capability_members.get(capability, []) if m is not org]
            if members:
                chosen = rng.sample(
                    members, k=min(len(members), pick(rng, [(1, 60), (2, 30), (3, 10)]))
                )
                return chosen, f"Savoir-faire recherché : {phrase(capability)}."
        if not keys:
            return [], ""
        count = 2 if len(keys) > 1 and rng.random() < 0.15 else 1
        partners = [self.partners_by_key[k] for k in rng.sample(keys, k=count)]
        return partners, f"Partenaire compétent pour « {need.subject.name} »."

    def _refer(
        self,
        need: Need,
        org: Organization | None,
        counsellor: Counsellor,
        first_action: datetime,
        *,
        plan: Plan | None = None,
    ) -> datetime | None:
        """Create the referrals of a need; return when the first letter was sent."""
        rng = self.rng
        if plan is not None:
            targets, reason = [self.partners_by_key["sotraban"]], "Demande d'adhésion au réseau."
        else:
            targets, reason = self._targets(need, org)
        if not targets:
            return None
        proposed = min(office(first_action + timedelta(minutes=rng.randint(0, 20))), self.now)
        sent = min(office(proposed + log_minutes(rng, 5, 2 * 1440)), self.now)
        for partner in targets:
            referral = self._proposal(need, partner, counsellor, reason, proposed)
            self._advance(referral, sent, partner.kind == OrganizationKind.MEMBER, plan)
            self.counts["events"] += len(referral.events)
        if plan is None:
            self._propose_another(need, org, counsellor, sent)
        return sent

    def _propose_another(
        self, need: Need, org: Organization | None, counsellor: Counsellor, sent: datetime
    ) -> None:
        """Now and then a recently referred need gets one more partner whose letters are not
        printed yet: that referral stays « proposée », and the need, as the services' rule has
        it, is already « mis en relation » by the first one."""
        rng = self.rng
        if (self.now - sent).days > ANOTHER_PROPOSAL_WITHIN_DAYS or rng.random() >= 0.8:
            return
        used = {id(r.partner) for r in need.referrals}
        targets, reason = self._targets(need, org)
        fresh = [t for t in targets if id(t) not in used]
        if not fresh:  # another partner competent for the subject
            keys = SUBJECT_PARTNERS.get(need.subject.name, ())
            fresh = [p for p in (self.partners_by_key[k] for k in keys) if id(p) not in used]
            reason = f"Partenaire compétent pour « {need.subject.name} »."
        if not fresh:
            return
        # proposed in the last fortnight: the letters still to print are recent ones
        recently = office(self.now - random_days(rng, 0.1, 14))
        proposed = min(max(recently, sent + timedelta(hours=1)), self.now)
        referral = self._proposal(need, fresh[0], counsellor, reason, proposed)
        referral.status = ReferralStatus.PROPOSED
        self.counts["events"] += len(referral.events)

    def _proposal(
        self,
        need: Need,
        partner: Organization,
        counsellor: Counsellor,
        reason: str,
        proposed: datetime,
    ) -> Referral:
        """A referral as created on ``proposed``, with its first event."""
        contacts = self.contacts_of.get(id(partner), [])
        referral = Referral(
            need=need,
            partner=partner,
            partner_contact=self.rng.choice(contacts) if contacts else None,
            counsellor_id=counsellor.id,
            reason=reason,
            proposed_at=proposed,
        )
        referral.events.append(self._event(proposed, None, ReferralStatus.PROPOSED, None))
        self.s.add(referral)
        self.counts["referrals"] += 1
        return referral

    def _event(
        self,
        at: datetime,
        old: ReferralStatus | None,
        new: ReferralStatus | None,
        note: str | None,
        kind: str = "status",
    ) -> ReferralEvent:
        return ReferralEvent(
            at=at,
            kind=kind,
            old_status=old.value if old else None,
            new_status=new.value if new else None,
            note=note,
        )

    def _advance(
        self, referral: Referral, sent: datetime, to_member: bool, plan: Plan | None
    ) -> None:
        """Move a sent referral along its lifecycle, never past ``now``."""
        rng, now = self.rng, self.now
        referral.sent_at = sent
        referral.follow_up_on = (sent + timedelta(days=FOLLOW_UP_DAYS)).date()
        referral.last_chance_on = (sent + timedelta(days=LAST_CHANCE_DAYS)).date()
        referral.expires_on = (sent + timedelta(days=EXPIRY_DAYS)).date()
        referral.events.append(
            self._event(sent, ReferralStatus.PROPOSED, ReferralStatus.SENT, None)
        )
        age = (now - sent).days
        if plan is not None:
            target = ReferralStatus.SUCCEEDED
        elif age > EXPIRY_DAYS:
            target = ReferralStatus(pick(rng, OLD_REFERRAL_STATUSES))
        else:
            target = ReferralStatus(pick(rng, RECENT_REFERRAL_STATUSES))
        if (
            age < 25
            and target not in (ReferralStatus.SENT, ReferralStatus.TAKEN_CARE)
            and rng.random() < 0.6
        ):
            target = ReferralStatus.SENT  # recent letters mostly wait for an answer
        if rng.random() < 0.8:  # the public-service benchmark: about 80 % within 5 days
            taken = office(sent + log_minutes(rng, 120, 4.5 * 1440))
        else:
            taken = office(sent + random_days(rng, 5, 12))
        status = ReferralStatus.SENT
        closed: datetime | None = None
        note: str | None = None
        if target in (
            ReferralStatus.TAKEN_CARE,
            ReferralStatus.SUCCEEDED,
            ReferralStatus.CLOSED_NO_HELP,
        ):
            if taken <= now:
                status = ReferralStatus.TAKEN_CARE
                referral.taken_care_at = taken
                referral.events.append(self._event(taken, ReferralStatus.SENT, status, None))
                if target != ReferralStatus.TAKEN_CARE:
                    candidate = office(taken + random_days(rng, 2, 50))
                    if plan is not None:
                        candidate = max(
                            datetime.combine(plan.start_on, time(11)), taken + timedelta(hours=1)
                        )
                    if candidate <= now:
                        status, closed = target, candidate
                        notes: tuple[str, ...] = (
                            SUCCESS_NOTES_MEMBER if to_member else SUCCESS_NOTES_PARTNER
                        )
                        if self.subject_theme.get(referral.need.subject.name) == "Financement":
                            notes = (*notes, "Financement accordé.")
                        if plan is not None:
                            notes = ("Adhésion au réseau Sotraban signée.",)
                        elif target == ReferralStatus.CLOSED_NO_HELP:
                            notes = NO_HELP_NOTES
                        note = rng.choice(notes)
        elif target == ReferralStatus.REFUSED:
            candidate = office(sent + log_minutes(rng, 240, 10 * 1440))
            if candidate <= now:
                status, closed = target, candidate
                referral.refusal_reason = rng.choice(
                    REFUSALS_MEMBER if to_member else REFUSALS_PARTNER
                )
        elif target == ReferralStatus.UNREACHABLE:
            candidate = office(sent + random_days(rng, LAST_CHANCE_DAYS + 1, 40))
            if candidate <= now:
                status, closed, note = target, candidate, "Injoignable après deux relances."
        elif target == ReferralStatus.EXPIRED:
            candidate = datetime.combine(referral.expires_on, time(8))
            if candidate <= now:
                status, closed, note = target, candidate, "Sans réponse 45 jours après l'envoi."
        # Follow-ups made while the referral waited for an answer.
        waiting_until = referral.taken_care_at or closed or now
        for due in (referral.follow_up_on, referral.last_chance_on):
            at = office(datetime.combine(due, time(9)) + timedelta(minutes=rng.randint(0, 480)))
            if (
                at < waiting_until
                and at <= now
                and (status != ReferralStatus.SENT or rng.random() < 0.6)
            ):
                referral.events.append(
                    self._event(at, None, None, rng.choice(FOLLOW_UP_NOTES), "follow_up")
                )
                referral.last_follow_up_at = at
        if closed is not None:
            referral.closed_at = closed
            previous = ReferralStatus.TAKEN_CARE if referral.taken_care_at else ReferralStatus.SENT
            referral.events.append(self._event(closed, previous, status, note))
            referral.outcome_note = note if status != ReferralStatus.REFUSED else None
        referral.status = status
        referral.events.sort(key=lambda e: e.at)

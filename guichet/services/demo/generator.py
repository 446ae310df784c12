"""Orchestrates the demo generation: :func:`generate_demo`, :class:`DemoSummary`, :func:`is_empty`."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, select

from guichet.db import Database
from guichet.db.statistics import analyze
from guichet.models import Inquiry, Organization
from guichet.services.demo.accounts import add_demo_accounts
from guichet.services.demo.implantation import implantation_demo
from guichet.services.demo.inquiries import InquiryStage
from guichet.services.demo.letters import add_demo_letters
from guichet.services.demo.meetings import add_demo_meetings
from guichet.services.demo.membership_origins import link_membership_origins
from guichet.services.demo.memberships import build_memberships
from guichet.services.demo.opportunities import add_opportunities
from guichet.services.demo.organizations import OrganizationStage
from guichet.services.demo.personal_data import add_silent_contacts
from guichet.services.demo.scale import DemoScale
from guichet.services.demo.visits import add_demo_visits

DEMO_SEED = 2026
MEMBERSHIP_SEED = 1212


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate_demo` created."""

    reference_rows: int
    counsellors: int
    members: int
    partners: int
    companies: int
    contacts: int
    memberships: int
    inquiries: int
    needs: int
    referrals: int
    referral_events: int
    information_given: int
    resources: int
    routing_rules: int
    letters: int = 0


def is_empty(db: Database) -> bool:
    """True when the database holds no organization and no inquiry (a fresh install)."""
    with db.unit_of_work() as session:
        orgs = session.scalar(select(func.count()).select_from(Organization))
        inquiries = session.scalar(select(func.count()).select_from(Inquiry))
    return not orgs and not inquiries


def generate_demo(
    db: Database,
    *,
    seed: int = DEMO_SEED,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    scale: int = 1,
    letters: bool = False,
) -> DemoSummary:
    """Fill the database with the demo dataset in one transaction and return the counts.

    Works on an empty database; on a non-empty one the demo is added beside the existing rows
    (existing counsellors with the same initials and an existing agency are reused, SIRETs and
    inquiry references never collide).

    Args:
        db: the database.
        seed: the seed of the random generator; the same seed gives the same data.
        now: the moment the dataset is built around (inquiries are in the 18 months before it,
            meetings in the two months after); the current time by default.
        progress: called as ``progress(done, total)`` after each step.
        scale: N times the desk's activity (:class:`~.scale.DemoScale`): N = 100 is ten years,
            30,000 inquiries from 9,000 organisations.
        letters: also archive the letters of every sent referral (:mod:`.letters`), in a
            second transaction once the referrals are committed.
    """
    moment = (now or datetime.now()).replace(second=0, microsecond=0)
    size = DemoScale(scale)
    steps = 8 if letters else 7

    def report(done: int) -> None:
        if progress is not None:
            progress(done, steps)

    with db.unit_of_work() as session:
        builder = DemoBuilder(session, random.Random(seed), moment, size)
        report(0)
        builder.reference()
        builder.agency_and_counsellors()
        report(1)
        builder.partners()
        report(2)
        builder.members()
        report(3)
        builder.companies()
        builder.resources()
        report(4)
        builder.inquiries()
        report(5)
        session.flush()
        builder.memberships()
        add_demo_accounts(session)
        add_demo_meetings(builder)
        add_demo_visits(builder)
        implantation_demo(session, random.Random(seed + 13), moment)
        builder.routing_rules()
        add_opportunities(builder)
        link_membership_origins(session, builder.partners_by_key["sotraban"])
        add_silent_contacts(session, random.Random(seed + 17), moment)
        report(6)
        summary = builder.summary()
    if letters:
        report(7)
        summary = replace(summary, letters=add_demo_letters(db))
    analyze(db)  # a bulk write: the planner's statistics are out of date
    report(steps)
    return summary


class DemoBuilder(OrganizationStage, InquiryStage):
    """Every stage of the generation, sharing one session, one random generator and one ``now``."""

    # -- after the first flush ---------------------------------------------------------------

    def memberships(self) -> None:
        # A random stream of its own: the other stages' data stays the same.
        built = build_memberships(
            random.Random(MEMBERSHIP_SEED),
            self.today,
            self.partners_by_key["sotraban"],
            self.plans,
            self.counsellors,
            self.companies_territory,
        )
        self.s.add_all(built)
        self.membership_count = len(built)

    def summary(self) -> DemoSummary:
        companies = self.companies_territory + self.companies_outside + self.project_holders
        return DemoSummary(
            reference_rows=self.reference_rows,
            counsellors=len(self.counsellors),
            members=len(self.members_list),
            partners=len(self.partners_by_key),
            companies=len(companies),
            contacts=len(self.all_contacts),
            memberships=self.membership_count,
            inquiries=len(self.inquiry_list),
            needs=self.counts["needs"],
            referrals=self.counts["referrals"],
            referral_events=self.counts["events"],
            information_given=self.counts["info"],
            resources=len(self.all_resources),
            routing_rules=self.counts["rules"],
        )

"""Every figure of a period at once (``guichet stats --json``, the report), with the same period a
year before for the headline comparisons."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from guichet.db import Database
from guichet.services.figures.breakdowns import (
    by_counsellor,
    by_headcount_band,
    by_naf_section,
    top_subjects,
)
from guichet.services.figures.common import Count
from guichet.services.figures.network import (
    MeetingFigures,
    NetworkFigures,
    OpportunityFigures,
    ProjectFigures,
    meeting_figures,
    network_figures,
    opportunity_figures,
    project_figures,
)
from guichet.services.figures.outcomes import ReferralFigures, referral_figures
from guichet.services.figures.period import Period
from guichet.services.figures.reactivity import ReactivityFigures, reactivity
from guichet.services.figures.territory_map import INQUIRIES, CommuneCounts, commune_counts
from guichet.services.figures.volumes import Volumes, volumes


@dataclass(frozen=True)
class ActivityFigures:
    period: Period
    previous: Period  # the same period a year before
    volumes: Volumes
    previous_volumes: Volumes
    reactivity: ReactivityFigures
    previous_reactivity: ReactivityFigures
    referrals: ReferralFigures
    subjects: tuple[Count, ...]
    counsellors: tuple[Count, ...]
    naf_sections: tuple[Count, ...]
    headcount_bands: tuple[Count, ...]
    communes: CommuneCounts
    network: NetworkFigures
    meetings: MeetingFigures
    projects: ProjectFigures
    opportunities: OpportunityFigures


def activity_figures(
    db: Database, period: Period, *, now: datetime | None = None
) -> ActivityFigures:
    previous = period.previous_year()
    return ActivityFigures(
        period=period,
        previous=previous,
        volumes=volumes(db, period),
        previous_volumes=volumes(db, previous),
        reactivity=reactivity(db, period, now=now),
        previous_reactivity=reactivity(db, previous, now=now),
        referrals=referral_figures(db, period),
        subjects=top_subjects(db, period),
        counsellors=by_counsellor(db, period),
        naf_sections=by_naf_section(db, period),
        headcount_bands=by_headcount_band(db, period),
        communes=commune_counts(db, period, INQUIRIES),
        network=network_figures(db, period),
        meetings=meeting_figures(db, period),
        projects=project_figures(db, period),
        opportunities=opportunity_figures(db, period),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def figures_as_json(figures: Any) -> Any:
    """A figures dataclass as plain JSON values (dates in ISO form)."""
    return _plain(asdict(figures))

"""The one source of figures: Accueil, the dashboard, the activity report and ``guichet stats``
compute every figure here, in SQL (GROUP BY) on both engines, over a :class:`Period`.

Names are stable: families are added, never renamed.
"""

from guichet.services.figures.activity import ActivityFigures, activity_figures, figures_as_json
from guichet.services.figures.breakdowns import (
    by_commune,
    by_counsellor,
    by_headcount_band,
    by_naf_section,
    top_subjects,
)
from guichet.services.figures.common import (
    MIN_SHOWN,
    UNDER_MIN,
    Count,
    MonthCount,
    Share,
    is_confidential,
    shown_count,
    shown_share,
)
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
from guichet.services.figures.outcomes import PartnerOutcome, ReferralFigures, referral_figures
from guichet.services.figures.period import Period
from guichet.services.figures.reactivity import (
    ReactivityFigures,
    ReactivityMonth,
    Targets,
    load_targets,
    reactivity,
)
from guichet.services.figures.territory_map import MEASURES, CommuneCounts, commune_counts
from guichet.services.figures.volumes import Volumes, volumes

__all__ = [
    "MEASURES",
    "MIN_SHOWN",
    "UNDER_MIN",
    "ActivityFigures",
    "CommuneCounts",
    "Count",
    "MeetingFigures",
    "MonthCount",
    "NetworkFigures",
    "OpportunityFigures",
    "PartnerOutcome",
    "Period",
    "ProjectFigures",
    "ReactivityFigures",
    "ReactivityMonth",
    "ReferralFigures",
    "Share",
    "Targets",
    "Volumes",
    "activity_figures",
    "by_commune",
    "by_counsellor",
    "by_headcount_band",
    "by_naf_section",
    "commune_counts",
    "figures_as_json",
    "is_confidential",
    "load_targets",
    "meeting_figures",
    "network_figures",
    "opportunity_figures",
    "project_figures",
    "reactivity",
    "referral_figures",
    "shown_count",
    "shown_share",
    "top_subjects",
    "volumes",
]

"""The one source of figures: Accueil, the dashboard, the activity report and ``guichet stats``
compute every figure here, in SQL (GROUP BY) on both engines, over a :class:`Period`.

Names are stable: families are added, never renamed.
"""

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
from guichet.services.figures.period import Period
from guichet.services.figures.reactivity import (
    ReactivityFigures,
    ReactivityMonth,
    Targets,
    load_targets,
    reactivity,
)
from guichet.services.figures.volumes import Volumes, volumes

__all__ = [
    "MIN_SHOWN",
    "UNDER_MIN",
    "Count",
    "MonthCount",
    "Period",
    "ReactivityFigures",
    "ReactivityMonth",
    "Share",
    "Targets",
    "Volumes",
    "is_confidential",
    "load_targets",
    "reactivity",
    "shown_count",
    "shown_share",
    "volumes",
]

"""Demo vocabulary: dataset sizes and the weights that shape the desk's activity.

Where requests come from, by which channel, how fast they are answered, which outcome their
needs reach and where referrals end.
"""

from __future__ import annotations

INQUIRY_COUNT = 300
COMPANY_COUNT = 60
PROJECT_HOLDER_COUNT = 8
OUTSIDE_COMPANY_COUNT = 12
INDIVIDUAL_COUNT = 10
ADHESION_SUBJECT = "Adhésion au réseau Sotraban"
HYDROGEN_THEME = "Transition énergétique et hydrogène"

#: Where requests come from, by kind of requester: theme weights.
THEME_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {
    "member": (
        ("Sous-traitance et partenaires industriels", 25), (HYDROGEN_THEME, 18),
        ("Recrutement et formation", 15), ("Financement", 12), ("Export et international", 10),
        ("Innovation et R&D", 8), ("Réglementation et normes", 7), ("Immobilier et foncier", 5),
    ),
    "territory": (
        ("Financement", 18), ("Recrutement et formation", 14),
        ("Sous-traitance et partenaires industriels", 14), ("Immobilier et foncier", 12),
        ("Export et international", 8), (HYDROGEN_THEME, 8), ("Réglementation et normes", 8),
        ("Innovation et R&D", 7), ("Création et reprise", 5), ("Implantation", 2),
    ),
    "outside": (
        ("Implantation", 35), ("Immobilier et foncier", 25),
        ("Sous-traitance et partenaires industriels", 15), ("Financement", 10),
        ("Recrutement et formation", 10), (HYDROGEN_THEME, 5),
    ),
    "holder": (("Création et reprise", 45), ("Financement", 35), ("Immobilier et foncier", 15),
               ("Recrutement et formation", 5)),
    "individual": (("Création et reprise", 60), ("Financement", 25), ("Recrutement et formation", 15)),
}  # fmt: skip
CHANNEL_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("desk", 30), ("phone", 28), ("email", 22), ("meeting", 8), ("partner", 8), ("mail", 4),
)  # fmt: skip
#: Delay before the first action, in minutes (low, high), by channel.
FIRST_ACTION_MINUTES: dict[str, tuple[float, float]] = {
    "desk": (2, 30), "phone": (5, 240), "email": (30, 3 * 1440), "meeting": (1440, 5 * 1440),
    "partner": (60, 3 * 1440), "mail": (1440, 5 * 1440),
}  # fmt: skip
#: Need outcomes by theme: (informed, oriented, referred) weights.
OUTCOME_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {
    theme: (("informed", i), ("oriented", o), ("referred", r))
    for theme, (i, o, r) in {
        "Financement": (25, 20, 55), "Immobilier et foncier": (35, 25, 40),
        "Recrutement et formation": (30, 25, 45),
        "Sous-traitance et partenaires industriels": (10, 15, 75),
        "Export et international": (30, 20, 50), "Innovation et R&D": (35, 25, 40),
        HYDROGEN_THEME: (30, 20, 50), "Création et reprise": (35, 20, 45),
        "Implantation": (20, 20, 60), "Réglementation et normes": (60, 30, 10),
    }.items()
}  # fmt: skip
DEFAULT_OUTCOMES: tuple[tuple[str, float], ...] = (
    ("informed", 1),
    ("oriented", 1),
    ("referred", 1),
)
OLD_REFERRAL_STATUSES: tuple[tuple[str, float], ...] = (
    ("succeeded", 45), ("closed_no_help", 13), ("unreachable", 8), ("refused", 10),
    ("expired", 10), ("taken_care", 14),
)  # fmt: skip
RECENT_REFERRAL_STATUSES: tuple[tuple[str, float], ...] = (
    ("sent", 45), ("taken_care", 30), ("succeeded", 10), ("refused", 8), ("closed_no_help", 5),
    ("unreachable", 5),
)  # fmt: skip

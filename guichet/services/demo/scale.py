"""How big the demo is: ``guichet demo --echelle N`` builds N times the desk's activity.

At N = 1 every count is the demo's own. Above it, inquiries (and with them needs, referrals,
letters) grow N times, organisations as N^0.89 (a desk that works longer sees the same companies
again: N = 100 gives 30,000 inquiries from about 9,000 organisations), and the history spreads
over more years (18 months at N = 1, ten years at N = 100), so that the data reads like an
agency's real archive rather than eighteen months a hundred times over.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

BASE_HISTORY_DAYS = 548  # about 18 months of inquiries at N = 1
#: Organisations grow as N ** ORGANIZATION_EXPONENT: 100 ** 0.889 = 60 (150 → 9,000).
ORGANIZATION_EXPONENT = math.log(60) / math.log(100)
#: The history grows with log10(N): 548 days at N = 1, 3,650 (ten years) at N = 100.
HISTORY_GROWTH = (3650 / BASE_HISTORY_DAYS - 1) / 2
MAX_FACTOR = 1000

#: Phone blocks the ARCEP reserves for fiction (02 61 91 first: the demo's own block at N = 1).
FICTION_PHONE_BLOCKS = ("+3326191", "+3319900", "+3335301", "+3346571", "+3353649", "+3363998")


@dataclass(frozen=True)
class DemoScale:
    """The size of a demo: ``factor`` times the activity of the standard one."""

    factor: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.factor <= MAX_FACTOR:
            raise ValueError(f"demo scale out of range: {self.factor}")

    def activity(self, base: int) -> int:
        """A count of records of the activity (inquiries), N times ``base``."""
        return base * self.factor

    def organizations(self, base: int) -> int:
        """A count of organisations or people: ``base`` at N = 1, ``base`` × N^0.89 above."""
        if self.factor == 1:
            return base
        return max(base, round(base * self.factor**ORGANIZATION_EXPONENT))

    @property
    def history_days(self) -> int:
        """How far back the inquiries go."""
        return round(BASE_HISTORY_DAYS * (1 + HISTORY_GROWTH * math.log10(self.factor)))

    @property
    def phone_blocks(self) -> tuple[str, ...]:
        """Enough fiction blocks (10,000 numbers each) for this many people and organisations."""
        needed = 1 + self.organizations(400) // 6000
        return FICTION_PHONE_BLOCKS[: min(len(FICTION_PHONE_BLOCKS), needed)]

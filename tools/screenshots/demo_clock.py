"""The moment the screenshots' demo data is built around: scenes pass it to the pages that take
a clock, so the captures are the same whatever day ``make screenshots`` runs."""

from __future__ import annotations

from datetime import datetime

DEMO_NOW = datetime(2026, 11, 27, 10, 30)

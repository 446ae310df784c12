"""The agency's territory: the communes set in the settings, or Caux Seine Agglo by default."""

from __future__ import annotations

from guichet.reference.communes import territory_insee_codes


def territory_codes(configured: list[str] | None) -> frozenset[str]:
    return frozenset(configured) if configured else frozenset(territory_insee_codes())

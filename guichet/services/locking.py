"""Optimistic locking for edits made from a form opened earlier.

A form keeps the record's ``version`` and the values it showed. On save, the service reloads the
record: if the version moved, someone else saved meanwhile, and the counsellor is shown what
changed instead of overwriting it. The ``version`` column also guards the short window between
this check and the UPDATE (SQLAlchemy's ``version_id_col``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guichet.errors import ConcurrentEditError


def ensure_current(
    record: Any, expected_version: int | None, opened: Mapping[str, object] | None = None
) -> None:
    """Raises ConcurrentEditError when ``record`` changed since the form was opened."""
    if expected_version is None or record.version == expected_version:
        return
    changes: dict[str, tuple[object, object]] = {}
    for field, seen in (opened or {}).items():
        now = getattr(record, field, None)
        if now != seen:
            changes[field] = (seen, now)
    raise ConcurrentEditError(
        "Cette fiche a été modifiée par quelqu'un d'autre depuis son ouverture : "
        "vos changements n'ont pas été enregistrés, pour ne pas écraser les siens.",
        changes=changes,
    )

"""Errors written for people.

Every error a counsellor may see derives from :class:`GuichetError` and carries a French message
they can act on. :class:`EnvironmentProblem` marks trouble from outside the program (locked or full
disk, unreadable file) as opposed to bad input (:class:`ValidationError`) or a stale edit
(:class:`ConcurrentEditError`).
"""

from __future__ import annotations


class GuichetError(Exception):
    """Base class; ``message`` is French and shown as is to the counsellor."""

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ValidationError(GuichetError):
    """Input the counsellor can correct (invalid SIRET, e-mail, phone, missing field…)."""

    def __init__(
        self, message: str, *, field: str | None = None, detail: str | None = None
    ) -> None:
        super().__init__(message, detail=detail)
        self.field = field


class NotFoundError(GuichetError):
    """A record that should exist does not (deleted meanwhile, wrong id)."""


class ConcurrentEditError(GuichetError):
    """Someone else saved the same record since it was opened.

    ``changes`` maps a field name to ``(value when opened, value now in the database)``.
    """

    def __init__(
        self, message: str, *, changes: dict[str, tuple[object, object]] | None = None
    ) -> None:
        super().__init__(message)
        self.changes = changes or {}


class EnvironmentProblem(GuichetError):
    """Trouble from the machine, not from the program: locked database, full disk, missing file."""

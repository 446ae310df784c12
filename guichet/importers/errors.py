"""The error raised for a file that cannot be read at all (the whole import is refused)."""

from __future__ import annotations

from guichet.errors import ValidationError


class FileRefused(ValidationError):
    """A file the import refuses as a whole, with a French message saying what to do."""

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message, field="file", detail=detail)

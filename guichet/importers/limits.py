"""Limits on what an imported file may hold, checked while its rows stream in.

A few kilobytes of workbook can declare millions of rows or columns (a ``dimension`` covering
the whole sheet, ``number-rows-repeated``), and a zip member can inflate a thousandfold. The
readers never materialise what a file merely declares: they hand over non-blank rows one at a
time, and :class:`RowCollector` refuses the file, with a French message, as soon as it passes
a limit — so the memory an import takes is bounded by the limits, never by the file.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass

from guichet.importers.errors import FileRefused
from guichet.reference.dates import format_number

MEGABYTE = 1024 * 1024
_ROW_OVERHEAD = 64 + 8  # a list object and its line number
_CELL_OVERHEAD = 8  # the list's pointer to a cell


@dataclass(frozen=True)
class ReadLimits:
    """What one import accepts (the defaults suit member lists; settings ``import.*``)."""

    max_rows: int = 200_000
    max_columns: int = 200
    max_cell_chars: int = 32_767  # Excel's own maximum for a cell
    max_megabytes: int = 48  # data kept once read; zip members may hold 4× that as XML

    @property
    def max_data_bytes(self) -> int:
        return self.max_megabytes * MEGABYTE

    @property
    def max_unpacked_bytes(self) -> int:
        """Uncompressed size of all the members of an XLSX or ODS archive."""
        return 4 * self.max_megabytes * MEGABYTE

    @property
    def max_shared_strings_bytes(self) -> int:
        """Uncompressed size of an XLSX shared string table (loaded whole by openpyxl)."""
        return self.max_megabytes * MEGABYTE // 2


def too_many_columns(limits: ReadLimits) -> FileRefused:
    return FileRefused(
        f"Ce tableau a des valeurs au-delà de la colonne {format_number(limits.max_columns)} : "
        f"un import en accepte {format_number(limits.max_columns)} au plus. Supprimez les "
        "colonnes inutiles, puis recommencez."
    )


def cell_too_long(limits: ReadLimits, line: int) -> FileRefused:
    return FileRefused(
        f"Une cellule de la ligne {format_number(line)} dépasse "
        f"{format_number(limits.max_cell_chars)} caractères : ce n'est pas une liste "
        "d'organisations. Vérifiez le fichier choisi."
    )


def too_big(what: str, limit_bytes: int) -> FileRefused:
    return FileRefused(
        f"{what} dépasse {format_number(limit_bytes // MEGABYTE)} Mo une fois décompressé : "
        "c'est plus qu'un import n'en accepte. Découpez le tableau en plusieurs fichiers."
    )


class RowCollector:
    """Keeps the non-blank rows of a sheet, checking every limit as they arrive."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self.rows: list[list[str]] = []
        self.line_numbers: list[int] = []
        self._data_bytes = 0

    def add(self, line: int, row: list[str]) -> None:
        """Keep ``row`` (line ``line`` of the file) if some cell is not blank.

        Trailing blank cells are dropped. Raises FileRefused past a limit.
        """
        width = len(row)
        while width and not row[width - 1].strip():
            width -= 1
        if not width:
            return
        if width < len(row):
            row = row[:width]
        limits = self.limits
        if len(self.rows) > limits.max_rows:  # the header row comes on top of the limit
            raise FileRefused(
                f"Ce tableau compte plus de {format_number(limits.max_rows)} lignes : c'est plus "
                "qu'un import n'en accepte. Découpez-le en plusieurs fichiers, puis recommencez."
            )
        if width > limits.max_columns:
            raise too_many_columns(limits)
        if max(map(len, row)) > limits.max_cell_chars:
            raise cell_too_long(limits, line)
        self._data_bytes += _ROW_OVERHEAD + _CELL_OVERHEAD * width + sum(map(sys.getsizeof, row))
        if self._data_bytes > limits.max_data_bytes:
            raise FileRefused(
                f"Ce tableau dépasse {format_number(limits.max_megabytes)} Mo de données "
                f"(atteints à la ligne {format_number(line)}) : c'est plus qu'un import n'en "
                "accepte. Découpez-le en plusieurs fichiers, puis recommencez."
            )
        self.rows.append(row)
        self.line_numbers.append(line)

    def add_all(self, numbered_rows: Iterable[tuple[int, list[str]]]) -> None:
        for line, row in numbered_rows:
            self.add(line, row)

"""Any spreadsheet file (CSV, XLSX, ODS) read into one shape: headers and rows of text.

The format is recognised from the content, not the name: a workbook renamed ``.csv`` is still
read, and a PDF renamed ``.csv`` is refused with a message saying so.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from guichet.importers.bulk import paused_gc
from guichet.importers.errors import FileRefused
from guichet.importers.limits import ReadLimits, RowCollector, too_big
from guichet.importers.ods import ods_rows
from guichet.importers.spreadsheets import xlsx_rows
from guichet.importers.text_files import DELIMITER_NAMES, ENCODING_NAMES, csv_rows
from guichet.importers.xml_safety import require_safe_xml
from guichet.reference.text import clean_text

MAX_FILE_BYTES = 200 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Table:
    """A sheet: its header row, its data rows (ragged rows kept as they are) and their numbers."""

    headers: tuple[str, ...]
    rows: list[list[str]]
    line_numbers: list[int]
    description: str

    def sample(self, column: int, count: int = 3) -> list[str]:
        """The first non-empty values of a column, for the mapping step."""
        found: list[str] = []
        for row in self.rows:
            if column < len(row) and row[column].strip():
                found.append(row[column].strip()[:60])
                if len(found) == count:
                    break
        return found


def _zip_kind(path: Path, limits: ReadLimits) -> str:
    """``xlsx`` or ``ods``, once the uncompressed sizes of the members are known to be sane."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > limits.max_unpacked_bytes:
                raise too_big("Ce classeur", limits.max_unpacked_bytes)
            names = {member.filename: member for member in members}
            if "xl/workbook.xml" in names:
                shared = names.get("xl/sharedStrings.xml")
                if shared is not None and shared.file_size > limits.max_shared_strings_bytes:
                    raise too_big("Le texte de ce classeur", limits.max_shared_strings_bytes)
                return "xlsx"
            mimetype = names.get("mimetype")
            if (
                mimetype is not None
                and mimetype.file_size < 200
                and b"opendocument.spreadsheet" in archive.read(mimetype)
            ):
                return "ods"
    except zipfile.BadZipFile as exc:
        raise FileRefused("Ce fichier compressé est abîmé ou incomplet.", detail=str(exc)) from exc
    raise FileRefused(
        "Ce fichier est une archive compressée qui ne contient pas de classeur XLSX ou ODS. "
        "Décompressez-la et choisissez le tableau qu'elle contient."
    )


def _table(
    numbered_rows: Iterable[tuple[int, list[str]]], description: str, limits: ReadLimits
) -> Table:
    collector = RowCollector(limits)
    collector.add_all(numbered_rows)
    if not collector.rows:
        raise FileRefused(
            "Le fichier est vide : il ne contient aucune ligne. Choisissez le fichier qui contient "
            "le tableau, avec une ligne d'en-têtes puis une ligne par organisation."
        )
    header_row = collector.rows[0]
    while header_row and not header_row[-1].strip():
        header_row = header_row[:-1]
    headers = tuple(
        clean_text(cell).strip()[:120] or f"Colonne {index}"
        for index, cell in enumerate(header_row, 1)
    )
    if len(collector.rows) == 1:
        raise FileRefused(
            "Le fichier ne contient qu'une ligne d'en-têtes, sans aucune donnée en dessous."
        )
    return Table(
        headers=headers,
        rows=collector.rows[1:],
        line_numbers=collector.line_numbers[1:],
        description=description,
    )


def read_table(path: Path, limits: ReadLimits | None = None) -> Table:
    """Read the file's first sheet, within ``limits`` (the defaults when None).

    Raises:
        FileRefused: unreadable, empty, binary, too big or in a format that is not a table.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise FileRefused(
            f"Impossible de lire le fichier « {path.name} » : {exc.strerror or exc}.",
            detail=str(exc),
        ) from exc
    if size == 0:
        raise FileRefused("Le fichier est vide (0 octet).")
    if size > MAX_FILE_BYTES:
        raise FileRefused(
            f"Le fichier fait {size // (1024 * 1024)} Mo : c'est plus que les "
            f"{MAX_FILE_BYTES // (1024 * 1024)} Mo acceptés. Découpez-le en plusieurs fichiers."
        )
    if head.startswith(OLE_MAGIC):
        raise FileRefused(
            "Ce fichier est au format Excel 97-2003 (.xls) ou protégé par un mot de passe. "
            "Enregistrez-le au format .xlsx (ou CSV) sans mot de passe, puis recommencez."
        )
    limits = limits or ReadLimits()
    if head.startswith(ZIP_MAGIC):
        require_safe_xml()
        if _zip_kind(path, limits) == "xlsx":
            return _table(xlsx_rows(path, limits), "Classeur Excel (.xlsx)", limits)
        return _table(ods_rows(path, limits), "Classeur OpenDocument (.ods)", limits)
    max_line = limits.max_columns * (limits.max_cell_chars + 3) * 2
    try:
        rows, encoding, delimiter = csv_rows(path, max_line)
    except OSError as exc:
        raise FileRefused(
            f"Impossible de lire le fichier « {path.name} » : {exc.strerror or exc}.",
            detail=str(exc),
        ) from exc
    description = (
        f"CSV, encodage {ENCODING_NAMES.get(encoding, encoding)}, "
        f"séparateur {DELIMITER_NAMES.get(delimiter, delimiter)}"
    )
    with paused_gc():
        return _table(rows, description, limits)

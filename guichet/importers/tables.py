"""Any spreadsheet file (CSV, XLSX, ODS) read into one shape: headers and rows of text.

The format is recognised from the content, not the name: a workbook renamed ``.csv`` is still
read, and a PDF renamed ``.csv`` is refused with a message saying so.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from guichet.importers.bulk import paused_gc
from guichet.importers.errors import FileRefused
from guichet.importers.spreadsheets import read_ods_rows, read_xlsx_rows
from guichet.importers.text_files import DELIMITER_NAMES, ENCODING_NAMES, read_csv_rows

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


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace")
                if "opendocument.spreadsheet" in mimetype:
                    return "ods"
    except zipfile.BadZipFile as exc:
        raise FileRefused("Ce fichier compressé est abîmé ou incomplet.", detail=str(exc)) from exc
    raise FileRefused(
        "Ce fichier est une archive compressée qui ne contient pas de classeur XLSX ou ODS. "
        "Décompressez-la et choisissez le tableau qu'elle contient."
    )


def _table(rows: list[list[str]], description: str) -> Table:
    numbered = [
        (number, row)
        for number, row in enumerate(rows, start=1)
        if "".join(row).strip()  # some cell is not blank
    ]
    if not numbered:
        raise FileRefused(
            "Le fichier est vide : il ne contient aucune ligne. Choisissez le fichier qui contient "
            "le tableau, avec une ligne d'en-têtes puis une ligne par organisation."
        )
    _, header_row = numbered[0]
    while header_row and not header_row[-1].strip():
        header_row = header_row[:-1]
    headers = tuple(
        cell.strip()[:120] or f"Colonne {index}" for index, cell in enumerate(header_row, 1)
    )
    if len(numbered) == 1:
        raise FileRefused(
            "Le fichier ne contient qu'une ligne d'en-têtes, sans aucune donnée en dessous."
        )
    return Table(
        headers=headers,
        rows=[row for _, row in numbered[1:]],
        line_numbers=[number for number, _ in numbered[1:]],
        description=description,
    )


def read_table(path: Path) -> Table:
    """Read the file's first sheet.

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
    if head.startswith(ZIP_MAGIC):
        if _zip_kind(path) == "xlsx":
            return _table(read_xlsx_rows(path), "Classeur Excel (.xlsx)")
        return _table(read_ods_rows(path), "Classeur OpenDocument (.ods)")
    with paused_gc():
        rows, encoding, delimiter = read_csv_rows(path.read_bytes())
    description = (
        f"CSV, encodage {ENCODING_NAMES.get(encoding, encoding)}, "
        f"séparateur {DELIMITER_NAMES.get(delimiter, delimiter)}"
    )
    return _table(rows, description)

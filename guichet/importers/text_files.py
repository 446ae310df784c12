"""Reading a CSV file as a French desk receives it: any encoding, any separator.

French Excel writes ``;``-separated Windows-1252 ("CSV (séparateur : point-virgule)"), or UTF-8
with a BOM ("CSV UTF-8"), or UTF-16 tab-separated ("Texte Unicode"); other tools write UTF-8 with
``,``. The encoding is found from the bytes, the separator from the first lines.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from collections import Counter

from guichet.importers.errors import FileRefused

DELIMITERS = (";", ",", "\t", "|")
DELIMITER_NAMES = {";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre verticale"}
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 avec BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}
SAMPLE_LINES = 50
# UTF-8 read as Windows-1252: "é" becomes "Ã©", "è" "Ã¨", "à" "Ã\xa0"…
_MOJIBAKE = re.compile(
    "Ã[\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u203a]|Â[\u00a0-\u00bf]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was written in.

    Raises:
        FileRefused: binary content, or a file mixing two encodings.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _mixed_encoding(exc) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _mixed_encoding(exc) from exc
    head = data[:65536]
    if b"\x00" in head:
        raise _binary()
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
        if ("Ã" in text or "Â" in text) and _MOJIBAKE.search(text):
            raise FileRefused(
                "Ce fichier mélange deux encodages de caractères (UTF-8 et Windows-1252) : les "
                "accents seraient abîmés. Ouvrez-le dans votre tableur et enregistrez-le de "
                "nouveau au format « CSV UTF-8 », puis recommencez."
            ) from None
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(3, len(sample) // 200):
        raise _binary()
    return text, encoding


def _binary() -> FileRefused:
    return FileRefused(
        "Ce fichier n'est pas un fichier texte CSV : son contenu est binaire (une image, un PDF, "
        "un document Word ?). Choisissez le fichier du tableau lui-même, enregistré en CSV, en "
        "XLSX ou en ODS."
    )


def _mixed_encoding(exc: UnicodeDecodeError) -> FileRefused:
    return FileRefused(
        "Ce fichier annonce un encodage Unicode mais contient des caractères d'un autre encodage "
        f"(octet {exc.start}). Enregistrez-le de nouveau en « CSV UTF-8 » depuis votre tableur.",
        detail=str(exc),
    )


def _field_counts(lines: list[str], delimiter: str) -> list[int]:
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    try:
        return [len(row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error:
        return []


def detect_delimiter(text: str) -> str:
    """The separator of a CSV text: the one splitting the first lines into the most consistent
    number of columns (csv.Sniffer first, checked; then a count of each candidate)."""
    head = text[:65536].splitlines()
    if len(head) <= SAMPLE_LINES:  # the whole text may hold fewer lines than the sample
        head = text.splitlines()
    lines = [line for line in head[:SAMPLE_LINES] if line.strip()]
    if not lines:
        return ";"
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    best: tuple[float, int, int, str] | None = None
    for rank, delimiter in enumerate(DELIMITERS):
        counts = _field_counts(lines, delimiter)
        if not counts or counts[0] < 2:
            continue
        usual, agreeing = Counter(counts).most_common(1)[0]
        consistency = agreeing / len(counts)
        score = (consistency, usual, 1 if delimiter == sniffed else 0, delimiter)
        if best is None or score[:3] > best[:3] or (score[:3] == best[:3] and rank == 0):
            best = score
    if best is not None:
        return best[3]
    return sniffed or ";"


def read_csv_rows(data: bytes) -> tuple[list[list[str]], str, str]:
    """All rows of a CSV file as lists of strings, with its encoding and separator."""
    text, encoding = decode_text(data)
    delimiter = detect_delimiter(text)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise FileRefused(
            f"Le fichier CSV est mal formé ({exc}). Ouvrez-le dans votre tableur et enregistrez-le "
            "de nouveau en CSV.",
            detail=str(exc),
        ) from exc
    return rows, encoding, delimiter

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
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from guichet.importers.errors import FileRefused

DELIMITERS = (";", ",", "\t", "|")
DELIMITER_NAMES = {";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre verticale"}
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 avec BOM",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 sans BOM",
    "utf-16-be": "UTF-16 (gros-boutiste) sans BOM",
    "cp1252": "Windows-1252",
}
SAMPLE_LINES = 50
# UTF-8 read as Windows-1252: "é" becomes "Ã©", "è" "Ã¨", "à" "Ã\xa0"…
_MOJIBAKE = re.compile(
    "Ã[\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u203a]|Â[\u00a0-\u00bf]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


CHUNK = 1 << 20


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for text written in UTF-16 without a byte order mark.

    French text in UTF-16 has a zero byte in most code units (ASCII and Latin-1 letters): on the
    odd bytes for little-endian, on the even ones for big-endian, and almost never both.
    """
    pairs = len(head) // 2
    if pairs < 2:
        return None
    odd_zeros = head[1 : 2 * pairs : 2].count(0)
    even_zeros = head[0 : 2 * pairs : 2].count(0)
    for encoding, zeros, others in (
        ("utf-16-le", odd_zeros, even_zeros),
        ("utf-16-be", even_zeros, odd_zeros),
    ):
        if zeros >= 0.6 * pairs and others <= 0.02 * pairs:
            try:
                head[: 2 * pairs].decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def detect_encoding(handle: BinaryIO) -> str:
    """The encoding of a CSV file read from ``handle`` (read once, in chunks, and rewound).

    Raises:
        FileRefused: binary content, or a file mixing two encodings.
    """
    head = handle.read(65536)
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = utf16_without_bom(head) or ""
        if not encoding and b"\x00" in head:
            raise _binary()
    chunks = _chunks(head, handle)
    try:
        if encoding:
            _check_decodes(chunks, encoding)
        else:
            encoding = "utf-8"
            try:
                _check_decodes(chunks, encoding)
            except UnicodeDecodeError:
                handle.seek(0)
                encoding = "cp1252"
                if any(
                    _MOJIBAKE.search(c.decode(encoding, "replace")) for c in _chunks(b"", handle)
                ):
                    raise FileRefused(
                        "Ce fichier mélange deux encodages de caractères (UTF-8 et Windows-1252) : "
                        "les accents seraient abîmés. Ouvrez-le dans votre tableur et "
                        "enregistrez-le de nouveau au format « CSV UTF-8 », puis recommencez."
                    ) from None
    except UnicodeDecodeError as exc:
        raise _mixed_encoding(exc) from exc
    sample = head.decode(encoding, errors="replace")
    if encoding.startswith("utf-16") and sample.startswith("\ufeff"):
        sample = sample[1:]
    if sample and len(_CONTROL.findall(sample)) > max(3, len(sample) // 200):
        raise _binary()
    handle.seek(0)
    return encoding


def _chunks(head: bytes, handle: BinaryIO) -> Iterator[bytes]:
    if head:
        yield head
    while chunk := handle.read(CHUNK):
        yield chunk


def _check_decodes(chunks: Iterator[bytes], encoding: str) -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    for chunk in chunks:
        decoder.decode(chunk)
    decoder.decode(b"", final=True)


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file held in memory and the encoding it was written in."""
    encoding = detect_encoding(io.BytesIO(data))
    return data.decode(encoding, errors="replace" if encoding == "cp1252" else "strict"), encoding


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


def open_text(handle: BinaryIO) -> tuple[io.TextIOWrapper, str]:
    """A text stream over a CSV file (decoded as it is read) and its encoding."""
    encoding = detect_encoding(handle)
    errors = "replace" if encoding == "cp1252" else "strict"
    return io.TextIOWrapper(handle, encoding=encoding, errors=errors, newline=""), encoding


def longest_line(handle: BinaryIO) -> int:
    """The length in bytes of the longest line of a file (read in chunks, then rewound)."""
    longest = current = 0
    for chunk in _chunks(b"", handle):
        parts = chunk.split(b"\n")
        if len(parts) == 1:
            current += len(chunk)
        else:
            longest = max(longest, current + len(parts[0]), *map(len, parts[1:-1]))
            current = len(parts[-1])
    handle.seek(0)
    return max(longest, current)


def csv_rows(path: Path, max_line_bytes: int) -> tuple[Iterator[tuple[int, list[str]]], str, str]:
    """The rows of a CSV file, streamed with their numbers (from 1), its encoding and separator.

    Raises:
        FileRefused: unreadable, binary or mixed-encoding content, or a line longer than
            ``max_line_bytes`` (found before any row is read).
    """
    handle = path.open("rb")
    try:
        if longest_line(handle) > max_line_bytes:
            raise FileRefused(
                "Ce fichier contient une ligne de plus de "
                f"{max_line_bytes // (1024 * 1024) or 1} Mo : ce n'est pas un tableau "
                "d'organisations. Vérifiez le fichier choisi."
            )
        text, encoding = open_text(handle)
        delimiter = detect_delimiter(text.read(65536))
        text.seek(0)
    except BaseException:
        handle.close()
        raise
    return _numbered(text, delimiter), encoding, delimiter


def _numbered(text: io.TextIOWrapper, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with text:
        reader = csv.reader(text, delimiter=delimiter)
        try:
            yield from enumerate(reader, start=1)
        except csv.Error as exc:
            raise FileRefused(
                f"Le fichier CSV est mal formé ({exc}). Ouvrez-le dans votre tableur et "
                "enregistrez-le de nouveau en CSV.",
                detail=str(exc),
            ) from exc
        except UnicodeDecodeError as exc:
            raise _mixed_encoding(exc) from exc

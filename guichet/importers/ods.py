"""Reading the first table of an OpenDocument spreadsheet (.ods), streamed.

``content.xml`` is walked with a streaming parser (defusedxml: no entities, no DTD), one row at a
time, and each row's element is dropped once read. ``number-columns-repeated`` and
``number-rows-repeated`` are expanded only where they carry a value: a run of empty cells or rows
is counted, never built, so a 1.5 KB file declaring a 10,000 × 10,000 table costs nothing until
a value would land past a limit (and then the file is refused).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from defusedxml.ElementTree import iterparse

from guichet.importers.errors import FileRefused
from guichet.importers.limits import ReadLimits, cell_too_long, too_many_columns
from guichet.importers.spreadsheets import cell_text

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE_TAG, _ROW_TAG = _TABLE + "table", _TABLE + "table-row"
#: Elements whose children are rows: each row read is dropped from its container.
_ROW_CONTAINERS = frozenset(
    _TABLE + name for name in ("table", "table-row-group", "table-header-rows", "table-rows")
)
_CELL_TAGS = frozenset({_TABLE + "table-cell", _TABLE + "covered-table-cell"})
_P_TAG = _TEXT + "p"
_FORMULA_PREFIXES = ("of:", "oooc:", "msoxl:")


def unreadable_ods(exc: BaseException) -> FileRefused:
    return FileRefused(
        "Ce classeur OpenDocument (.ods) est illisible. Ouvrez-le dans votre tableur et "
        "enregistrez-le de nouveau.",
        detail=str(exc),
    )


def _repeat(element: Any, attribute: str) -> int:
    try:
        return max(1, int(element.get(_TABLE + attribute) or 1))
    except ValueError:
        return 1


def _paragraph(element: Any, budget: int) -> str:
    """The text of a ``text:p`` (spans, links, ``text:s`` runs of spaces, tabs, line breaks)."""
    parts: list[str] = [element.text or ""]
    size = len(parts[0])
    for child in element.iter():
        if child is element:
            continue
        tag = child.tag
        if tag == _TEXT + "s":
            try:
                count = int(child.get(_TEXT + "c") or 1)
            except ValueError:
                count = 1
            parts.append(" " * max(0, min(count, budget - size + 1)))
        elif tag == _TEXT + "tab":
            parts.append("\t")
        elif tag == _TEXT + "line-break":
            parts.append("\n")
        elif child.text:
            parts.append(child.text)
        if child.tail:
            parts.append(child.tail)
        size += len(parts[-1])
        if size > budget:
            break
    return "".join(parts)


def _cell(element: Any, budget: int) -> str:
    formula = element.get(_TABLE + "formula")
    if formula:
        text = str(formula)
        for prefix in _FORMULA_PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix) :]
        return text if text.startswith("=") else "=" + text
    value_type = element.get(_OFFICE + "value-type")
    try:
        if value_type in ("float", "percentage", "currency"):
            return cell_text(float(element.get(_OFFICE + "value") or "nan"))
    except ValueError:
        pass
    if value_type == "date":
        return str(element.get(_OFFICE + "date-value") or "")[:10]
    if value_type == "boolean":
        return "oui" if element.get(_OFFICE + "boolean-value") == "true" else "non"
    return "\n".join(_paragraph(p, budget) for p in element if p.tag == _P_TAG)


def _row(element: Any, line: int, limits: ReadLimits) -> list[str]:
    cells: list[str] = []
    column = 0  # cells before this one, empty runs included
    for child in element:
        if child.tag not in _CELL_TAGS:
            continue
        repeat = _repeat(child, "number-columns-repeated")
        text = _cell(child, limits.max_cell_chars)
        if text.strip():
            if column + repeat > limits.max_columns:
                raise too_many_columns(limits)
            if len(text) > limits.max_cell_chars:
                raise cell_too_long(limits, line)
            cells.extend([""] * (column - len(cells)))
            cells.extend([text] * repeat)
        column += repeat
    return cells


def ods_rows(path: Path, limits: ReadLimits) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of the first table, with their line numbers, streamed."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            line = 0
            tables = 0
            containers: list[Any] = []
            for event, element in iterparse(content, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == _TABLE_TAG:
                        tables += 1
                        if tables > 1:
                            return  # only the first table
                    if tag in _ROW_CONTAINERS:
                        containers.append(element)
                    continue
                if tag in _ROW_CONTAINERS:
                    containers.pop()
                if tag != _ROW_TAG or not containers:
                    continue
                repeat = _repeat(element, "number-rows-repeated")
                cells = _row(element, line + 1, limits)
                containers[-1].clear()  # drop the rows already read
                if not cells:
                    line += repeat
                    continue
                shown = min(repeat, limits.max_rows + 2)  # past the limit: refused anyway
                for _ in range(shown):
                    line += 1
                    yield line, cells
                line += repeat - shown
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, SyntaxError) as exc:
        raise unreadable_ods(exc) from exc

"""File names any Windows PC accepts: the one rule behind every name Guichet proposes or writes.

Windows refuses the characters ``<>:"/\\|?*`` and control characters, a name ending in a dot or
a space, the device names (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM1``–``COM9``,
``LPT1``–``LPT9``, in any case, with or without an extension: ``con.txt`` is the console), and,
without long-path support, a full path of 260 UTF-16 units or more. :func:`windows_file_name`
turns any text into a name that avoids all of these (also valid on Linux and macOS); a name
that already is one comes back unchanged, so cleaning twice changes nothing.

Pure (no I/O): the folder is only used for its length.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

#: Characters Windows refuses in a file name (``/`` and ``\\`` separate folders).
FORBIDDEN = '<>:"/\\|?*'
#: Device names, whatever the case and the extension (superscript digits count too).
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"{device}{digit}" for device in ("COM", "LPT") for digit in "123456789¹²³"}
)
#: Longest full path (in UTF-16 units, the terminating NUL excluded) without long-path support.
MAX_PATH = 259
#: Longest single name (NTFS, ext4, APFS).
MAX_NAME = 255
#: The replacement for a forbidden character.
REPLACEMENT = "_"

_FORBIDDEN = re.compile(f"[{re.escape(FORBIDDEN)}]")
_SPACES = re.compile(r"\s+")
_EXTENSION = re.compile(r"\.[^.\s]{1,16}$")


def _units(text: str) -> int:
    """Length as Windows counts it (UTF-16 code units: a character beyond U+FFFF counts two)."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _clip(text: str, units: int) -> str:
    while _units(text) > units:
        text = text[:-1]
    return text


def _printable(text: str) -> str:
    """Control and format characters, lone surrogates and unassigned code points out; every
    kind of whitespace becomes one space."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(
        " " if c.isspace() else c
        for c in text
        if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    return _SPACES.sub(" ", kept)


def split_extension(name: str) -> tuple[str, str]:
    """``("rapport", ".pdf")``; a name without a short extension keeps it all in the stem
    (``".bashrc"`` is a stem)."""
    found = _EXTENSION.search(name)
    if found is None or found.start() == 0:
        return name, ""
    return name[: found.start()], found.group()


def is_reserved(name: str) -> bool:
    """``True`` for a device name: ``CON``, ``nul.txt``, ``Com1.tar.gz``, ``LPT1 .pdf``…"""
    return name.split(".", 1)[0].rstrip(" ").upper() in RESERVED


def windows_file_name(
    text: str, *, folder: str | PurePath | None = None, default: str = "document"
) -> str:
    """A name made of ``text`` that Windows accepts, its extension kept.

    Forbidden and control characters become ``_`` (or a space), trailing dots and spaces go,
    a device name gets a leading ``_``; the stem is shortened (never the extension) so the name
    stays within 255 units and, given the ``folder`` it goes in, the full path under 260.
    ``default`` stands for a name that is left empty (``""`` lets the caller refuse it).

    >>> windows_file_name('Devis: "Dupont/Fils"?.pdf')
    'Devis_ _Dupont_Fils__.pdf'
    >>> windows_file_name("con.txt")
    '_con.txt'
    >>> windows_file_name("notes. . .")
    'notes'
    """
    budget = MAX_NAME
    if folder is not None:
        budget = min(budget, MAX_PATH - _units(str(folder)) - 1)  # one separator
    name = _FORBIDDEN.sub(REPLACEMENT, _printable(text)).strip(" ").rstrip(". ")
    if not name:
        return default
    if is_reserved(name):
        name = REPLACEMENT + name
    stem, extension = split_extension(name)
    if _units(name) > budget:
        room = max(budget - _units(extension), 1)
        stem = _clip(stem, room).rstrip(" ")
        if not extension:
            stem = stem.rstrip(". ")
        if not stem or is_reserved(stem + extension):
            stem = REPLACEMENT + stem[:-1] if stem else REPLACEMENT
        name = stem + extension
    return name


def with_folder(folder: str | PurePath, text: str, *, default: str = "document") -> PurePath:
    """``folder / windows_file_name(text)``, the name shortened for the folder's length."""
    return PurePath(folder) / windows_file_name(text, folder=folder, default=default)

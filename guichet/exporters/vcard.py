"""Contacts to vCard 4.0 (RFC 6350), the format address books and phones import.

Text values escape ``\\``, ``,``, ``;`` and newlines (§3.4); lines longer than 75 octets are
folded (§3.2) without cutting a UTF-8 character.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from guichet.errors import EnvironmentProblem
from guichet.reference.text import clean_text


@dataclass(frozen=True)
class VCardContact:
    first_name: str | None
    last_name: str
    civility: str | None = None
    organization: str | None = None
    role: str | None = None
    phone: str | None = None
    mobile: str | None = None
    email: str | None = None


def escape(text: str) -> str:
    """RFC 6350 §3.4 text escaping, after removing the control characters §3.3 forbids."""
    return (
        clean_text(text, multiline=True)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _uri(text: str) -> str:
    """A ``tel:`` URI value: no control character, no space."""
    return "".join(clean_text(text).split())


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets, continuation lines starting with one space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def vcard(contact: VCardContact) -> str:
    first = contact.first_name or ""
    full = " ".join(p for p in (first, contact.last_name) if p)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"FN:{escape(full)}",
        f"N:{escape(contact.last_name)};{escape(first)};;{escape(contact.civility or '')};",
    ]
    if contact.organization:
        lines.append(f"ORG:{escape(contact.organization)}")
    if contact.role:
        lines.append(f"TITLE:{escape(contact.role)}")
    if contact.phone:
        lines.append(f"TEL;VALUE=uri;TYPE=work,voice:tel:{_uri(contact.phone)}")
    if contact.mobile:
        lines.append(f"TEL;VALUE=uri;TYPE=cell:tel:{_uri(contact.mobile)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{escape(contact.email)}")
    lines.append("END:VCARD")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def write_vcards(contacts: Iterable[VCardContact], path: Path) -> Path:
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            for contact in contacts:
                handle.write(vcard(contact))
    except OSError as exc:
        raise EnvironmentProblem(
            f"Impossible d'écrire le fichier « {path.name} » : {exc.strerror or exc}.",
            detail=str(exc),
        ) from exc
    return path

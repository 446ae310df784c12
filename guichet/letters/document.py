"""What a letter is made of, as plain data: the renderer never sees the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: Height of the address block area under the window (DL window: about 45 mm high, the block
#: must stay within y = 45–79 mm of the sheet by default).
ADDRESS_BLOCK_HEIGHT_MM = 32.0
FOLD_MARKS_MM = (99.0, 198.0)


@dataclass(frozen=True)
class Letterhead:
    """The agency, as printed at the top and the foot of every letter."""

    name: str
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    website: str = ""
    logo_path: str = ""


@dataclass(frozen=True)
class EnvelopeWindow:
    """Where the recipient block goes, from the sheet's top-left corner, in millimetres."""

    x_mm: float = 105.0
    y_mm: float = 47.0
    width_mm: float = 85.0
    height_mm: float = ADDRESS_BLOCK_HEIGHT_MM


@dataclass(frozen=True)
class Box:
    """A rectangle on the sheet, top-left origin, millimetres."""

    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float

    def contains(self, other: Box, tolerance_mm: float = 0.01) -> bool:
        return (
            other.x_mm >= self.x_mm - tolerance_mm
            and other.y_mm >= self.y_mm - tolerance_mm
            and other.x_mm + other.width_mm <= self.x_mm + self.width_mm + tolerance_mm
            and other.y_mm + other.height_mm <= self.y_mm + self.height_mm + tolerance_mm
        )


@dataclass(frozen=True)
class LetterDocument:
    """One letter, every text plain (the renderer escapes it)."""

    letterhead: Letterhead
    recipient_lines: tuple[str, ...]
    place_and_date: str
    object_line: str
    body: str
    sender_lines: tuple[str, ...] = ()
    signature_lines: tuple[str, ...] = ()
    title: str = "Courrier"
    author: str = ""  # the agency (PDF « Author »)
    subject: str = ""  # the object line (PDF « Subject »)
    created: datetime | None = None  # PDF creation and modification dates (default: now)


@dataclass(frozen=True)
class RenderedPdf:
    pdf: bytes
    pages: int
    address_box: Box | None = None
    address_lines: tuple[str, ...] = ()

"""The embedded DejaVu Sans fonts, registered once, and text made safe for them.

DejaVu Sans covers every French character (œ, Œ, €, « », accented capitals). Characters it cannot
draw, and characters outside the Basic Multilingual Plane (emoji), are left out of the PDF so a
pasted emoji never prints as a box nor breaks text extraction.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from guichet.assets import find_resource
from guichet.errors import EnvironmentProblem

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Registers the three faces with reportlab (idempotent, thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, file_name in _FILES.items():
            path = find_resource("fonts", file_name)
            if path is None:
                raise EnvironmentProblem(
                    f"Police manquante : {file_name}. Réinstallez l'application."
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True


@cache
def _covered() -> frozenset[int]:
    register_fonts()
    face = pdfmetrics.getFont(REGULAR).face
    return frozenset(code for code in face.charToGlyph if code <= 0xFFFF)


def printable(text: str) -> str:
    """``text`` with only characters the font draws; tabs become spaces.

    Symbols the font lacks (emoji…) are dropped; any other missing character becomes « ? ».
    """
    covered = _covered()
    if all(ord(c) in covered or c == "\n" for c in text):
        return text
    out = []
    for char in text:
        if char == "\n" or ord(char) in covered:
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) in ("So", "Sk", "Cs", "Co", "Cn", "Cf", "Mn", "Cc"):
            continue
        else:
            out.append("?")
    return "".join(out)

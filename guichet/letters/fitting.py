"""Text fitted to a box: wrapped on a few lines, set smaller, and cut with an ellipsis last."""

from __future__ import annotations

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from guichet.letters.fonts import printable
from guichet.letters.page import fit


def fit_lines(
    text: str, font: str, size: float, min_size: float, width: float, max_lines: int
) -> tuple[float, list[str]]:
    """The font size and lines that put ``text`` inside ``width`` points on ``max_lines`` lines.

    The size goes down by half points to ``min_size``; what still does not fit is cut with
    « … » (a single word wider than the box included). The text is made printable first.
    """
    text = " ".join(printable(text).split())
    if not text:
        return size, []
    current = size
    while True:
        lines = simpleSplit(text, font, current, width)
        fits = all(stringWidth(line, font, current) <= width for line in lines)
        if fits and len(lines) <= max_lines:
            return current, lines
        if current - 0.5 < min_size:
            break
        current -= 0.5
    kept = lines[:max_lines]
    if len(lines) > max_lines:
        kept[-1] = kept[-1] + " " + " ".join(lines[max_lines:])
        kept[-1] = fit(kept[-1], font, current, width)
        if not kept[-1].endswith("…"):
            kept[-1] = fit(kept[-1] + "…", font, current, width)
    return current, [fit(line, font, current, width) for line in kept]

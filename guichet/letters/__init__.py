"""PDF rendering with reportlab (the only package that imports it): letters, calibration page.

Renderers take plain dataclasses (:mod:`guichet.letters.document`) and return PDF bytes.
"""

from guichet.letters.calibration import render_calibration
from guichet.letters.document import (
    Box,
    EnvelopeWindow,
    LetterDocument,
    Letterhead,
    RenderedPdf,
)
from guichet.letters.render import render_letter
from guichet.letters.template import LETTER_FIELDS, Template, parse_template, validate_template

__all__ = [
    "LETTER_FIELDS",
    "Box",
    "EnvelopeWindow",
    "LetterDocument",
    "Letterhead",
    "RenderedPdf",
    "Template",
    "parse_template",
    "render_calibration",
    "render_letter",
    "validate_template",
]

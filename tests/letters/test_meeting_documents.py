"""Sign-in sheet and badges: long and hostile names escaped and fitted in their boxes (positions
read back with pypdf), page numbers and the header on every page, the label layout setting."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from guichet.errors import ValidationError
from guichet.letters.badges import label_boxes, render_badges
from guichet.letters.document import Box, Letterhead
from guichet.letters.meeting_data import (
    Attendee,
    BadgeSheet,
    LabelLayout,
    MeetingHeading,
    SignInSheet,
)
from guichet.letters.sign_in_sheet import COLUMNS, ROWS_PER_PAGE, column_boxes, render_sign_in_sheet

MM = 72 / 25.4
HEAD = Letterhead("Caux Seine Développement", ("Maison de l'entreprise", "76170 LILLEBONNE"))
MEETING = MeetingHeading(
    "Hydrogène : les marchés de la filière", "jeudi 10 décembre 2026, 9 h – 11 h", "Lillebonne"
)
LONG_ORG = "Société des Établissements Métallurgiques du Val de Seine SAS"  # 60 characters
LONG_NAME = "Marie-Charlotte de La Rochefoucauld-Montmorency"
HOSTILE = '<b>Dupont & Fils</b> <img src="x"/>'


def _runs(pdf: bytes, page: int = 0) -> list[tuple[str, float, float, float, str]]:
    """(text, x, baseline, size, font) of every string drawn on a page, in points."""
    found: list[tuple[str, float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
            found.append((text.strip(), tm[4] + cm[4], tm[5] + cm[5], size, name))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


def _font(base_font: str) -> str:
    return "DejaVuSans-Bold" if "Bold" in base_font else "DejaVuSans"


def _inside(run: tuple[str, float, float, float, str], box: Box) -> bool:
    text, x, baseline, size, font = run
    width = stringWidth(text, _font(font), size) / MM
    top_mm = 297 - (baseline + 0.93 * size) / MM
    bottom_mm = 297 - (baseline - 0.24 * size) / MM
    return box.contains(Box(x / MM, top_mm, width, bottom_mm - top_mm), tolerance_mm=0.05)


def _text(pdf: bytes, page: int) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[page].extract_text().split())


def test_a_long_organisation_stays_in_its_cell_on_the_sheet() -> None:
    people = (Attendee(LONG_NAME, LONG_ORG, "Responsable qualité sécurité environnement"),)
    pdf = render_sign_in_sheet(SignInSheet(HEAD, MEETING, people)).pdf
    runs = _runs(pdf)
    first_row_top = 76 + 7  # TABLE_TOP_MM + HEADER_ROW_MM
    for index, (x_mm, width_mm) in enumerate(column_boxes()[1:4], start=1):
        cell = Box(x_mm, first_row_top, width_mm, 11)
        in_cell = [
            r
            for r in runs
            if x_mm * MM - 0.1 <= r[1] < (x_mm + width_mm) * MM
            and first_row_top * MM <= (297 * MM - r[2]) <= (first_row_top + 11) * MM
        ]
        assert in_cell, COLUMNS[index][0]
        assert all(_inside(run, cell) for run in in_cell), (COLUMNS[index][0], in_cell)
    assert LONG_ORG in " ".join(_text(pdf, 0).split())  # wrapped and set smaller, not cut


def test_markup_in_names_is_printed_as_text() -> None:
    pdf = render_sign_in_sheet(SignInSheet(HEAD, MEETING, (Attendee(HOSTILE, HOSTILE),))).pdf
    assert _text(pdf, 0).count("<b>Dupont & Fils</b>") == 2
    badges = render_badges(BadgeSheet(HEAD, MEETING, (Attendee(HOSTILE, HOSTILE),))).pdf
    assert '<img src="x"/>' in _text(badges, 0)


def test_every_page_of_a_long_sheet_repeats_the_header_and_is_numbered() -> None:
    count = 2 * ROWS_PER_PAGE + 3  # with 8 walk-in lines: three pages
    people = tuple(Attendee(f"Personne {n:03d}", f"Entreprise {n % 9}") for n in range(count))
    rendered = render_sign_in_sheet(SignInSheet(HEAD, MEETING, people, blank_lines=8))
    assert rendered.pages == 3 == len(PdfReader(io.BytesIO(rendered.pdf)).pages)
    for page in range(3):
        text = _text(rendered.pdf, page)
        assert f"Page {page + 1} / 3" in text
        assert "Feuille d'émargement" in text and MEETING.title in text
        assert "jeudi 10 décembre 2026" in text and f"{count} inscrits" in text
        assert all(name in text for name, _width in COLUMNS)
    numbers = [int(r[0]) for r in _runs(rendered.pdf, 2) if r[0].isdigit()]
    assert max(numbers) == count  # numbered lines stop at the last registrant


def test_a_long_name_and_organisation_stay_inside_the_badge() -> None:
    people = tuple(Attendee(f"{LONG_NAME} {n}", LONG_ORG) for n in range(10))
    pdf = render_badges(BadgeSheet(HEAD, MEETING, people)).pdf
    boxes = label_boxes(LabelLayout())
    runs = _runs(pdf)
    for box in boxes:
        mine = [
            r
            for r in runs
            if box.x_mm * MM <= r[1] + 1
            and box.y_mm * MM <= 297 * MM - r[2] <= (box.y_mm + box.height_mm) * MM
            and r[1] < (box.x_mm + box.width_mm) * MM
        ]
        assert len(mine) >= 4
        assert all(_inside(run, box) for run in mine), mine


def test_default_layout_is_two_by_five_labels_of_85_by_54_mm() -> None:
    boxes = label_boxes(LabelLayout())
    assert len(boxes) == 10
    assert {(b.width_mm, b.height_mm) for b in boxes} == {(85.0, 54.0)}
    assert (boxes[0].x_mm, boxes[0].y_mm) == (20.0, 13.5)
    assert (boxes[-1].x_mm + 85, boxes[-1].y_mm + 54) == (190.0, 283.5)


def test_the_layout_setting_changes_the_sheet() -> None:
    layout = LabelLayout(3, 8, 70, 37, left_mm=0, top_mm=0.5)
    boxes = label_boxes(layout)
    assert len(boxes) == 24 and boxes[1].x_mm == 70 and boxes[3].y_mm == 37.5
    people = tuple(Attendee(f"Personne {n:02d}", "Entreprise") for n in range(25))
    rendered = render_badges(BadgeSheet(HEAD, MEETING, people, layout))
    assert rendered.pages == 2
    assert "Personne 24" in _text(rendered.pdf, 1) and "Personne 23" not in _text(rendered.pdf, 1)
    with pytest.raises(ValidationError, match="ne tiennent pas"):
        label_boxes(LabelLayout(3, 5, 85, 54))

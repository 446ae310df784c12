"""The activity report's PDF: every text escaped, embedded fonts only, a valid file, values
written the French way."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from guichet.letters.report_document import BarChart, Kind, LineChart, ReportSection, format_value
from guichet.letters.report_map import classes, legend_labels
from guichet.letters.report_pdf import render_activity_report
from tests.letters.report_sample import MARKUP_COMMUNE, MARKUP_SUBJECT, sample_document


def _text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_markup_in_names_and_texts_prints_as_typed() -> None:
    text = _text(render_activity_report(sample_document()).pdf)
    assert MARKUP_SUBJECT in text
    assert MARKUP_COMMUNE in text
    assert "Un texte <i>non</i> interprété." in text
    assert "1 312" in text and "+7,6 %" in text and "84 %" in text
    assert "< 3" in text


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils absent")
def test_every_font_is_embedded(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(render_activity_report(sample_document()).pdf)
    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing, "no font listed"
    for line in listing:
        name, emb = line.split()[0], line.split()[-5]
        assert name.endswith(("DejaVuSans", "DejaVuSans-Bold")), line
        assert emb == "yes", line


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf absent")
def test_qpdf_finds_no_error(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    rendered = render_activity_report(sample_document())
    path.write_bytes(rendered.pdf)
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    assert rendered.pages == len(PdfReader(io.BytesIO(rendered.pdf)).pages)
    assert "Page 1 / " in _text(rendered.pdf)


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (1312, Kind.COUNT, "1\u202f312"),
        ("< 3", Kind.COUNT, "< 3"),
        (None, Kind.PERCENT, "—"),
        (0.8425, Kind.PERCENT, "84 %"),
        (0.8, Kind.PERCENT, "80 %"),
        (-10.0, Kind.CHANGE, "\u221210\u00a0%"),
        (7.56, Kind.CHANGE, "+7,6\u00a0%"),
        (0.0, Kind.CHANGE, "0\u00a0%"),
        (45.4, Kind.MINUTES, "45\u00a0min"),
        (185.0, Kind.MINUTES, "3\u00a0h\u00a005"),
        (3600.0, Kind.MINUTES, "60\u00a0h\u00a000"),
    ],
)
def test_values_are_written_the_french_way(value: object, kind: Kind, shown: str) -> None:
    assert format_value(value, kind) == shown  # type: ignore[arg-type]


def test_map_classes_start_at_three_and_name_the_masked_class() -> None:
    assert classes([0, 1, 2]) == []
    bounds = classes([3, 4, 5, 10, 12, 40])
    assert bounds[0][0] == 3 and bounds[-1][1] == 40
    assert all(low <= high for low, high in bounds)
    assert all(bounds[i][1] < bounds[i + 1][0] for i in range(len(bounds) - 1))
    assert legend_labels(bounds)[:2] == ["Aucune", "< 3"]
    assert classes([5, 5, 5]) == [(3, 5)]


def test_a_chart_with_nothing_to_draw_is_left_out() -> None:
    document = sample_document()
    empty = replace(
        document,
        sections=(
            ReportSection(
                "Vide",
                "",
                (BarChart("Barres vides", (), ()), LineChart("Courbe vide", ("janv.",), ())),
            ),
        ),
    )
    text = _text(render_activity_report(empty).pdf)
    assert "Vide" in text and "Barres vides" not in text and "Courbe vide" not in text

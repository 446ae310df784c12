"""The letter renderer: hostile text read back from the PDF, the address block in the window."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from guichet.letters.calibration import render_calibration
from guichet.letters.document import Box, EnvelopeWindow, LetterDocument, Letterhead
from guichet.letters.render import render_letter

MM = 72 / 25.4
HEAD = Letterhead("Caux Seine Développement", ("Maison de l'entreprise", "76170 LILLEBONNE"))
HOSTILE_NAME = '<b>Dupont & Fils</b> <img src="/etc/passwd"/> Œuvre €uro « ÉCOLE » 😀'
LONG_NAME = "Société " + "très " * 58 + "longue"  # 300 characters


def _document(**overrides: object) -> LetterDocument:
    values: dict[str, object] = {
        "letterhead": HEAD,
        "recipient_lines": (
            "Sotraban",
            "Mme Anne LEROUX",
            "12 B RUE DE L EGLISE",
            "76170 LILLEBONNE",
        ),
        "place_and_date": "Lillebonne, le 29 novembre 2026",
        "object_line": "Mise en relation",
        "body": "Madame, Monsieur,\n\nTexte du courrier.",
        "signature_lines": ("Claire Lemonnier", "Chargée d'affaires"),
    }
    values.update(overrides)
    return LetterDocument(**values)  # type: ignore[arg-type]


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_hostile_values_are_printed_as_text() -> None:
    body = f"Nous avons reçu {HOSTILE_NAME}.\n\n{LONG_NAME}"
    rendered = render_letter(
        _document(
            recipient_lines=(HOSTILE_NAME, "76170 LILLEBONNE"),
            object_line=f"Objet <i>piégé</i> & {HOSTILE_NAME}",
            body=body,
        )
    )
    text = " ".join(_text(rendered.pdf).split())
    assert "<b>Dupont & Fils</b>" in text  # markup kept as characters, not interpreted
    assert '<img src="/etc/passwd"/>' in text
    assert "Objet : Objet <i>piégé</i> &" in text
    assert "Œuvre €uro « ÉCOLE »" in text
    assert " ".join(LONG_NAME.split()) in text
    assert "😀" not in text  # dropped: the font has no place for emoji in a letter
    resources = PdfReader(io.BytesIO(rendered.pdf)).pages[0]["/Resources"].get_object()
    assert "/XObject" not in dict(resources)  # type: ignore[call-overload]  # no image loaded


def test_page_numbers_only_when_over_one_page() -> None:
    short = render_letter(_document())
    assert short.pages == 1 == _pages(short.pdf)
    assert "Page 1" not in _text(short.pdf)
    long = render_letter(_document(body="\n\n".join(["Un paragraphe assez long. " * 30] * 12)))
    assert long.pages == _pages(long.pdf) >= 2
    assert f"Page 2 / {long.pages}" in _text(long.pdf)


def _drawn_lines(pdf: bytes, wanted: tuple[str, ...]) -> list[tuple[str, float, float, float]]:
    """(text, x, baseline y, font size) of drawn strings found among ``wanted``."""
    found: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip() in wanted:
            found.append((text.strip(), tm[4] + cm[4], tm[5] + cm[5], size))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize(
    "window",
    [
        EnvelopeWindow(),
        EnvelopeWindow(x_mm=100, y_mm=50, width_mm=80),
        EnvelopeWindow(x_mm=20, y_mm=40),
    ],
)
def test_recipient_block_sits_in_the_window(window: EnvelopeWindow) -> None:
    lines = (
        "SOCIETE DES ETABLISSEMENTS MARTIN ET",
        "Mme Anne LEROUX",
        "ZI DU MANOIR",
        "12 B RUE DE L EGLISE",
        "BP 42",
        "76500 ELBEUF",
    )
    rendered = render_letter(_document(recipient_lines=lines), window)
    area = Box(window.x_mm, window.y_mm, window.width_mm, window.height_mm)
    assert rendered.address_box is not None and area.contains(rendered.address_box)
    drawn = _drawn_lines(rendered.pdf, rendered.address_lines)
    assert [d[0] for d in drawn] == list(lines)
    page_height_mm = 297
    for text, x, baseline, size in drawn:
        from reportlab.pdfbase.pdfmetrics import stringWidth  # the test measures like the PDF

        width_mm = stringWidth(text, "DejaVuSans", size) / MM
        top_mm = page_height_mm - (baseline + 0.93 * size) / MM
        bottom_mm = page_height_mm - (baseline - 0.24 * size) / MM
        assert window.x_mm - 0.01 <= x / MM
        assert x / MM + width_mm <= window.x_mm + window.width_mm + 0.01
        assert window.y_mm - 0.01 <= top_mm < bottom_mm <= window.y_mm + window.height_mm + 0.01


def test_overlong_recipient_lines_are_shrunk_then_cut() -> None:
    rendered = render_letter(_document(recipient_lines=(LONG_NAME, "76170 LILLEBONNE")))
    assert rendered.address_box is not None
    assert EnvelopeWindow().width_mm >= rendered.address_box.width_mm
    assert rendered.address_lines[0].endswith("…")


def test_calibration_page_frames_the_configured_block() -> None:
    window = EnvelopeWindow(x_mm=110, y_mm=50, width_mm=80)
    rendered = render_calibration(HEAD, window)
    assert _pages(rendered.pdf) == 1
    text = _text(rendered.pdf)
    assert "marge gauche 110 mm, marge haute 50 mm, largeur 80 mm" in text
    assert rendered.address_box is not None
    assert Box(110, 50, 80, window.height_mm).contains(rendered.address_box)


def test_same_input_same_bytes() -> None:
    assert render_letter(_document()).pdf == render_letter(_document()).pdf


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=200), st.text(max_size=60))
def test_any_text_renders(body: str, name: str) -> None:
    rendered = render_letter(
        _document(body=body, recipient_lines=(name, "76170 LILLEBONNE"), object_line=name)
    )
    assert rendered.pdf.startswith(b"%PDF") and rendered.pages >= 1


def test_a_long_footer_goes_on_two_lines_instead_of_being_cut() -> None:
    head = Letterhead(
        "Caux Seine Développement (démo)",
        ("Maison de l'entreprise", "76170 LILLEBONNE"),
        phone="02 61 91 00 00",
        email="contact@caux-seine-developpement.example",
        website="https://www.caux-seine-developpement.example",
    )
    text = _text(render_letter(_document(letterhead=head)).pdf).replace("\n", " ")
    assert "https://www.caux-seine-developpement.example" in text
    assert "contact@caux-seine-developpement.example" in text

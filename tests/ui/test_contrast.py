"""Text stays readable in every theme: WCAG contrast ratio (relative luminance) of at least
4.5:1 between each text colour and the background it is drawn on — the navigation bar, the red
messages and the other semantic colours, the status chips."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from guichet.ui.main_window import NAVIGATION_STYLE
from guichet.ui.theme import THEMES, apply_theme, color, themed
from guichet.ui.widgets.status_chip import TONES, chip_colors

R = QPalette.ColorRole
MINIMUM = 4.5


def luminance(value: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (value.redF(), value.greenF(), value.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def ratio(text: QColor, background: QColor) -> float:
    lighter, darker = sorted((luminance(text), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_ratio_is_the_wcag_one() -> None:
    assert ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert ratio(QColor("#ffffff"), QColor("#ffffff")) == 1


@pytest.fixture(params=list(THEMES))
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    app = qapp
    apply_theme(app, request.param)
    try:
        yield app.palette()
    finally:
        apply_theme(app, "system")


def test_the_navigation_bar_is_readable(palette: QPalette) -> None:
    # what the sidebar's style sheet paints with, in this theme
    style = themed(NAVIGATION_STYLE)
    assert "background: palette(alternate-base)" in style
    assert "color: palette(window-text)" in style
    selected = re.search(r"::item:selected \{\s*background: (#[0-9a-f]{6});", style)
    assert selected is not None
    assert "color: palette(highlighted-text)" in style.split("::item:selected")[1]
    assert ratio(palette.color(R.WindowText), palette.color(R.AlternateBase)) >= MINIMUM
    assert ratio(palette.color(R.HighlightedText), QColor(selected.group(1))) >= MINIMUM


def test_the_palette_texts_are_readable(palette: QPalette) -> None:
    for text, background in (
        (R.WindowText, R.Window),
        (R.Text, R.Base),
        (R.Text, R.AlternateBase),
        (R.ButtonText, R.Button),
        (R.ToolTipText, R.ToolTipBase),
    ):
        assert ratio(palette.color(text), palette.color(background)) >= MINIMUM, (text, background)


@pytest.mark.parametrize("name", ["error", "warning", "success", "muted"])
def test_messages_are_readable_on_windows_and_fields(palette: QPalette, name: str) -> None:
    for background in (R.Window, R.Base):
        value = ratio(color(name), palette.color(background))
        assert value >= MINIMUM, (name, background, round(value, 2))


def test_notices_and_status_chips_are_readable(palette: QPalette) -> None:
    assert ratio(color("notice_text"), color("notice_background")) >= MINIMUM
    for text in TONES:
        background, foreground = chip_colors(text)
        assert ratio(foreground, background) >= MINIMUM, text

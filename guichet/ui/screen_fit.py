"""Windows that fit the screen they open on (1280×800 and 1366×768 laptops included, at 150 %
scaling too), and sizes worked out from the font rather than fixed in pixels.

Every window goes through a check when it is shown (added to the application's one event
filter, ``guichet.ui.app_events``, by :func:`install_screen_fit`): it is never larger than the available screen area
(``QScreen.availableGeometry``) and never off it. Dialogs ask for a comfortable size with
:func:`fit_to_screen`, given in pixels at the reference font and scaled to the current one (the
text size chosen in « Affichage »).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from guichet.ui.app_events import off_event, on_event

#: Room left for the window's title bar and frame, which ``availableGeometry`` does not count.
FRAME_ALLOWANCE = QSize(16, 48)
#: The line spacing (pixels) of the font the preferred sizes were designed with (DejaVu Sans 9 pt, 96 dpi).
REFERENCE_LINE_SPACING = 14
#: the dynamic property of the application once :func:`install_screen_fit` has run
INSTALLED = "guichetScreenFit"
#: the dynamic property of a widget sized in lines of text (see :func:`set_text_lines`)
TEXT_LINES = "guichetTextLines"


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen ``widget``'s window is on (the primary one before it is placed).

    Not ``widget.screen()``: PySide makes the screen it returns a child of the widget's Python
    wrapper, so that collecting a closed window's wrapper deleted the application's screen
    (the next window made crashed in ``QScreen::virtualSiblings``). The static lookups below
    give the screen no owner."""
    return QGuiApplication.screenAt(widget.window().geometry().center()) or (
        QGuiApplication.primaryScreen()
    )


def available_area(widget: QWidget) -> QRect:
    """The screen area the window may use, less its frame."""
    screen = screen_of(widget)
    if screen is None:
        return QRect(0, 0, 1 << 16, 1 << 16)
    area = screen.availableGeometry()
    return QRect(area.topLeft(), area.size() - FRAME_ALLOWANCE)


def scaled_pixels(widget: QWidget, pixels: int) -> int:
    """``pixels`` at the reference font, at the widget's font."""
    return round(pixels * widget.fontMetrics().lineSpacing() / REFERENCE_LINE_SPACING)


def font_scaled(widget: QWidget, size: QSize) -> QSize:
    """``size`` (pixels at the reference font) grown or shrunk with the widget's font."""
    factor = widget.fontMetrics().lineSpacing() / REFERENCE_LINE_SPACING
    return QSize(round(size.width() * factor), round(size.height() * factor))


def fit_to_screen(window: QWidget, preferred: QSize | tuple[int, int]) -> None:
    """Resize ``window`` to ``preferred`` (pixels at the reference font, scaled to its font), or
    to the available screen when that is smaller (never below the window's own minimum size)."""
    size = font_scaled(
        window, QSize(*preferred) if isinstance(preferred, tuple) else preferred
    ).boundedTo(available_area(window).size())
    window.resize(size.expandedTo(window.minimumSizeHint()))


def keep_on_screen(window: QWidget, area: QRect | None = None) -> None:
    """No larger than ``area`` (the available screen by default), and inside it."""
    room = area if area is not None else available_area(window)
    size = window.size().boundedTo(room.size())
    if size != window.size():
        window.resize(size)
    x = min(max(window.x(), room.left()), room.right() + 1 - window.width())
    y = min(max(window.y(), room.top()), room.bottom() + 1 - window.height())
    if (x, y) != (window.x(), window.y()):
        window.move(max(x, room.left()), max(y, room.top()))


def text_lines_height(widget: QAbstractScrollArea, lines: float) -> int:
    """The height that shows ``lines`` lines of text in ``widget`` (a text area or a list),
    frame and margins included, at its current font."""
    height = lines * widget.fontMetrics().lineSpacing() + 2 * widget.frameWidth()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        height += 2 * widget.document().documentMargin()
    return round(height)


def set_text_lines(widget: QAbstractScrollArea, lines: float, bound: str = "fixed") -> None:
    """The widget's height (``"fixed"``), or its largest (``"max"``) or smallest (``"min"``),
    is ``lines`` lines of its text; it is worked out again when the text size changes
    (:func:`refit_text_lines`)."""
    widget.setProperty(TEXT_LINES, f"{bound}:{lines}")
    refit_text_lines(widget)


def refit_text_lines(widget: QWidget) -> None:
    value = widget.property(TEXT_LINES)
    if not value or not isinstance(widget, QAbstractScrollArea):
        return
    bound, lines = str(value).split(":")
    height = text_lines_height(widget, float(lines))
    if bound == "max":
        widget.setMaximumHeight(height)
    elif bound == "min":
        widget.setMinimumHeight(height)
    else:
        widget.setFixedHeight(height)


def _fit_when_shown(watched: QObject, _event: QEvent) -> bool:
    """A dialog or a main window shown is kept on its screen."""
    if (
        isinstance(watched, QDialog | QMainWindow)
        and watched.isWindow()
        and not watched.isMaximized()
        and not watched.isFullScreen()
    ):
        keep_on_screen(watched)
    return False


def install_screen_fit(app: QApplication) -> None:
    """Once per application."""
    if app.property(INSTALLED):
        return
    on_event(app, QEvent.Type.Show, _fit_when_shown)
    app.setProperty(INSTALLED, True)


def uninstall_screen_fit(app: QApplication) -> None:
    off_event(app, QEvent.Type.Show, _fit_when_shown)
    app.setProperty(INSTALLED, False)


def shrinkable(combo: QComboBox, characters: int) -> None:
    """A combo box that may be narrower than its longest item (elided), ``characters`` wide at
    least: a long counsellor name does not widen the whole form."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)

"""Colours: the system's colour scheme followed (light or dark), and the few semantic colours
(status chips, warnings) in a variant readable on either.

Qt reports the system's scheme through ``QStyleHints.colorScheme()``; where the platform theme
gives no dark palette of its own (Fusion on a plain X11 or offscreen platform), the window would
stay light: :func:`apply_color_scheme` sets a dark palette itself. Widgets that paint with
semantic colours ask :func:`is_dark` at paint time, so a change of scheme repaints them right.
"""

from __future__ import annotations

from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

#: the dynamic property holding a widget's style sheet template (see :func:`set_themed_style`)
STYLE_TEMPLATE = "guichetStyleTemplate"

_DARK_ROLES: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1f2124",
    QPalette.ColorRole.AlternateBase: "#272a2e",
    QPalette.ColorRole.ToolTipBase: "#3a3d41",
    QPalette.ColorRole.ToolTipText: "#e8e8e8",
    QPalette.ColorRole.PlaceholderText: "#8d9096",
    QPalette.ColorRole.Text: "#e8e8e8",
    QPalette.ColorRole.Button: "#35383c",
    QPalette.ColorRole.ButtonText: "#e8e8e8",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#4a4d52",
    QPalette.ColorRole.Midlight: "#3f4246",
    QPalette.ColorRole.Mid: "#2f3235",
    QPalette.ColorRole.Dark: "#18191b",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3d7cc9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7ab8ff",
    QPalette.ColorRole.LinkVisited: "#c49bff",
}
_DARK_DISABLED = "#7d8086"

#: Semantic colours: (light, dark).
COLORS: dict[str, tuple[str, str]] = {
    "error": ("#b00020", "#ff7b7b"),
    "warning": ("#8a5300", "#f0b860"),
    "success": ("#1b6e20", "#7fd98a"),
    "muted": ("#555555", "#a8abb0"),
    "notice_background": ("#fff4d6", "#4a3b12"),
    "notice_text": ("#6b4500", "#f3dfa8"),
    "notice_border": ("#e0b400", "#a88a2a"),
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK_ROLES.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.HighlightedText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DARK_DISABLED))
    return palette


def is_dark() -> bool:
    """Whether the application paints dark (its window colour is dark), whatever set it."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def color(name: str) -> QColor:
    light, dark = COLORS[name]
    return QColor(dark if is_dark() else light)


def css(name: str) -> str:
    """The colour as a style sheet value (``#rrggbb``)."""
    return color(name).name()


def themed(template: str) -> str:
    """``template`` with ``$error``, ``$muted``… replaced by the colours of the current scheme."""
    return Template(template).substitute({name: css(name) for name in COLORS})


def set_themed_style(widget: QWidget, template: str) -> None:
    """A style sheet with semantic colours (``"color: $error;"``), kept right when the scheme
    changes; an empty template clears it."""
    widget.setProperty(STYLE_TEMPLATE, template)
    widget.setStyleSheet(themed(template) if template else "")


_system_palettes: dict[int, QPalette] = {}


def apply_color_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """The dark palette for ``Dark``; for anything else, the palette the application had
    before it (the platform's own colours are never replaced by light ones); style sheets that use semantic colours or
    ``palette(…)`` are worked out again."""
    if scheme == Qt.ColorScheme.Dark:
        _system_palettes.setdefault(id(app), QPalette(app.palette()))
        app.setPalette(dark_palette())
    elif id(app) in _system_palettes:  # back from our dark palette
        app.setPalette(_system_palettes.pop(id(app)))
    for widget in app.allWidgets():
        template = widget.property(STYLE_TEMPLATE)
        if template:
            widget.setStyleSheet(themed(str(template)))
        elif widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


def follow_system_color_scheme(app: QApplication) -> None:
    """Applies the system's scheme now and whenever it changes."""
    hints = app.styleHints()
    if not app.property("guichetFollowsColorScheme"):
        app.setProperty("guichetFollowsColorScheme", True)
        hints.colorSchemeChanged.connect(lambda scheme: apply_color_scheme(app, scheme))
    apply_color_scheme(app, hints.colorScheme())

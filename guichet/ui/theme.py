"""Colours: the theme chosen in « Affichage » (the system's scheme, light, dark or high
contrast), and the few semantic colours (status chips, warnings) in a variant readable on each.

Qt reports the system's scheme through ``QStyleHints.colorScheme()``; where the platform theme
gives no dark palette of its own (Fusion on a plain X11 or offscreen platform), the window would
stay light: :func:`apply_color_scheme` sets a dark palette itself. Widgets that paint with
semantic colours ask :func:`is_dark` at paint time, so a change of scheme repaints them right.
The high-contrast palette (white on black, as Windows' « Contraste élevé noir ») keeps every
text at a contrast ratio of 4.5:1 at least (tests/ui/test_contrast.py measures it).
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

_CONTRAST_ROLES: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000",
    QPalette.ColorRole.AlternateBase: "#141414",
    QPalette.ColorRole.ToolTipBase: "#000000",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#c8c8c8",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#000000",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.BrightText: "#ffff00",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#303030",
    QPalette.ColorRole.Mid: "#ffffff",
    QPalette.ColorRole.Dark: "#ffffff",
    QPalette.ColorRole.Shadow: "#ffffff",
    QPalette.ColorRole.Highlight: "#1aebff",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.Link: "#ffff00",
    QPalette.ColorRole.LinkVisited: "#ffb0ff",
}
_CONTRAST_DISABLED = "#3ff23f"

#: Semantic colours: (light, dark, high contrast).
COLORS: dict[str, tuple[str, str, str]] = {
    "error": ("#b00020", "#ff7b7b", "#ff9a9a"),
    "warning": ("#8a5300", "#f0b860", "#ffd75e"),
    "success": ("#1b6e20", "#7fd98a", "#8dff98"),
    "muted": ("#555555", "#a8abb0", "#e6e6e6"),
    "notice_background": ("#fff4d6", "#4a3b12", "#000000"),
    "notice_text": ("#6b4500", "#f3dfa8", "#ffff00"),
    "notice_border": ("#e0b400", "#a88a2a", "#ffff00"),
}
#: Fusion draws field frames a shade darker than the window: nothing on black. In high contrast
#: every field and list is outlined in the text colour, the focused one in the highlight colour.
CONTRAST_STYLE = """
QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QAbstractItemView {
    border: 1px solid palette(window-text);
}
QLineEdit:focus, QTextEdit:focus, QPlainTextEdit:focus, QAbstractSpinBox:focus,
QComboBox:focus, QAbstractItemView:focus {
    border: 2px solid palette(highlight);
}
"""
#: The themes offered in « Affichage », by the key remembered in the settings.
THEMES: dict[str, str] = {
    "system": "Système",
    "light": "Clair",
    "dark": "Sombre",
    "contrast": "Contraste élevé",
}
#: the dynamic property of the application holding the theme in force (a key of THEMES)
THEME_PROPERTY = "guichetTheme"


def _palette(roles: dict[QPalette.ColorRole, str], disabled: str) -> QPalette:
    palette = QPalette()
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.HighlightedText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


def dark_palette() -> QPalette:
    return _palette(_DARK_ROLES, _DARK_DISABLED)


def contrast_palette() -> QPalette:
    """White text on black, cyan selection with black text, yellow links."""
    return _palette(_CONTRAST_ROLES, _CONTRAST_DISABLED)


def is_dark() -> bool:
    """Whether the application paints dark (its window colour is dark), whatever set it."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def is_high_contrast() -> bool:
    app = QApplication.instance()
    return app is not None and app.property(THEME_PROPERTY) == "contrast"


def variant() -> int:
    """Which column of :data:`COLORS` applies now: 0 light, 1 dark, 2 high contrast."""
    return 2 if is_high_contrast() else 1 if is_dark() else 0


def color(name: str) -> QColor:
    return QColor(COLORS[name][variant()])


def css(name: str) -> str:
    """The colour as a style sheet value (``#rrggbb``)."""
    return color(name).name()


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(value: QColor) -> float:
        def linear(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * linear(value.redF())
            + 0.7152 * linear(value.greenF())
            + 0.0722 * linear(value.blueF())
        )

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_selection() -> QColor:
    """The palette's highlight, darkened (or lightened, under dark text) until the highlighted
    text on it reaches 4.5:1 — Fusion's own blue under white text does not."""
    palette = QGuiApplication.palette()
    background = palette.color(QPalette.ColorRole.Highlight)
    text = palette.color(QPalette.ColorRole.HighlightedText)
    for _ in range(30):
        if contrast_ratio(text, background) >= 4.5:
            break
        background = background.darker(108) if text.lightness() > 127 else background.lighter(108)
    return background


def themed(template: str) -> str:
    """``template`` with ``$error``, ``$muted``… replaced by the colours of the current scheme,
    ``$selection`` by :func:`readable_selection`."""
    values = {name: css(name) for name in COLORS}
    values["selection"] = readable_selection().name()
    return Template(template).substitute(values)


def set_themed_style(widget: QWidget, template: str) -> None:
    """A style sheet with semantic colours (``"color: $error;"``), kept right when the scheme
    changes; an empty template clears it."""
    widget.setProperty(STYLE_TEMPLATE, template)
    widget.setStyleSheet(themed(template) if template else "")


_system_palettes: dict[int, QPalette] = {}


def _set_palette(app: QApplication, palette: QPalette | None) -> None:
    """Our palette, or (``None``) the one the application had before we set any: the platform's
    own colours are never replaced by ours unless a theme asks for it. Style sheets that use
    semantic colours or ``palette(…)`` are worked out again."""
    if palette is not None:
        _system_palettes.setdefault(id(app), QPalette(app.palette()))
        app.setPalette(palette)
    elif id(app) in _system_palettes:  # back from one of ours
        app.setPalette(_system_palettes.pop(id(app)))
    style = CONTRAST_STYLE if is_high_contrast() else ""
    if app.styleSheet() != style:
        app.setStyleSheet(style)
    for widget in app.allWidgets():
        template = widget.property(STYLE_TEMPLATE)
        if template:
            widget.setStyleSheet(themed(str(template)))
        elif widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


def apply_color_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """The dark palette for ``Dark``; for anything else, the palette the application had
    before it."""
    app.setProperty(THEME_PROPERTY, "dark" if scheme == Qt.ColorScheme.Dark else "system")
    _set_palette(app, dark_palette() if scheme == Qt.ColorScheme.Dark else None)


def apply_theme(app: QApplication, theme: str) -> None:
    """One of :data:`THEMES`: « Système » follows the system's scheme (now and when it
    changes), « Clair » is the style's own light palette even on a dark system."""
    if theme not in THEMES:
        theme = "system"
    if theme == "system":
        apply_color_scheme(app, app.styleHints().colorScheme())
        return
    app.setProperty(THEME_PROPERTY, theme)
    if theme == "dark":
        _set_palette(app, dark_palette())
    elif theme == "contrast":
        _set_palette(app, contrast_palette())
    else:
        _set_palette(app, None)  # the system's own, when it is light
        if is_dark():
            _set_palette(app, app.style().standardPalette())


def follow_system_color_scheme(app: QApplication) -> None:
    """Applies the system's scheme now and whenever it changes (while « Système » is the theme)."""
    hints = app.styleHints()
    if not app.property("guichetFollowsColorScheme"):
        app.setProperty("guichetFollowsColorScheme", True)
        hints.colorSchemeChanged.connect(lambda scheme: _on_scheme_changed(app, scheme))
    if app.property(THEME_PROPERTY) in (None, "system"):
        apply_color_scheme(app, hints.colorScheme())


def _on_scheme_changed(app: QApplication, scheme: Qt.ColorScheme) -> None:
    if app.property(THEME_PROPERTY) in (None, "system"):
        apply_color_scheme(app, scheme)

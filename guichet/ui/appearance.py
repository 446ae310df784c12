"""The person's look, remembered in their settings: the text size (zoom, applied through the
application font, so every window follows) and the theme (guichet.ui.theme).

« Affichage › Taille du texte » (Ctrl++, Ctrl+-, Ctrl+0) and « Affichage › Thème » are built by
:func:`add_appearance_menus`. Widgets whose text is larger than the rest (a heading, the
navigation) use :func:`scale_font`, so that they follow the zoom too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from guichet.ui.icons import icon
from guichet.ui.screen_fit import refit_text_lines
from guichet.ui.theme import THEME_PROPERTY, THEMES, apply_theme

#: Text sizes offered, in per cent of the system's font.
ZOOM_STEPS = (90, 100, 110, 125, 150, 175, 200)
ZOOM_KEY = "appearance/zoom"
THEME_KEY = "appearance/theme"
#: dynamic properties: the application's font before any zoom, the zoom in force, and a
#: widget's font size relative to the application's
BASE_POINT_SIZE = "guichetBasePointSize"
ZOOM_PROPERTY = "guichetZoom"
FONT_SCALE = "guichetFontScale"


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def current_zoom() -> int:
    value = _app().property(ZOOM_PROPERTY)
    return int(value) if value else 100


def nearest_step(percent: int) -> int:
    return min(ZOOM_STEPS, key=lambda step: abs(step - percent))


def apply_zoom(app: QApplication, percent: int) -> int:
    """The application font at ``percent`` of the system's (the nearest step); widgets with a
    relative size (:func:`scale_font`) follow. Returns the step applied."""
    step = nearest_step(percent)
    base = app.property(BASE_POINT_SIZE)
    if not base:
        base = app.font().pointSizeF()
        app.setProperty(BASE_POINT_SIZE, base)
    font = QFont(app.font())
    font.setPointSizeF(float(base) * step / 100)
    app.setProperty(ZOOM_PROPERTY, step)
    app.setFont(font)
    # the widgets take the new font now (Qt posts it), so that sizes in lines are right
    app.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
    for widget in app.allWidgets():
        scale = widget.property(FONT_SCALE)
        if scale:
            _set_scaled_font(widget, float(scale))
        refit_text_lines(widget)
    return step


def scale_font(widget: QWidget, factor: float, *, bold: bool | None = None) -> None:
    """The widget's text ``factor`` times the application's, now and after a zoom."""
    widget.setProperty(FONT_SCALE, factor)
    if bold is not None:
        font = widget.font()
        font.setBold(bold)
        widget.setFont(font)
    _set_scaled_font(widget, factor)


def _set_scaled_font(widget: QWidget, factor: float) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(QApplication.font().pointSizeF() * factor)
    widget.setFont(font)


def restore_appearance(app: QApplication, settings: QSettings) -> None:
    """The zoom and theme remembered in ``settings``."""
    zoom = settings.value(ZOOM_KEY, 100)
    apply_zoom(app, int(str(zoom)) if str(zoom).isdigit() else 100)
    apply_theme(app, str(settings.value(THEME_KEY, "system")))


def set_zoom(settings: QSettings, percent: int) -> None:
    settings.setValue(ZOOM_KEY, apply_zoom(_app(), percent))


def step_zoom(settings: QSettings, direction: int) -> None:
    """One step larger (``1``) or smaller (``-1``), within the steps."""
    index = ZOOM_STEPS.index(current_zoom()) + direction
    set_zoom(settings, ZOOM_STEPS[max(0, min(index, len(ZOOM_STEPS) - 1))])


def set_theme(settings: QSettings, theme: str) -> None:
    apply_theme(_app(), theme)
    settings.setValue(THEME_KEY, theme)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Appearance", text)


def add_appearance_menus(menu: QMenu, settings: QSettings, parent: QWidget) -> None:
    """« Taille du texte » and « Thème » at the end of ``menu``."""
    sizes = menu.addMenu(_tr("&Taille du texte"))
    sizes.setObjectName("zoomMenu")
    sizes.menuAction().setIcon(icon("zoom", parent))
    for name, kind, text, keys, handler in (
        (
            "zoomInAction",
            "zoom_in",
            _tr("A&grandir"),
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
            lambda: step_zoom(settings, 1),
        ),
        (
            "zoomOutAction",
            "zoom_out",
            _tr("&Réduire"),
            [QKeySequence(QKeySequence.StandardKey.ZoomOut)],
            lambda: step_zoom(settings, -1),
        ),
        (
            "zoomResetAction",
            "zoom_reset",
            _tr("Taille &normale"),
            [QKeySequence("Ctrl+0")],
            lambda: set_zoom(settings, 100),
        ),
    ):
        action = QAction(icon(kind, parent), text, parent)
        action.setObjectName(name)
        action.setShortcuts(keys)
        action.triggered.connect(handler)
        sizes.addAction(action)
    themes = menu.addMenu(_tr("T&hème"))
    themes.setObjectName("themeMenu")
    themes.menuAction().setIcon(icon("theme", parent))
    group = QActionGroup(parent)
    current = str(_app().property(THEME_PROPERTY) or "system")
    for key, text in THEMES.items():
        action = QAction(_tr(text), parent)
        action.setObjectName(f"theme_{key}_action")
        action.setCheckable(True)
        action.setChecked(key == current)
        action.triggered.connect(lambda _=False, key=key: set_theme(settings, key))
        group.addAction(action)
        themes.addAction(action)

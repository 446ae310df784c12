"""The person's look: the theme and the text size chosen in « Affichage » apply to the whole
application and are remembered; windows never open larger than the screen, at 150 % too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit

from guichet.db import Database
from tests.ui.windows import shown_window

from guichet.ui.appearance import (
    THEME_KEY,
    ZOOM_KEY,
    ZOOM_STEPS,
    apply_zoom,
    current_zoom,
    restore_appearance,
)
from guichet.ui.context import AppContext
from guichet.ui.screen_fit import (
    available_area,
    install_screen_fit,
    keep_on_screen,
    set_text_lines,
    uninstall_screen_fit,
)
from guichet.ui.theme import CONTRAST_STYLE, apply_theme, is_dark, is_high_contrast

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app() -> Iterator[QApplication]:
    """The application, given back at the system's theme and its normal text size."""
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    yield instance
    apply_zoom(instance, 100)
    apply_theme(instance, "system")


def _action(window: object, name: str) -> QAction:
    action = window.findChild(QAction, name)  # type: ignore[attr-defined]
    assert isinstance(action, QAction), name
    return action


def test_the_theme_applies_its_palette_and_is_remembered(
    qtbot, app: QApplication, ctx: AppContext, qsettings: QSettings
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    light = app.palette().color(QPalette.ColorRole.Window)
    icon = window.navigation.item(0).icon().pixmap(24).toImage()
    _action(window, "theme_contrast_action").trigger()
    # the sidebar's line drawings are redrawn in the text colour, white on black
    assert window.navigation.item(0).icon().pixmap(24).toImage() != icon
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert app.palette().color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    assert is_high_contrast() and app.styleSheet() == CONTRAST_STYLE  # fields outlined
    assert qsettings.value(THEME_KEY) == "contrast"
    assert "background: #1aebff;" in window.navigation.styleSheet()  # the sidebar follows
    _action(window, "theme_dark_action").trigger()
    assert is_dark() and not is_high_contrast() and app.styleSheet() == ""
    _action(window, "theme_light_action").trigger()
    assert not is_dark() and app.palette().color(QPalette.ColorRole.Window) == light
    assert qsettings.value(THEME_KEY) == "light"
    # the next start: the remembered theme comes back
    qsettings.setValue(THEME_KEY, "contrast")
    restore_appearance(app, qsettings)
    assert is_high_contrast() and app.palette().color(QPalette.ColorRole.Base).name() == "#000000"
    apply_theme(app, "system")
    assert not is_high_contrast() and app.palette().color(QPalette.ColorRole.Window) == light


def test_the_theme_menu_checks_the_theme_in_force(
    qtbot, app: QApplication, ctx: AppContext, qsettings: QSettings
) -> None:
    apply_theme(app, "dark")
    window = shown_window(qtbot, ctx, qsettings)
    checked = [a.objectName() for a in window.findChildren(QAction) if a.isChecked()]
    assert checked == ["theme_dark_action"]


def test_zoom_changes_the_application_font_and_is_remembered(
    qtbot, app: QApplication, ctx: AppContext, qsettings: QSettings
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    base = app.font().pointSizeF()
    note = QPlainTextEdit()
    qtbot.addWidget(note)
    set_text_lines(note, 3)
    heights = [note.height()]
    navigation = window.navigation.font().pointSizeF()
    zoom_in = _action(window, "zoomInAction")
    assert QKeySequence(QKeySequence.StandardKey.ZoomIn) in zoom_in.shortcuts()
    assert _action(window, "zoomResetAction").shortcut() == QKeySequence("Ctrl+0")
    zoom_in.trigger()
    zoom_in.trigger()
    assert current_zoom() == ZOOM_STEPS[ZOOM_STEPS.index(100) + 2]
    assert app.font().pointSizeF() == pytest.approx(base * current_zoom() / 100)
    assert window.font().pointSizeF() == pytest.approx(app.font().pointSizeF())
    # the larger texts follow, and so do the text areas sized in lines
    assert window.navigation.font().pointSizeF() == pytest.approx(navigation * current_zoom() / 100)
    heights.append(note.height())
    assert heights[1] > heights[0]
    assert qsettings.value(ZOOM_KEY) == current_zoom()
    for _ in ZOOM_STEPS:  # never past the largest step
        zoom_in.trigger()
    assert current_zoom() == ZOOM_STEPS[-1]
    _action(window, "zoomOutAction").trigger()
    assert current_zoom() == ZOOM_STEPS[-2]
    _action(window, "zoomResetAction").trigger()
    assert app.font().pointSizeF() == pytest.approx(base)
    assert note.height() == heights[0]
    # the next start: the remembered size comes back
    qsettings.setValue(ZOOM_KEY, 150)
    restore_appearance(app, qsettings)
    assert app.font().pointSizeF() == pytest.approx(base * 1.5)


def test_a_dialog_is_kept_within_the_available_screen(qtbot, app: QApplication) -> None:
    small = QRect(0, 0, 607, 341)  # 910×512 at 150 %, less a task bar
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(1320, 720)
    dialog.move(400, 300)
    keep_on_screen(dialog, small)
    assert small.contains(dialog.geometry())
    install_screen_fit(app)
    try:
        shown = QDialog()
        qtbot.addWidget(shown)
        shown.resize(5000, 5000)
        shown.show()
        area = available_area(shown)
        assert shown.width() <= area.width() and shown.height() <= area.height()
        assert shown.size() != QSize(5000, 5000)
    finally:
        uninstall_screen_fit(app)


def test_at_150_percent_on_a_laptop_everything_opens_within_the_screen(
    db: Database, tmp_path: Path
) -> None:
    """A Qt of its own, at QT_SCALE_FACTOR=1.5 on a 1366×768 screen (911×512 to the window)."""
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]})
    )
    env = {
        **os.environ,
        "QT_SCALE_FACTOR": "1.5",
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
    }
    out = subprocess.run(
        [sys.executable, "-m", "tests.ui.scaled_screen", db.url, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["ratio"] == 1.5
    available = QRect(*report.pop("available"))
    assert available.width() < 1000  # the scaled screen, smaller than the window's design
    report.pop("ratio")
    assert {"mainWindow", "intakeDialog", "intakeSave", "settingsDialog"} <= set(report)
    for name, rect in report.items():
        assert available.contains(QRect(*rect)), (name, rect, available)


def test_f1_lists_the_text_size_keys(qtbot, ctx: AppContext, qsettings: QSettings) -> None:
    from guichet.ui.dialogs.shortcuts import window_shortcuts

    window = shown_window(qtbot, ctx, qsettings)
    rows = {row.action: row for row in window_shortcuts(window)}
    assert {"Agrandir", "Réduire", "Taille normale"} <= set(rows)
    assert rows["Taille normale"].where == "Taille du texte"

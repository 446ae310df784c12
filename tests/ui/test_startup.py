"""The window is painted before the database opens; heavy modules wait until then."""

from __future__ import annotations

import shutil
import subprocess
import sys

from PySide6.QtCore import QSettings

from guichet.config import AppPaths
from guichet.db import Database
from guichet.errors import EnvironmentProblem

from guichet.ui.main_window import MainWindow


def test_the_window_and_the_cli_do_not_import_the_database_layer() -> None:
    code = (
        "import sys, guichet.cli, guichet.app, guichet.ui.application, guichet.ui.main_window;"
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'reportlab', 'openpyxl') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_pages_appear_once_the_database_is_open(
    qtbot, db: Database, paths: AppPaths, qsettings: QSettings
) -> None:
    window = MainWindow(qsettings, paths=paths, location=db.url)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.loading_label
    assert not window.settings_action.isEnabled()
    with qtbot.waitSignal(window.database_attached, timeout=10_000):
        window.open_database(lambda: db)
    assert window.ctx is not None and window.ctx.db is db
    assert window.stack.currentWidget() is window.pages["home"]
    assert window.settings_action.isEnabled()


def test_a_database_that_cannot_open_is_explained(
    qtbot, paths: AppPaths, qsettings: QSettings, message_boxes: list[str]
) -> None:
    window = MainWindow(qsettings, paths=paths, location="/nulle/part.sqlite3")
    qtbot.addWidget(window)

    def fail() -> Database:
        raise EnvironmentProblem("Impossible d'ouvrir la base de données.")

    window.open_database(fail)
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert message_boxes == ["Impossible d'ouvrir la base de données."]
    assert window.loading_label.text() == "Impossible d'ouvrir la base de données."
    assert window.ctx is None


def test_opening_an_up_to_date_database_and_the_home_page_stay_light(
    migrated_template, tmp_path
) -> None:
    """Neither Alembic (no migration to run) nor reportlab (no PDF to draw) load at start-up."""
    copy = tmp_path / "copie.sqlite3"
    shutil.copyfile(migrated_template, copy)
    code = (
        "import sys;"
        "from guichet.services.bootstrap import open_database;"
        f"db = open_database('sqlite:///{copy}');"
        "import guichet.ui.pages.home, guichet.services.overview;"
        "print(','.join(m for m in ('alembic', 'reportlab') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_app_explains_a_database_it_cannot_open_and_exits(
    tmp_path, paths: AppPaths, message_boxes: list[str]
) -> None:
    """A newer schema at start-up: a French dialog, then the app leaves with a non-zero code."""
    import sqlite3

    from guichet.app import database_opener

    from guichet.ui.application import run

    newer = tmp_path / "recente.sqlite3"
    with sqlite3.connect(newer) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("CREATE TABLE organization (id INTEGER)")
        conn.execute("CREATE TABLE inquiry (id INTEGER)")
        conn.execute("INSERT INTO alembic_version VALUES ('0999')")
    conn.close()
    before = newer.read_bytes()
    url = f"sqlite:///{newer}"
    status = run(url, paths, lambda: database_opener(url, paths, demo_if_empty=False))
    assert status == 2
    assert len(message_boxes) == 1 and "version plus récente de Guichet" in message_boxes[0]
    assert newer.read_bytes() == before


def test_the_first_start_creates_the_database_and_says_so(
    qtbot, qsettings: QSettings, paths: AppPaths, message_boxes: list[str], capfd
) -> None:
    from guichet.app import database_opener

    window = MainWindow(qsettings, paths=paths)
    qtbot.addWidget(window)
    url = f"sqlite:///{paths.default_db_path}"
    assert not paths.default_db_path.exists()
    with qtbot.waitSignal(window.database_attached, timeout=30_000):
        window.open_database(lambda: database_opener(url, paths, demo_if_empty=False, create=True))
    assert not message_boxes
    assert window.statusBar().currentMessage() == f"Nouvelle base créée : {paths.default_db_path}"
    assert "Nouvelle base créée" in capfd.readouterr().err
    assert window.ctx is not None
    window.ctx.db.dispose()

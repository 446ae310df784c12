"""The server restarts under a running app: the status bar says so, the typed form stays, a save
meanwhile gets a French message and goes through once the app has reconnected by itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from PySide6.QtGui import QAction

import guichet.models as m
from guichet.db import Database
from guichet.db.problems import SERVER_AWAY
from guichet.services.bootstrap import open_database
from tests.postgres import server_binaries
from tests.ui.restartable_server import RestartableServer
from tests.ui.test_live_updates import _inquiries, _inquiry
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext
from guichet.ui.permission_gate import permissions_changed

pytestmark = pytest.mark.skipif(server_binaries() is None, reason="pas de serveur PostgreSQL")


@pytest.fixture
def server() -> Iterator[RestartableServer]:
    started = RestartableServer()
    yield started
    started.remove()


@pytest.fixture
def server_db(server: RestartableServer) -> Iterator[Database]:
    db = open_database(server.url, create=True)
    yield db
    db.dispose()


def test_a_restart_keeps_the_form_and_the_save_goes_through_after(
    qtbot, server, server_db, paths, qsettings, message_boxes
) -> None:
    inquiry_id = _inquiry(server_db, "Reprise d'un atelier")
    window = shown_window(qtbot, AppContext(db=server_db, paths=paths), qsettings)
    page = _inquiries(qtbot, window, inquiry_id)
    form = page.detail.edit_form
    form.summary_edit.setPlainText("Reprise d'un atelier de tôlerie")
    label = window.live_updates.label

    server.stop()
    qtbot.waitUntil(label.isVisible, timeout=10_000)
    assert label.text() == "Connexion au serveur perdue — nouvelle tentative…"
    assert not form.save()
    assert message_boxes == [SERVER_AWAY]
    assert form.summary_edit.toPlainText() == "Reprise d'un atelier de tôlerie"
    # the role-bound actions look again (someone signs in): refused for now, no error
    settings = window.findChild(QAction, "settingsAction")
    assert settings is not None
    permissions_changed()
    assert not settings.isEnabled()
    assert settings.toolTip() == SERVER_AWAY

    server.start()
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=15_000)
    assert settings.isEnabled()  # read again once the server is back
    assert form.save()
    with server_db.unit_of_work(write=False) as s:
        saved = s.get(m.Inquiry, inquiry_id)
        assert saved is not None and saved.summary == "Reprise d'un atelier de tôlerie"

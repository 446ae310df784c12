"""Every control of the page Implantation and of its dialogs has a name a screen reader can
speak, and Tab reaches every control of the project tab."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from PySide6.QtWidgets import QApplication, QWidget

from guichet.services.projects import list_projects
from guichet.services.sites import list_parks
from tests.ui.accessibility import reachable, tab_chain, walk
from tests.ui.windows import active_window, shown_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.park_dialog import ParkDialog
from guichet.ui.dialogs.project_dialogs import NoteDialog
from guichet.ui.dialogs.settings_implantation import ImplantationSettingsTab
from guichet.ui.dialogs.site_import_dialog import SiteImportDialog
from guichet.ui.main_window import MainWindow
from guichet.ui.pages.implantation import ImplantationPage


def _page(window: MainWindow) -> ImplantationPage:
    window.show_page("implantation")
    page = window.page("implantation")
    assert isinstance(page, ImplantationPage)
    return page


def _tab(index: int) -> Callable[[MainWindow], list[QWidget]]:
    def show(window: MainWindow) -> list[QWidget]:
        page = _page(window)
        assert window.ctx is not None
        first = list_projects(window.ctx.db)[0]
        page.open_project(first.id)
        page.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        return [window]

    return show


def _project_tab(sub: int) -> Callable[[MainWindow], list[QWidget]]:
    def show(window: MainWindow) -> list[QWidget]:
        roots = _tab(1)(window)
        _page(window).project.tabs.setCurrentIndex(sub)
        QApplication.processEvents()
        return roots

    return show


def _dialogs(window: MainWindow) -> list[QWidget]:
    assert window.ctx is not None
    park = list_parks(window.ctx.db)[0]
    shown: list[QWidget] = [
        ParkDialog(window.ctx, park, window),
        NoteDialog("Visite", "Lot A", lambda _d, _t: None, ok_text="OK", note_label="Compte rendu", with_date=True, parent=window),
        SiteImportDialog(window.ctx, window),
    ]  # fmt: skip
    for dialog in shown:
        dialog.show()
    holder = QWidget()
    tab = ImplantationSettingsTab(window.ctx, ParkDialog(window.ctx, None, window), holder)
    holder.show()
    assert tab.parentWidget() is holder
    return [*shown, holder]


SCENES = {
    "pipeline": _tab(0),
    "projet-sites": _project_tab(0),
    "projet-propositions": _project_tab(1),
    "projet-historique": _project_tab(2),
    "projet-partenaires": _project_tab(3),
    "sites": _tab(2),
    "dialogues": _dialogs,
}


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_every_control_is_named(qtbot, demo_ctx: AppContext, qsettings, scene: str) -> None:
    window = shown_window(qtbot, demo_ctx, qsettings)
    roots = SCENES[scene](window)
    for root in roots:
        if root is not window:
            qtbot.addWidget(root.window())
    walked = [w for root in roots for w in walk(root)]
    assert walked
    unnamed = [str(w) for w in walked if not w.named]
    assert unnamed == [], "\n".join(unnamed)


def test_tab_reaches_every_control_of_the_project_form(
    qtbot, demo_ctx: AppContext, qsettings, message_boxes: list[str]
) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    _project_tab(0)(window)
    form = _page(window).project.form
    chain = tab_chain(form.code_edit, window, limit=600)
    missing = [w.objectName() for w in reachable(form) if w not in chain]
    assert missing == []

"""Tab reaches every control of Nouvelle demande and of the organisation form, in the order
the eye reads them, and leaves every multi-line field (a tab character is never typed)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTabBar, QWidget

from guichet.services.organizations import OrganizationService
from tests.ui.a11y_scenes import _first_organization_id, company_with_history
from tests.ui.accessibility import reachable, reading_order_breaks, tab_chain
from tests.ui.windows import active_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.dialogs.organization_dialog import OrganizationDialog
from guichet.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _no_blocking_boxes(message_boxes: list[str]) -> list[str]:
    """Closing the window with a form touched asks; here nothing waits for an answer."""
    return message_boxes


def _focus() -> QWidget:
    focus = QApplication.focusWidget()
    assert focus is not None
    return focus


def _names(widgets: list[QWidget]) -> list[str]:
    return [w.objectName() for w in widgets]


def _check(chain: list[QWidget], root: QWidget, regions: list[QWidget]) -> None:
    """Every control on screen is in the chain, and the chain reads like the screen."""
    missing = [w for w in reachable(root) if w not in chain]
    assert _names(missing) == []
    assert reading_order_breaks(chain, regions, root) == []


def _intake(window: MainWindow, qtbot: QtBot) -> IntakeDialog:
    assert window.ctx is not None
    dialog = IntakeDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.confirm_abandon = False
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_tab_reaches_every_control_of_a_filled_intake(
    qtbot: QtBot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    """A company with a history, a new contact, two needs (the second added with Ctrl+B after
    the form was built), the consent ticked: nothing is left out, nothing comes out of order."""
    from guichet.services.intake_context import subject_choices

    window = active_window(qtbot, demo_ctx, qsettings)
    dialog = _intake(window, qtbot)
    dialog.company.choose(*company_with_history(window))
    dialog.contact.search.line.setText("Claire Martin")
    dialog.contact.on_search_picked("new")
    choices = subject_choices(demo_ctx.db)
    with_resources = next(c for c in choices if c.name == "Prêt d'honneur")
    dialog.needs.rows[0].on_subject_field_picked(with_resources)
    QTest.keyClick(_focus(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert len(dialog.needs.rows) == 2
    QTest.keyClick(_focus(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert dialog.consent_box.isChecked()
    qtbot.waitUntil(lambda: dialog.context_panel.history.isVisible())

    chain = tab_chain(dialog.received_edit, dialog)

    names = _names(chain)
    for expected in (
        "needSubject2Line",
        "needRemove1",
        "addNeedButton",
        "intakeConsent",
        "intakeConsentDate",
        "intakeHistory",
    ):
        assert expected in names
    # the new need comes right after the first one, not at the end of the chain
    assert names.index("needSubject2Line") < names.index("addNeedButton")
    _check(chain, dialog, [dialog.form_area, dialog.context_panel])


def test_tab_reaches_the_company_creation_fields(
    qtbot: QtBot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    dialog = _intake(window, qtbot)
    dialog.company.search.line.setText("Forges de Caux")
    dialog.company.on_search_picked("create")
    chain = tab_chain(dialog.received_edit, dialog)
    assert "quickCompanyNafLine" in _names(chain)
    _check(chain, dialog, [dialog.form_area, dialog.context_panel])


def test_tab_leaves_the_need_description_and_comes_back_with_shift_tab(
    qtbot: QtBot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    dialog = _intake(window, qtbot)
    description = dialog.needs.rows[0].description
    description.setFocus()
    QTest.keyClicks(description, "Cherche un tourneur")
    for _ in range(3):
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)
    assert description.toPlainText() == "Cherche un tourneur"
    assert QApplication.focusWidget() is not description
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(_focus(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(_focus(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is description


@pytest.mark.parametrize("existing", [False, True], ids=["nouvelle", "existante"])
@pytest.mark.parametrize("tab", [0, 1, 2], ids=["identite", "adresse", "savoir-faire"])
def test_tab_reaches_every_control_of_the_organisation_form(
    qtbot: QtBot, demo_ctx: AppContext, qsettings: QSettings, existing: bool, tab: int
) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    detail = None
    if existing:
        detail = OrganizationService(demo_ctx.db).get(_first_organization_id(window))
    dialog = OrganizationDialog(demo_ctx, detail, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.tabs.setCurrentIndex(tab)
    if tab == 0:
        dialog.do_not_refer_box.setChecked(True)  # its reason field is enabled then
    tab_bar = dialog.tabs.findChild(QTabBar)
    assert tab_bar is not None

    chain = tab_chain(tab_bar, dialog)

    assert chain[0] is tab_bar
    page = dialog.tabs.currentWidget()
    _check(chain, dialog, [tab_bar, page])
    text_areas = [w for w in chain if isinstance(w, QPlainTextEdit)]
    assert (tab == 0) == bool(text_areas)  # the description, left by Tab like the others

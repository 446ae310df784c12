"""« Nouvelle demande » fits a 1280×800 or 1366×768 screen: no horizontal scroll bar, nothing
cut, with the creation panel open or the form filled, at the default font and a larger one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, QSize, QThreadPool
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.screen_fit import FRAME_ALLOWANCE, fit_to_screen, screen_of

#: What fit_to_screen gives on each screen (the available area less the window frame).
SCREENS = {"1280x800": QSize(1280, 800), "1366x768": QSize(1366, 768)}


@pytest.fixture
def dialog(qtbot: QtBot, ctx: AppContext) -> Iterator[IntakeDialog]:
    widget = IntakeDialog(ctx)
    widget.confirm_abandon = False
    qtbot.addWidget(widget)
    yield widget
    QThreadPool.globalInstance().waitForDone(10_000)


def inside(widget: QWidget, dialog: IntakeDialog) -> bool:
    """The widget is drawn whole, at least as wide as it asks, within the form's viewport."""
    viewport = dialog.form_area.viewport()
    right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
    return right <= viewport.width() and widget.width() >= widget.minimumSizeHint().width()


def check(dialog: IntakeDialog, qtbot: QtBot, widgets: list[QWidget]) -> None:
    QApplication.processEvents()
    qtbot.waitUntil(lambda: dialog.form_widget.width() <= dialog.form_area.viewport().width())
    form = dialog.form_widget
    assert form.width() >= form.minimumSizeHint().width()  # nothing squeezed
    assert dialog.form_area.horizontalScrollBar().maximum() == 0 or not (
        dialog.form_area.horizontalScrollBar().isVisible()
    )
    for widget in widgets:
        assert inside(widget, dialog), widget.objectName()


@pytest.mark.parametrize("points", [0, 11])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_form_fits_with_nothing_cut(
    qtbot: QtBot, dialog: IntakeDialog, screen: str, points: int
) -> None:
    if points:
        font = QFont(dialog.font())
        font.setPointSize(points)
        dialog.setFont(font)
    room = SCREENS[screen] - FRAME_ALLOWANCE
    dialog.resize(QSize(1320, 720).boundedTo(room))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    # the creation panel open (the widest state of the company field)
    dialog.company.search.line.setText("443 061 841 00047")
    dialog.company.on_search_text_edited("443 061 841 00047")
    dialog.company.flush_search()
    dialog.company.search.pick_current()
    panel = dialog.company.panel
    check(dialog, qtbot, [panel.siret_edit, panel.without_siret, panel.cancel_button])
    assert panel.siret_edit.width() >= panel.siret_edit.minimumWidth()
    panel.on_cancel_button_clicked()
    # a company chosen (« Changer »), a new contact, two needs, the consent
    dialog.company.choose(1, "Énergies du Caux — 384 062 725 69240 — Port-Jérôme-sur-Seine")
    dialog.contact.search.line.setText("Mme Claire Martin")
    dialog.contact.on_search_picked("new")
    dialog.needs.add_need()
    check(
        dialog,
        qtbot,
        [
            dialog.company.change_button,
            dialog.counsellor_box,
            dialog.contact.email,
            dialog.consent_date,
            dialog.needs.rows[1].remove_button,
        ],
    )


def test_the_dialog_opens_within_the_screen(qtbot: QtBot, dialog: IntakeDialog) -> None:
    on = screen_of(dialog)
    assert on is not None
    screen = on.availableGeometry().size()
    fit_to_screen(dialog, QSize(5000, 5000))
    assert dialog.width() <= max(screen.width(), dialog.minimumSizeHint().width())
    assert dialog.height() <= max(screen.height(), dialog.minimumSizeHint().height())

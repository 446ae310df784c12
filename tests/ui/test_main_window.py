"""The main window opens, navigates with the keyboard, remembers itself, and shows errors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QTableView

import guichet.models as m
from guichet.errors import ValidationError
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.main_window import NAVIGATION_WIDTH
from guichet.ui.pages.registry import page_specs
from guichet.ui.screen_fit import font_scaled


def test_every_page_opens_from_the_navigation(qtbot, ctx: AppContext, qsettings: QSettings) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    for row, spec in enumerate(page_specs()):
        window.navigation.setCurrentRow(row)
        assert window.stack.currentWidget() is window.pages[spec.key]
        assert window.current_page_key() == spec.key


def test_navigation_is_a_sidebar_with_icons_and_shortcuts(
    qtbot, ctx: AppContext, qsettings: QSettings
) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    window.resize(1280, 800)
    # its full width (from its font: the longest title and its icon fit), rows two lines high
    qtbot.waitUntil(lambda: window.navigation.width() == window.navigation.maximumWidth())
    metrics = window.navigation.fontMetrics()
    assert window.navigation.width() >= font_scaled(window, QSize(NAVIGATION_WIDTH, 0)).width()
    for row, spec in enumerate(page_specs()):
        item = window.navigation.item(row)
        assert not item.icon().isNull()
        assert item.sizeHint().height() >= 2 * metrics.lineSpacing()
        assert window.navigation.width() > metrics.horizontalAdvance(item.text()) + 40
        action = window.findChild(QAction, f"show_{spec.key}_action")
        assert action is not None
        if row < 9:
            assert item.toolTip() == f"{spec.title} (Ctrl+{row + 1})"
            assert action.shortcut().toString() == f"Ctrl+{row + 1}"
        else:  # past Ctrl+9: the Affichage menu's letter reaches it
            assert item.toolTip() == f"{spec.title} (Affichage › {spec.title})"
            assert action.shortcut().isEmpty() and "&" in action.text()


def test_pages_are_built_only_when_shown(qtbot, ctx: AppContext, qsettings: QSettings) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    assert list(window.pages) == [page_specs()[0].key]


def test_geometry_and_page_are_remembered(qtbot, ctx: AppContext, qsettings: QSettings) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    window.resize(640, 480)
    last = page_specs()[-1].key
    window.show_page(last)
    window.close()
    again = shown_window(qtbot, ctx, qsettings)
    assert again.current_page_key() == last
    assert (again.width(), again.height()) == (640, 480)


def test_home_page_shows_the_latest_inquiries(qtbot, ctx: AppContext, qsettings: QSettings) -> None:
    with ctx.db.unit_of_work() as s:
        subject = s.scalars(select(m.Subject)).first()
        assert subject is not None
        org = m.Organization(legal_name="Usinage <b>Lefebvre</b>", commune_insee="76384")
        inquiry = m.Inquiry(reference="D-2026-0042", received_at=datetime.now(), organization=org)
        inquiry.needs.append(m.Need(subject_id=subject.id, description="Tournage"))
        s.add(inquiry)
    window = shown_window(qtbot, ctx, qsettings)
    window.show_page("home")
    table = window.findChild(QTableView, "latestInquiriesView")
    assert table is not None
    model = table.model()
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "D-2026-0042"
    assert model.index(0, 2).data() == "Usinage <b>Lefebvre</b>"
    today = window.findChild(QLabel, "todayLabel")
    assert today is not None and "1 demande" in today.text()


def test_without_accounts_the_window_opens_as_the_first_counsellor_and_stamps_the_audit(
    qtbot, ctx: AppContext, qsettings: QSettings
) -> None:
    with ctx.db.unit_of_work() as s:
        s.add_all(
            [
                m.Counsellor(name="Paul Roux", initials="PR"),
                m.Counsellor(name="Claire Martin", initials="CM"),
            ]
        )
    window = shown_window(qtbot, ctx, qsettings)
    with ctx.db.unit_of_work(write=False) as s:
        claire = s.scalar(select(m.Counsellor.id).where(m.Counsellor.initials == "CM"))
    assert ctx.db.counsellor_id == claire  # the first by name, as before accounts
    assert window.counsellor_label.text() == "Claire Martin (CM)"
    assert qsettings.value("counsellor_id") == claire
    assert not hasattr(window, "counsellor_box")  # nobody picks who acts from a list


def test_a_refused_action_shows_a_french_message(message_boxes: list[str]) -> None:
    shown = message_boxes

    def refuse() -> None:
        raise ValidationError("Le SIRET doit comporter 14 chiffres.")

    assert attempt(None, refuse) is None
    assert shown == ["Le SIRET doit comporter 14 chiffres."]


def test_menus_use_standard_shortcuts(qtbot, ctx: AppContext, qsettings: QSettings) -> None:
    window = shown_window(qtbot, ctx, qsettings)
    labels = [a.text() for a in window.menuBar().actions()]
    assert labels == ["&Fichier", "&Affichage", "Aid&e"]
    first_page = window.findChild(QAction, f"show_{page_specs()[0].key}_action")
    assert first_page is not None
    assert first_page.shortcut().toString() == "Ctrl+1"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == page_specs()[0].key

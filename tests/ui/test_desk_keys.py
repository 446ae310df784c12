"""The desk by keyboard: Ctrl+F, Échap, Ctrl+Tab, Entrée and Ctrl+Entrée, menu letters, F1,
the focus ring, the window title, Qt's own texts in French and the dark scheme."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guichet.config import AppPaths
from tests.ui.windows import active_window

from guichet.ui.application import make_application
from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.dialogs.shortcuts import ShortcutsDialog, window_shortcuts
from guichet.ui.keys import install_desk_keys
from guichet.ui.main_window import window_title
from guichet.ui.screen_fit import install_screen_fit, uninstall_screen_fit
from guichet.ui.theme import apply_color_scheme, color, is_dark
from guichet.ui.window_menus import mnemonic


def _focus_name() -> str:
    focus = QApplication.focusWidget()
    return focus.objectName() if focus is not None else ""


def test_ctrl_f_reaches_the_search_box_of_the_page_on_screen(
    qtbot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    for key, name in (
        ("4", "directorySearchEdit"),
        ("2", "inquiryTextFilter"),
        ("5", "resourceFilter"),
    ):
        QTest.keyClick(
            window.focusWidget() or window, Qt.Key(ord(key)), Qt.KeyboardModifier.ControlModifier
        )
        window.navigation.setFocus()  # somewhere else, then Ctrl+F
        QTest.keyClick(window.navigation, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda n=name: _focus_name() == n)


def test_ctrl_f_from_another_tab_brings_the_search_box_back(
    qtbot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    window.show_page("directory")
    page = window.page("directory")
    page.tabs.setCurrentWidget(page.duplicates_tab)  # type: ignore[attr-defined]
    QTest.keyClick(
        window.focusWidget() or window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
    )
    assert page.tabs.currentWidget() is page.search_tab  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: _focus_name() == "directorySearchEdit")


def test_escape_from_the_results_goes_back_to_the_search_box(
    qtbot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    window.show_page("inquiries")
    page = window.page("inquiries")
    qtbot.waitUntil(lambda: not page.is_loading())  # type: ignore[attr-defined]
    page.view.setFocus()  # type: ignore[attr-defined]
    qtbot.waitUntil(page.view.hasFocus)  # type: ignore[attr-defined]
    QTest.keyClick(page.view, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert page.text_edit.hasFocus()  # type: ignore[attr-defined]
    QTest.keyClick(page.text_edit, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert page.view.hasFocus()  # type: ignore[attr-defined]
    assert page.view.selectionModel().hasSelection()  # type: ignore[attr-defined]


def test_followups_open_on_the_table_and_keep_the_selected_line(
    qtbot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    window.show_page("followups")
    page = window.page("followups")
    qtbot.waitUntil(page.table.hasFocus)  # type: ignore[attr-defined]
    view = page.view_box  # type: ignore[attr-defined]
    view.setCurrentIndex(view.findData("open"))
    assert page.proxy.rowCount() > 3  # type: ignore[attr-defined]
    page.table.selectRow(2)  # type: ignore[attr-defined]
    chosen = page.selected()[0].id  # type: ignore[attr-defined]
    page.refresh()  # type: ignore[attr-defined]  # what every action does once saved
    assert [r.id for r in page.selected()] == [chosen]  # type: ignore[attr-defined]
    assert page.table.currentIndex().row() == 2  # type: ignore[attr-defined]


def _form_dialog(saved: list[str]) -> tuple[QDialog, QLineEdit, QPlainTextEdit, QTabWidget]:
    dialog = QDialog()
    tabs = QTabWidget()
    line, text = QLineEdit(), QPlainTextEdit()
    tabs.addTab(line, "Un")
    tabs.addTab(text, "Deux")
    table = QTableWidget(3, 2)
    table.setObjectName("tabbedTable")
    tabs.addTab(table, "Trois")
    layout = QVBoxLayout(dialog)
    layout.addWidget(tabs)
    layout.addWidget(save_cancel_buttons(dialog, lambda: saved.append("saved")))
    return dialog, line, text, tabs


def test_enter_and_ctrl_enter_save_and_ctrl_tab_switches_tabs(qtbot, qapp) -> None:
    install_desk_keys(qapp)
    saved: list[str] = []
    dialog, line, text, tabs = _form_dialog(saved)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    line.setFocus()
    QTest.keyClick(line, Qt.Key.Key_Return)  # the default button
    assert saved == ["saved"]
    QTest.keyClick(line, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 1
    text.setFocus()
    QTest.keyClick(text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved == ["saved", "saved"]
    assert text.toPlainText() == ""  # not a line break
    QTest.keyClick(
        text,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert tabs.currentIndex() == 0
    QTest.keyClick(
        line,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert tabs.currentIndex() == 2  # round the end
    table = tabs.currentWidget()
    assert isinstance(table, QTableWidget)
    table.setFocus()
    table.setCurrentCell(0, 0)
    QTest.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 0  # a table does not keep Ctrl+Tab for itself


def test_ctrl_enter_clicks_the_default_button_of_a_dialog_without_button_box(qtbot, qapp) -> None:
    install_desk_keys(qapp)
    clicked: list[str] = []
    dialog = QDialog()
    text = QPlainTextEdit()
    other, default = QPushButton("Mettre en relation"), QPushButton("… et les courriers")
    default.setDefault(True)
    other.clicked.connect(lambda: clicked.append("other"))
    default.clicked.connect(lambda: clicked.append("default"))
    layout = QVBoxLayout(dialog)
    for widget in (text, other, default):
        layout.addWidget(widget)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text.setFocus()
    QTest.keyClick(text, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert clicked == ["default"]


def test_each_menu_letter_is_unique(qtbot, demo_ctx: AppContext, qsettings: QSettings) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    menus = [a.menu() for a in window.menuBar().actions()]
    top = [mnemonic(a.text()) for a in window.menuBar().actions()]
    assert all(top) and len(set(top)) == len(top), top
    for menu in menus:
        assert isinstance(menu, QMenu)
        actions = [a for a in menu.actions() if not a.isSeparator()]
        letters = [mnemonic(a.text()) for a in actions]
        assert all(letters), (menu.title(), letters)
        assert len(set(letters)) == len(letters), (menu.title(), letters)
        assert all(not a.icon().isNull() for a in actions), menu.title()


def test_f1_lists_the_shortcuts_of_the_actual_actions(
    qtbot, qtmodeltester, demo_ctx: AppContext, qsettings: QSettings, monkeypatch
) -> None:
    window = active_window(qtbot, demo_ctx, qsettings)
    shown: list[ShortcutsDialog] = []

    def fake_exec(dialog: ShortcutsDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", fake_exec)
    QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)
    assert len(shown) == 1
    model = shown[0].model
    qtmodeltester.check(model)
    rows = model.rows()
    by_action = {r.action: r.keys for r in rows}
    assert by_action["Nouvelle demande"] == "Ctrl+N"
    assert by_action["Rechercher dans la page"] == "Ctrl+F"
    assert by_action["Raccourcis clavier"] == "F1"
    # a key given to an action shows up in the list without anyone typing it there
    window.findChild(type(window.new_inquiry_action), "refreshAction").setShortcut("Ctrl+R")  # type: ignore[union-attr]
    assert {r.action: r.keys for r in window_shortcuts(window)}["Actualiser"] == "Ctrl+R"
    assert any(r.keys == "Ctrl+Tab" for r in rows)


def test_the_focused_button_has_a_ring(qtbot, qapp) -> None:
    install_desk_keys(qapp)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    first, second = QPushButton("Premier"), QPushButton("Second")
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    highlight = first.palette().color(QPalette.ColorRole.Highlight)

    def ring_pixels(button: QPushButton) -> int:
        image = button.grab().toImage()
        y = image.height() // 2
        return sum(1 for x in range(0, 4) if QColor(image.pixel(QPoint(x, y))) == highlight)

    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    assert ring_pixels(first) > 0
    assert ring_pixels(second) == 0


def test_window_title_names_a_database_that_is_not_the_default(tmp_path) -> None:
    paths = AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "logs")
    assert window_title(f"sqlite:///{paths.default_db_path}", paths) == (
        "Guichet — guichet unique des entreprises"
    )
    assert window_title("sqlite:////srv/essai.sqlite3", paths) == "Guichet — /srv/essai.sqlite3"
    assert "secret" not in window_title("postgresql+psycopg://moi:secret@serveur/guichet", paths)


def test_qt_own_texts_are_french(qapp) -> None:
    make_application()
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Voir dans\xa0:"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"


def test_the_dark_scheme_gives_a_dark_window_and_readable_colours(qapp) -> None:
    label_error_light = color("error")
    before = qapp.palette().color(QPalette.ColorRole.Window)
    apply_color_scheme(qapp, Qt.ColorScheme.Light)  # light while light: the platform's colours stay
    assert qapp.palette().color(QPalette.ColorRole.Window) == before
    try:
        apply_color_scheme(qapp, Qt.ColorScheme.Dark)
        assert is_dark()
        assert qapp.palette().color(QPalette.ColorRole.Base).lightness() < 60
        assert color("error").lightness() > label_error_light.lightness()
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    finally:
        apply_color_scheme(qapp, Qt.ColorScheme.Light)
    assert not is_dark()
    assert qapp.palette().color(QPalette.ColorRole.Window) == before


def test_the_counsellor_reads_in_full_when_the_database_opens_after_the_window(
    qtbot, demo_ctx: AppContext, qsettings: QSettings
) -> None:
    from guichet.ui.main_window import MainWindow

    window = MainWindow(qsettings, paths=demo_ctx.paths)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    box = window.counsellor_label
    qtbot.waitUntil(lambda: box.isVisible() and box.width() > 0)
    QApplication.processEvents()  # the empty label laid out, as on a real start
    window.attach(demo_ctx)  # as the app does once the database is open
    text = box.text()
    assert "Julie Vauquelin" in text
    qtbot.waitUntil(lambda: box.width() >= box.fontMetrics().horizontalAdvance(text))


def test_the_desk_watches_the_application_through_one_event_filter(qapp: QApplication) -> None:
    # Python is called for every event of the application once per filter (thousands while a
    # page is built): the keys, the tidy forms, the named fields and the screen fit share one.
    install_desk_keys(qapp)
    install_desk_keys(qapp)  # once per application
    install_screen_fit(qapp)
    try:
        filters = [
            child
            for child in qapp.findChildren(QObject)
            if type(child).__module__.startswith("guichet.ui")
            and "eventFilter" in vars(type(child))
        ]
        assert len(filters) == 1
    finally:
        uninstall_screen_fit(qapp)

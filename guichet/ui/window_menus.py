"""The main window's menu bar: Fichier, Affichage, Aide — one mnemonic letter per entry of a
level (Alt+F, Alt+A, Alt+E), an icon on each action, and the window-wide keys (Ctrl+1…9, F5,
Ctrl+F, F1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from guichet.ui.account_actions import add_account_actions
from guichet.ui.appearance import add_appearance_menus
from guichet.ui.dialogs.intake_launcher import new_inquiry_action
from guichet.ui.file_actions import install_file_actions
from guichet.ui.icons import icon
from guichet.ui.personal_data_files import install_personal_data_actions
from guichet.ui.report_action import report_action

if TYPE_CHECKING:
    from guichet.ui.main_window import MainWindow

#: Mnemonics of the pages in « Affichage », by page key (unique with « A&ctualiser » and
#: « &Rechercher »).
PAGE_MNEMONICS = {
    "home": "&Accueil",
    "inquiries": "&Demandes",
    "followups": "Re&lances",
    "directory": "A&nnuaire",
    "resources": "Re&ssources",
    "meetings": "Ré&unions",
    "visits": "&Visites",
    "implantation": "&Implantation",
    "opportunities": "&Opportunités",
    "network": "Rés&eau",
    "dashboard": "Tableau de &bord",
    "personal_data": "Données &personnelles",
}
#: icons of the file actions (guichet.ui.file_actions), by object name
FILE_ICONS = {
    "importAction": "import",
    "sireneImportAction": "sirene",
    "exportAction": "export",
    "backupAction": "backup",
    "restoreAction": "restore",
}


def mnemonic(text: str) -> str:
    """The letter after ``&`` in an action's text (``""`` when none), lower case."""
    position = text.replace("&&", "").find("&")
    cleaned = text.replace("&&", "")
    return cleaned[position + 1].casefold() if 0 <= position < len(cleaned) - 1 else ""


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    window.file_menu = bar.addMenu(window.tr("&Fichier"))
    window.new_inquiry_action = new_inquiry_action(window)
    window.new_inquiry_action.setIcon(icon("new", window))
    window.file_menu.addAction(window.new_inquiry_action)
    window.file_menu.addAction(report_action(window))
    window.settings_action = QAction(window.tr("&Paramètres…"), window)
    window.settings_action.setObjectName("settingsAction")
    window.settings_action.setIcon(icon("settings", window))
    window.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
    window.settings_action.triggered.connect(window.on_settings_action_triggered)
    window.settings_action.setEnabled(False)
    window.file_menu.addAction(window.settings_action)
    add_account_actions(window)  # Changer de conseiller (Ctrl+L), Historique des modifications
    window.file_menu.addSeparator()
    quit_action = QAction(window.tr("&Quitter"), window)
    quit_action.setObjectName("quitAction")
    quit_action.setIcon(icon("quit", window))
    quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
    quit_action.triggered.connect(window.close)
    window.file_menu.addAction(quit_action)
    install_file_actions(window)
    install_personal_data_actions(window)
    for name, kind in FILE_ICONS.items():
        action = window.findChild(QAction, name)
        if isinstance(action, QAction):
            action.setIcon(icon(kind, window))
    _build_view_menu(window)
    _build_help_menu(window)


def _build_view_menu(window: MainWindow) -> None:
    window.view_menu = window.menuBar().addMenu(window.tr("&Affichage"))
    for number, spec in enumerate(window.specs, start=1):
        action = QAction(window.tr(PAGE_MNEMONICS.get(spec.key, spec.title)), window)
        action.setObjectName(f"show_{spec.key}_action")
        action.setIcon(window.navigation.item(number - 1).icon())
        if number <= 9:
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _=False, key=spec.key: window.show_page(key))
        window.view_menu.addAction(action)
    window.view_menu.addSeparator()
    find = QAction(window.tr("&Rechercher dans la page"), window)
    find.setObjectName("findAction")
    find.setIcon(icon("find", window))
    find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
    find.triggered.connect(window.focus_search)
    window.view_menu.addAction(find)
    refresh = QAction(window.tr("A&ctualiser"), window)
    refresh.setObjectName("refreshAction")
    refresh.setIcon(icon("refresh", window))
    refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
    refresh.triggered.connect(window.refresh_current_page)
    window.view_menu.addAction(refresh)
    window.view_menu.addSeparator()
    add_appearance_menus(window.view_menu, window.settings, window)


def _build_help_menu(window: MainWindow) -> None:
    help_menu: QMenu = window.menuBar().addMenu(window.tr("Aid&e"))
    shortcuts = QAction(window.tr("&Raccourcis clavier"), window)
    shortcuts.setObjectName("shortcutsAction")
    shortcuts.setIcon(icon("help", window))
    shortcuts.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    shortcuts.triggered.connect(window.on_shortcuts_action_triggered)
    help_menu.addAction(shortcuts)
    about = QAction(window.tr("À &propos de Guichet"), window)
    about.setObjectName("aboutAction")
    about.setIcon(icon("about", window))
    about.triggered.connect(window.on_about_action_triggered)
    help_menu.addAction(about)

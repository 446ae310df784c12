"""Aide › Raccourcis clavier (F1): every key of the window, read from its actions, from the
keys the app installs everywhere (:mod:`guichet.ui.keys`, :mod:`guichet.ui.search_box`) and from
the key tables of the dialogs that have their own (``KEYS``), so the list is never out of step
with what the keys do."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.ui import keys, search_box
from guichet.ui.accessibility import set_name
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.table_fit import compact_rows
from guichet.ui.table_model import Column, RowsTableModel


@dataclass(frozen=True)
class ShortcutRow:
    keys: str
    action: str
    where: str


#: dialogs that declare keys of their own in a ``KEYS`` table
DIALOGS_WITH_KEYS = (IntakeDialog,)

#: names French counsellors read on their keys, where Qt's translation says otherwise
KEY_NAMES = {"Retour": "Entrée", "Bas": "Flèche bas"}


def native(sequence: QKeySequence | str) -> str:
    """« Ctrl+Maj+Tab » as the keyboard says it, in French."""
    text = QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)
    return "+".join(KEY_NAMES.get(part, part) for part in text.split("+"))


def _menu_title(action: QAction) -> str:
    menus = [o for o in action.associatedObjects() if isinstance(o, QMenu)]
    return menus[0].title().replace("&", "") if menus else ""


def _actions(menu: QMenu) -> list[QAction]:
    """The menu's actions, those of its submenus (« Taille du texte ») in their place."""
    found = []
    for action in menu.actions():
        submenu = action.menu()
        found += _actions(submenu) if isinstance(submenu, QMenu) else [action]
    return found


def window_shortcuts(window: QMainWindow) -> list[ShortcutRow]:
    """The actions of ``window`` that have a key, in menu order, then the keys of every page
    and dialog."""
    rows = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in _actions(menu):
            for sequence in action.shortcuts():
                rows.append(
                    ShortcutRow(
                        native(sequence),
                        action.text().replace("&", "").rstrip("…"),
                        _menu_title(action),
                    )
                )
    tr = window.tr
    everywhere = [
        (search_box.BACK_TO_SEARCH, tr("Revenir de la liste au champ de recherche"), tr("Pages")),
        (search_box.INTO_RESULTS, tr("Descendre du champ de recherche dans la liste"), tr("Pages")),
        (keys.NEXT_TAB, tr("Onglet suivant"), tr("Pages et fenêtres à onglets")),
        (keys.PREVIOUS_TAB, tr("Onglet précédent"), tr("Pages et fenêtres à onglets")),
        (keys.SAVE_DIALOG, tr("Enregistrer et fermer la fenêtre"), tr("Fenêtres de saisie")),
        ("Return", tr("Bouton par défaut (encadré)"), tr("Fenêtres de saisie")),
        ("Escape", tr("Fermer sans enregistrer"), tr("Fenêtres de saisie")),
    ]
    rows += [ShortcutRow(native(key), text, where) for key, text, where in everywhere]
    rows += dialog_shortcuts()
    return rows


def dialog_shortcuts() -> list[ShortcutRow]:
    """The keys the dialogs declare (``KEYS``), every sequence of a key on one line."""
    rows = []
    for dialog in DIALOGS_WITH_KEYS:
        context = dialog.__name__
        where = QCoreApplication.translate(context, dialog.KEYS_WHERE)
        for key in dialog.KEYS:
            rows.append(
                ShortcutRow(
                    ", ".join(dict.fromkeys(native(s) for s in key.sequences)),
                    QCoreApplication.translate(context, key.action),
                    where,
                )
            )
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Raccourcis clavier"))
        fit_to_screen(self, (640, 560))
        self.model: RowsTableModel[ShortcutRow] = RowsTableModel(
            [
                Column(self.tr("Touches"), lambda r: r.keys),
                Column(self.tr("Action"), lambda r: r.action),
                Column(self.tr("Où"), lambda r: r.where),
            ],
            self,
        )
        self.model.set_rows(window_shortcuts(window))
        self.table = QTableView()
        self.table.setObjectName("shortcutsView")
        set_name(self.table, self.tr("Raccourcis clavier"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Les touches de la fenêtre principale et de toutes les fenêtres."))
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.setFocus()

"""Settings tab « Thématiques »: themes and subjects of the need taxonomy. Changes are saved at
once (each is its own small action); a subject in use is deactivated rather than deleted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.services import taxonomy
from guichet.services.taxonomy import SubjectInfo, SubjectInUse, ThemeInfo

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error

DATA = Qt.ItemDataRole.UserRole


class TaxonomyTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("taxonomyTab")
        layout = QHBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setObjectName("taxonomyTree")
        set_name(self.tree, self.tr("Thématiques et sujets"))
        self.tree.setHeaderLabels(
            [self.tr("Thématique › sujet"), self.tr("Besoins"), self.tr("État")]
        )
        self.tree.setColumnWidth(0, 320)
        layout.addWidget(self.tree, 1)
        buttons = QVBoxLayout()
        self.add_theme_button = self._button(
            buttons, "addThemeButton", self.tr("Nouvelle thématique…")
        )
        self.add_subject_button = self._button(
            buttons, "addSubjectButton", self.tr("Nouveau sujet…")
        )
        self.rename_button = self._button(buttons, "renameTaxonomyButton", self.tr("Renommer…"))
        self.toggle_button = self._button(
            buttons, "toggleTaxonomyButton", self.tr("Activer / désactiver")
        )
        self.delete_button = self._button(buttons, "deleteTaxonomyButton", self.tr("Supprimer"))
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_theme_button.clicked.connect(self.on_add_theme_button_clicked)
        self.add_subject_button.clicked.connect(self.on_add_subject_button_clicked)
        self.rename_button.clicked.connect(self.on_rename_button_clicked)
        self.toggle_button.clicked.connect(self.on_toggle_button_clicked)
        self.delete_button.clicked.connect(self.on_delete_button_clicked)
        self.reload()

    def _button(self, column: QVBoxLayout, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        column.addWidget(button)
        return button

    def reload(self, select: tuple[str, int] | None = None) -> None:
        self.tree.clear()
        for theme in taxonomy.load_taxonomy(self.ctx.db):
            top = QTreeWidgetItem([theme.name, "", self._state(theme.active)])
            top.setData(0, DATA, theme)
            for subject in theme.subjects:
                child = QTreeWidgetItem(
                    [subject.name, str(subject.need_count), self._state(subject.active)]
                )
                child.setData(0, DATA, subject)
                top.addChild(child)
                if select == ("subject", subject.id):
                    self.tree.setCurrentItem(child)
            self.tree.addTopLevelItem(top)
            if select == ("theme", theme.id):
                self.tree.setCurrentItem(top)
        if select is not None and self.tree.currentItem() is not None:
            self.tree.currentItem().setExpanded(True)  # type: ignore[union-attr]
            parent = self.tree.currentItem().parent()  # type: ignore[union-attr]
            if parent is not None:
                parent.setExpanded(True)

    def _state(self, active: bool) -> str:
        return self.tr("actif") if active else self.tr("désactivé")

    def current(self) -> ThemeInfo | SubjectInfo | None:
        item = self.tree.currentItem()
        return item.data(0, DATA) if item is not None else None

    def current_theme_id(self) -> int | None:
        found = self.current()
        if isinstance(found, ThemeInfo):
            return found.id
        return found.theme_id if isinstance(found, SubjectInfo) else None

    def _run(self, action: object, select: tuple[str, int] | None = None) -> bool:
        try:
            result = action()  # type: ignore[operator]
        except GuichetError as exc:
            show_error(self, exc)
            return False
        if select is None and isinstance(result, int):
            select = ("theme", result)
        self.reload(select)
        return True

    # -- slots -----------------------------------------------------------------------------------
    def on_add_theme_button_clicked(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Nouvelle thématique"), self.tr("Nom :"))
        if ok:
            self._run(lambda: taxonomy.save_theme(self.ctx.db, name))

    def on_add_subject_button_clicked(self) -> None:
        theme_id = self.current_theme_id()
        if theme_id is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Nouveau sujet"), self.tr("Nom :"))
        if ok:
            try:
                subject_id = taxonomy.save_subject(self.ctx.db, theme_id, name)
            except GuichetError as exc:
                show_error(self, exc)
                return
            self.reload(("subject", subject_id))

    def on_rename_button_clicked(self) -> None:
        found = self.current()
        if found is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Renommer"), self.tr("Nom :"), text=found.name
        )
        if not ok:
            return
        if isinstance(found, ThemeInfo):
            self._run(
                lambda: taxonomy.save_theme(
                    self.ctx.db, name, theme_id=found.id, active=found.active
                )
            )
        else:
            self._run(
                lambda: taxonomy.save_subject(
                    self.ctx.db, found.theme_id, name, subject_id=found.id, active=found.active
                ),
                ("subject", found.id),
            )

    def on_toggle_button_clicked(self) -> None:
        found = self.current()
        if isinstance(found, ThemeInfo):
            self._run(
                lambda: taxonomy.set_theme_active(self.ctx.db, found.id, not found.active),
                ("theme", found.id),
            )
        elif isinstance(found, SubjectInfo):
            self._run(
                lambda: taxonomy.set_subject_active(self.ctx.db, found.id, not found.active),
                ("subject", found.id),
            )

    def on_delete_button_clicked(self) -> None:
        found = self.current()
        if isinstance(found, ThemeInfo):
            self._run(lambda: taxonomy.delete_theme(self.ctx.db, found.id))
            return
        if not isinstance(found, SubjectInfo):
            return
        try:
            taxonomy.delete_subject(self.ctx.db, found.id)
        except SubjectInUse as exc:
            answer = QMessageBox.question(
                self,
                self.tr("Sujet utilisé"),
                exc.message + "\n\n" + self.tr("Le désactiver maintenant ?"),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._run(
                    lambda: taxonomy.set_subject_active(self.ctx.db, found.id, False),
                    ("subject", found.id),
                )
            return
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.reload(("theme", found.theme_id))

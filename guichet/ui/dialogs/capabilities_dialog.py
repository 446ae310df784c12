"""The capability thesaurus editor: tree, add, add a sub-capability, rename, move, synonyms,
delete (with a confirmation when organizations use it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.services.capabilities import CapabilityNode, CapabilityService

from guichet.ui.accessibility import label_field, set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen

ID_ROLE = Qt.ItemDataRole.UserRole


class CapabilitiesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = CapabilityService(ctx.db)
        self.nodes: dict[int, CapabilityNode] = {}
        self.setObjectName("capabilitiesDialog")
        self.setWindowTitle(self.tr("Thésaurus des savoir-faire"))
        fit_to_screen(self, (760, 560))
        layout = QVBoxLayout(self)
        body = QHBoxLayout()
        layout.addLayout(body, 1)
        self.tree = QTreeWidget()
        self.tree.setObjectName("thesaurusTree")
        set_name(self.tree, self.tr("Compétences"))
        self.tree.setHeaderLabels([self.tr("Compétence"), self.tr("Organisations")])
        self.tree.setColumnWidth(0, 300)
        self.tree.currentItemChanged.connect(self.on_tree_current_item_changed)
        body.addWidget(self.tree, 3)
        side = QVBoxLayout()
        body.addLayout(side, 2)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("add", self.tr("Ajouter au même niveau…"), self.on_add_clicked),
            ("add_child", self.tr("Ajouter une sous-compétence…"), self.on_add_child_clicked),
            ("rename", self.tr("Renommer…"), self.on_rename_clicked),
            ("move", self.tr("Déplacer sous…"), self.on_move_clicked),
            ("delete", self.tr("Supprimer…"), self.on_delete_clicked),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{key}CapabilityButton")
            button.clicked.connect(slot)
            side.addWidget(button)
            self.buttons[key] = button
        self.path_label = QLabel()
        self.path_label.setObjectName("capabilityPath")
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label.setWordWrap(True)
        side.addWidget(self.path_label)
        synonyms_label = QLabel(self.tr("Synonymes (un par ligne) :"))
        side.addWidget(synonyms_label)
        self.synonyms_edit = QPlainTextEdit()
        self.synonyms_edit.setObjectName("synonymsEdit")
        label_field(synonyms_label, self.synonyms_edit)
        side.addWidget(self.synonyms_edit, 1)
        self.save_synonyms_button = QPushButton(self.tr("Enregistrer les synonymes"))
        self.save_synonyms_button.setObjectName("saveSynonymsButton")
        self.save_synonyms_button.clicked.connect(self.on_save_synonyms_clicked)
        side.addWidget(self.save_synonyms_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.reload()

    # -- tree ----------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.current_id()
        self.tree.clear()
        nodes = self.service.tree()
        self.nodes = {n.id: n for n in nodes}
        items: dict[int, QTreeWidgetItem] = {}
        for node in nodes:
            item = QTreeWidgetItem([node.name, str(node.organizations or "")])
            item.setData(0, ID_ROLE, node.id)
            item.setToolTip(0, ", ".join(node.synonyms))
            parent = items.get(node.parent_id) if node.parent_id is not None else None
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[node.id] = item
        chosen = items.get(current) if current is not None else None
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self.on_tree_current_item_changed(self.tree.currentItem(), None)

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None

    def select(self, capability_id: int) -> None:
        self.reload(capability_id)

    def _attempt(self, action: object) -> bool:
        try:
            action()  # type: ignore[operator]
        except GuichetError as exc:
            show_error(self, exc)
            return False
        return True

    def _ask(self, title: str, prompt: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, prompt, text=text)
        return value if ok and value.strip() else None

    # -- slots ---------------------------------------------------------------------------------
    def on_tree_current_item_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        node = self.nodes.get(int(current.data(0, ID_ROLE))) if current is not None else None
        for key in ("add_child", "rename", "move", "delete"):
            self.buttons[key].setEnabled(node is not None)
        self.save_synonyms_button.setEnabled(node is not None)
        self.synonyms_edit.setEnabled(node is not None)
        self.path_label.setText(node.path if node else "")
        self.synonyms_edit.setPlainText("\n".join(node.synonyms) if node else "")

    def on_add_clicked(self) -> None:
        node = self.nodes.get(self.current_id() or -1)
        parent_id = node.parent_id if node else None
        name = self._ask(self.tr("Nouvelle compétence"), self.tr("Nom :"))
        if name is not None:
            created: list[int] = []
            if self._attempt(lambda: created.append(self.service.add(name, parent_id))):
                self.reload(created[0])

    def on_add_child_clicked(self) -> None:
        parent_id = self.current_id()
        if parent_id is None:
            return
        name = self._ask(self.tr("Nouvelle sous-compétence"), self.tr("Nom :"))
        if name is not None:
            created: list[int] = []
            if self._attempt(lambda: created.append(self.service.add(name, parent_id))):
                self.reload(created[0])

    def on_rename_clicked(self) -> None:
        node = self.nodes.get(self.current_id() or -1)
        if node is None:
            return
        name = self._ask(self.tr("Renommer"), self.tr("Nouveau nom :"), node.name)
        if name is not None and self._attempt(lambda: self.service.rename(node.id, name)):
            self.reload(node.id)

    def on_move_clicked(self) -> None:
        node = self.nodes.get(self.current_id() or -1)
        if node is None:
            return
        root = self.tr("(premier niveau)")
        choices = [root] + [n.path for n in self.nodes.values() if n.id != node.id]
        chosen, ok = QInputDialog.getItem(
            self,
            self.tr("Déplacer"),
            self.tr("Ranger « %1 » sous :").replace("%1", node.name),
            choices,
            0,
            False,
        )
        if not ok:
            return
        target = (
            None if chosen == root else next(n.id for n in self.nodes.values() if n.path == chosen)
        )
        if self._attempt(lambda: self.service.move(node.id, target)):
            self.reload(node.id)

    def on_save_synonyms_clicked(self) -> None:
        capability_id = self.current_id()
        if capability_id is None:
            return
        words = self.synonyms_edit.toPlainText().splitlines()
        if self._attempt(lambda: self.service.set_synonyms(capability_id, words)):
            self.reload(capability_id)

    def on_delete_clicked(self) -> None:
        node = self.nodes.get(self.current_id() or -1)
        if node is None:
            return
        children = sum(1 for n in self.nodes.values() if n.path.startswith(node.path + " › "))
        text = self.tr("Supprimer « %1 »").replace("%1", node.name)
        if children:
            text += self.tr(" et ses %1 sous-compétence(s)").replace("%1", str(children))
        text += " ?"
        try:
            used = self.service.usage(node.id)
        except GuichetError as exc:
            show_error(self, exc)
            return
        if used:
            text += "\n\n" + self.tr(
                "Elle est attribuée à %1 organisation(s) : elle sera retirée de leurs fiches."
            ).replace("%1", str(used))
        box = QMessageBox(
            QMessageBox.Icon.Warning if used else QMessageBox.Icon.Question,
            self.tr("Supprimer la compétence"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirmCapabilityDeleteBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        if self._attempt(lambda: self.service.delete(node.id, confirmed=True)):
            self.reload(node.parent_id)

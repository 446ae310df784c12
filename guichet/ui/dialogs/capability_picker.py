"""Checkable lists for an organization's skills: the capability thesaurus as a tree with a
filter box, and flat lists for certifications and sectors."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guichet.reference.text import fold
from guichet.services.capabilities import CapabilityNode, ListItem

from guichet.ui.accessibility import set_name

ID_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


class CapabilityPicker(QWidget):
    """The thesaurus with a check box per capability and a box to find one by name/synonym."""

    def __init__(self, nodes: list[CapabilityNode], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capabilityPicker")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("capabilityPickerFilter")
        set_name(self.filter_edit, self.tr("Trouver une compétence"))
        self.filter_edit.setPlaceholderText(self.tr("Trouver une compétence (nom ou synonyme)…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        layout.addWidget(self.filter_edit)
        self.tree = QTreeWidget()
        self.tree.setObjectName("capabilityTree")
        set_name(self.tree, self.tr("Compétences"))
        self.tree.setHeaderHidden(True)
        layout.addWidget(self.tree)
        items: dict[int, QTreeWidgetItem] = {}
        for node in nodes:
            parent_item = items.get(node.parent_id) if node.parent_id is not None else None
            item = QTreeWidgetItem([node.name])
            item.setData(0, ID_ROLE, node.id)
            item.setData(0, SEARCH_ROLE, fold(" ".join((node.name, *node.synonyms))))
            item.setToolTip(0, ", ".join(node.synonyms))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            if parent_item is None:
                self.tree.addTopLevelItem(item)
            else:
                parent_item.addChild(item)
            items[node.id] = item
        self._items = items

    def set_checked(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        for cid, item in self._items.items():
            item.setCheckState(
                0, Qt.CheckState.Checked if cid in wanted else Qt.CheckState.Unchecked
            )
            if cid in wanted:
                parent = item.parent()
                while parent is not None:
                    parent.setExpanded(True)
                    parent = parent.parent()

    def checked(self) -> frozenset[int]:
        return frozenset(
            cid for cid, item in self._items.items() if item.checkState(0) == Qt.CheckState.Checked
        )

    def item_for(self, capability_id: int) -> QTreeWidgetItem | None:
        return self._items.get(capability_id)

    def on_filter_edit_text_changed(self, text: str) -> None:
        wanted = fold(text)
        for item in self._items.values():
            item.setHidden(bool(wanted))
        if not wanted:
            return
        for item in self._items.values():
            if wanted in str(item.data(0, SEARCH_ROLE)):
                item.setHidden(False)
                parent = item.parent()
                while parent is not None:
                    parent.setHidden(False)
                    parent.setExpanded(True)
                    parent = parent.parent()


class CheckList(QListWidget):
    """A flat list of check boxes (certifications, sectors)."""

    def __init__(self, name: str, items: list[ListItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        for entry in items:
            item = QListWidgetItem(entry.name)
            item.setData(ID_ROLE, entry.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)

    def set_checked(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(ID_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked(self) -> frozenset[int]:
        return frozenset(
            int(self.item(r).data(ID_ROLE))
            for r in range(self.count())
            if self.item(r).checkState() == Qt.CheckState.Checked
        )

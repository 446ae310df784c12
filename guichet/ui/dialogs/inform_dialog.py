"""« Informer »: the resources of a need's theme, ticked when handed over to the company."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guichet.services.resources import ResourceInfo

from guichet.ui.accessibility import set_name


class InformDialog(QDialog):
    def __init__(self, subject: str, resources: list[ResourceInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("informDialog")
        self.setWindowTitle(self.tr("Informer : %1").replace("%1", subject))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Ressources de la thématique à remettre (Espace pour cocher) :")
                if resources
                else self.tr("Aucune ressource de cette thématique n'est disponible.")
            )
        )
        self.list = QListWidget()
        self.list.setObjectName("informResources")
        set_name(self.list, self.tr("Ressources à remettre"))
        for info in resources:
            text = f"{info.title} — {info.kind_label}"
            if info.file_name:
                text += f" ({info.file_name})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(info.description or info.url)
            self.list.addItem(item)
        if resources:
            self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        self.mark_informed = QCheckBox(self.tr("Le besoin est traité : « informé »"))
        self.mark_informed.setObjectName("informMarkInformed")
        self.mark_informed.setChecked(True)
        layout.addWidget(self.mark_informed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Enregistrer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        return [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

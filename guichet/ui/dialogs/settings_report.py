"""Settings tab « Rapport d'activité »: the short text of each section of the report, a template
with the period's figures as fields, checked as it is typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import ValidationError
from guichet.services.report_texts import (
    REPORT_FIELDS,
    SECTIONS,
    SECTIONS_BY_KEY,
    setting_key,
    validate_report_text,
)

from guichet.ui.accessibility import set_name
from guichet.ui.theme import set_themed_style


class ReportSettingsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportSettingsTab")
        self.title = self.tr("Rapport d'activité")
        self.texts: dict[str, str] = {s.key: s.default for s in SECTIONS}
        self._section = SECTIONS[0].key
        self.section_box = QComboBox()
        self.section_box.setObjectName("reportSectionBox")
        for section in SECTIONS:
            self.section_box.addItem(self.tr(section.title), section.key)
        self.section_box.currentIndexChanged.connect(self.on_section_box_current_index_changed)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("reportSectionText")
        set_name(self.text_edit, self.tr("Texte de la section"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.textChanged.connect(self.on_text_edit_text_changed)
        self.check_label = QLabel()
        self.check_label.setObjectName("reportTextCheck")
        self.check_label.setWordWrap(True)
        help_text = QLabel(
            self.tr(
                "Les champs sont remplacés par les chiffres de la période ({demandes.total}…) ; "
                "{% si champ %} … {% fin %} garde une phrase seulement quand le chiffre existe. "
                "Un effectif inférieur à 3 s'écrit « < 3 »."
            )
        )
        help_text.setWordWrap(True)
        self.fields = QListWidget()
        self.fields.setObjectName("reportFieldsList")
        set_name(self.fields, self.tr("Champs à insérer"))
        self.fields.setToolTip(self.tr("Entrée ou double-clic : insère le champ dans le texte."))
        for name, description in REPORT_FIELDS.items():
            item = QListWidgetItem(f"{{{name}}} — {self.tr(description)}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.fields.addItem(item)
        self.fields.itemActivated.connect(self.on_fields_item_activated)
        reset = QPushButton(self.tr("Rétablir le texte d'origine"))
        reset.setObjectName("resetReportTextButton")
        reset.clicked.connect(self.on_reset_clicked)
        form = QFormLayout()
        form.addRow(self.tr("&Section"), self.section_box)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(self.text_edit, 1)
        editor.addWidget(self.check_label)
        editor.addWidget(help_text)
        side = QVBoxLayout()
        caption = QLabel(self.tr("Champs &disponibles"))
        caption.setBuddy(self.fields)
        side.addWidget(caption)
        side.addWidget(self.fields, 1)
        side.addWidget(reset)
        layout = QHBoxLayout(self)
        layout.addLayout(editor, 3)
        layout.addLayout(side, 2)
        self._show()

    def _show(self) -> None:
        self.text_edit.setPlainText(self.texts[self._section])
        self.on_text_edit_text_changed()

    def load(self, values: dict[str, Any]) -> None:
        self.texts = {s.key: str(values[setting_key(s.key)]) for s in SECTIONS}
        self._show()

    def changes(self) -> dict[str, object]:
        self.texts[self._section] = self.text_edit.toPlainText()
        return {setting_key(key): text for key, text in self.texts.items()}

    def problem(self) -> str:
        try:
            validate_report_text(self.text_edit.toPlainText())
        except ValidationError as exc:
            return exc.message
        return ""

    # -- slots ---------------------------------------------------------------------------------
    def on_section_box_current_index_changed(self, _index: int) -> None:
        self.texts[self._section] = self.text_edit.toPlainText()
        self._section = str(self.section_box.currentData())
        self._show()

    def on_text_edit_text_changed(self) -> None:
        problem = self.problem()
        self.check_label.setText(problem or self.tr("✓ Texte valide."))
        set_themed_style(self.check_label, "color: $error;" if problem else "color: $success;")

    def on_fields_item_activated(self, item: QListWidgetItem) -> None:
        self.text_edit.insertPlainText("{" + str(item.data(Qt.ItemDataRole.UserRole)) + "}")
        self.text_edit.setFocus()

    def on_reset_clicked(self) -> None:
        self.text_edit.setPlainText(SECTIONS_BY_KEY[self._section].default)

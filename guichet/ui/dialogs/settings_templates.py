"""Settings tab « Courriers »: the letter templates, checked as they are typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import ValidationError
from guichet.letters.template import validate_template
from guichet.letters.template_kinds import ALL_TEMPLATES, template_fields

from guichet.ui.accessibility import set_name
from guichet.ui.theme import set_themed_style

KINDS = {
    "company": "Courrier à l'entreprise",
    "partner": "Courrier au partenaire",
    "email": "Brouillon d'e-mail (pièce jointe : le courrier)",
    "invitation": "Invitation à une réunion (courrier)",
    "invitation_email": "Invitation à une réunion (e-mail)",
    "relay.letter": "Relais d'une opportunité : courrier à l'adhérent",
    "relay.email": "Relais d'une opportunité : brouillon d'e-mail",
}


class LetterTemplatesTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterTemplatesTab")
        self.title = self.tr("Courriers")
        self.texts: dict[str, str] = dict(ALL_TEMPLATES)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("templateKindBox")
        for key, text in KINDS.items():
            self.kind_box.addItem(self.tr(text), key)
        self.kind_box.currentIndexChanged.connect(self.on_kind_box_current_index_changed)
        self.object_edit = QLineEdit()
        self.object_edit.setObjectName("templateObjectEdit")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("templateBodyEdit")
        set_name(self.body_edit, self.tr("Texte du courrier"))
        self.body_edit.setTabChangesFocus(True)
        self.object_edit.textChanged.connect(self.on_text_changed)
        self.body_edit.textChanged.connect(self.on_text_changed)
        self.check_label = QLabel()
        self.check_label.setObjectName("templateCheckLabel")
        self.check_label.setWordWrap(True)
        self.fields = QListWidget()
        self.fields.setObjectName("templateFieldsList")
        set_name(self.fields, self.tr("Champs à insérer"))
        self.fields.setToolTip(self.tr("Double-cliquez pour insérer le champ dans le texte."))
        self.fields.itemDoubleClicked.connect(self.on_fields_item_double_clicked)
        reset = QPushButton(self.tr("Rétablir le modèle d'origine"))
        reset.setObjectName("resetTemplateButton")
        reset.clicked.connect(self.on_reset_clicked)
        help_text = QLabel(
            self.tr(
                "Champs : {entreprise.nom}… Conditions : {% si partenaire.contact %} … "
                "{% sinon %} … {% fin %} (ou {% si non champ %}). Une ligne vide sépare deux "
                "paragraphes."
            )
        )
        help_text.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Modèle"), self.kind_box)
        form.addRow(self.tr("Objet"), self.object_edit)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(self.body_edit, 1)
        editor.addWidget(self.check_label)
        editor.addWidget(help_text)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Champs disponibles")))
        side.addWidget(self.fields, 1)
        side.addWidget(reset)
        layout = QHBoxLayout(self)
        layout.addLayout(editor, 3)
        layout.addLayout(side, 2)
        self._kind = "company"
        self._show_kind()

    def _keys(self, kind: str) -> tuple[str, str]:
        prefix = kind if kind.startswith("relay.") else f"letters.{kind}"
        return f"{prefix}_object", f"{prefix}_body"

    def _store(self) -> None:
        object_key, body_key = self._keys(self._kind)
        self.texts[object_key] = self.object_edit.text()
        self.texts[body_key] = self.body_edit.toPlainText()

    def _show_kind(self) -> None:
        object_key, body_key = self._keys(self._kind)
        self.fields.clear()
        for name, description in template_fields(object_key).items():
            item = QListWidgetItem(f"{{{name}}} — {description}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.fields.addItem(item)
        self.object_edit.setText(self.texts[object_key])
        self.body_edit.setPlainText(self.texts[body_key])
        self.on_text_changed()

    def load(self, values: dict[str, Any]) -> None:
        self.texts = {key: str(values[key]) for key in ALL_TEMPLATES}
        self._show_kind()

    def changes(self) -> dict[str, object]:
        self._store()
        return dict(self.texts)

    def problem(self) -> str:
        """The first error of the template on screen, or an empty string."""
        fields = template_fields(self._keys(self._kind)[0])
        for label, text in (
            (self.tr("Objet"), self.object_edit.text()),
            (self.tr("Texte"), self.body_edit.toPlainText()),
        ):
            try:
                validate_template(text, fields)
            except ValidationError as exc:
                return f"{label} — {exc.message}"
        return ""

    # -- slots ---------------------------------------------------------------------------------
    def on_kind_box_current_index_changed(self, _index: int) -> None:
        self._store()
        self._kind = self.kind_box.currentData()
        self._show_kind()

    def on_text_changed(self) -> None:
        problem = self.problem()
        self.check_label.setText(problem or self.tr("✓ Modèle valide."))
        set_themed_style(self.check_label, "color: $error;" if problem else "color: $success;")

    def on_fields_item_double_clicked(self, item: QListWidgetItem) -> None:
        self.body_edit.insertPlainText("{" + str(item.data(Qt.ItemDataRole.UserRole)) + "}")
        self.body_edit.setFocus()

    def on_reset_clicked(self) -> None:
        object_key, body_key = self._keys(self._kind)
        self.object_edit.setText(ALL_TEMPLATES[object_key])
        self.body_edit.setPlainText(ALL_TEMPLATES[body_key])

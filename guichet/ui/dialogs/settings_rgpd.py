"""Settings tab « Données personnelles »: retention periods, the information notice handed at
the desk, and what the register of processing says.

Plugged into Paramètres with one line; it saves its own settings when the dialog is saved, and
holds unsaved input like any form.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guichet.db.atomic_files import write_atomically
from guichet.errors import GuichetError
from guichet.services.personal_data.documents import PLACEHOLDERS, notice_pdf
from guichet.services.settings import SPECS_BY_KEY, SettingsService

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt, show_error
from guichet.ui.file_dialogs import FileKind, save_file_name
from guichet.ui.screen_fit import set_text_lines
from guichet.ui.unsaved import confirm_discard

YEARS = ("retention.inactive_years", "retention.closed_inquiry_years")
LINES = ("rgpd.controller", "rgpd.dpo")
TEXTS = ("rgpd.purposes", "rgpd.data_categories", "rgpd.people_categories", "rgpd.security")
NOTICE = "rgpd.notice_text"


class PersonalDataSettingsTab(QWidget):
    def __init__(self, ctx: AppContext, dialog: QDialog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("personalDataSettingsTab")
        self.title = self.tr("Données personnelles")
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.spins: dict[str, QSpinBox] = {}
        retention = QGroupBox(self.tr("Durées de conservation"))
        form = QFormLayout(retention)
        for key, caption in zip(
            YEARS,
            (
                self.tr("Contacts : sans contact de leur part depuis"),
                self.tr("Demandes : closes depuis"),
            ),
            strict=True,
        ):
            spec = SPECS_BY_KEY[key]
            spin = QSpinBox()
            spin.setObjectName(key.replace(".", "_"))
            spin.setRange(int(spec.minimum or 1), int(spec.maximum or 20))
            spin.setSuffix(self.tr(" ans"))
            self.spins[key] = spin
            form.addRow(caption, spin)
        column.addWidget(retention)
        notice = QGroupBox(self.tr("Mentions d'information (remises à l'accueil)"))
        notice_layout = QVBoxLayout(notice)
        hint = QLabel(
            self.tr("Champs remplacés à l'impression : %1.").replace(
                "%1", ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            )
        )
        hint.setWordWrap(True)
        self.notice_edit = QPlainTextEdit()
        self.notice_edit.setObjectName("noticeTextEdit")
        self.notice_edit.setAccessibleName(self.tr("Texte des mentions d'information"))
        self.notice_edit.setTabChangesFocus(True)
        set_text_lines(self.notice_edit, 8)
        self.preview_button = QPushButton(self.tr("Aperçu (PDF)…"))
        self.preview_button.setObjectName("noticePreviewButton")
        self.preview_button.clicked.connect(self.on_preview_button_clicked)
        for widget in (hint, self.notice_edit):
            notice_layout.addWidget(widget)
        notice_layout.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(notice)
        register = QGroupBox(
            self.tr("Registre des traitements (Fichier › Registre des traitements)")
        )
        register_form = QFormLayout(register)
        self.lines: dict[str, QLineEdit] = {}
        for key in LINES:
            edit = QLineEdit()
            edit.setObjectName(key.replace(".", "_"))
            self.lines[key] = edit
            register_form.addRow(self.tr(SPECS_BY_KEY[key].label), edit)
        self.texts: dict[str, QPlainTextEdit] = {}
        for key in TEXTS:
            text = QPlainTextEdit()
            text.setObjectName(key.replace(".", "_"))
            text.setTabChangesFocus(True)
            set_text_lines(text, 4)
            self.texts[key] = text
            caption = SPECS_BY_KEY[key].label.removeprefix("Registre : ").capitalize()
            register_form.addRow(self.tr(caption), text)
        column.addWidget(register)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.load()
        dialog.accepted.connect(self.save)

    def load(self) -> None:
        values = SettingsService(self.ctx.db).all()
        for key, spin in self.spins.items():
            spin.setValue(int(values[key]))
        for key, edit in self.lines.items():
            edit.setText(str(values[key]))
        for key, text in self.texts.items():
            text.setPlainText(str(values[key]))
        self.notice_edit.setPlainText(str(values[NOTICE]))
        self.opened = self.changes()

    def changes(self) -> dict[str, object]:
        values: dict[str, object] = {key: spin.value() for key, spin in self.spins.items()}
        values.update({key: edit.text().strip() for key, edit in self.lines.items()})
        values.update({key: text.toPlainText() for key, text in self.texts.items()})
        values[NOTICE] = self.notice_edit.toPlainText()
        return values

    def has_unsaved_changes(self) -> bool:
        return self.changes() != self.opened

    def confirm_discard(self) -> bool:
        return confirm_discard(
            self,
            self.tr("Paramètres"),
            self.tr("Les réglages « Données personnelles » ont été modifiés."),
            save=self.save,
        )

    def save(self) -> bool:
        if self.changes() == self.opened:
            return True
        try:
            SettingsService(self.ctx.db).update(self.changes())
        except GuichetError as exc:
            show_error(self, exc)
            return False
        self.opened = self.changes()
        return True

    def on_preview_button_clicked(self) -> None:
        """The notice as typed (saved or not) written to a PDF the counsellor can open."""
        chosen, _ = save_file_name(
            self,
            FileKind.REPORT,
            self.tr("Aperçu des mentions d'information"),
            "mentions-information-apercu.pdf",
            self.tr("Document PDF (*.pdf)"),
        )
        if not chosen:
            return
        path = Path(chosen).with_suffix(".pdf")
        edited = self.changes()
        attempt(self, lambda: write_atomically(path, notice_pdf(self.ctx.db, edited=edited)))

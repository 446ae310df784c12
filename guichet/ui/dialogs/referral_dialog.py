"""Mettre en relation: from one need, pick partners among ranked suggestions, with a contact.

Each chosen partner becomes a referral « proposée »; « … et préparer les courriers » opens the
letters right away. Without the business's recorded consent, nothing can be created.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.services.referral_rows import ReferralRow
from guichet.services.referral_suggestions import NeedContext, Suggestion, SuggestionService
from guichet.services.referrals import ReferralChoice, ReferralService

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt, show_task_error
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.suggestions_model import SuggestionsModel
from guichet.ui.tasks import Task, TaskControl, run_task
from guichet.ui.theme import set_themed_style


class ReferralDialog(QDialog):
    referrals_created = Signal(list)

    def __init__(self, ctx: AppContext, need_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.need_id = need_id
        self.suggestion_service = SuggestionService(ctx.db)
        self.created: list[ReferralRow] = []
        self.setObjectName("referralDialog")
        self.setWindowTitle(self.tr("Mettre en relation"))
        fit_to_screen(self, (980, 640))

        self.summary = QLabel()
        self.summary.setObjectName("needSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.consent_warning = QLabel()
        self.consent_warning.setObjectName("consentWarning")
        self.consent_warning.setWordWrap(True)
        set_themed_style(self.consent_warning, "color: $error; font-weight: bold;")

        self.model = SuggestionsModel(self)
        self.view = QTableView()
        self.view.setObjectName("suggestionsView")
        self.view.setAccessibleName(self.tr("Partenaires suggérés"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # rows fit their wrapped « Pourquoi » at the width it really gets, once laid out
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        self.view.selectionModel().selectionChanged.connect(self.on_view_selection_changed)

        self.other_edit = QLineEdit()
        self.other_edit.setObjectName("otherSearchEdit")
        set_name(self.other_edit, self.tr("Chercher un autre organisme"))
        self.other_edit.setPlaceholderText(
            self.tr("Un autre organisme ? Nom, savoir-faire, commune… puis Entrée")
        )
        self.other_edit.returnPressed.connect(self.on_other_edit_return_pressed)
        self.other_status = QLabel()
        self.other_status.setObjectName("otherSearchStatus")
        self._other_sequence = 0  # newest free search; older answers are dropped
        self._other_answered = 0
        self.other_task: Task | None = None

        self.contact_box = QComboBox()
        self.contact_box.setObjectName("contactBox")
        self.contact_box.setAccessibleName(self.tr("Interlocuteur"))
        self.contact_box.currentIndexChanged.connect(self.on_contact_box_current_index_changed)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenLabel")
        form = QFormLayout()
        form.addRow(self.tr("Interlocuteur chez le partenaire sélectionné"), self.contact_box)
        form.addRow("", self.chosen_label)

        self.create_button = QPushButton(self.tr("Mettre en relation"))
        self.create_button.setObjectName("createButton")
        self.create_button.clicked.connect(self.on_create_button_clicked)
        self.letters_button = QPushButton(self.tr("Mettre en relation et préparer les courriers"))
        self.letters_button.setObjectName("createAndLettersButton")
        self.letters_button.setDefault(True)
        self.letters_button.clicked.connect(self.on_letters_button_clicked)
        cancel = QPushButton(self.tr("Annuler"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.letters_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.consent_warning)
        layout.addWidget(QLabel(self.tr("<b>Partenaires suggérés</b> (cochez un ou plusieurs)")))
        layout.addWidget(self.view, 1)
        other_row = QHBoxLayout()
        other_row.addWidget(self.other_edit, 1)
        other_row.addWidget(self.other_status)
        layout.addLayout(other_row)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.model.dataChanged.connect(self.on_model_data_changed)
        self.context: NeedContext | None = None
        self.load()

    def load(self) -> None:
        context = attempt(self, lambda: self.suggestion_service.for_need(self.need_id))
        if context is None:
            self.summary.setText(self.tr("Ce besoin est introuvable."))
            self._update_buttons()
            return
        self.context = context
        description = (
            f"<br><i>{escape(context.description)}</i>" if context.description.strip() else ""
        )
        self.summary.setText(
            f"<b>{escape(context.inquiry_reference)}</b> — {escape(context.company)}<br>"
            f"{escape(context.theme)} › {escape(context.subject)}{description}"
        )
        self.consent_warning.setText(context.consent_message)
        self.consent_warning.setVisible(not context.consent)
        self.model.set_suggestions(context.suggestions)
        self.view.setColumnWidth(0, 300)
        self.view.setColumnWidth(1, 90)
        self.view.setColumnWidth(2, 150)
        self.view.resizeRowsToContents()
        if context.suggestions:
            self.view.selectRow(0)
        self._update_buttons()

    # -- slots ---------------------------------------------------------------------------------
    def on_other_edit_return_pressed(self) -> None:
        """Search the directory for another partner, off the GUI thread."""
        text = self.other_edit.text()
        self._other_sequence += 1
        sequence, service, need_id = self._other_sequence, self.suggestion_service, self.need_id
        if not text.strip():
            self._other_answered = sequence
            self.other_status.clear()
            return
        self.other_status.setText(self.tr("Recherche…"))

        def work(_control: TaskControl) -> tuple[int, list[Suggestion]]:
            return sequence, service.search_other(need_id, text)

        self.other_task = run_task(
            work,
            on_success=self.on_other_search_done,
            on_error=lambda exc: self.on_other_search_failed(sequence, exc),
            parent=self,
        )

    def is_searching(self) -> bool:
        """True while the newest free search has not answered."""
        return self._other_answered != self._other_sequence

    def on_other_search_failed(self, sequence: int, exc: BaseException) -> None:
        if sequence != self._other_sequence:
            return
        self._other_answered = sequence
        self.other_status.clear()
        show_task_error(self, exc)

    def on_other_search_done(self, answer: tuple[int, list[Suggestion]]) -> None:
        sequence, found = answer
        if sequence != self._other_sequence:
            return  # the counsellor searched again meanwhile
        self._other_answered = sequence
        self.other_status.setText(
            self.tr("%n trouvé(s)", "", len(found)) if found else self.tr("Aucun organisme trouvé")
        )
        if not found or self.context is None:
            return
        known = {s.organization_id for s in self.model.checked()}
        keep = [s for s in self.context.suggestions if s.source != "search"]
        present = {s.organization_id for s in keep}
        extra = [s for s in found if s.organization_id not in present]
        checked_ids = known
        self.model.set_suggestions(extra + keep)
        for row in range(self.model.rowCount()):
            suggestion = self.model.suggestion(row)
            if suggestion is not None and suggestion.organization_id in checked_ids:
                self.model.set_checked(row, True)
        self.view.resizeRowsToContents()
        if extra:
            self.view.selectRow(0)

    def selected_suggestion(self) -> Suggestion | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.suggestion(rows[0].row()) if rows else None

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Rows fit their wrapped « Pourquoi » at the width the dialog really gives it: a few
        rows resized before the dialog was laid out would otherwise keep a narrow column's
        height."""
        super().resizeEvent(event)
        # once the table has stretched its last column to the new width
        QTimer.singleShot(0, self.view, self.view.resizeRowsToContents)

    def on_view_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        suggestion = self.selected_suggestion()
        self.contact_box.blockSignals(True)
        self.contact_box.clear()
        if suggestion is not None:
            self.contact_box.addItem(self.tr("(accueil de l'organisme)"), None)
            for contact in suggestion.contacts:
                text = contact.name + (f" — {contact.role}" if contact.role else "")
                self.contact_box.addItem(text, contact.id)
            current = self.model.contact_for(suggestion.organization_id)
            self.contact_box.setCurrentIndex(max(self.contact_box.findData(current), 0))
        self.contact_box.setEnabled(suggestion is not None)
        self.contact_box.blockSignals(False)

    def on_contact_box_current_index_changed(self, _index: int) -> None:
        suggestion = self.selected_suggestion()
        if suggestion is not None:
            self.model.set_contact(suggestion.organization_id, self.contact_box.currentData())

    def on_model_data_changed(self, *_: object) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.model.checked()
        allowed = bool(chosen) and self.context is not None and self.context.consent
        self.create_button.setEnabled(allowed)
        self.letters_button.setEnabled(allowed)
        self.chosen_label.setText(
            self.tr("%n partenaire(s) choisi(s) : ", "", len(chosen))
            + ", ".join(s.name for s in chosen)
            if chosen
            else self.tr("Aucun partenaire choisi.")
        )

    def create_referrals(self) -> list[ReferralRow] | None:
        choices = [
            ReferralChoice(s.organization_id, self.model.contact_for(s.organization_id), s.reason)
            for s in self.model.checked()
        ]
        created = attempt(self, lambda: ReferralService(self.ctx.db).create(self.need_id, choices))
        if created is not None:
            self.created = created
            self.referrals_created.emit([row.id for row in created])
        return created

    def on_create_button_clicked(self) -> None:
        if self.create_referrals() is not None:
            self.accept()

    def on_letters_button_clicked(self) -> None:
        created = self.create_referrals()
        if created is None:
            return
        from guichet.ui.dialogs.letters_dialog import LettersDialog

        self.accept()
        LettersDialog(self.ctx, [row.id for row in created], self.parentWidget()).exec()

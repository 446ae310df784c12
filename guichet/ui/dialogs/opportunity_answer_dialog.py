"""A member's answer to a relayed opportunity, typed without the mouse.

The six answers are radio buttons with their digit as shortcut (Alt+1 … Alt+6, or the digit
alone when the list has the focus); the reason (« pas intéressé ») or the partners
(« candidat en groupement ») is asked only when it is needed; Ctrl+Entrée saves.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from guichet.models import AnswerStatus, label
from guichet.services.opportunity_followup import AnswerInput, RelayedMember, record_answer
from guichet.services.opportunity_views import GroupementView

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import accept_cancel_buttons
from guichet.ui.feedback import attempt
from guichet.ui.unsaved import confirm_dialog_discard

STATUSES = tuple(AnswerStatus)
NEEDS_REASON = {AnswerStatus.NOT_INTERESTED: "Raison", AnswerStatus.GROUP_CANDIDATE: "Avec qui"}


class OpportunityAnswerDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        opportunity_id: int,
        members: Sequence[RelayedMember],
        current: int | None = None,
        groupements: Sequence[GroupementView] = (),
        parent: QWidget | None = None,
        *,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.opportunity_id, self.now = ctx, opportunity_id, now
        self.setObjectName("opportunityAnswerDialog")
        self.setWindowTitle(self.tr("Réponse d'un adhérent"))
        self.member_box = QComboBox()
        self.member_box.setObjectName("answerMemberBox")
        for member in members:
            self.member_box.addItem(
                f"{member.organization} — {member.status_label}", member.organization_id
            )
        if current is not None:
            self.member_box.setCurrentIndex(max(self.member_box.findData(current), 0))
        self.group = QButtonGroup(self)
        self.status_buttons: list[QRadioButton] = []
        statuses = QVBoxLayout()
        for number, status in enumerate(STATUSES, start=1):
            button = QRadioButton(f"&{number} {self.tr(label(status))}")
            button.setObjectName(f"answer_{status.value}")
            self.group.addButton(button, number - 1)
            self.status_buttons.append(button)
            statuses.addWidget(button)
        self.status_buttons[0].setChecked(True)
        self.group.idToggled.connect(self.on_group_id_toggled)
        self.groupement_box = QComboBox()
        self.groupement_box.setObjectName("answerGroupementBox")
        set_name(self.groupement_box, self.tr("Groupement"))
        self.groupement_box.addItem(self.tr("(aucun groupement enregistré)"), None)
        for groupement in groupements:
            names = ", ".join(m.organization for m in groupement.members)
            self.groupement_box.addItem(names, groupement.id)
        self.reason_label = QLabel(self.tr("Note"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("answerReasonEdit")
        self.reason_label.setBuddy(self.reason_edit)
        self.groupement_label = QLabel(self.tr("&Groupement"))
        self.groupement_label.setBuddy(self.groupement_box)
        form = QFormLayout()
        form.addRow(self.tr("&Adhérent"), self.member_box)
        form.addRow(self.tr("Réponse"), statuses)
        form.addRow(self.groupement_label, self.groupement_box)
        form.addRow(self.reason_label, self.reason_edit)
        buttons, _ = accept_cancel_buttons(
            self, self.on_buttons_accepted, self.tr("Enregistrer"), "saveAnswerButton"
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.on_group_id_toggled(0, True)

    def status(self) -> AnswerStatus:
        return STATUSES[max(self.group.checkedId(), 0)]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A digit picks the answer when the focus is not in a text field."""
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(STATUSES) and not self.reason_edit.hasFocus():
            self.status_buttons[int(text) - 1].setChecked(True)
            return
        super().keyPressEvent(event)

    def on_group_id_toggled(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        status = self.status()
        asked = NEEDS_REASON.get(status)
        self.reason_label.setText(self.tr(asked) + " *" if asked else self.tr("Note"))
        set_name(self.reason_edit, self.tr(asked or "Note"))
        grouped = status == AnswerStatus.GROUP_CANDIDATE
        self.groupement_box.setEnabled(grouped and self.groupement_box.count() > 1)
        if status == AnswerStatus.GROUP_CANDIDATE:
            self.reason_edit.setPlaceholderText(
                self.tr("Partenaires du groupement, si non enregistré")
            )
        elif status == AnswerStatus.NOT_INTERESTED:
            self.reason_edit.setPlaceholderText(self.tr("Plan de charge, hors métier, délai…"))
        else:
            self.reason_edit.setPlaceholderText("")

    def answer(self) -> AnswerInput:
        status = self.status()
        group = (
            self.groupement_box.currentData() if status == AnswerStatus.GROUP_CANDIDATE else None
        )
        return AnswerInput(
            organization_id=int(self.member_box.currentData()),
            status=status,
            reason=self.reason_edit.text(),
            groupement_id=group,
        )

    def has_unsaved_changes(self) -> bool:
        return bool(self.reason_edit.text().strip())

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_buttons_accepted(self) -> None:
        if self.member_box.currentData() is None:
            return
        data = self.answer()
        if attempt(
            self,
            lambda: record_answer(self.ctx.db, self.opportunity_id, data, now=self.now),
        ):
            self.accept()

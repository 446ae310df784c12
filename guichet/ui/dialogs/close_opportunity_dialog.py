"""Close an opportunity with its outcome: attributed (to a member or a groupement, for a lot
or the whole, for how much) or « sans suite »."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guichet.models import OpportunityOutcome
from guichet.services.opportunity_followup import AwardInput, RelayedMember, close_opportunity
from guichet.services.opportunity_views import GroupementView, LotView

from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import accept_cancel_buttons
from guichet.ui.feedback import attempt
from guichet.ui.unsaved import confirm_dialog_discard

MAX_AMOUNT = 2_000_000_000


class CloseOpportunityDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        opportunity_id: int,
        version: int | None,
        members: Sequence[RelayedMember],
        groupements: Sequence[GroupementView] = (),
        lots: Sequence[LotView] = (),
        parent: QWidget | None = None,
        *,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.opportunity_id, self.version, self.now = ctx, opportunity_id, version, now
        self.setObjectName("closeOpportunityDialog")
        self.setWindowTitle(self.tr("Clore l'opportunité"))
        self.awarded = QRadioButton(self.tr("&Attribuée"))
        self.awarded.setObjectName("awardedRadio")
        self.awarded.setChecked(True)
        self.no_follow_up = QRadioButton(self.tr("&Sans suite"))
        self.no_follow_up.setObjectName("noFollowUpRadio")
        self.awarded.toggled.connect(self.on_awarded_toggled)
        self.winner_box = QComboBox()
        self.winner_box.setObjectName("winnerBox")
        for member in members:
            self.winner_box.addItem(member.organization, f"org:{member.organization_id}")
        for groupement in groupements:
            names = ", ".join(m.organization for m in groupement.members)
            self.winner_box.addItem(self.tr("Groupement : ") + names, f"group:{groupement.id}")
        self.lot_box = QComboBox()
        self.lot_box.setObjectName("awardLotBox")
        self.lot_box.addItem(self.tr("Toute l'opportunité"), None)
        for lot in lots:
            self.lot_box.addItem(f"Lot {lot.number} : {lot.title}", lot.id)
        self.amount_box = QSpinBox()
        self.amount_box.setObjectName("awardAmountBox")
        self.amount_box.setRange(0, MAX_AMOUNT)
        self.amount_box.setSingleStep(1000)
        self.amount_box.setGroupSeparatorShown(True)
        self.amount_box.setSuffix(" €")
        self.amount_box.setSpecialValueText(self.tr("montant inconnu"))
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("outcomeNoteEdit")
        form = QFormLayout()
        form.addRow(self.tr("Issue"), self.awarded)
        form.addRow("", self.no_follow_up)
        form.addRow(self.tr("A&ttribuée à"), self.winner_box)
        form.addRow(self.tr("&Lot"), self.lot_box)
        form.addRow(self.tr("&Montant"), self.amount_box)
        form.addRow(self.tr("&Note"), self.note_edit)
        buttons, _ = accept_cancel_buttons(
            self, self.on_buttons_accepted, self.tr("Clore"), "closeOpportunityButton"
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.on_awarded_toggled(True)

    def on_awarded_toggled(self, _checked: bool) -> None:
        awarded = self.awarded.isChecked()
        for widget in (self.winner_box, self.lot_box, self.amount_box):
            widget.setEnabled(awarded and self.winner_box.count() > 0)

    def awards(self) -> list[AwardInput]:
        if not self.awarded.isChecked() or self.winner_box.currentData() is None:
            return []
        kind, _, number = str(self.winner_box.currentData()).partition(":")
        key = int(number)
        amount = self.amount_box.value() or None
        lot = self.lot_box.currentData()
        if kind == "group":
            return [AwardInput(groupement_id=key, lot_id=lot, amount=amount)]
        return [AwardInput(organization_id=key, lot_id=lot, amount=amount)]

    def has_unsaved_changes(self) -> bool:
        return bool(self.note_edit.text().strip() or self.amount_box.value())

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_buttons_accepted(self) -> None:
        outcome = (
            OpportunityOutcome.AWARDED
            if self.awarded.isChecked()
            else OpportunityOutcome.NO_FOLLOW_UP
        )
        awards = self.awards()

        def close() -> bool:
            close_opportunity(
                self.ctx.db,
                self.opportunity_id,
                outcome,
                awards,
                note=self.note_edit.text(),
                version=self.version,
                now=self.now,
            )
            return True

        if attempt(self, close):
            self.accept()

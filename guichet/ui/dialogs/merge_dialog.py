"""Merge two organizations: both records side by side, one choice per differing field.

Everything linked to the removed record (contacts, inquiries, referrals, memberships, letters,
routing rules, skills) moves to the kept one in one transaction, written into the audit trail.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.services.duplicates import (
    MOVED_LABELS,
    FieldComparison,
    MergeResult,
    compare,
    linked_counts,
    merge_organizations,
)

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.theme import set_themed_style


def _plain(text: str, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class MergeDialog(QDialog):
    def __init__(
        self, ctx: AppContext, first_id: int, second_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ids = (first_id, second_id)
        self.result_: MergeResult | None = None
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Fusionner deux fiches"))
        fit_to_screen(self, (900, 640))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                self.tr(
                    "Choisissez la fiche à conserver, puis pour chaque information qui diffère "
                    "la valeur à garder. Contacts, demandes, mises en relation, adhésions, "
                    "courriers et savoir-faire des deux fiches seront réunis sur la fiche "
                    "conservée ; l'autre sera supprimée."
                )
            )
        )
        self.keep_group = QButtonGroup(self)
        self.keep_group.setObjectName("keepGroup")
        head = QGridLayout()
        head.addWidget(_plain(self.tr("Conserver")), 0, 0)
        self.keep_radios: list[QRadioButton] = []
        self.count_labels: list[QLabel] = []
        for side in (0, 1):
            radio = QRadioButton()
            radio.setObjectName(f"keepRadio{side}")
            self.keep_group.addButton(radio, side)
            self.keep_radios.append(radio)
            head.addWidget(radio, 0, side + 1)
            counts = _plain("", f"linkedCounts{side}")
            self.count_labels.append(counts)
            head.addWidget(counts, 1, side + 1)
        head.setColumnStretch(1, 1)
        head.setColumnStretch(2, 1)
        layout.addLayout(head)
        self.keep_radios[0].setChecked(True)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.fields_widget = QWidget()
        self.grid = QGridLayout(self.fields_widget)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        scroll.setWidget(self.fields_widget)
        layout.addWidget(scroll, 1)
        self.same_label = _plain("", "identicalFields")
        set_themed_style(self.same_label, "color: $muted;")
        layout.addWidget(self.same_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.merge_button = buttons.addButton(
            self.tr("Fusionner…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setObjectName("mergeButton")
        buttons.accepted.connect(self.on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field_groups: dict[str, QButtonGroup] = {}
        self.rows: list[FieldComparison] = []
        self._build()

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        first, second = self.ids
        self.rows = compare(self.ctx.db, first, second)
        names = {r.field: r for r in self.rows}["legal_name"]
        for side, text in enumerate((names.keep_text, names.remove_text)):
            self.keep_radios[side].setText(
                self.tr("Fiche n° %1 : %2").replace("%1", str(self.ids[side])).replace("%2", text)
            )
            counts = linked_counts(self.ctx.db, self.ids[side])
            moved = [f"{n} {MOVED_LABELS[k]}" for k, n in counts.items() if n]
            self.count_labels[side].setText(", ".join(moved) or self.tr("aucun lien"))
        for group in self.field_groups.values():
            group.deleteLater()
        self.field_groups.clear()
        row_number = 0
        for row in self.rows:
            if not row.differs:
                continue
            group = QButtonGroup(self)
            group.setObjectName(f"choice_{row.field}")
            self.grid.addWidget(_plain(self.tr(row.label)), row_number, 0)
            for side, text in enumerate((row.keep_text, row.remove_text)):
                shown = text if len(text) <= 70 else text[:69] + "…"
                radio = QRadioButton(shown or self.tr("(vide)"))
                radio.setToolTip(text)
                radio.setObjectName(f"choice_{row.field}_{side}")
                # heard as « SIRET : 959 411 133 83260 », not as a bare number
                set_name(radio, f"{self.tr(row.label)} : {text or self.tr('(vide)')}")
                group.addButton(radio, side)
                self.grid.addWidget(radio, row_number, side + 1)
            preferred = 0 if row.keep_text or not row.remove_text else 1
            group.button(preferred).setChecked(True)
            self.field_groups[row.field] = group
            row_number += 1
        same = [self.tr(r.label) for r in self.rows if not r.differs and r.keep_text]
        self.same_label.setText(
            self.tr("Identiques : %1").replace("%1", ", ".join(same)) if same else ""
        )

    # -- choices -------------------------------------------------------------------------------
    def kept_side(self) -> int:
        return max(self.keep_group.checkedId(), 0)

    def choose(self, field: str, side: int) -> None:
        """Take ``field`` from the first (0) or second (1) record."""
        self.field_groups[field].button(side).setChecked(True)

    def field_choices(self) -> dict[str, str]:
        # Field choices name a record (first/second), so switching the kept one keeps them.
        kept = self.kept_side()
        return {
            field: "keep" if group.checkedId() == kept else "remove"
            for field, group in self.field_groups.items()
        }

    # -- slots ---------------------------------------------------------------------------------
    def on_buttons_accepted(self) -> None:
        kept = self.kept_side()
        keep_id, remove_id = self.ids[kept], self.ids[1 - kept]
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Fusionner"),
            self.tr(
                "Fusionner la fiche n° %1 dans la fiche n° %2 ? La fiche n° %1 sera supprimée "
                "après que tout ce qui s'y rattache a été déplacé. La fusion est inscrite au "
                "journal des modifications."
            )
            .replace("%1", str(remove_id))
            .replace("%2", str(keep_id)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirmMergeBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            self.result_ = merge_organizations(
                self.ctx.db, keep_id, remove_id, self.field_choices()
            )
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.accept()

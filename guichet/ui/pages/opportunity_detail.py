"""One opportunity beside the list: its summary, lots with their matches and proposed
groupements, its documents and its groupements; « Modifier », documents and groupements act here.

``relay_actions`` is the row where the relay and follow-up actions plug in (« Relayer »…).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.models import label
from guichet.services.groupement_proposals import Proposal
from guichet.services.groupements import delete_groupement
from guichet.services.opportunities import add_document, remove_document
from guichet.services.opportunity_matches import OpportunityMatches, find_matches
from guichet.services.opportunity_views import OpportunityDetail, get_opportunity
from guichet.services.permissions import Permission

from guichet.ui.accessibility import label_field, set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.groupement_dialog import GroupementDialog
from guichet.ui.dialogs.opportunity_dialog import OpportunityDialog
from guichet.ui.feedback import attempt, show_error, show_task_error
from guichet.ui.file_dialogs import FileKind, open_file_name
from guichet.ui.pages.opportunity_followup_panel import OpportunityFollowUpPanel
from guichet.ui.pages.opportunity_matches_view import MatchDetails, MatchesTree
from guichet.ui.permission_gate import gate
from guichet.ui.tasks import Task, TaskControl, run_task

ID_ROLE = 0x0100


def _day(value: object) -> str:
    return f"{value:%d/%m/%Y %H:%M}" if value is not None else "—"


def _euros(value: int | None) -> str:
    return f"{value:,} €".replace(",", " ") if value else "non estimée"


class OpportunityDetailPanel(QWidget):
    """Emits :attr:`changed` with the opportunity's id after anything saved here."""

    changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: OpportunityDetail | None = None
        self.task: Task | None = None
        self.setObjectName("opportunityDetail")
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("opportunityHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        actions = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Modifier…"))
        self.edit_button.setObjectName("editOpportunityButton")
        self.edit_button.clicked.connect(self.on_edit_button_clicked)
        actions.addWidget(self.edit_button)
        #: the relay branch's actions (« Relayer », answers) go in this row
        self.relay_actions = QHBoxLayout()
        self.relay_actions.setObjectName("opportunityRelayActions")
        actions.addLayout(self.relay_actions)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("opportunityTabs")
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._matches_tab(), self.tr("Lots et correspondances"))
        self.tabs.addTab(self._groupements_tab(), self.tr("Groupements"))
        self.tabs.addTab(self._documents_tab(), self.tr("Documents"))
        self.followup = OpportunityFollowUpPanel(ctx, actions=self.relay_actions)
        self.followup.changed.connect(self._changed)
        self.tabs.addTab(self.followup, self.tr("Relais et réponses"))
        self.show_detail(None)

    def _matches_tab(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        row = QVBoxLayout()  # stacked: the page stays narrow enough for a small window
        self.directory_box = QCheckBox(self.tr("Inclure les entreprises de l'annuaire hors réseau"))
        self.directory_box.setObjectName("matchesIncludeDirectory")
        self.directory_box.toggled.connect(lambda _on: self.load_matches())
        self.build_button = QPushButton(self.tr("Constituer ce groupement…"))
        self.build_button.setObjectName("buildProposedGroupement")
        self.build_button.clicked.connect(self.on_build_button_clicked)
        row.addWidget(self.directory_box)
        row.addWidget(self.build_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(row)
        self.tree = MatchesTree()
        self.tree.currentItemChanged.connect(lambda *_a: self.update_buttons())
        self.match_details = MatchDetails(self.tree)
        why = QLabel(self.tr("Pourquoi (ligne choisie) :"))
        label_field(why, self.match_details)
        lower = QWidget()  # the reason under the tree; the splitter gives it more room
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(why)
        lower_layout.addWidget(self.match_details)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("matchesSplitter")
        split.setChildrenCollapsible(False)
        split.addWidget(self.tree)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        return box

    def _groupements_tab(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.groupement_list = QListWidget()
        self.groupement_list.setObjectName("opportunityGroupements")
        self.groupement_list.setWordWrap(True)
        set_name(self.groupement_list, self.tr("Groupements constitués"))
        self.groupement_list.currentRowChanged.connect(lambda _r: self.update_buttons())
        layout.addWidget(self.groupement_list, 1)
        row = QHBoxLayout()
        self.new_groupement_button = QPushButton(self.tr("Nouveau…"))
        self.new_groupement_button.setObjectName("newGroupementButton")
        set_name(self.new_groupement_button, self.tr("Nouveau groupement"))
        self.edit_groupement_button = QPushButton(self.tr("Modifier…"))
        self.edit_groupement_button.setObjectName("editGroupementButton")
        set_name(self.edit_groupement_button, self.tr("Modifier le groupement"))
        self.delete_groupement_button = QPushButton(self.tr("Supprimer"))
        self.delete_groupement_button.setObjectName("deleteGroupementButton")
        set_name(self.delete_groupement_button, self.tr("Supprimer le groupement"))
        from guichet.ui.pages.opportunity_membership import WinnersMembershipButton

        self.winners_button = WinnersMembershipButton(self.ctx)  # the winners join the network
        for button in (
            self.new_groupement_button,
            self.edit_groupement_button,
            self.delete_groupement_button,
            self.winners_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.new_groupement_button.clicked.connect(lambda: self.open_groupement(None))
        self.edit_groupement_button.clicked.connect(self.on_edit_groupement_button_clicked)
        self.delete_groupement_button.clicked.connect(self.on_delete_groupement_button_clicked)
        gate(self.delete_groupement_button, self.ctx, Permission.DELETE)
        return box

    def _documents_tab(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.document_list = QListWidget()
        self.document_list.setObjectName("opportunityDocuments")
        set_name(self.document_list, self.tr("Documents de la consultation"))
        self.document_list.currentRowChanged.connect(lambda _r: self.update_buttons())
        layout.addWidget(self.document_list, 1)
        row = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Joindre un document…"))
        self.attach_button.setObjectName("attachOpportunityDocument")
        self.remove_document_button = QPushButton(self.tr("Retirer le document"))
        self.remove_document_button.setObjectName("removeOpportunityDocument")
        row.addWidget(self.attach_button)
        row.addWidget(self.remove_document_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.attach_button.clicked.connect(self.on_attach_button_clicked)
        self.remove_document_button.clicked.connect(self.on_remove_document_button_clicked)
        return box

    # -- showing -----------------------------------------------------------------------------

    def show_opportunity(self, opportunity_id: int | None) -> None:
        detail = None
        if opportunity_id is not None:
            detail = attempt(self, lambda: get_opportunity(self.ctx.db, opportunity_id))
        self.show_detail(detail)

    def show_detail(self, detail: OpportunityDetail | None) -> None:
        self.detail = detail
        self.followup.show_opportunity(detail)
        self.document_list.clear()
        self.groupement_list.clear()
        self.winners_button.show_opportunity(detail.id if detail is not None else None)
        if detail is None:
            self.heading.setText(
                self.tr("Choisissez une opportunité dans la liste, ou créez-en une.")
            )
            self.tree.clear()
            self.update_buttons()
            return
        status = label(detail.status)
        if detail.outcome is not None:
            status += " — " + label(detail.outcome)
        self.heading.setText(
            self.tr(
                "<b>%1</b><br>%2 · %3 · acheteur : %4<br>reçue le %5 · réponse avant le %6"
                " · valeur : %7"
            )
            .replace("%1", _escape(detail.title))
            .replace("%2", label(detail.source))
            .replace("%3", status)
            .replace("%4", _escape(detail.buyer or "non précisé"))
            .replace("%5", _day(detail.received_at))
            .replace("%6", _day(detail.answer_deadline))
            .replace("%7", _euros(detail.estimated_value))
        )
        for document in detail.documents:
            item = QListWidgetItem(
                f"{document.file_name} ({document.size:,} octets)".replace(",", " ")
            )
            item.setData(ID_ROLE, document.id)
            self.document_list.addItem(item)
        for groupement in detail.groupements:
            members = "\n".join(
                f"  • {m.organization} : lot {', '.join(str(n) for n in m.lot_numbers) or '—'}"
                for m in groupement.members
            )
            text = f"{label(groupement.form)} — mandataire {groupement.mandataire}\n{members}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, groupement.id)
            self.groupement_list.addItem(item)
        self.load_matches()
        self.update_buttons()

    def load_matches(self) -> None:
        if self.detail is None:
            return
        opportunity_id, directory = self.detail.id, self.directory_box.isChecked()
        self.tree.show_message(self.tr("Recherche des entreprises…"))
        if self.task is not None:
            self.task.cancel()

        def work(control: TaskControl) -> OpportunityMatches:
            result = find_matches(
                self.ctx.db, opportunity_id, include_directory=directory, today=date.today()
            )
            control.check()
            return result

        self.task = run_task(
            work, on_success=self.on_matches_found, on_error=self.on_matches_failed, parent=self
        )

    def on_matches_found(self, result: OpportunityMatches) -> None:
        if self.detail is not None and result.opportunity_id == self.detail.id:
            self.tree.show_matches(result)
            self.update_buttons()

    def on_matches_failed(self, exc: BaseException) -> None:
        self.tree.show_message(self.tr("Les correspondances n'ont pas pu être calculées."))
        show_task_error(self, exc)

    def update_buttons(self) -> None:
        has = self.detail is not None
        for button in (self.edit_button, self.attach_button, self.new_groupement_button):
            button.setEnabled(has)
        self.directory_box.setEnabled(has)
        self.build_button.setEnabled(has and self.tree.current_proposal() is not None)
        self.remove_document_button.setEnabled(has and self.document_list.currentRow() >= 0)
        chosen = has and self.groupement_list.currentRow() >= 0
        self.edit_groupement_button.setEnabled(chosen)
        self.delete_groupement_button.setEnabled(chosen)

    # -- actions -----------------------------------------------------------------------------

    def _changed(self) -> None:
        if self.detail is not None:
            opportunity_id = self.detail.id
            self.show_opportunity(opportunity_id)
            self.changed.emit(opportunity_id)

    def on_edit_button_clicked(self) -> None:
        if self.detail is None:
            return
        dialog = OpportunityDialog(self.ctx, self.detail, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed()

    def on_build_button_clicked(self) -> None:
        proposal = self.tree.current_proposal()
        if self.detail is not None and proposal is not None:
            self.open_groupement(None, proposal)

    def open_groupement(self, groupement_id: int | None, proposal: Proposal | None = None) -> None:
        if self.detail is None:
            return
        existing = next((g for g in self.detail.groupements if g.id == groupement_id), None)
        dialog = GroupementDialog(
            self.ctx,
            self.detail,
            proposal=proposal,
            existing=existing,
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.tabs.setCurrentIndex(1)
            self._changed()

    def _current_id(self, widget: QListWidget) -> int | None:
        item = widget.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def on_edit_groupement_button_clicked(self) -> None:
        groupement_id = self._current_id(self.groupement_list)
        if groupement_id is not None:
            self.open_groupement(groupement_id)

    def on_delete_groupement_button_clicked(self) -> None:
        groupement_id = self._current_id(self.groupement_list)
        if groupement_id is None:
            return
        try:
            delete_groupement(self.ctx.db, groupement_id)
        except GuichetError as exc:
            show_error(self, exc)
            return
        self._changed()

    def on_attach_button_clicked(self) -> None:
        if self.detail is None:
            return
        chosen = open_file_name(self, FileKind.ATTACHMENT, self.tr("Joindre un document"))
        if not chosen:
            return
        opportunity_id = self.detail.id
        if (
            attempt(self, lambda: add_document(self.ctx.db, opportunity_id, Path(chosen)))
            is not None
        ):
            self._changed()

    def on_remove_document_button_clicked(self) -> None:
        document_id = self._current_id(self.document_list)
        if document_id is not None:
            try:
                remove_document(self.ctx.db, document_id)
            except GuichetError as exc:
                show_error(self, exc)
                return
            self._changed()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

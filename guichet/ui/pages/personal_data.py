"""« Données personnelles »: what is past its retention period, and « Anonymiser ».

The lists load off the GUI thread; anonymising runs off it too (one transaction) and needs a
responsable (the service refuses a conseiller with a French message). The notice handed at
the desk is printed from here as well as from Fichier.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guichet.services.drafts import draft_path
from guichet.services.personal_data.anonymise import Anonymised
from guichet.services.personal_data.retention import (
    DueContact,
    DueInquiry,
    DueList,
    RetentionService,
)

from guichet.ui.appearance import scale_font
from guichet.ui.context import AppContext
from guichet.ui.feedback import show_task_error
from guichet.ui.rows_view import rows_view
from guichet.ui.search_box import mark_initial_focus
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel, sorting_proxy
from guichet.ui.tasks import Task, run_task

#: Rows of each list on the page: the oldest due (ten years unpurged hold tens of thousands;
#: « Tout anonymiser » takes them all, the count says how many)
SHOWN = 200
#: Rows each table's columns are sized on
MEASURED = 40


def contact_columns(tr: Callable[[str], str]) -> list[Column[DueContact]]:
    return [
        Column(tr("Nom"), lambda r: r.name),
        Column(tr("Organisation"), lambda r: r.organization),
        Column(tr("E-mail"), lambda r: r.email),
        Column(tr("Dernier contact de sa part"), lambda r: r.last_contact.date()),
    ]


def inquiry_columns(tr: Callable[[str], str]) -> list[Column[DueInquiry]]:
    return [
        Column(tr("Demande"), lambda r: r.reference),
        Column(tr("Organisation"), lambda r: r.organization),
        Column(tr("Canal"), lambda r: r.channel),
        Column(tr("Reçue le"), lambda r: r.received_at.date()),
        Column(tr("Close le"), lambda r: r.closed_at.date()),
    ]


def draft_files(ctx: AppContext) -> list[Path]:
    """The intake draft of this database (deleted when it names an anonymised person)."""
    return [draft_path(ctx.paths, ctx.db.url)]


class PersonalDataPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("personalDataPage")
        self.listed: DueList | None = None
        self.task: Task | None = None
        self.done_text = ""  # what the last anonymisation did, shown once the lists reload
        title = QLabel(self.tr("Données personnelles"))
        scale_font(title, 1.35, bold=True)
        self.explain = QLabel()
        self.explain.setObjectName("personalDataExplain")
        self.explain.setWordWrap(True)
        self.contacts: RowsTableModel[DueContact] = RowsTableModel(contact_columns(self.tr), self)
        self.contacts_view = self._table("dueContactsTable", self.contacts)
        self.contacts_view.setAccessibleName(self.tr("Contacts à anonymiser"))
        self.contacts_view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # the oldest first
        self.inquiries: RowsTableModel[DueInquiry] = RowsTableModel(inquiry_columns(self.tr), self)
        self.inquiries_view = self._table("dueInquiriesTable", self.inquiries)
        self.inquiries_view.setAccessibleName(self.tr("Demandes closes à anonymiser"))
        self.inquiries_view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        self.contacts_box = QGroupBox()
        QVBoxLayout(self.contacts_box).addWidget(self.contacts_view)
        self.inquiries_box = QGroupBox()
        QVBoxLayout(self.inquiries_box).addWidget(self.inquiries_view)
        self.selected_button = QPushButton(self.tr("Anonymiser la sélection…"))
        self.selected_button.setObjectName("anonymiseSelectedButton")
        self.selected_button.clicked.connect(self.on_selected_button_clicked)
        self.all_button = QPushButton(self.tr("Tout anonymiser…"))
        self.all_button.setObjectName("anonymiseAllButton")
        self.all_button.clicked.connect(self.on_all_button_clicked)
        self.notice_button = QPushButton(self.tr("Mentions d'information (PDF)…"))
        self.notice_button.setObjectName("noticeButton")
        self.notice_button.clicked.connect(self.on_notice_button_clicked)
        self.status = QLabel()
        self.status.setObjectName("personalDataStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.selected_button, self.all_button, self.notice_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.explain)
        layout.addWidget(self.contacts_box, 3)
        layout.addWidget(self.inquiries_box, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        mark_initial_focus(self.contacts_view)
        self._set_busy(True)
        self.refresh()

    def _table(self, name: str, model: RowsTableModel) -> QTableView:
        # columns sized on the first rows: the whole list (SHOWN rows) was measured at each
        # layout of the page, 130 ms at 100×; cells are elided, their tooltip is whole
        proxy = sorting_proxy(model, self, in_model=True)
        view = rows_view(name, proxy, several=True, measured=MEASURED)
        view.setSortingEnabled(True)
        view.selectionModel().selectionChanged.connect(self._update_buttons)
        return view

    # -- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5, and after an anonymisation: the lists read again, off the GUI thread."""
        if self.task is not None:
            return
        self._set_busy(True)
        self.status.setText(self.tr("Recherche des données à anonymiser…"))
        service = RetentionService(self.ctx.db)
        self.task = run_task(
            lambda _control: service.due(limit=SHOWN),
            on_success=self._loaded,
            on_error=self._failed,
            parent=self,
        )

    def _loaded(self, listed: DueList) -> None:
        self.task = None
        self.listed = listed
        self.contacts_box.setTitle(
            self.tr("Contacts sans contact de leur part depuis le %1 (%2)")
            .replace("%1", f"{listed.contacts_before:%d/%m/%Y}")
            .replace("%2", str(listed.contacts_total))
            + self._oldest(len(listed.contacts), listed.contacts_total)
        )
        self.inquiries_box.setTitle(
            self.tr("Demandes closes le %1 ou avant (%2)")
            .replace("%1", f"{listed.inquiries_before:%d/%m/%Y}")
            .replace("%2", str(listed.inquiries_total))
            + self._oldest(len(listed.inquiries), listed.inquiries_total)
        )
        # the rows after the titles: a title set lays the box out at once, which measured
        # every row of the tables below it again
        self.contacts.set_rows(list(listed.contacts))
        self.inquiries.set_rows(list(listed.inquiries))
        self.explain.setText(
            self.tr(
                "« Anonymiser » remplace les noms, téléphones, e-mails et notes par « Anonymisé », "
                "retire leurs valeurs de l'historique et de la recherche, efface les courriers "
                "archivés qui les nomment (leur envoi reste noté) et garde ce que les statistiques "
                "utilisent (dates, thématique, sujet, canal, commune, NAF, effectif, suites). "
                "Durées : Paramètres › Données personnelles."
            )
        )
        nothing = self.tr("Rien à anonymiser aujourd'hui.") if listed.empty else ""
        self.status.setText(" ".join(t for t in (self.done_text, nothing) if t))
        self.done_text = ""
        self._set_busy(False)

    def _oldest(self, shown: int, total: int) -> str:
        """After a list's title when it holds only the oldest (« Tout anonymiser » takes all)."""
        if shown >= total:
            return ""
        return self.tr(" — les %1 plus ancien(ne)s ci-dessous").replace("%1", str(shown))

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(False)
        self.status.setText("")
        show_task_error(self, exc)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.selected_button, self.all_button):
            button.setEnabled(False)
        if not busy:
            self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        if self.task is not None:
            return
        chosen = bool(self._chosen(self.contacts_view) or self._chosen(self.inquiries_view))
        self.selected_button.setEnabled(chosen)
        self.all_button.setEnabled(self.listed is not None and not self.listed.empty)

    @staticmethod
    def _chosen(view: QTableView) -> list[int]:
        rows = [index.data(ROW_ROLE) for index in view.selectionModel().selectedRows()]
        return [r.id for r in rows if isinstance(r, DueContact | DueInquiry)]

    # -- anonymising -----------------------------------------------------------------------------
    def on_selected_button_clicked(self) -> None:
        self.anonymise(self._chosen(self.contacts_view), self._chosen(self.inquiries_view))

    def on_all_button_clicked(self) -> None:
        """Every due record, listed or not (the lists show the oldest ones only)."""
        listed = self.listed
        if listed is None or listed.empty or self.task is not None:
            return
        if not self.confirm(listed.contacts_total, listed.inquiries_total):
            return
        service = RetentionService(self.ctx.db, draft_files(self.ctx))
        self._start(lambda: service.anonymise_due(listed))

    def confirm(self, contacts: int, inquiries: int) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Anonymiser"),
            self.tr(
                "Anonymiser %1 contact(s) et %2 demande(s) ? Leurs noms, coordonnées et notes "
                "seront remplacés par « Anonymisé », sans retour possible."
            )
            .replace("%1", str(contacts))
            .replace("%2", str(inquiries)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmAnonymise")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Anonymiser"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def anonymise(self, contact_ids: Sequence[int], inquiry_ids: Sequence[int]) -> None:
        if not (contact_ids or inquiry_ids) or self.task is not None:
            return
        if not self.confirm(len(contact_ids), len(inquiry_ids)):
            return
        service = RetentionService(self.ctx.db, draft_files(self.ctx))
        self._start(lambda: service.anonymise(list(contact_ids), list(inquiry_ids)))

    def _start(self, work: Callable[[], Anonymised]) -> None:
        """The anonymisation, off the GUI thread (one transaction)."""
        self._set_busy(True)
        self.status.setText(self.tr("Anonymisation en cours…"))
        self.task = run_task(
            lambda _control: work(),
            on_success=self._anonymised,
            on_error=self._failed,
            parent=self,
        )

    def _anonymised(self, result: Anonymised) -> None:
        self.task = None
        self.done_text = (
            self.tr("%1 contact(s) et %2 demande(s) anonymisés, %3 courrier(s) effacé(s).")
            .replace("%1", str(result.contacts))
            .replace("%2", str(result.inquiries))
            .replace("%3", str(result.letters))
        )
        self.refresh()

    def on_notice_button_clicked(self) -> None:
        from guichet.ui.personal_data_files import save_notice

        save_notice(self, self.ctx)

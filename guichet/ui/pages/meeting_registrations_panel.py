"""A meeting's registrations: register someone by type-ahead (or a new person), tick
attendance with the keyboard (type a name's first letters in the list, Space ticks), add a
walk-in (Alt+V, the name, Entrée), change a status, and « Besoin exprimé » for an attendee."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.models import MeetingStatus, MembershipOrigin, RegistrationStatus, label
from guichet.reference.text import words
from guichet.services.intake import NewContact
from guichet.services.meeting_registrations import (
    PersonChoice,
    RegistrationResult,
    person_choices,
    register,
    set_status,
    toggle_presence,
)
from guichet.services.meetings import Registrant
from guichet.services.memberships import Origin

from guichet.ui.accessibility import announce, label_field, set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.membership_shortcut import propose_membership
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel
from guichet.ui.widgets.contact_field import split_name
from guichet.ui.widgets.status_chip import TONES, use_status_chips
from guichet.ui.widgets.type_ahead import Suggestion, TypeAheadEdit

NEW = "new"
SUGGESTED = 6
TONES.update(
    {
        label(RegistrationStatus.REGISTERED): "info",
        label(RegistrationStatus.WAITING): "progress",
        label(RegistrationStatus.PRESENT): "success",
        label(RegistrationStatus.EXCUSED): "neutral",
        label(RegistrationStatus.ABSENT): "failure",
        label(RegistrationStatus.CANCELLED): "neutral",
        label(MeetingStatus.PLANNED): "info",
        label(MeetingStatus.HELD): "success",
        label(MeetingStatus.CANCELLED): "neutral",
    }
)


def matching(people: list[PersonChoice], text: str) -> list[PersonChoice]:
    terms = words(text)
    if not terms:
        return []
    found = []
    for person in people:
        haystack = words(f"{person.name} {person.organization}")
        if all(any(w.startswith(t) for w in haystack) for t in terms):
            found.append(person)
            if len(found) == SUGGESTED:
                break
    return found


class RegistrationsPanel(QWidget):
    """Emits :attr:`changed` after each change, :attr:`need_requested` with a registration id."""

    changed = Signal()
    need_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.people: list[PersonChoice] | None = None  # loaded on first use
        self.last_message = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        self.add_search = TypeAheadEdit(
            "registrantSearch", self.tr("nom d'une personne ou d'une entreprise…")
        )
        add_label = QLabel(self.tr("&Inscrire"))
        label_field(add_label, self.add_search.line)
        self.walk_in_search = TypeAheadEdit("walkInSearch", self.tr("nom de la personne…"))
        walk_label = QLabel(self.tr("Sur place, sans inscription (Alt+V)"))
        label_field(walk_label, self.walk_in_search.line)
        grid.addWidget(add_label, 0, 0)
        grid.addWidget(self.add_search, 0, 1)
        grid.addWidget(walk_label, 1, 0)
        grid.addWidget(self.walk_in_search, 1, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.model: RowsTableModel[Registrant] = RowsTableModel(
            [
                Column(self.tr("Nom"), lambda r: r.name),
                Column(self.tr("Organisation"), lambda r: r.organization),
                Column(self.tr("Statut"), lambda r: self.tr(r.status_label)),
                Column(self.tr("Note"), lambda r: self._note(r)),
                Column(self.tr("Fonction"), lambda r: r.role),
                Column(self.tr("Inscrit le"), lambda r: r.registered_at),
            ],
            self,
        )
        self.view = rows_view("registrationsView", self.model)
        set_name(self.view, self.tr("Inscrits : tapez un nom, Espace coche présent"))
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (0, 1, 4):  # names, organisations and roles share what is left, elided
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        use_status_chips(self.view)
        self.view.installEventFilter(self)
        hint = QLabel(
            self.tr(
                "Pointage : dans la liste, tapez le début d'un nom puis Espace pour cocher "
                "« présent »."
            )
        )
        hint.setObjectName("attendanceHint")
        hint.setWordWrap(True)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        buttons = QHBoxLayout()
        self.present_button = QPushButton(self.tr("Présent (Espace)"))
        self.excused_button = QPushButton(self.tr("Excusé"))
        self.absent_button = QPushButton(self.tr("Absent"))
        self.cancel_button = QPushButton(self.tr("Désinscrire"))
        self.need_button = QPushButton(self.tr("Besoin exprimé…"))
        self.join_button = QPushButton(self.tr("Proposer l'adhésion…"))
        for name, button in (
            ("presentButton", self.present_button),
            ("excusedButton", self.excused_button),
            ("absentButton", self.absent_button),
            ("cancelRegistrationButton", self.cancel_button),
            ("needButton", self.need_button),
            ("proposeMembershipButton", self.join_button),
        ):
            button.setObjectName(name)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for button, tip in (
            (self.present_button, self.tr("Coche ou décoche « présent » (Espace dans la liste)")),
            (self.excused_button, self.tr("Absent excusé")),
            (
                self.cancel_button,
                self.tr("Annule l'inscription ; la place va au premier en attente"),
            ),
            (self.need_button, self.tr("Ouvre une nouvelle demande pour cette personne (Ctrl+E)")),
            (
                self.join_button,
                self.tr("L'entreprise de ce participant adhère au réseau, amenée par la réunion"),
            ),
        ):
            button.setToolTip(tip)
            set_name(button, button.text().replace("…", "") + " — " + tip)
        self.add_search.text_edited.connect(self.on_add_search_text_edited)
        self.add_search.picked.connect(self.on_add_search_picked)
        self.walk_in_search.text_edited.connect(self.on_walk_in_search_text_edited)
        self.walk_in_search.picked.connect(self.on_walk_in_search_picked)
        self.present_button.clicked.connect(self.toggle_current)
        self.excused_button.clicked.connect(lambda: self.set_current(RegistrationStatus.EXCUSED))
        self.absent_button.clicked.connect(lambda: self.set_current(RegistrationStatus.ABSENT))
        self.cancel_button.clicked.connect(lambda: self.set_current(RegistrationStatus.CANCELLED))
        self.need_button.clicked.connect(self.request_need)
        self.join_button.clicked.connect(self.propose_membership)
        walk_in_key = QShortcut(QKeySequence("Alt+V"), self)
        walk_in_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        walk_in_key.activated.connect(self.walk_in_search.setFocus)
        need_key = QShortcut(QKeySequence("Ctrl+E"), self)
        need_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        need_key.activated.connect(self.request_need)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.update_buttons())
        self.update_buttons()

    # -- public --------------------------------------------------------------------------------
    def show_registrations(self, meeting_id: int | None, rows: tuple[Registrant, ...]) -> None:
        keep = self.current()
        self.meeting_id = meeting_id
        self.model.set_rows(rows)
        ids = [r.registration_id for r in rows]
        if keep is not None and keep.registration_id in ids:
            self.view.setCurrentIndex(self.model.index(ids.index(keep.registration_id), 0))
        self.setEnabled(meeting_id is not None)
        self.update_buttons()

    def current(self) -> Registrant | None:
        row = self.view.currentIndex().data(ROW_ROLE)
        return row if isinstance(row, Registrant) else None

    def reload_people(self) -> None:
        self.people = None

    # -- helpers -------------------------------------------------------------------------------
    def _note(self, row: Registrant) -> str:
        if row.waiting_position:
            return self.tr("n° %1 en attente").replace("%1", str(row.waiting_position))
        return self.tr("venu sans inscription") if row.walk_in else ""

    def _people(self) -> list[PersonChoice]:
        if self.people is None:
            self.people = person_choices(self.ctx.db)
        return self.people

    def _suggest(self, edit: TypeAheadEdit, text: str, new_text: str) -> None:
        suggestions = [
            Suggestion(" — ".join(p for p in (c.name, c.organization, c.email) if p), c)
            for c in matching(self._people(), text)
        ]
        if text.strip():
            suggestions.append(Suggestion(new_text.replace("%1", text.strip()), NEW))
        edit.show_suggestions(suggestions)

    def _done(self, result: RegistrationResult | None, edit: TypeAheadEdit | None = None) -> None:
        if result is None:
            return
        if edit is not None:
            edit.set_text("")
        announce(self.view, result.message)
        window = self.window()
        status_bar = getattr(window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(result.message, 8000)
        self.last_message = result.message
        self.changed.emit()

    def update_buttons(self) -> None:
        row = self.current()
        for button in (self.present_button, self.excused_button, self.absent_button):
            button.setEnabled(row is not None and row.status != RegistrationStatus.CANCELLED)
        self.cancel_button.setEnabled(
            row is not None and row.status != RegistrationStatus.CANCELLED
        )
        self.need_button.setEnabled(row is not None)
        self.join_button.setEnabled(
            row is not None
            and row.organization_id is not None
            and row.status == RegistrationStatus.PRESENT
        )

    # -- actions -------------------------------------------------------------------------------
    def toggle_current(self) -> None:
        row = self.current()
        if row is not None:
            self._done(attempt(self, lambda: toggle_presence(self.ctx.db, row.registration_id)))

    def set_current(self, status: RegistrationStatus) -> None:
        row = self.current()
        if row is not None:
            self._done(attempt(self, lambda: set_status(self.ctx.db, row.registration_id, status)))

    def request_need(self) -> None:
        row = self.current()
        if row is not None:
            self.need_requested.emit(row.registration_id)

    def propose_membership(self) -> None:
        """« Proposer l'adhésion… » for the attendee's organisation, brought by this meeting."""
        row = self.current()
        if row is None or row.organization_id is None or self.meeting_id is None:
            return
        origin = Origin(MembershipOrigin.MEETING, self.meeting_id, self.ctx.counsellor_id)
        if propose_membership(self, self.ctx, row.organization_id, row.organization, origin):
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Space and not event.modifiers():
                self.toggle_current()
                return True
        return super().eventFilter(watched, event)

    # -- slots ---------------------------------------------------------------------------------
    def on_add_search_text_edited(self, text: str) -> None:
        self._suggest(self.add_search, text, self.tr("+ Nouvelle personne « %1 »…"))

    def on_add_search_picked(self, data: object) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        if isinstance(data, PersonChoice):
            self._done(
                attempt(self, lambda: register(self.ctx.db, meeting_id, contact_id=data.id)),
                self.add_search,
            )
            return
        from guichet.ui.dialogs.registrant_dialog import RegistrantDialog

        dialog = RegistrantDialog(self.ctx, meeting_id, self.add_search.text(), self)
        if dialog.exec() and dialog.result_ is not None:
            self.reload_people()
            self._done(dialog.result_, self.add_search)

    def on_walk_in_search_text_edited(self, text: str) -> None:
        self._suggest(self.walk_in_search, text, self.tr("+ Nouvelle personne « %1 », sur place"))

    def on_walk_in_search_picked(self, data: object) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        if isinstance(data, PersonChoice):
            action = lambda: register(  # noqa: E731
                self.ctx.db, meeting_id, contact_id=data.id, walk_in=True
            )
        else:
            civility, first, last = split_name(self.walk_in_search.text())
            person = NewContact(last_name=last, first_name=first, civility=civility)
            action = lambda: register(  # noqa: E731
                self.ctx.db, meeting_id, new_person=person, walk_in=True
            )
            self.reload_people()
        self._done(attempt(self, action), self.walk_in_search)

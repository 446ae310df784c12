"""Create or edit a meeting: what, when, where, who organises it, with whom."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError, ValidationError
from guichet.models import MeetingKind, MeetingStatus, label
from guichet.reference.communes import commune_by_name
from guichet.services.counsellors import CounsellorService
from guichet.services.meetings import (
    MeetingData,
    MeetingDetail,
    SpeakerData,
    create_meeting,
    organizer_choices,
    update_meeting,
)
from guichet.services.taxonomy import load_taxonomy

from guichet.ui.accessibility import set_name
from guichet.ui.combo import add_no_value, combo_value, select_value
from guichet.ui.context import AppContext
from guichet.ui.dialogs.form_errors import FormErrors
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen, set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard
from guichet.ui.widgets.qt_dates import to_qdatetime


def _moment(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value.replace(second=0, microsecond=0)


def speakers_text(speakers: tuple[SpeakerData, ...]) -> str:
    return "\n".join(s.name + (f" — {s.topic}" if s.topic else "") for s in speakers)


def parse_speakers(text: str) -> tuple[SpeakerData, ...]:
    """One speaker a line: « Léa Roux — Le cluster et ses adhérents »."""
    result = []
    for line in text.splitlines():
        if line.strip():
            name, _sep, topic = line.partition("—")
            result.append(SpeakerData(name.strip(), topic=topic.strip() or None))
    return tuple(result)


class MeetingDialog(QDialog):
    def __init__(
        self, ctx: AppContext, detail: MeetingDetail | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.saved_id: int | None = None
        self.setObjectName("meetingDialog")
        self.setWindowTitle(
            self.tr("Modifier la réunion") if detail else self.tr("Nouvelle réunion")
        )
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        layout.addLayout(columns, 1)
        left, right = QFormLayout(), QFormLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.errors = FormErrors()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("meetingTitleEdit")
        self.title_edit.setMaxLength(200)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("meetingKindBox")
        for kind in MeetingKind:
            self.kind_box.addItem(self.tr(label(kind)), kind)
        self.status_box = QComboBox()
        self.status_box.setObjectName("meetingStatusBox")
        for status in MeetingStatus:
            self.status_box.addItem(self.tr(label(status)), status)
        self.start_edit = QDateTimeEdit()
        self.end_edit = QDateTimeEdit()
        for name, edit in (("meetingStart", self.start_edit), ("meetingEnd", self.end_edit)):
            edit.setObjectName(name)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            edit.setCalendarPopup(True)
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setObjectName("meetingCapacity")
        self.capacity_spin.setRange(0, 100_000)
        self.capacity_spin.setSpecialValueText(self.tr("sans limite"))
        self.counsellor_box = QComboBox()
        self.counsellor_box.setObjectName("meetingCounsellor")
        add_no_value(self.counsellor_box, self.tr("(personne)"))
        for counsellor in CounsellorService(ctx.db).list():
            self.counsellor_box.addItem(counsellor.name, counsellor.id)
        self.theme_box = QComboBox()
        self.theme_box.setObjectName("meetingTheme")
        add_no_value(self.theme_box, self.tr("(aucune)"))
        self.themes = load_taxonomy(ctx.db)
        for theme in self.themes:
            self.theme_box.addItem(theme.name, theme.id)
        self.subjects_list = QListWidget()
        self.subjects_list.setObjectName("meetingSubjects")
        set_name(self.subjects_list, self.tr("Sujets de la réunion"))
        set_text_lines(self.subjects_list, 4)
        self.errors.add_row(left, self.tr("Titre *"), self.title_edit, "title")
        self.errors.add_row(left, self.tr("Type"), self.kind_box, "kind")
        self.errors.add_row(left, self.tr("Statut"), self.status_box, "status")
        self.errors.add_row(left, self.tr("Début"), self.start_edit, "start_at")
        self.errors.add_row(left, self.tr("Fin"), self.end_edit, "end_at")
        self.errors.add_row(left, self.tr("Capacité"), self.capacity_spin, "capacity")
        self.errors.add_row(left, self.tr("Conseiller"), self.counsellor_box, "counsellor_id")
        self.errors.add_row(left, self.tr("Thématique"), self.theme_box, "theme_id")
        self.errors.add_row(left, self.tr("Sujets"), self.subjects_list, "subject_ids")
        self.organizers = organizer_choices(ctx.db)
        self.place_box = QComboBox()
        self.place_box.setObjectName("meetingPlace")
        add_no_value(self.place_box, self.tr("(adresse ci-dessous)"))
        for org in self.organizers:
            self.place_box.addItem(org.name, org.id)
        self.place_edits: dict[str, QLineEdit] = {}
        self.errors.add_row(right, self.tr("Lieu"), self.place_box, "place_organization_id")
        for field, caption, limit in (
            ("place_name", self.tr("Salle, nom du lieu"), 200),
            ("place_street", self.tr("Adresse"), 120),
            ("place_postal_code", self.tr("Code postal"), 10),
            ("place_city", self.tr("Commune"), 80),
        ):
            line = QLineEdit()
            line.setObjectName(f"{field}_edit")
            line.setMaxLength(limit)
            self.place_edits[field] = line
            self.errors.add_row(right, caption, line, field)
        self.partners_list = QListWidget()
        self.partners_list.setObjectName("meetingPartners")
        set_name(self.partners_list, self.tr("Co-organisateurs"))
        set_text_lines(self.partners_list, 4)
        for org in self.organizers:
            item = QListWidgetItem(org.name)
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.partners_list.addItem(item)
        self.speakers_edit = QPlainTextEdit()
        self.speakers_edit.setObjectName("meetingSpeakers")
        self.speakers_edit.setTabChangesFocus(True)
        self.speakers_edit.setPlaceholderText(self.tr("Un intervenant par ligne : Nom — sujet"))
        set_text_lines(self.speakers_edit, 3)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("meetingDescription")
        self.description_edit.setTabChangesFocus(True)
        set_text_lines(self.description_edit, 3)
        self.errors.add_row(right, self.tr("Co-organisateurs"), self.partners_list, "partner_ids")
        self.errors.add_row(right, self.tr("Intervenants"), self.speakers_edit, "speakers")
        self.errors.add_row(right, self.tr("Description"), self.description_edit, "description")
        layout.addWidget(save_cancel_buttons(self, self.on_buttons_accepted))
        self.theme_box.currentIndexChanged.connect(lambda _i: self.fill_subjects(()))
        self.start_edit.dateTimeChanged.connect(self.on_start_edit_date_time_changed)
        self.load(detail.data if detail else self.blank())
        self.opened_form = self.form_data()
        fit_to_screen(self, (980, 620))

    @staticmethod
    def blank() -> MeetingData:
        start = (datetime.now() + timedelta(days=14)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        return MeetingData(title="", start_at=start, end_at=start + timedelta(hours=2))

    def fill_subjects(self, checked: tuple[int, ...]) -> None:
        self.subjects_list.clear()
        theme_id = combo_value(self.theme_box)
        for theme in self.themes:
            if theme.id != theme_id:
                continue
            for subject in theme.subjects:
                item = QListWidgetItem(subject.name)
                item.setData(Qt.ItemDataRole.UserRole, subject.id)
                state = Qt.CheckState.Checked if subject.id in checked else Qt.CheckState.Unchecked
                item.setCheckState(state)
                self.subjects_list.addItem(item)

    @staticmethod
    def _checked(widget: QListWidget) -> tuple[int, ...]:
        return tuple(
            int(widget.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        )

    def load(self, data: MeetingData) -> None:
        self.title_edit.setText(data.title)
        select_value(self.kind_box, data.kind)
        select_value(self.status_box, data.status)
        self.start_edit.setDateTime(to_qdatetime(data.start_at))
        self.end_edit.setDateTime(to_qdatetime(data.end_at))
        self.capacity_spin.setValue(data.capacity or 0)
        select_value(self.counsellor_box, data.counsellor_id or self.ctx.counsellor_id)
        select_value(self.theme_box, data.theme_id)
        self.fill_subjects(data.subject_ids)
        select_value(self.place_box, data.place_organization_id)
        for field, line in self.place_edits.items():
            line.setText(getattr(data, field) or "")
        for i in range(self.partners_list.count()):
            item = self.partners_list.item(i)
            chosen = item.data(Qt.ItemDataRole.UserRole) in data.partner_ids
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self.speakers_edit.setPlainText(speakers_text(data.speakers))
        self.description_edit.setPlainText(data.description or "")

    def form_data(self) -> MeetingData:
        places = {field: line.text().strip() or None for field, line in self.place_edits.items()}
        city, postal = places["place_city"], places["place_postal_code"]
        found = commune_by_name(city, postal) if city else None
        data = MeetingData(
            title=self.title_edit.text(),
            start_at=_moment(self.start_edit),
            end_at=_moment(self.end_edit),
            kind=self.kind_box.currentData(),
            status=self.status_box.currentData(),
            capacity=self.capacity_spin.value() or None,
            counsellor_id=combo_value(self.counsellor_box),
            theme_id=combo_value(self.theme_box),
            subject_ids=self._checked(self.subjects_list),
            place_organization_id=combo_value(self.place_box),
            place_commune_insee=found.insee if found else None,
            partner_ids=self._checked(self.partners_list),
            speakers=parse_speakers(self.speakers_edit.toPlainText()),
            description=self.description_edit.toPlainText().strip() or None,
        )
        return replace(data, **places)  # type: ignore[arg-type]

    def has_unsaved_changes(self) -> bool:
        return self.saved_id is None and self.form_data() != self.opened_form

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    def on_start_edit_date_time_changed(self) -> None:
        """Moving the start moves the end with it (same length)."""
        if self.detail is None and _moment(self.end_edit) <= _moment(self.start_edit):
            self.end_edit.setDateTime(self.start_edit.dateTime().addSecs(2 * 3600))

    def on_buttons_accepted(self) -> None:
        self.errors.clear()
        data = self.form_data()
        try:
            if self.detail is None:
                self.saved_id = create_meeting(self.ctx.db, data)
            else:
                update_meeting(self.ctx.db, self.detail.id, data, version=self.detail.version)
                self.saved_id = self.detail.id
        except ValidationError as exc:
            if not self.errors.show(exc):
                show_error(self, exc)
            return
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.accept()

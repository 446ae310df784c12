"""« Public et invitations »: build a meeting's audience from the directory's search and
filters (the directory's own filter panel) or from the attendees of a theme's meetings,
preview it with the people left out and why, untick some, and record the invitations."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guichet.models import label
from guichet.services.meeting_audience import (
    INVITATION_CHANNELS,
    AudiencePreview,
    AudienceQuery,
    preview_audience,
    record_invitations,
)
from guichet.services.taxonomy import load_taxonomy

from guichet.ui.accessibility import announce, set_name
from guichet.ui.combo import add_no_value, combo_value
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt, show_task_error
from guichet.ui.pages.directory_filters import FilterPanel
from guichet.ui.screen_fit import fit_to_screen
from guichet.ui.tasks import TaskControl, run_task
from guichet.ui.unsaved import confirm_discard


class AudienceDialog(QDialog):
    def __init__(
        self, ctx: AppContext, meeting_id: int, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.preview: AudiencePreview | None = None
        self.recorded = 0
        self.setObjectName("audienceDialog")
        self.setWindowTitle(self.tr("Public et invitations — %1").replace("%1", title))
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        form = QFormLayout()
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("audienceText")
        self.text_edit.setPlaceholderText(self.tr("mots de l'annuaire (compétence, commune…)"))
        self.theme_box = QComboBox()
        self.theme_box.setObjectName("audiencePastTheme")
        add_no_value(self.theme_box, self.tr("(non)"))
        for theme in load_taxonomy(ctx.db):
            self.theme_box.addItem(theme.name, theme.id)
        self.channel_box = QComboBox()
        self.channel_box.setObjectName("audienceChannel")
        for channel in INVITATION_CHANNELS:
            self.channel_box.addItem(self.tr(label(channel)), channel)
        form.addRow(self.tr("Recherche"), self.text_edit)
        form.addRow(self.tr("Déjà venus à une réunion sur"), self.theme_box)
        form.addRow(self.tr("Canal"), self.channel_box)
        left.addLayout(form)
        self.filters = FilterPanel(ctx.db)
        scroll = QScrollArea()
        scroll.setObjectName("audienceFiltersScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.filters)
        left.addWidget(scroll, 1)
        self.preview_button = QPushButton(self.tr("&Aperçu du public"))
        self.preview_button.setObjectName("audiencePreviewButton")
        left.addWidget(self.preview_button)
        layout.addLayout(left, 2)
        right = QVBoxLayout()
        self.summary_label = QLabel(self.tr("Choisissez les critères puis « Aperçu du public »."))
        self.summary_label.setObjectName("audienceSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.members_list = QListWidget()
        self.members_list.setObjectName("audienceMembers")
        set_name(self.members_list, self.tr("Personnes à inviter (Espace coche ou décoche)"))
        self.excluded_list = QListWidget()
        self.excluded_list.setObjectName("audienceExcluded")
        set_name(self.excluded_list, self.tr("Personnes exclues et pourquoi"))
        members_label = QLabel(self.tr("&Personnes à inviter"))
        members_label.setBuddy(self.members_list)
        excluded_label = QLabel(self.tr("E&xclues"))
        excluded_label.setBuddy(self.excluded_list)
        right.addWidget(self.summary_label)
        right.addWidget(members_label)
        right.addWidget(self.members_list, 3)
        right.addWidget(excluded_label)
        right.addWidget(self.excluded_list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        self.record_button = QPushButton(self.tr("&Enregistrer les invitations"))
        self.record_button.setObjectName("audienceRecordButton")
        self.record_button.setEnabled(False)
        buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        right.addWidget(buttons)
        layout.addLayout(right, 3)
        self.preview_button.clicked.connect(self.on_preview_button_clicked)
        self.record_button.clicked.connect(self.on_record_button_clicked)
        fit_to_screen(self, (1100, 680))

    def has_unsaved_changes(self) -> bool:
        """A previewed audience whose invitations are not recorded yet."""
        return self.members_list.count() > 0 and self.record_button.isEnabled()

    def confirm_discard(self) -> bool:
        def save() -> bool:
            self.on_record_button_clicked()
            return not self.has_unsaved_changes()

        text = self.tr("Les invitations de l'aperçu ne sont pas enregistrées. Les enregistrer ?")
        return confirm_discard(self, self.windowTitle(), text, save=save)

    def query(self) -> AudienceQuery:
        return AudienceQuery(
            text=self.text_edit.text(),
            filters=self.filters.filters(),
            past_theme_id=combo_value(self.theme_box),
            channel=self.channel_box.currentData(),
        )

    def on_preview_button_clicked(self) -> None:
        query = self.query()
        db, meeting_id = self.ctx.db, self.meeting_id
        self.preview_button.setEnabled(False)
        self.summary_label.setText(self.tr("Recherche du public…"))

        def work(_control: TaskControl) -> AudiencePreview:
            return preview_audience(db, meeting_id, query)

        def failed(exc: BaseException) -> None:
            self.preview_button.setEnabled(True)
            self.summary_label.setText("")
            show_task_error(self, exc)

        run_task(work, on_success=self.show_preview, on_error=failed, parent=self)

    def show_preview(self, preview: AudiencePreview) -> None:
        self.preview = preview
        self.preview_button.setEnabled(True)
        self.members_list.clear()
        self.excluded_list.clear()
        for member in preview.members:
            text = " — ".join(p for p in (member.organization, member.name, member.email) if p)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, member.contact_id)
            item.setCheckState(Qt.CheckState.Checked)
            self.members_list.addItem(item)
        for member in preview.excluded:
            text = " — ".join(p for p in (member.organization, member.name) if p)
            self.excluded_list.addItem(f"{text} : {member.reason}")
        self.summary_label.setText(preview.summary())
        announce(self.summary_label, preview.summary())
        self.record_button.setEnabled(bool(preview.members))

    def chosen(self) -> list[int]:
        return [
            int(self.members_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.members_list.count())
            if self.members_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def on_record_button_clicked(self) -> None:
        chosen = self.chosen()
        channel = self.channel_box.currentData()
        done = attempt(
            self,
            lambda: record_invitations(
                self.ctx.db, self.meeting_id, chosen, channel=channel, sent_on=date.today()
            ),
        )
        if done is None:
            return
        self.recorded += done.recorded
        self.summary_label.setText(done.message())
        announce(self.summary_label, done.message())
        self.record_button.setEnabled(False)
        self.members_list.clear()

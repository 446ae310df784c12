"""Paramètres: the agency's identity (letterhead) and the counsellors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.services.counsellors import CounsellorInfo, CounsellorService
from guichet.services.settings import SettingsService

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.dialogs.settings_accounts import AccountsSettingsTab
from guichet.ui.dialogs.settings_followups import FollowUpSettingsTab
from guichet.ui.dialogs.settings_implantation import ImplantationSettingsTab
from guichet.ui.dialogs.settings_meetings import MeetingSettingsTab
from guichet.ui.dialogs.settings_network import NetworkSettingsTab
from guichet.ui.dialogs.settings_reactivity import ReactivitySettingsTab
from guichet.ui.dialogs.settings_relay import RelaySettingsTab
from guichet.ui.dialogs.settings_report import ReportSettingsTab
from guichet.ui.dialogs.settings_rgpd import PersonalDataSettingsTab
from guichet.ui.dialogs.settings_routing import RoutingSettingsTab
from guichet.ui.dialogs.settings_templates import LetterTemplatesTab
from guichet.ui.dialogs.settings_visits import QuestionnaireTab
from guichet.ui.dialogs.taxonomy_tab import TaxonomyTab
from guichet.ui.feedback import show_error
from guichet.ui.file_dialogs import FileKind, open_file_name
from guichet.ui.screen_fit import fit_to_screen, scaled_pixels, set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard
from guichet.ui.widgets.section_list import sections_beside

AGENCY_FIELDS = ("agency.name", "agency.city", "agency.phone", "agency.email", "agency.website")


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings_service = SettingsService(ctx.db)
        self.counsellor_service = CounsellorService(ctx.db)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Paramètres"))
        fit_to_screen(self, (1000, 680))  # the letter templates need the room
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self._agency_tab(), self.tr("Agence"))
        self.tabs.addTab(self._counsellors_tab(), self.tr("Conseillers"))
        self.tabs.addTab(TaxonomyTab(ctx), self.tr("Thématiques"))
        self.followup_tab = FollowUpSettingsTab(ctx)
        self.templates_tab = LetterTemplatesTab()
        self.routing_tab = RoutingSettingsTab(ctx)
        self.tabs.addTab(self.routing_tab, self.routing_tab.title)
        self.meetings_tab = MeetingSettingsTab()
        self.relay_tab = RelaySettingsTab()
        self.network_tab = NetworkSettingsTab(ctx)
        self.reactivity_tab = ReactivitySettingsTab()
        self.report_tab = ReportSettingsTab()
        for tab in (
            self.followup_tab,
            self.templates_tab,
            self.meetings_tab,
            self.relay_tab,
            self.network_tab,
            self.reactivity_tab,
            self.report_tab,
        ):
            self.tabs.addTab(tab, tab.title)
        self.visits_tab = QuestionnaireTab(ctx)  # saves a new questionnaire version itself
        self.tabs.addTab(self.visits_tab, self.visits_tab.title)
        self.tabs.addTab(ImplantationSettingsTab(ctx, self), self.tr("Implantation"))
        self.rgpd_tab = PersonalDataSettingsTab(ctx, self)
        self.tabs.addTab(self.rgpd_tab, self.rgpd_tab.title)
        self.accounts_tab = AccountsSettingsTab(ctx)
        self.tabs.addTab(self.accounts_tab, self.accounts_tab.title)
        holder, self.sections = sections_beside(self.tabs, self.tr("Rubriques des paramètres"))
        layout.addWidget(holder)
        buttons = save_cancel_buttons(self, self.on_buttons_accepted)
        layout.addWidget(buttons)
        self.load()
        self.opened_values = self.values()  # what closing the app compares with

    def has_unsaved_changes(self) -> bool:
        return (
            self.values() != self.opened_values
            or self.visits_tab.has_unsaved_changes()
            or self.rgpd_tab.has_unsaved_changes()
        )

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    # -- agency ------------------------------------------------------------------------------
    def _agency_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.agency_edits: dict[str, QLineEdit] = {}
        labels = {
            "agency.name": self.tr("Nom de l'agence"),
            "agency.city": self.tr("Ville (date des courriers)"),
            "agency.phone": self.tr("Téléphone"),
            "agency.email": self.tr("E-mail"),
            "agency.website": self.tr("Site web"),
        }
        for key in AGENCY_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(key.replace(".", "_"))
            edit.setMaxLength(200)
            self.agency_edits[key] = edit
            form.addRow(labels[key], edit)
        self.address_edit = QPlainTextEdit()
        self.address_edit.setObjectName("agency_address")
        set_text_lines(self.address_edit, 4, "max")
        form.addRow(self.tr("Adresse"), self.address_edit)
        logo_row = QHBoxLayout()
        self.logo_edit = QLineEdit()
        self.logo_edit.setObjectName("agency_logo_path")
        self.logo_edit.textChanged.connect(self.on_logo_edit_text_changed)
        browse = QPushButton(self.tr("Choisir…"))
        browse.setObjectName("chooseLogoButton")
        browse.clicked.connect(self.on_browse_clicked)
        logo_row.addWidget(self.logo_edit, 1)
        logo_row.addWidget(browse)
        form.addRow(self.tr("Logo"), logo_row)
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedHeight(scaled_pixels(self, 64))
        form.addRow("", self.logo_preview)
        return tab

    def on_browse_clicked(self) -> None:
        path = open_file_name(
            self, FileKind.LOGO, self.tr("Logo de l'agence"), self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.logo_edit.setText(path)

    def on_logo_edit_text_changed(self, text: str) -> None:
        pixmap = QPixmap(text) if text and Path(text).is_file() else QPixmap()
        if pixmap.isNull():
            self.logo_preview.setText(
                self.tr("Aucun logo") if not text else self.tr("Image illisible")
            )
        else:
            self.logo_preview.setPixmap(
                pixmap.scaledToHeight(60, Qt.TransformationMode.SmoothTransformation)
            )

    # -- counsellors -------------------------------------------------------------------------
    def _counsellors_tab(self) -> QWidget:
        tab = QWidget()
        row = QHBoxLayout(tab)
        left = QVBoxLayout()
        self.counsellor_list = QListWidget()
        self.counsellor_list.setObjectName("counsellorList")
        set_name(self.counsellor_list, self.tr("Conseillers"))
        self.counsellor_list.currentItemChanged.connect(
            self.on_counsellor_list_current_item_changed
        )
        left.addWidget(self.counsellor_list)
        add = QPushButton(self.tr("Nouveau conseiller"))
        add.setObjectName("newCounsellorButton")
        add.clicked.connect(self.on_new_counsellor_clicked)
        left.addWidget(add)
        row.addLayout(left, 1)
        form = QFormLayout()
        self.c_name, self.c_initials, self.c_title = QLineEdit(), QLineEdit(), QLineEdit()
        self.c_email, self.c_phone = QLineEdit(), QLineEdit()
        self.c_signature = QPlainTextEdit()
        set_text_lines(self.c_signature, 3.5, "max")
        self.c_active = QCheckBox(self.tr("Actif"))
        for name, widget in (
            ("counsellorName", self.c_name),
            ("counsellorInitials", self.c_initials),
            ("counsellorTitle", self.c_title),
            ("counsellorEmail", self.c_email),
            ("counsellorPhone", self.c_phone),
            ("counsellorSignature", self.c_signature),
            ("counsellorActive", self.c_active),
        ):
            widget.setObjectName(name)
        self.c_initials.setMaxLength(6)
        form.addRow(self.tr("Nom"), self.c_name)
        form.addRow(self.tr("Initiales"), self.c_initials)
        form.addRow(self.tr("Fonction"), self.c_title)
        form.addRow(self.tr("E-mail"), self.c_email)
        form.addRow(self.tr("Téléphone"), self.c_phone)
        form.addRow(self.tr("Signature"), self.c_signature)
        form.addRow("", self.c_active)
        save = QPushButton(self.tr("Enregistrer ce conseiller"))
        save.setObjectName("saveCounsellorButton")
        save.clicked.connect(self.on_save_counsellor_clicked)
        form.addRow("", save)
        row.addLayout(form, 2)
        return tab

    def _fill_counsellor_form(self, info: CounsellorInfo | None) -> None:
        self.c_name.setText(info.name if info else "")
        self.c_initials.setText(info.initials if info else "")
        self.c_title.setText(info.title if info else "")
        self.c_email.setText(info.email if info else "")
        self.c_phone.setText(info.phone if info else "")
        self.c_signature.setPlainText(info.signature if info else "")
        self.c_active.setChecked(info.active if info else True)
        self.c_name.setFocus()

    def _reload_counsellors(self, select_id: int | None = None) -> None:
        self.counsellor_list.clear()
        for info in self.counsellor_service.list(include_inactive=True):
            item = QListWidgetItem(f"{info.name} ({info.initials})")
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.counsellor_list.addItem(item)
            if info.id == select_id:
                self.counsellor_list.setCurrentItem(item)
        if select_id is None and self.counsellor_list.count():
            self.counsellor_list.setCurrentRow(0)

    def _current_counsellor(self) -> CounsellorInfo | None:
        item = self.counsellor_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def on_counsellor_list_current_item_changed(self, *_: object) -> None:
        self._fill_counsellor_form(self._current_counsellor())

    def on_new_counsellor_clicked(self) -> None:
        self.counsellor_list.setCurrentRow(-1)
        self._fill_counsellor_form(None)

    def on_save_counsellor_clicked(self) -> None:
        current = self._current_counsellor()
        try:
            saved = self.counsellor_service.save(
                name=self.c_name.text(),
                initials=self.c_initials.text(),
                title=self.c_title.text().strip(),
                email=self.c_email.text().strip(),
                phone=self.c_phone.text().strip(),
                signature=self.c_signature.toPlainText().strip(),
                active=self.c_active.isChecked(),
                counsellor_id=current.id if current else None,
                version=current.version if current else None,
            )
        except GuichetError as exc:
            show_error(self, exc)
            return
        self._reload_counsellors(saved.id)

    # -- load / save -------------------------------------------------------------------------
    def load(self) -> None:
        values = self.settings_service.all()
        for key, edit in self.agency_edits.items():
            edit.setText(str(values[key]))
        self.address_edit.setPlainText(str(values["agency.address"]))
        self.logo_edit.setText(str(values["agency.logo_path"]))
        self.on_logo_edit_text_changed(self.logo_edit.text())
        self.followup_tab.load(values)
        self.templates_tab.load(values)
        self.meetings_tab.load(values)
        self.relay_tab.load(values)
        self.network_tab.load(values)
        self.reactivity_tab.load(values)
        self.report_tab.load(values)
        self.accounts_tab.load(values)
        self._reload_counsellors()

    def values(self) -> dict[str, object]:
        """The settings as the form shows them."""
        changes: dict[str, object] = {
            key: edit.text().strip() for key, edit in self.agency_edits.items()
        }
        changes["agency.address"] = self.address_edit.toPlainText().strip()
        changes["agency.logo_path"] = self.logo_edit.text().strip()
        changes.update(self.followup_tab.changes())
        changes.update(self.templates_tab.changes())
        changes.update(self.meetings_tab.changes())
        changes.update(self.relay_tab.changes())
        changes.update(self.network_tab.changes())
        changes.update(self.reactivity_tab.changes())
        changes.update(self.report_tab.changes())
        changes.update(self.accounts_tab.changes())
        return changes

    def on_buttons_accepted(self) -> None:
        if not self.visits_tab.save_if_changed():
            self.tabs.setCurrentWidget(self.visits_tab)
            return
        try:
            self.settings_service.update(self.values())
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.accept()

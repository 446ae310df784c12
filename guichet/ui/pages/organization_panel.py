"""The detail of one organization beside the results: identity, address, contacts, skills,
memberships, referrals received and their outcomes, freshness — with the actions on it.

Every text coming from the database is shown as plain text (a company called « <b>X</b> »
is displayed literally, never interpreted).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.reference.dates import format_date_long
from guichet.reference.headcount import headcount_label
from guichet.reference.identifiers import format_siren, format_siret
from guichet.reference.naf import naf_entry
from guichet.reference.phones import format_phone
from guichet.services.contacts import ContactInfo, ContactService
from guichet.services.organizations import (
    OrganizationDetail,
    OrganizationService,
    ReceivedReferral,
    months_before,
)
from guichet.services.permissions import Permission

from guichet.ui.accessibility import label_field
from guichet.ui.appearance import scale_font
from guichet.ui.context import AppContext
from guichet.ui.dialogs.contact_dialog import ContactDialog
from guichet.ui.dialogs.organization_dialog import OrganizationDialog
from guichet.ui.feedback import attempt, show_error
from guichet.ui.pages.organization_contact_rights import ContactRightsButton
from guichet.ui.pages.organization_memberships import MembershipsSection
from guichet.ui.pages.organization_opportunities import ReceivedOpportunitiesSection
from guichet.ui.pages.organization_panel_parts import (
    contact_lines,
    plain_label,
    referral_columns,
    referrals_view,
)
from guichet.ui.permission_gate import gate
from guichet.ui.screen_fit import set_text_lines
from guichet.ui.table_model import ROW_ROLE, RowsTableModel
from guichet.ui.theme import set_themed_style
from guichet.ui.widgets.visit_risks import VisitRiskFlag


class OrganizationPanel(QScrollArea):
    organization_changed = Signal(int)
    record_shown = Signal(int)  # the Historique tab and the access log follow it
    organization_deleted = Signal(int)
    inquiry_requested = Signal(int)  # a received referral activated: open its inquiry
    record_requested = Signal(str, int)  # a membership's origin activated: its page, its record

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = OrganizationService(ctx.db)
        self.detail: OrganizationDetail | None = None
        self.setObjectName("organizationPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)

        self.empty_label = QLabel(self.tr("Choisissez une organisation dans la liste."))
        self.empty_label.setObjectName("emptyDetailLabel")
        layout.addWidget(self.empty_label)
        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.content)
        layout.addStretch(1)

        self.name_label = plain_label(name="detailName")
        scale_font(self.name_label, 1.35, bold=True)
        self.kind_label = plain_label(name="detailKind")
        self.warning_label = plain_label(name="doNotReferLabel")
        set_themed_style(self.warning_label, "color: $error; font-weight: bold;")
        self.identity_label = plain_label(name="detailIdentity")
        self.address_label = plain_label(name="detailAddress")
        self.reach_label = plain_label(name="detailReach")
        self.description_label = plain_label(name="detailDescription")
        self.skills_label = plain_label(name="detailSkills")
        self.memberships = MembershipsSection(ctx)
        self.memberships.changed.connect(self._on_memberships_changed)
        self.memberships.record_requested.connect(self.record_requested)
        self.verified_label = plain_label(name="verifiedLabel")
        self.risk_flag = VisitRiskFlag(ctx)  # company visits: the latest one's risk signals
        for widget in (
            self.name_label,
            self.kind_label,
            self.warning_label,
            self.risk_flag,
            self.identity_label,
            self.address_label,
            self.reach_label,
            self.description_label,
        ):
            content.addWidget(widget)

        actions = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Modifier…"))
        self.edit_button.setObjectName("editOrganizationButton")
        self.edit_button.clicked.connect(self.on_edit_button_clicked)
        self.verify_button = QPushButton(self.tr("Marquer comme vérifié"))
        self.verify_button.setObjectName("markVerifiedButton")
        self.verify_button.clicked.connect(self.on_verify_button_clicked)
        self.delete_button = QPushButton(self.tr("Supprimer…"))
        self.delete_button.setObjectName("deleteOrganizationButton")
        self.delete_button.clicked.connect(self.on_delete_button_clicked)
        for button in (self.edit_button, self.verify_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        content.addWidget(self.verified_label)
        content.addLayout(actions)

        contacts_heading = self._heading(self.tr("Contacts"))
        content.addWidget(contacts_heading)
        self.contacts_list = QListWidget()
        self.contacts_list.setObjectName("contactsList")
        label_field(contacts_heading, self.contacts_list)
        set_text_lines(self.contacts_list, 6, "max")
        # Two clean lines per contact (who / how to reach), elided rather than wrapped anyhow;
        # the tooltip gives the whole text.
        self.contacts_list.setWordWrap(False)
        self.contacts_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.contacts_list.setAlternatingRowColors(True)
        self.contacts_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contacts_list.itemDoubleClicked.connect(self.on_contacts_list_item_double_clicked)
        content.addWidget(self.contacts_list)
        contact_actions = QHBoxLayout()
        # short (under the « Contacts » heading): the row sets the panel's width, which the
        # list of organisations beside it gives up
        self.add_contact_button = QPushButton(self.tr("Ajouter…"))
        self.add_contact_button.setObjectName("addContactButton")
        self.add_contact_button.setToolTip(self.tr("Ajouter un contact"))
        self.add_contact_button.setAccessibleName(self.tr("Ajouter un contact"))
        self.add_contact_button.clicked.connect(self.on_add_contact_button_clicked)
        self.edit_contact_button = QPushButton(self.tr("Modifier…"))
        self.edit_contact_button.setObjectName("editContactButton")
        self.edit_contact_button.clicked.connect(self.on_edit_contact_button_clicked)
        self.edit_contact_button.setToolTip(self.tr("Modifier le contact choisi"))
        self.delete_contact_button = QPushButton(self.tr("Retirer"))
        self.delete_contact_button.setToolTip(self.tr("Supprimer le contact choisi"))
        self.delete_contact_button.setObjectName("deleteContactButton")
        self.delete_contact_button.clicked.connect(self.on_delete_contact_button_clicked)
        for button in (
            self.add_contact_button,
            self.edit_contact_button,
            self.delete_contact_button,
        ):
            contact_actions.addWidget(button)
        rights = ContactRightsButton(ctx, self.contacts_list, self._selected_contact, self.reload)
        contact_actions.addWidget(rights)
        contact_actions.addStretch(1)
        content.addLayout(contact_actions)
        gate(self.delete_button, ctx, Permission.DELETE)
        gate(self.delete_contact_button, ctx, Permission.DELETE)

        content.addWidget(self._heading(self.tr("Savoir-faire")))
        content.addWidget(self.skills_label)
        memberships_heading = self._heading(self.tr("Adhésions"))
        content.addWidget(memberships_heading)
        label_field(memberships_heading, self.memberships.list)
        content.addWidget(self.memberships)
        referrals_heading = self._heading(self.tr("Mises en relation reçues"))
        content.addWidget(referrals_heading)
        self.referrals_model: RowsTableModel[ReceivedReferral] = RowsTableModel(
            referral_columns(self.tr), self
        )
        self.referrals_view, self.referrals_columns = referrals_view(self.referrals_model)
        set_text_lines(self.referrals_view, 5, "min")
        label_field(referrals_heading, self.referrals_view)
        self.referrals_view.activated.connect(self.on_referrals_view_activated)
        content.addWidget(self.referrals_view)
        self.opportunities_section = ReceivedOpportunitiesSection(ctx)
        content.addWidget(self.opportunities_section)
        self.content.hide()

    def minimumSizeHint(self) -> QSize:
        """Never narrower than its content (buttons, headings): the splitter cannot squeeze the
        panel below it, so nothing is cut on the right (there is no horizontal scroll bar)."""
        hint = super().minimumSizeHint()
        body = self.widget()
        if body is None:
            return hint
        width = body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), width + 2 * self.frameWidth()), hint.height())

    def _heading(self, text: str) -> QLabel:
        heading = QLabel(text)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        return heading

    # -- showing -------------------------------------------------------------------------------
    def show_organization(self, organization_id: int | None) -> None:
        if organization_id is None:
            self.detail = None
            self.content.hide()
            self.empty_label.show()
            return
        try:
            detail = self.service.get(organization_id)
        except GuichetError as exc:
            self.detail = None
            self.content.hide()
            self.empty_label.setText(exc.message)
            self.empty_label.show()
            return
        self.show_detail(detail)

    def show_detail(self, detail: OrganizationDetail) -> None:
        self.detail = detail
        self.record_shown.emit(detail.id)
        self.opportunities_section.show_for(detail.id)
        data = detail.data
        self.name_label.setText(detail.display_name)
        self.kind_label.setText(self.tr(detail.kind_label))
        self.warning_label.setVisible(data.do_not_refer)
        self.warning_label.setText(
            self.tr("⚠ Ne pas orienter : %1").replace("%1", data.do_not_refer_reason or "")
        )
        identity = []
        if data.siret:
            identity.append(self.tr("SIRET : %1").replace("%1", format_siret(data.siret)))
        elif detail.siren:
            identity.append(self.tr("SIREN : %1").replace("%1", format_siren(detail.siren)))
        else:
            identity.append(self.tr("Sans SIRET"))
        if data.naf_code:
            entry = naf_entry(data.naf_code)
            naf = f"{data.naf_code} — {entry.label}" if entry else data.naf_code
            identity.append(self.tr("NAF : %1").replace("%1", naf))
        band = headcount_label(data.headcount_band)
        if band:
            identity.append(self.tr("Effectif : %1").replace("%1", band))
        self.identity_label.setText("\n".join(identity))
        self.risk_flag.show_for(detail.id)
        self.address_label.setText("\n".join(detail.address_lines))
        self.address_label.setVisible(bool(detail.address_lines))
        reach = [
            format_phone(data.phone) if data.phone else "",
            data.email or "",
            data.website or "",
        ]
        self.reach_label.setText("\n".join(r for r in reach if r))
        self.description_label.setText(data.description or "")
        self.description_label.setVisible(bool(data.description))
        self._show_verified(detail.verified_on)
        self._show_contacts(detail.contacts)
        skills = [
            self.tr("Compétences : %1").replace(
                "%1", ", ".join(c.name for c in detail.capabilities) or "—"
            ),
            self.tr("Certifications : %1").replace(
                "%1", ", ".join(c.name for c in detail.certifications) or "—"
            ),
            self.tr("Filières : %1").replace(
                "%1", ", ".join(s.name for s in detail.sectors) or "—"
            ),
        ]
        self.skills_label.setText("\n".join(skills))
        self.memberships.show_organization(detail.id, data.legal_name)
        self.referrals_model.set_rows(list(detail.referrals))
        self.empty_label.hide()
        self.content.show()
        self.updateGeometry()  # its minimum width is the content's (see minimumSizeHint)

    def _on_memberships_changed(self) -> None:
        if self.detail is not None:
            self.organization_changed.emit(self.detail.id)

    def _show_verified(self, verified_on: date | None) -> None:
        if verified_on is None:
            text = self.tr("Jamais vérifiée")
            stale = True
        else:
            text = self.tr("Vérifié le %1").replace("%1", format_date_long(verified_on))
            stale = verified_on < months_before(date.today(), 12)
        self.verified_label.setText(text + (self.tr(" — à vérifier") if stale else ""))
        set_themed_style(self.verified_label, "color: $warning;" if stale else "")

    def _show_contacts(self, contacts: tuple[ContactInfo, ...]) -> None:
        self.contacts_list.clear()
        for contact in contacts:
            text = contact_lines(contact)
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            self.contacts_list.addItem(item)
        has = bool(contacts)
        self.edit_contact_button.setEnabled(has)
        self.delete_contact_button.setEnabled(has)
        if has:
            self.contacts_list.setCurrentRow(0)

    def reload(self) -> None:
        if self.detail is not None:
            self.show_organization(self.detail.id)

    def _selected_contact(self) -> ContactInfo | None:
        item = self.contacts_list.currentItem()
        if item is None or self.detail is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((c for c in self.detail.contacts if c.id == wanted), None)

    # -- slots ---------------------------------------------------------------------------------
    def on_edit_button_clicked(self) -> None:
        if self.detail is None:
            return
        dialog = OrganizationDialog(self.ctx, self.detail, self)
        if dialog.exec():
            self.reload()
            self.organization_changed.emit(self.detail.id)

    def on_verify_button_clicked(self) -> None:
        if self.detail is None:
            return
        organization_id = self.detail.id
        if attempt(self, lambda: self.service.mark_verified([organization_id])) is not None:
            self.reload()
            self.organization_changed.emit(organization_id)

    def on_delete_button_clicked(self) -> None:
        if self.detail is None:
            return
        organization_id = self.detail.id
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Supprimer"),
            self.tr("Supprimer « %1 » et ses contacts de l'annuaire ?").replace(
                "%1", self.detail.display_name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirmDeleteBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            self.service.delete(organization_id)
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.show_organization(None)
        self.organization_deleted.emit(organization_id)

    def on_add_contact_button_clicked(self) -> None:
        if self.detail is None:
            return
        if ContactDialog(self.ctx, self.detail.id, None, self).exec():
            self.reload()
            self.organization_changed.emit(self.detail.id)

    def on_edit_contact_button_clicked(self) -> None:
        contact = self._selected_contact()
        if contact is None or self.detail is None:
            return
        if ContactDialog(self.ctx, self.detail.id, contact, self).exec():
            self.reload()
            self.organization_changed.emit(self.detail.id)

    def on_referrals_view_activated(self, index: QModelIndex) -> None:
        referral = self.referrals_model.data(index, ROW_ROLE)
        if isinstance(referral, ReceivedReferral):
            self.inquiry_requested.emit(referral.inquiry_id)

    def on_contacts_list_item_double_clicked(self, _item: QListWidgetItem) -> None:
        self.on_edit_contact_button_clicked()

    def on_delete_contact_button_clicked(self) -> None:
        contact = self._selected_contact()
        if contact is None or self.detail is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Supprimer le contact"),
            self.tr("Supprimer %1 de l'annuaire ?").replace("%1", contact.full_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            ContactService(self.ctx.db).delete(contact.id)
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.reload()
        self.organization_changed.emit(self.detail.id)

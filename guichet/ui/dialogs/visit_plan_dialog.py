"""« Planifier une visite »: the company (the same type-ahead as « Nouvelle demande »), the
person to meet, the date, the counsellor and the partners who come along."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.services.counsellors import CounsellorService
from guichet.services.intake_context import company_contacts
from guichet.services.visits import VisitDetail, VisitPlan, VisitService, partner_choices

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import save_cancel_buttons
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen, set_text_lines
from guichet.ui.unsaved import confirm_dialog_discard
from guichet.ui.widgets.company_field import CompanyField
from guichet.ui.widgets.qt_dates import to_qdatetime


class VisitPlanDialog(QDialog):
    visit_saved = Signal(object)  # VisitDetail

    def __init__(
        self, ctx: AppContext, visit: VisitDetail | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.saved: VisitDetail | None = None
        self.setObjectName("visitPlanDialog")
        self.setWindowTitle(
            self.tr("Planifier une visite") if visit is None else self.tr("Modifier la visite")
        )
        form = QFormLayout()
        self.company = CompanyField(ctx)
        form.addRow(self.tr("Entreprise"), self.company)
        self.contact_box = QComboBox()
        self.contact_box.setObjectName("visitContact")
        form.addRow(self.tr("Personne rencontrée"), self.contact_box)
        self.when_edit = QDateTimeEdit()
        self.when_edit.setObjectName("visitWhen")
        self.when_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when_edit.setCalendarPopup(True)
        form.addRow(self.tr("Date et heure"), self.when_edit)
        self.counsellor_box = QComboBox()
        self.counsellor_box.setObjectName("visitCounsellor")
        self.counsellor_box.addItem(self.tr("(aucun)"), None)
        for counsellor in CounsellorService(ctx.db).list():
            self.counsellor_box.addItem(f"{counsellor.name} ({counsellor.initials})", counsellor.id)
        form.addRow(self.tr("Conseiller"), self.counsellor_box)
        partners_label = QLabel(self.tr("Partenaires présents"))
        self.partners_list = QListWidget()
        self.partners_list.setObjectName("visitPartners")
        set_name(self.partners_list, self.tr("Partenaires présents (Espace pour cocher)"))
        set_text_lines(self.partners_list, 8)
        for partner_id, name in partner_choices(ctx.db):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, partner_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.partners_list.addItem(item)
        form.addRow(partners_label, self.partners_list)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("visitPlanNotes")
        set_text_lines(self.notes_edit, 3, "max")
        form.addRow(self.tr("Notes"), self.notes_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(save_cancel_buttons(self, self.on_buttons_accepted))
        self.company.company_chosen.connect(self.on_company_company_chosen)
        self._fill(visit)
        self.opened = self.values()
        fit_to_screen(self, (720, 560))
        self.company.setFocus()

    def _fill(self, visit: VisitDetail | None) -> None:
        if visit is None:
            self.when_edit.setDateTime(to_qdatetime(_next_slot(datetime.now())))
            found = self.counsellor_box.findData(self.ctx.counsellor_id)
            self.counsellor_box.setCurrentIndex(max(found, 0))
            self._load_contacts(None)
            return
        self.company.choose(visit.organization_id, visit.organization)
        self._load_contacts(visit.organization_id, visit.contact_id)
        self.when_edit.setDateTime(to_qdatetime(visit.planned_at))
        self.counsellor_box.setCurrentIndex(
            max(self.counsellor_box.findData(visit.counsellor_id), 0)
        )
        for row in range(self.partners_list.count()):
            item = self.partners_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) in visit.partner_ids:
                item.setCheckState(Qt.CheckState.Checked)
        self.notes_edit.setPlainText(visit.notes)

    def _load_contacts(self, organization_id: int | None, chosen: int | None = None) -> None:
        self.contact_box.clear()
        self.contact_box.addItem(self.tr("(à préciser)"), None)
        if organization_id is not None:
            for contact in company_contacts(self.ctx.db, organization_id):
                text = contact.name + (f" — {contact.role}" if contact.role else "")
                self.contact_box.addItem(text, contact.id)
        self.contact_box.setCurrentIndex(max(self.contact_box.findData(chosen), 0))

    # -- values --------------------------------------------------------------------------------
    def plan(self) -> VisitPlan:
        when = self.when_edit.dateTime().toPython()
        assert isinstance(when, datetime)
        partners = tuple(
            int(self.partners_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.partners_list.count())
            if self.partners_list.item(row).checkState() == Qt.CheckState.Checked
        )
        return VisitPlan(
            organization_id=self.company.organization_id,
            planned_at=when,
            counsellor_id=self.counsellor_box.currentData(),
            contact_id=self.contact_box.currentData(),
            partner_ids=partners,
            notes=self.notes_edit.toPlainText(),
        )

    def values(self) -> VisitPlan:
        return self.plan()

    def has_unsaved_changes(self) -> bool:
        return self.values() != self.opened

    def confirm_discard(self) -> bool:
        return confirm_dialog_discard(self, self.on_buttons_accepted)

    # -- slots ---------------------------------------------------------------------------------
    def on_company_company_chosen(self, organization_id: object, _name: str) -> None:
        self._load_contacts(organization_id if isinstance(organization_id, int) else None)

    def on_buttons_accepted(self) -> None:
        service = VisitService(self.ctx.db)
        try:
            if self.visit is None:
                self.saved = service.plan(self.plan())
            else:
                self.saved = service.plan(
                    self.plan(), visit_id=self.visit.id, version=self.visit.version
                )
        except GuichetError as exc:
            show_error(self, exc)
            if getattr(exc, "field", None) == "organization":
                self.company.setFocus()
            return
        self.visit_saved.emit(self.saved)
        self.accept()


def _next_slot(now: datetime) -> datetime:
    """Tomorrow at 9:00, a sensible first proposal."""
    from datetime import timedelta

    return (now + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)

"""The desk's whole flow through the window: a walk-in logged with Ctrl+N, referred from its
inquiry to a suggested partner, letters printed, the referral followed up in « Relances », seen on
« Accueil », and each of those pages leading back to the inquiry."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QTableView

import guichet.models as m
from guichet.db import Database
from guichet.services.inquiry_detail import inquiry_detail
from guichet.services.referrals import ReferralService
from tests.ui.keyboard import Keyboard
from tests.ui.windows import active_window

from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.dialogs.letters_dialog import LettersDialog
from guichet.ui.dialogs.referral_dialog import ReferralDialog
from guichet.ui.main_window import MainWindow

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
PARTNER = "Initiative Caux Seine"


def _prepare(db: Database) -> dict[str, int]:
    """A counsellor, a company with a contact, and a partner routed for « Prêt d'honneur »."""
    with db.unit_of_work() as s:
        counsellor = m.Counsellor(name="Camille Morel", initials="CMO")
        company = m.Organization(
            legal_name="Hydrogène Lefebvre",
            siret="73282932000074",
            address_street="12 rue de l'Europe",  # a deliverable letter: printed without a warning
            city="Lillebonne",
            postal_code="76170",
        )
        company.contacts.append(m.Contact(first_name="Paul", last_name="Lefebvre"))
        partner = m.Organization(
            kind=m.OrganizationKind.PARTNER,
            legal_name=PARTNER,
            address_street="3 place de la Gare",
            postal_code="76170",
            city="Lillebonne",
        )
        person = m.Contact(first_name="Anne", last_name="Leroux", role="Chargée de mission")
        partner.contacts.append(person)
        s.add_all([counsellor, company, partner])
        s.flush()
        subject = s.scalars(select(m.Subject).where(m.Subject.name == "Prêt d'honneur")).one()
        s.add(m.RoutingRule(subject_id=subject.id, partner_id=partner.id, contact_id=person.id))
        s.flush()
        return {"counsellor": counsellor.id, "partner": partner.id, "person": person.id}


def _log_walk_in(qtbot, window: MainWindow) -> IntakeDialog:
    """Ctrl+N, the company from three letters, a new contact, one need, consent, Ctrl+S."""
    keys = Keyboard()
    window.navigation.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.navigation)
    keys.press(K.Key_N, CTRL)
    dialog = window.intake_dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, IntakeDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.company.search.line)
    keys.search("hyd")
    keys.press(K.Key_Return)
    keys.write("Claire Martin")
    keys.press(K.Key_Return)
    keys.press(K.Key_Tab)
    keys.press(K.Key_Tab)
    keys.press(K.Key_Tab)
    need = dialog.needs.rows[0]
    assert QApplication.focusWidget() is need.subject_field.line
    keys.search("pre")
    keys.press(K.Key_Return)
    assert need.subject is not None and need.subject.name == "Prêt d'honneur"
    keys.write("Reprise d'un atelier de tournage")
    keys.press(K.Key_C, ALT)
    keys.press(K.Key_S, CTRL)
    assert dialog.saved is not None
    return dialog


@pytest.fixture
def printed_pdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The system print dialog is answered « Imprimer » with a PDF file as the printer."""
    target = tmp_path / "courriers.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return target


def _double_click(qtbot, view: QTableView, row: int) -> None:
    """A real double-click: press and release, then the double-click (as a mouse sends them)."""
    index = view.model().index(row, 0)
    view.scrollTo(index)
    where = view.visualRect(index).center()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(view.viewport(), left, none, where)
    QTest.mouseDClick(view.viewport(), left, none, where)


def test_walk_in_referred_printed_followed_up_and_found_again(
    qtbot,
    ctx: AppContext,
    qsettings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    printed_pdf: Path,
) -> None:
    ids = _prepare(ctx.db)
    ctx.set_counsellor(ids["counsellor"])
    window = active_window(qtbot, ctx, qsettings)
    home = window.pages["home"]
    assert home.referrals_model.rowCount() == 0  # type: ignore[attr-defined]

    # 1. The walk-in is logged; the counsellor lands on it, « Mettre en relation… » focused.
    saved = _log_walk_in(qtbot, window).saved
    assert saved is not None
    inquiries = window.pages["inquiries"]
    detail = inquiries.detail  # type: ignore[attr-defined]
    assert window.current_page_key() == "inquiries" and detail.inquiry_id == saved.id
    box = detail.need_box(1)
    assert box is not None and box.refer.text() == "Mettre en relation…"
    refer = box.refer
    window.activateWindow()  # what the window manager does once the form closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is refer)

    # 2. Mettre en relation: the routed partner comes first; letters are prepared and printed.
    seen: dict[str, object] = {}

    def pick_partner(dialog: ReferralDialog) -> int:
        first = dialog.model.suggestion(0)
        assert first is not None and first.organization_id == ids["partner"]
        assert dialog.contact_box.currentData() == ids["person"]
        dialog.model.set_checked(0, True)
        dialog.letters_button.click()  # « Mettre en relation et préparer les courriers »
        return int(dialog.result())

    def print_letters(dialog: LettersDialog) -> int:
        qtbot.waitUntil(lambda: dialog.list.count() == 2, timeout=10000)
        (referral_id,) = dialog.referral_ids
        seen["referral"] = referral_id
        assert ReferralService(ctx.db).get(referral_id).status == m.ReferralStatus.PROPOSED
        dialog.print_button.click()
        return 0

    monkeypatch.setattr(ReferralDialog, "exec", pick_partner)
    monkeypatch.setattr(LettersDialog, "exec", print_letters)
    QTest.keyClick(refer, K.Key_Space)

    referral_id = seen["referral"]
    assert isinstance(referral_id, int)
    referral = ReferralService(ctx.db).get(referral_id)
    assert referral.status == m.ReferralStatus.SENT and referral.sent_at is not None
    assert len(PdfReader(str(printed_pdf)).pages) >= 2  # both letters, one job
    timeline = [detail.timeline.item(i).text() for i in range(detail.timeline.count())]
    assert any(f"avec {PARTNER} : Envoyée" in line for line in timeline)
    assert any(f"Envoyée à {PARTNER}" in line for line in timeline)
    assert sum(".pdf" in line for line in timeline) == 2  # the two archived letters
    assert any(line.endswith("Demande close") for line in timeline)  # its only need is referred
    assert "Close" in detail.header.text()
    row = inquiries.model.row_at(inquiries.view.currentIndex().row())  # type: ignore[attr-defined]
    assert row is not None and row.id == saved.id and row.status == "Close"

    # 3. Relances: nothing due the day it was sent; due at D+9 (a fixed clock for the page).
    window.show_page("followups")
    followups = window.pages["followups"]
    assert referral_id not in [line.referral.id for line in followups.model.rows()]  # type: ignore[attr-defined]
    sent_on = referral.sent_at.date()
    followups.today = lambda: sent_on + timedelta(days=9)  # type: ignore[attr-defined]
    followups.refresh()  # type: ignore[attr-defined]
    lines = followups.model.rows()  # type: ignore[attr-defined]
    assert [(line.referral.id, line.stage) for line in lines] == [(referral_id, "Relance")]
    table = followups.table  # type: ignore[attr-defined]
    table.setFocus()
    table.selectRow(0)
    QTest.keyClick(table, K.Key_Return)
    assert window.current_page_key() == "inquiries" and detail.inquiry_id == saved.id

    # 4. Accueil reloads when shown again: the referral is among the latest; a double-click on
    #    it leads back to the inquiry.
    window.show_page("home")
    assert home.cards["open_referrals"].value.text() == "1"  # type: ignore[attr-defined]
    assert home.cards["open_inquiries"].value.text() == "0"  # type: ignore[attr-defined]
    home.referral_tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    view = home.referrals_view  # type: ignore[attr-defined]
    assert [r.id for r in home.referrals_model.rows()] == [referral_id]  # type: ignore[attr-defined]
    window.show_page("followups")
    window.show_page("home")
    _double_click(qtbot, view, 0)
    assert window.current_page_key() == "inquiries"
    assert detail.inquiry_id == saved.id
    row = inquiries.model.row_at(inquiries.view.currentIndex().row())  # type: ignore[attr-defined]
    assert row is not None and row.id == saved.id
    assert inquiry_detail(ctx.db, saved.id).status == m.InquiryStatus.CLOSED

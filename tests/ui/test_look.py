"""The look: status chips (colour and text), colours that follow the scheme, phone numbers in
the national form."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTableView

from guichet.models import InquiryStatus, ReferralStatus, label
from guichet.services.organizations import OrganizationData, OrganizationService

from guichet.ui.context import AppContext
from guichet.ui.dialogs.organization_dialog import OrganizationDialog
from guichet.ui.table_model import Column, RowsTableModel
from guichet.ui.theme import apply_color_scheme, set_themed_style
from guichet.ui.widgets.status_chip import TONE_COLORS, TONES, chip_colors, use_status_chips


def test_every_status_has_a_tone() -> None:
    for status in (*InquiryStatus, *ReferralStatus):
        assert label(status) in TONES, status
    assert TONES[label(ReferralStatus.SUCCEEDED)] != TONES[label(ReferralStatus.REFUSED)]


def _chip_table(qtbot, statuses: list[str]) -> QTableView:
    model: RowsTableModel[str] = RowsTableModel(
        [Column("Entreprise", lambda s: "Caux"), Column("Statut", lambda s: s)]
    )
    model.set_rows(statuses)
    view = QTableView()
    view.setModel(model)
    view.setColumnWidth(1, 160)
    qtbot.addWidget(view)
    assert use_status_chips(view) == [1]
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)
    return view


def _cell_colors(view: QTableView, row: int) -> set[str]:
    rect = view.visualRect(view.model().index(row, 1))
    image = view.viewport().grab(rect).toImage()
    return {
        QColor(image.pixel(QPoint(x, y))).name()
        for x in range(image.width())
        for y in range(image.height())
    }


def test_a_status_is_a_chip_of_its_tone_with_its_text(qtbot) -> None:
    refused, succeeded = label(ReferralStatus.REFUSED), label(ReferralStatus.SUCCEEDED)
    view = _chip_table(qtbot, [refused, succeeded])
    for row, text in enumerate((refused, succeeded)):
        background, _text_color = chip_colors(text)
        colors = _cell_colors(view, row)
        assert background.name() in colors  # the chip
        # the text is drawn over it (anti-aliased: shades between text colour and chip)
        darker = [c for c in colors if QColor(c).lightness() < background.lightness() - 60]
        assert darker, text
    assert chip_colors(refused)[0] != chip_colors(succeeded)[0]


def test_chips_and_styles_follow_the_dark_scheme(qtbot, qapp) -> None:
    text = label(ReferralStatus.REFUSED)
    light = chip_colors(text)[0]
    warning = QLabel("Attention")
    qtbot.addWidget(warning)
    set_themed_style(warning, "color: $error;")
    assert "#b00020" in warning.styleSheet()
    try:
        apply_color_scheme(qapp, Qt.ColorScheme.Dark)
        assert chip_colors(text)[0].name() == TONE_COLORS["failure"][1][0]
        assert chip_colors(text)[0] != light
        assert "#b00020" not in warning.styleSheet()
    finally:
        apply_color_scheme(qapp, Qt.ColorScheme.Light)
    assert "#b00020" in warning.styleSheet()


def test_forms_show_phone_numbers_in_the_national_form(qtbot, ctx: AppContext) -> None:
    service = OrganizationService(ctx.db)
    saved = service.create(OrganizationData(legal_name="Tôlerie Caux", phone="+33235380001"))
    dialog = OrganizationDialog(ctx, service.get(saved.organization_id))
    qtbot.addWidget(dialog)
    assert dialog.edits["phone"].text() == "02 35 38 00 01"
    dialog.on_buttons_accepted()
    assert service.get(saved.organization_id).data.phone == "+33235380001"  # stored unchanged


def test_forms_keep_their_rows_together_in_a_tall_window(qtbot, qapp) -> None:
    from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

    from guichet.ui.keys import install_desk_keys

    install_desk_keys(qapp)
    dialog = QDialog()
    form = QFormLayout(dialog)
    first, second = QLineEdit(), QLineEdit()
    form.addRow("Nom", first)
    form.addRow("Ville", second)
    qtbot.addWidget(dialog)
    dialog.resize(400, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    gap = second.geometry().top() - first.geometry().bottom()
    assert 0 < gap <= 12  # not 250 px apart
    assert form.labelAlignment() & Qt.AlignmentFlag.AlignLeft


def test_check_boxes_stay_visible_in_the_dark_scheme(qtbot, qapp) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QCheckBox

    from guichet.ui.keys import install_desk_keys

    install_desk_keys(qapp)
    try:
        apply_color_scheme(qapp, Qt.ColorScheme.Dark)
        box = QCheckBox("Adhérent")
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        from PySide6.QtWidgets import QStyle, QStyleOptionButton

        option = QStyleOptionButton()
        option.initFrom(box)
        indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        image = box.grab().toImage()
        window = qapp.palette().color(QPalette.ColorRole.Window).lightness()
        lightest = max(
            QColor(image.pixel(QPoint(x, y))).lightness()
            for x in range(indicator.left(), indicator.right() + 1)
            for y in range(indicator.top(), indicator.bottom() + 1)
        )
        assert lightest > window + 60  # an outline that stands out, not black on black
    finally:
        apply_color_scheme(qapp, Qt.ColorScheme.Light)


def test_every_page_action_has_an_icon(qtbot, demo_ctx: AppContext, qsettings) -> None:
    from PySide6.QtWidgets import QPushButton

    from tests.ui.windows import shown_window

    window = shown_window(qtbot, demo_ctx, qsettings)
    names = {
        "followups": [
            "callButton",
            "followUpLetterButton",
            "statusButton",
            "reprintButton",
            "openInquiryButton",
            "newReferralButton",
            "export_referrals_button",
        ],
    }
    window.show_page("followups")
    page = window.page("followups")
    for name in names["followups"]:
        button = page.findChild(QPushButton, name)
        assert button is not None and not button.icon().isNull(), name
    window.show_page("directory")
    directory = window.page("directory")
    buttons = [directory.search_tab.new_button, directory.search_tab.thesaurus_button]  # type: ignore[attr-defined]
    assert all(not b.icon().isNull() for b in buttons)

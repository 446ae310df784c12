"""Form rows stay together: the spare height goes below the last row, also when the fields sit
in nested layouts (FormErrors rows) and the only tall field is capped in height."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from guichet.ui.dialogs.form_errors import FormErrors
from guichet.ui.forms import tidy_form


def _form(qtbot, capped: bool) -> tuple[QWidget, QFormLayout, QLineEdit]:
    host = QWidget()
    qtbot.addWidget(host)
    form = QFormLayout(host)
    errors = FormErrors()
    siret = QLineEdit()
    errors.add_row(form, "SIRET", siret, "siret")
    notes = QPlainTextEdit()
    if capped:
        notes.setMaximumHeight(60)
    errors.add_row(form, "Description", notes, "description")
    tidy_form(form)
    host.resize(400, 600)
    host.show()
    qtbot.waitExposed(host)
    return host, form, siret


def test_a_capped_field_in_a_nested_row_leaves_the_spare_height_below(qtbot) -> None:
    host, _form_layout, siret = _form(qtbot, capped=True)
    assert host.findChild(QWidget, "formFiller") is not None
    assert siret.height() < 40  # the SIRET row is not stretched


def test_an_uncapped_tall_field_takes_the_spare_height(qtbot) -> None:
    host, _form_layout, siret = _form(qtbot, capped=False)
    assert host.findChild(QWidget, "formFiller") is None
    assert siret.height() < 40

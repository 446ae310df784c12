"""Fields of the organization form that check or complete themselves as they are typed: the
SIRET grouped and checked, the NAF code found by code or by words of its label, the communes of
a postal code."""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QWidget

from guichet.errors import ValidationError
from guichet.models import OrganizationKind
from guichet.reference.communes import communes_for_postal_code
from guichet.reference.identifiers import compact_digits, validate_siret
from guichet.reference.naf import all_naf

from guichet.ui.theme import set_themed_style

KINDS = (
    OrganizationKind.COMPANY,
    OrganizationKind.MEMBER,
    OrganizationKind.PARTNER,
    OrganizationKind.AGENCY,
    OrganizationKind.NETWORK,
)


def group_siret(text: str) -> str:
    """Digits grouped as a SIRET while typing (« 73282932 » → « 732 829 32 »)."""
    digits = compact_digits(text)
    if not digits.isdigit():
        return text
    parts = [digits[:3], digits[3:6], digits[6:9], digits[9:]]
    return " ".join(p for p in parts if p)


class SiretStatus(QLabel):
    """Under the SIRET field: how many digits so far, then whether the number is valid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siretStatus")
        self.setTextFormat(Qt.TextFormat.PlainText)  # SIRENE names are plain text
        self.setWordWrap(True)

    def show_check(self, digits: str) -> None:
        if not digits:
            self.setText("")
        elif len(digits) < 14 and digits.isdigit():
            self.setText(self.tr("%1 chiffres sur 14").replace("%1", str(len(digits))))
        else:
            try:
                validate_siret(digits)
            except ValidationError as exc:
                self.setText(exc.message)
                set_themed_style(self, "color: $error;")
                return
            self.setText(self.tr("SIRET valide"))
        set_themed_style(self, "color: $success;" if len(digits) == 14 else "")


def naf_completer(parent: QObject) -> QCompleter:
    """Completes « code — libellé » from any part of it, ignoring case."""
    model = QStringListModel([f"{e.code} — {e.label}" for e in all_naf()], parent)
    completer = QCompleter(model, parent)
    completer.setObjectName("nafCompleter")
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


def fill_communes(combo: QComboBox, postal_code: str) -> None:
    """The communes of ``postal_code`` (INSEE code as item data) in ``combo``; a commune typed
    earlier stays when it is one of them or when the postal code is unknown."""
    communes = communes_for_postal_code(postal_code.strip())
    typed = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    for commune in communes:
        combo.addItem(commune.name, commune.insee)
    combo.blockSignals(False)
    names = [c.name for c in communes]
    if typed and (typed in names or not names):
        combo.setEditText(typed)
    elif names:
        combo.setCurrentIndex(0)
    else:
        combo.setEditText(typed)

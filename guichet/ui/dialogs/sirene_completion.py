"""« Compléter depuis SIRENE » in the organization form.

When the SIRET typed is in the local SIRENE table, a button fills the form's empty fields (name,
NAF, legal form, headcount band, address, postal code, commune) — never what the counsellor
typed. Typing the beginning of a name proposes the SIRENE establishments it starts; picking one
sets the SIRET and fills the empty fields the same way. Nothing is saved until « Enregistrer ».
The lookups are indexed reads of a local table (a primary key, a name-key range with LIMIT).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QPushButton

from guichet.reference.identifiers import compact_digits
from guichet.services.sirene_lookup import (
    SireneMatch,
    completion,
    find_by_siret,
    search_by_name,
)

from guichet.ui.combo import select_value

if TYPE_CHECKING:
    from guichet.ui.dialogs.organization_dialog import OrganizationDialog

NAMES_PROPOSED = 12
#: Form fields SIRENE fills, and how they are read from the form.
EDIT_FIELDS = ("legal_name", "trade_name", "naf_code", "address_street", "postal_code")


class SireneCompletion(QObject):
    def __init__(self, dialog: OrganizationDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.db = dialog.ctx.db
        self.match: SireneMatch | None = None
        self._proposed: dict[str, SireneMatch] = {}
        self.button = QPushButton(dialog.tr("Compléter depuis SIRENE"))
        self.button.setObjectName("sireneCompleteButton")
        self.button.setAutoDefault(False)
        self.button.setToolTip(
            dialog.tr("Remplit les champs vides avec la fiche SIRENE de ce SIRET (table locale)")
        )
        self.button.hide()
        self.button.clicked.connect(self.on_button_clicked)
        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setObjectName("sireneNameCompleter")
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.activated.connect(self.on_completer_activated)
        name_edit = dialog.edits["legal_name"]
        name_edit.setCompleter(self.completer)
        name_edit.textEdited.connect(self.on_name_edit_text_edited)

    # -- what the counsellor typed -------------------------------------------------------------
    def siret_changed(self, text: str) -> None:
        """Called as the SIRET is typed: offer the completion when SIRENE knows it."""
        digits = compact_digits(text)
        self.match = find_by_siret(self.db, digits) if len(digits) == 14 else None
        self.button.setVisible(self.match is not None)
        if self.match is not None:
            self.button.setEnabled(bool(self.changes(self.match)))

    def on_name_edit_text_edited(self, text: str) -> None:
        if self.dialog.edits["siret"].text().strip():
            self.names.setStringList([])  # identified already: SIRENE is reached by the SIRET
            return
        matches = search_by_name(self.db, text, limit=NAMES_PROPOSED)
        self._proposed = {m.display: m for m in matches}
        self.names.setStringList(list(self._proposed))
        name_edit = self.dialog.edits["legal_name"]
        if self._proposed and name_edit.hasFocus():
            self.completer.complete()  # the list changed after the completer saw the keystroke

    def on_completer_activated(self, text: str) -> None:
        match = self._proposed.get(text)
        if match is None:
            return
        self.dialog.edits["legal_name"].setText(match.name)
        self.dialog.set_siret(match.siret)
        self.fill(match)

    def on_button_clicked(self) -> None:
        if self.match is not None:
            self.fill(self.match)

    # -- filling -------------------------------------------------------------------------------
    def current_values(self) -> dict[str, object]:
        data = self.dialog.form_data()
        values: dict[str, object] = {f: getattr(data, f) for f in EDIT_FIELDS}
        values.update(
            legal_form=data.legal_form,
            headcount_band=data.headcount_band,
            city=data.city,
            commune_insee=data.commune_insee,
            siren="-",  # derived from the SIRET when saving: never filled from here
        )
        return values

    def changes(self, match: SireneMatch) -> dict[str, object]:
        return completion(self.current_values(), match)

    def fill(self, match: SireneMatch) -> list[str]:
        """Fill the empty fields from ``match``; returns the fields filled."""
        changes = self.changes(match)
        dialog = self.dialog
        for field in EDIT_FIELDS:
            if field in changes:
                dialog.edits[field].setText(str(changes[field]))
        if "legal_form" in changes:
            select_value(dialog.legal_form_combo, changes["legal_form"])
        if "headcount_band" in changes:
            select_value(dialog.headcount_combo, changes["headcount_band"])
        if "commune_insee" in changes or "city" in changes:
            index = dialog.city_combo.findData(match.commune_insee) if match.commune_insee else -1
            if index >= 0:
                dialog.city_combo.setCurrentIndex(index)
            elif match.city:
                dialog.city_combo.setEditText(match.city)
        self.button.setEnabled(False)
        filled = [f for f in changes if f not in ("naf_version", "commune_insee")]
        dialog.siret_status.setText(
            dialog.tr("Complété depuis SIRENE : %n champ(s)", "", len(filled))
            if filled
            else dialog.tr("Rien à compléter : les champs sont déjà remplis")
        )
        return filled

"""Import opportunities from a spreadsheet or JSON file, one row per lot: each column's field
(guessed from its header, as in the import wizard, and adjustable), then what will be imported
and what could not be read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.importers.mapping import Mapping
from guichet.importers.opportunity_table import OPPORTUNITY_FIELDS, read_lots_file
from guichet.importers.tables import Table
from guichet.services.opportunity_import import ImportPlan, guess, import_plan, plan_import

from guichet.ui.accessibility import set_name
from guichet.ui.combo import add_no_value, combo_value, select_value
from guichet.ui.context import AppContext
from guichet.ui.dialogs.save_buttons import accept_cancel_buttons
from guichet.ui.feedback import show_error
from guichet.ui.screen_fit import fit_to_screen, set_text_lines


class OpportunityImportDialog(QDialog):
    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("opportunityImportDialog")
        self.setWindowTitle(self.tr("Importer des opportunités — %1").replace("%1", path.name))
        self.imported: list[int] = []
        self.table: Table = read_lots_file(path)
        self.plan: ImportPlan | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Une ligne par lot ; les lignes de même référence (ou de même intitulé) forment "
                "une opportunité. Vérifiez ce que contient chaque colonne :"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.combos: list[QComboBox] = []
        guessed = guess(self.table)
        for column, header in enumerate(self.table.headers):
            combo = QComboBox()
            combo.setObjectName(f"importColumn{column}")
            add_no_value(combo, self.tr("(ne pas importer)"))
            for field in OPPORTUNITY_FIELDS:
                combo.addItem(self.tr(field.label), field.key)
            select_value(combo, guessed[column])
            combo.currentIndexChanged.connect(lambda _i: self.update_plan())
            sample = ", ".join(self.table.sample(column, 2))
            form.addRow(f"{header} ({sample})" if sample else header, combo)
            self.combos.append(combo)
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("opportunityImportSummary")
        self.summary.setReadOnly(True)
        set_name(self.summary, self.tr("Ce qui sera importé"))
        set_text_lines(self.summary, 8)
        layout.addWidget(self.summary)
        self.buttons, self.import_button = accept_cancel_buttons(
            self, self.on_buttons_accepted, self.tr("Importer")
        )
        layout.addWidget(self.buttons)
        fit_to_screen(self, (720, 640))
        self.update_plan()

    def mapping(self) -> Mapping:
        return tuple(combo_value(combo) for combo in self.combos)

    def update_plan(self) -> None:
        try:
            self.plan = plan_import(self.ctx.db, self.table, self.mapping())
        except GuichetError as exc:
            self.plan = None
            self.summary.setPlainText(exc.message)
            self.import_button.setEnabled(False)
            return
        lines = [
            self.tr("%1 opportunité(s) à importer :").replace(
                "%1", str(len(self.plan.opportunities))
            )
        ]
        for data in self.plan.opportunities:
            lots = ", ".join(f"{lot.number}. {lot.title}" for lot in data.lots)
            lines.append(f"  • {data.title} — lots : {lots}")
        if self.plan.problems:
            lines.append(self.tr("À vérifier :"))
            lines.extend(f"  • {p}" for p in self.plan.problems)
        self.summary.setPlainText("\n".join(lines))
        self.import_button.setEnabled(bool(self.plan.opportunities))

    def on_buttons_accepted(self) -> None:
        if self.plan is None:
            return
        try:
            self.imported = import_plan(self.ctx.db, self.plan, self.ctx.counsellor_id)
        except GuichetError as exc:
            show_error(self, exc)
            return
        self.accept()

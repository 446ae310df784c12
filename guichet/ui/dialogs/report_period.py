"""The period picker of the activity report: a month, a quarter, a year or two dates, with the
period it makes and the one it is compared with, in words."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from guichet.errors import ValidationError
from guichet.services.figures import Period
from guichet.services.figures.period import CUSTOM, MONTH, QUARTER, YEAR

from guichet.ui.widgets.date_fields import OptionalDateEdit

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
QUARTERS = ("1er trimestre", "2e trimestre", "3e trimestre", "4e trimestre")


def _date_edit(name: str, day: date) -> OptionalDateEdit:
    edit = OptionalDateEdit()  # Tab leaves the field; ← → move between day, month and year
    edit.setObjectName(name)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


class ReportPeriodForm(QWidget):
    """Rows of a form: kind, then the month, quarter, year or dates that kind needs."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPeriodForm")
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("reportPeriodKind")
        for kind, text in (
            (MONTH, "Un mois"),
            (QUARTER, "Un trimestre"),
            (YEAR, "Une année"),
            (CUSTOM, "Des dates au choix"),
        ):
            self.kind_box.addItem(self.tr(text), kind)
        self.month_box = QComboBox()
        self.month_box.setObjectName("reportMonth")
        self.month_box.addItems([self.tr(m) for m in MONTHS])
        self.quarter_box = QComboBox()
        self.quarter_box.setObjectName("reportQuarter")
        self.quarter_box.addItems([self.tr(q) for q in QUARTERS])
        self.year_box = QSpinBox()
        self.year_box.setObjectName("reportYear")
        self.year_box.setRange(2000, 2100)
        self.start_edit = _date_edit("reportStart", date(today.year, 1, 1))
        self.end_edit = _date_edit("reportEnd", today)
        self.summary = QLabel()
        self.summary.setObjectName("reportPeriodSummary")
        self.summary.setWordWrap(True)
        self.form.addRow(self.tr("&Période"), self.kind_box)
        self.form.addRow(self.tr("&Mois"), self.month_box)
        self.form.addRow(self.tr("&Trimestre"), self.quarter_box)
        self.form.addRow(self.tr("A&nnée"), self.year_box)
        self.form.addRow(self.tr("&Du"), self.start_edit)
        self.form.addRow(self.tr("A&u"), self.end_edit)
        self.form.addRow("", self.summary)
        # the last whole quarter by default: what a board meets about
        last = Period.containing(today, QUARTER).start.replace(day=1)
        previous = Period.containing(date.fromordinal(last.toordinal() - 1), QUARTER)
        self.kind_box.setCurrentIndex(self.kind_box.findData(QUARTER))
        self.quarter_box.setCurrentIndex((previous.start.month - 1) // 3)
        self.month_box.setCurrentIndex(previous.start.month - 1)
        self.year_box.setValue(previous.start.year)
        for box in (self.kind_box, self.month_box, self.quarter_box):
            box.currentIndexChanged.connect(self.on_field_changed)
        self.year_box.valueChanged.connect(self.on_field_changed)
        self.start_edit.dateChanged.connect(self.on_field_changed)
        self.end_edit.dateChanged.connect(self.on_field_changed)
        self.on_field_changed()

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def period(self) -> Period:
        """The period chosen; raises ValidationError (French) for dates in the wrong order."""
        kind, year = self.kind(), self.year_box.value()
        if kind == MONTH:
            return Period.of_month(year, self.month_box.currentIndex() + 1)
        if kind == QUARTER:
            return Period.of_quarter(year, self.quarter_box.currentIndex() + 1)
        if kind == YEAR:
            return Period.of_year(year)
        start, end = self.start_edit.date(), self.end_edit.date()
        return Period.custom(
            date(start.year(), start.month(), start.day()),
            date(end.year(), end.month(), end.day()),
        )

    def on_field_changed(self, *_args: object) -> None:
        kind = self.kind()
        self.form.setRowVisible(self.month_box, kind == MONTH)
        self.form.setRowVisible(self.quarter_box, kind == QUARTER)
        self.form.setRowVisible(self.year_box, kind in (MONTH, QUARTER, YEAR))
        self.form.setRowVisible(self.start_edit, kind == CUSTOM)
        self.form.setRowVisible(self.end_edit, kind == CUSTOM)
        try:
            period = self.period()
        except ValidationError as exc:
            self.summary.setText(exc.message)
        else:
            self.summary.setText(
                self.tr("Du {start} au {end}, comparé à : {previous}.").format(
                    start=period.start.strftime("%d/%m/%Y"),
                    end=period.end.strftime("%d/%m/%Y"),
                    previous=period.previous_year().label,
                )
            )
        self.changed.emit()

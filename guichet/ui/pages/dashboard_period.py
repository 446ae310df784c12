"""The dashboard's period picker: a month, a quarter, a year or two dates, compared with the
same period a year before."""

from __future__ import annotations

from datetime import date

from babel.dates import get_month_names

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from guichet.errors import ValidationError
from guichet.reference.dates import LOCALE
from guichet.services.figures import Period
from guichet.services.figures.period import CUSTOM, MONTH, QUARTER, YEAR

from guichet.ui.accessibility import label_field, set_name


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PeriodPicker(QWidget):
    period_changed = Signal(object)  # Period

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodPicker")
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("periodKind")
        for text, kind in (
            (self.tr("Mois"), MONTH),
            (self.tr("Trimestre"), QUARTER),
            (self.tr("Année"), YEAR),
            (self.tr("Dates choisies"), CUSTOM),
        ):
            self.kind_box.addItem(text, kind)
        self.month_box = QComboBox()
        self.month_box.setObjectName("periodMonth")
        names = get_month_names("wide", locale=LOCALE)
        for number in range(1, 13):
            self.month_box.addItem(str(names[number]), number)
        self.quarter_box = QComboBox()
        self.quarter_box.setObjectName("periodQuarter")
        for number in range(1, 5):
            self.quarter_box.addItem(Period.of_quarter(2000, number).label[:-5], number)
        self.year_box = QSpinBox()
        self.year_box.setObjectName("periodYear")
        self.year_box.setRange(1990, 2100)
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit, name in ((self.start_edit, "periodStart"), (self.end_edit, "periodEnd")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.previous_button = QPushButton(self.tr("◀"))
        self.previous_button.setObjectName("periodPrevious")
        self.next_button = QPushButton(self.tr("▶"))
        self.next_button.setObjectName("periodNext")
        for button, text in (
            (self.previous_button, self.tr("Période précédente")),
            (self.next_button, self.tr("Période suivante")),
        ):
            set_name(button, text)
            button.setToolTip(text)
            button.setMaximumWidth(36)
        self.comparison = QLabel()
        self.comparison.setObjectName("periodComparison")
        self.comparison.setWordWrap(True)  # two custom periods make a long line
        kind_label = QLabel(self.tr("&Période"))
        label_field(kind_label, self.kind_box)
        set_name(self.month_box, self.tr("Mois"))
        set_name(self.quarter_box, self.tr("Trimestre"))
        set_name(self.year_box, self.tr("Année"))
        self.start_label = QLabel(self.tr("du"))
        self.end_label = QLabel(self.tr("au"))
        label_field(self.start_label, self.start_edit)
        label_field(self.end_label, self.end_edit)
        set_name(self.start_edit, self.tr("Premier jour de la période"))
        set_name(self.end_edit, self.tr("Dernier jour de la période"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            kind_label,
            self.kind_box,
            self.previous_button,
            self.month_box,
            self.quarter_box,
            self.year_box,
            self.start_label,
            self.start_edit,
            self.end_label,
            self.end_edit,
            self.next_button,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.comparison, 1)
        self._quiet = True
        self.year_box.setValue(today.year)
        self.month_box.setCurrentIndex(today.month - 1)
        self.quarter_box.setCurrentIndex((today.month - 1) // 3)
        self.start_edit.setDate(_qdate(date(today.year, 1, 1)))
        self.end_edit.setDate(_qdate(today))
        self.kind_box.setCurrentIndex(2)
        self._quiet = False
        self.kind_box.currentIndexChanged.connect(self.on_changed)
        for box in (self.month_box, self.quarter_box):
            box.currentIndexChanged.connect(self.on_changed)
        self.year_box.valueChanged.connect(self.on_changed)
        self.start_edit.dateChanged.connect(self.on_changed)
        self.end_edit.dateChanged.connect(self.on_changed)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self._show_fields()
        self._period = self._read()
        self._describe()

    # -- state --------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def period(self) -> Period:
        return self._period

    def _read(self) -> Period:
        year = self.year_box.value()
        if self.kind == MONTH:
            return Period.of_month(year, int(self.month_box.currentData()))
        if self.kind == QUARTER:
            return Period.of_quarter(year, int(self.quarter_box.currentData()))
        if self.kind == YEAR:
            return Period.of_year(year)
        return Period.custom(_pydate(self.start_edit.date()), _pydate(self.end_edit.date()))

    def set_period(self, period: Period) -> None:
        """Shows ``period`` (its kind and values) and announces it."""
        self._quiet = True
        try:
            kinds = [self.kind_box.itemData(i) for i in range(self.kind_box.count())]
            self.kind_box.setCurrentIndex(kinds.index(period.kind))
            self.year_box.setValue(period.start.year)
            self.month_box.setCurrentIndex(period.start.month - 1)
            self.quarter_box.setCurrentIndex((period.start.month - 1) // 3)
            self.start_edit.setDate(_qdate(period.start))
            self.end_edit.setDate(_qdate(period.end))
        finally:
            self._quiet = False
        self.on_changed()

    def step(self, direction: int) -> None:
        """The period before or after, of the same length."""
        current = self._period
        if current.kind == MONTH:
            index = current.start.year * 12 + current.start.month - 1 + direction
            self.set_period(Period.of_month(index // 12, index % 12 + 1))
        elif current.kind == QUARTER:
            index = current.start.year * 4 + (current.start.month - 1) // 3 + direction
            self.set_period(Period.of_quarter(index // 4, index % 4 + 1))
        elif current.kind == YEAR:
            self.set_period(Period.of_year(current.start.year + direction))
        else:
            shift = current.days * direction
            self.set_period(
                Period.custom(
                    date.fromordinal(current.start.toordinal() + shift),
                    date.fromordinal(current.end.toordinal() + shift),
                )
            )

    def _show_fields(self) -> None:
        kind = self.kind
        self.month_box.setVisible(kind == MONTH)
        self.quarter_box.setVisible(kind == QUARTER)
        self.year_box.setVisible(kind != CUSTOM)
        for widget in (self.start_label, self.start_edit, self.end_label, self.end_edit):
            widget.setVisible(kind == CUSTOM)

    def _describe(self, error: str = "") -> None:
        self.comparison.setText(
            error
            or self.tr("%1, comparée à %2")
            .replace("%1", self._period.label)
            .replace("%2", self._period.previous_year().label)
        )

    # -- slots ---------------------------------------------------------------------------------
    def on_changed(self, *_args: object) -> None:
        if self._quiet:
            return
        self._show_fields()
        try:
            period = self._read()
        except ValidationError as exc:
            self._describe(exc.message)
            return
        self._period = period
        self._describe()
        self.period_changed.emit(period)

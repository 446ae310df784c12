"""The columns of « Relances »: the few a counsellor reads at a glance are shown, the others are
one right-click away on the header, and every line's tooltip gives its whole detail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from guichet.services.referral_rows import ReferralRow

from guichet.ui.table_model import Column, display_text


@dataclass(frozen=True)
class FollowUpLine:
    stage: str
    due_on: date | None
    days_late: int | None
    referral: ReferralRow
    #: place in the service's order (most urgent stage first, then by due date)
    position: int = 0


STAGE, DUE_ON, DAYS_LATE, REFERENCE = 0, 1, 2, 3
STATUS, SENT_AT, LAST_FOLLOW_UP = 9, 10, 11
COLUMN_WIDTH = 200
#: columns hidden until asked for, per view (in « à relancer » the stage sums up the status and
#: dates; the other views have no stage, due date nor delay)
HIDDEN_BY_DEFAULT: dict[str, set[int]] = {
    "due": {REFERENCE, STATUS, SENT_AT, LAST_FOLLOW_UP},
    "open": {STAGE, DUE_ON, DAYS_LATE, REFERENCE},
    "all": {STAGE, DUE_ON, DAYS_LATE, REFERENCE},
}


def line_detail(line: FollowUpLine, tr: Callable[[str], str]) -> str:
    """Everything about one line, for its tooltip."""
    referral = line.referral
    facts = [
        (tr("Référence"), referral.reference),
        (tr("Entreprise"), referral.company),
        (tr("Partenaire"), referral.partner),
        (
            tr("Interlocuteur"),
            " · ".join(p for p in (referral.contact, referral.contact_phone) if p),
        ),
        (tr("Sujet"), referral.subject),
        (tr("Statut"), referral.status_label),
        (tr("Envoyée le"), display_text(referral.sent_at)),
        (tr("Dernière relance"), display_text(referral.last_follow_up_at)),
    ]
    if line.stage:
        due = tr("%1 — échéance %2").replace("%1", line.stage)
        facts.insert(0, (tr("Étape"), due.replace("%2", display_text(line.due_on))))
    return "\n".join(f"{name} : {value}" for name, value in facts if value)


def followup_columns(tr: Callable[[str], str]) -> list[Column[FollowUpLine]]:
    def column(title: str, value: Callable[[FollowUpLine], object], **extra: object) -> Column:
        detail = lambda line: line_detail(line, tr)  # noqa: E731
        return Column(tr(title), value, tooltip=detail, **extra)  # type: ignore[arg-type]

    return [
        column("Étape", lambda line: line.stage, sort_value=lambda line: line.position),
        column("Échéance", lambda line: line.due_on),
        column(
            "Retard",
            lambda line: (
                tr("%1 j").replace("%1", str(line.days_late)) if line.days_late is not None else ""
            ),
            align_right=True,
            sort_value=lambda line: line.days_late,
        ),
        column("Référence", lambda line: line.referral.reference),
        column("Entreprise", lambda line: line.referral.company),
        column("Partenaire", lambda line: line.referral.partner),
        column("Interlocuteur", lambda line: line.referral.contact),
        column("Téléphone", lambda line: line.referral.contact_phone),
        column("Sujet", lambda line: line.referral.subject),
        column("Statut", lambda line: line.referral.status_label),
        column("Envoyée le", lambda line: line.referral.sent_at),
        column("Dernière relance", lambda line: line.referral.last_follow_up_at),
    ]


class ColumnChooser:
    """Shows the columns of the current view, and a header menu to show or hide any of them.

    Until a header is clicked the lines keep the service's order, with no sort arrow; a click
    sorts them for real (on ``SORT_ROLE``).
    """

    def __init__(self, table: QTableView, proxy: QSortFilterProxyModel) -> None:
        self.table = table
        self.proxy = proxy
        self.hidden = {view: set(columns) for view, columns in HIDDEN_BY_DEFAULT.items()}
        self.view = "due"
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.on_header_context_menu_requested)
        header.setToolTip(table.tr("Clic droit : colonnes à afficher"))
        self.service_order()

    def service_order(self) -> None:
        """Back to the order the service gives, without a sort indicator."""
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)

    def apply(self, view: str) -> None:
        self.view = view
        hidden = self.hidden.setdefault(view, set())
        for column in range(self.proxy.columnCount()):
            self.table.setColumnHidden(column, column in hidden)

    def menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.setObjectName("followUpColumnsMenu")
        hidden = self.hidden[self.view]
        shown = self.proxy.columnCount() - len(hidden)
        for column in range(self.proxy.columnCount()):
            title = str(self.proxy.headerData(column, Qt.Orientation.Horizontal))
            action = QAction(title, menu)
            action.setCheckable(True)
            action.setChecked(column not in hidden)
            action.setEnabled(column in hidden or shown > 1)  # never hide the last one
            action.toggled.connect(lambda on, c=column: self.set_shown(c, on))
            menu.addAction(action)
        menu.addSeparator()
        order = QAction(self.table.tr("Ordre des relances (sans tri)"), menu)
        order.triggered.connect(self.service_order)
        menu.addAction(order)
        return menu

    def set_shown(self, column: int, shown: bool) -> None:
        hidden = self.hidden[self.view]
        if shown:
            hidden.discard(column)
        else:
            hidden.add(column)
        self.table.setColumnHidden(column, not shown)

    def on_header_context_menu_requested(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        self.menu(header).exec(header.mapToGlobal(pos))

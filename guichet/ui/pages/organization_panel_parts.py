"""Pieces of the organization panel: plain-text labels, the table of the referrals it
received, and the two lines of a contact."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView

from guichet.reference.phones import format_phone
from guichet.services.contacts import ContactInfo
from guichet.services.organizations import ReceivedReferral

from guichet.ui.column_menu import HeaderColumnMenu
from guichet.ui.table_fit import WidthKeeper, compact_rows
from guichet.ui.table_model import Column, RowsTableModel
from guichet.ui.widgets.status_chip import use_status_chips


def plain_label(text: str = "", name: str | None = None, *, wrap: bool = True) -> QLabel:
    """A label that never interprets markup, selectable so a number can be copied."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        widget.setObjectName(name)
    return widget


#: the reference, the date and the outcome are in every cell's tooltip: one right-click away
HIDDEN_REFERRAL_COLUMNS = {0, 3, 5}
SHRINKABLE_REFERRAL_COLUMNS = (1, 2)  # company, need: elided, whole in the tooltip


def referral_columns(tr: Callable[[str], str]) -> list[Column[ReceivedReferral]]:
    def whole(r: ReceivedReferral) -> str:
        """The whole referral, whatever columns are shown or cut short."""
        proposed = tr("proposée le %1").replace("%1", r.proposed_at.strftime("%d/%m/%Y"))
        lines = [
            " — ".join(p for p in (r.inquiry_reference, r.company) if p),
            r.subject,
            f"{r.status_label}, {proposed}",
            r.outcome,
        ]
        return "\n".join(line for line in lines if line)

    return [
        Column(tr("Demande"), lambda r: r.inquiry_reference, tooltip=whole),
        Column(tr("Entreprise"), lambda r: r.company, tooltip=whole),
        Column(tr("Besoin"), lambda r: r.subject, tooltip=whole),
        Column(tr("Proposée le"), lambda r: r.proposed_at.date(), tooltip=whole),
        Column(tr("Statut"), lambda r: r.status_label, tooltip=whole),
        Column(tr("Issue"), lambda r: r.outcome, tooltip=whole),
    ]


def referrals_view(
    model: RowsTableModel[ReceivedReferral],
) -> tuple[QTableView, HeaderColumnMenu]:
    """The table of received referrals: it fits the panel's width (no sideways scrolling; long
    names elided, whole in the tooltip), more columns a right-click away on its header."""
    view = QTableView()
    view.setObjectName("receivedReferralsView")
    view.setModel(model)
    use_status_chips(view)
    view.verticalHeader().hide()
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    compact_rows(view)
    keeper = WidthKeeper(view, SHRINKABLE_REFERRAL_COLUMNS)
    menu = HeaderColumnMenu(view, HIDDEN_REFERRAL_COLUMNS, keeper.fit)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return view, menu


def contact_lines(contact: ContactInfo) -> str:
    """Who the contact is on the first line (name — role), how to reach them on the second."""
    data = contact.data
    who = " — ".join(part for part in (contact.full_name, data.role or "") if part)
    reach = [format_phone(phone) for phone in (data.phone, data.mobile) if phone]
    if data.email:
        reach.append(data.email)
    return "\n".join(line for line in (who, " · ".join(reach)) if line)

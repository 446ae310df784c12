"""Pieces of the organization panel: plain-text labels, the columns of the referrals it
received, and the two lines of a contact."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from guichet.reference.phones import format_phone
from guichet.services.contacts import ContactInfo
from guichet.services.organizations import ReceivedReferral

from guichet.ui.table_model import Column


def plain_label(text: str = "", name: str | None = None, *, wrap: bool = True) -> QLabel:
    """A label that never interprets markup, selectable so a number can be copied."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        widget.setObjectName(name)
    return widget


def referral_columns(tr: Callable[[str], str]) -> list[Column[ReceivedReferral]]:
    return [
        Column(tr("Demande"), lambda r: r.inquiry_reference),
        Column(tr("Entreprise"), lambda r: r.company),
        Column(tr("Besoin"), lambda r: r.subject),
        Column(tr("Proposée le"), lambda r: r.proposed_at.date()),
        Column(tr("Statut"), lambda r: r.status_label),
        Column(tr("Issue"), lambda r: r.outcome, tooltip=lambda r: r.outcome),
    ]


def contact_lines(contact: ContactInfo) -> str:
    """Who the contact is on the first line (name — role), how to reach them on the second."""
    data = contact.data
    who = " — ".join(part for part in (contact.full_name, data.role or "") if part)
    reach = [format_phone(phone) for phone in (data.phone, data.mobile) if phone]
    if data.email:
        reach.append(data.email)
    return "\n".join(line for line in (who, " · ".join(reach)) if line)

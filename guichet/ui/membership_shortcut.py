"""« Proposer l'adhésion… » from the places where a membership is born — a meeting attendee,
a recorded visit, a groupement partner or an awarded company — opening « Adhérer… » with the
origin prefilled and the goal's network chosen; an organisation already adhérent of that
network is told so instead."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from guichet.services.memberships import MembershipRow, MembershipService, Origin
from guichet.services.network_goals import load_goal

from guichet.ui.context import AppContext
from guichet.ui.dialogs.membership_dialog import JoinDialog


def tr(text: str) -> str:
    return QCoreApplication.translate("membership_shortcut", text)


def already_member_text(organization: str, network: str) -> str:
    return tr("%1 est déjà adhérent de %2.").replace("%1", organization).replace("%2", network)


def propose_membership(
    parent: QWidget,
    ctx: AppContext,
    organization_id: int,
    organization: str,
    origin: Origin,
    *,
    today: date | None = None,
) -> MembershipRow | None:
    """Opens « Adhérer… » prefilled; the saved membership, or None (cancelled, already in)."""
    goal = load_goal(ctx.db)
    if goal.network_id is not None and MembershipService(ctx.db).is_open_member(
        organization_id, goal.network_id
    ):
        box = QMessageBox(
            QMessageBox.Icon.Information,
            tr("Adhésion"),
            already_member_text(organization, goal.network),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("alreadyMemberBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return None
    dialog = JoinDialog(
        ctx,
        organization_id,
        organization,
        parent,
        today=today,
        origin=origin,
        network_id=goal.network_id,
    )
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.saved
    return None

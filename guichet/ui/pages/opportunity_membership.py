"""« Proposer l'adhésion… » on an opportunity's Groupements tab: a menu of the companies that
won it, alone or in a retained groupement; one chosen opens « Adhérer… » brought by the
opportunity (an adhérent already is told so)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from guichet.models import MembershipOrigin
from guichet.services.memberships import MembershipService, Origin, Winner
from guichet.services.network_goals import load_goal

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.membership_shortcut import propose_membership


class WinnersMembershipButton(QPushButton):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.opportunity_id: int | None = None
        self.setText(self.tr("Proposer l'adhésion…"))
        self.setObjectName("proposeMembershipButton")
        tip = self.tr(
            "Les entreprises lauréates, seules ou en groupement retenu, adhèrent au réseau"
        )
        self.setToolTip(tip)
        set_name(self, self.tr("Proposer l'adhésion") + " — " + tip)
        self.choices = QMenu(self)
        self.choices.setObjectName("winnersMenu")
        self.setMenu(self.choices)
        self.setEnabled(False)

    def show_opportunity(self, opportunity_id: int | None) -> None:
        self.opportunity_id = opportunity_id
        self.choices.clear()
        winners: list[Winner] = []
        if opportunity_id is not None:
            network_id = load_goal(self.ctx.db).network_id
            winners = MembershipService(self.ctx.db).opportunity_winners(opportunity_id, network_id)
        for winner in winners:
            text = winner.organization
            if winner.member:
                text += self.tr(" — déjà adhérent")
            action = self.choices.addAction(text)
            action.triggered.connect(partial(self.propose, winner))
        self.setEnabled(bool(winners))

    def propose(self, winner: Winner) -> None:
        if self.opportunity_id is None:
            return
        origin = Origin(MembershipOrigin.OPPORTUNITY, self.opportunity_id, self.ctx.counsellor_id)
        propose_membership(self, self.ctx, winner.organization_id, winner.organization, origin)

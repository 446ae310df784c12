"""The matches of an opportunity as a tree: per lot its members with their reasons, then the
proposed groupements with what each member brings, then those for the whole opportunity."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from guichet.services.groupement_proposals import Proposal
from guichet.services.opportunity_matches import OpportunityMatches

from guichet.ui.accessibility import set_name

PROPOSAL_ROLE = Qt.ItemDataRole.UserRole


class MatchesTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opportunityMatches")
        set_name(self, self.tr("Correspondances par lot"))
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("Lot, entreprise ou groupement"), self.tr("Pourquoi")])
        self.setColumnWidth(0, 270)
        self.setWordWrap(True)

    def show_message(self, text: str) -> None:
        self.clear()
        self.addTopLevelItem(QTreeWidgetItem([text, ""]))

    def _proposals(self, parent: QTreeWidgetItem, proposals: tuple[Proposal, ...]) -> None:
        for number, proposal in enumerate(proposals, 1):
            names = " + ".join(c.name for c in proposal.members)
            node = QTreeWidgetItem(
                [
                    self.tr("Groupement %1 : %2").replace("%1", str(number)).replace("%2", names),
                    " ; ".join(proposal.reasons),
                ]
            )
            node.setData(0, PROPOSAL_ROLE, proposal)
            node.setToolTip(1, " ; ".join(proposal.reasons))
            for c in proposal.members:
                lots = ", ".join(str(n) for n in c.lot_numbers)
                child = QTreeWidgetItem(
                    [
                        c.name,
                        self.tr("apporte %1 (lot %2)")
                        .replace("%1", ", ".join(c.brings))
                        .replace("%2", lots),
                    ]
                )
                child.setData(0, PROPOSAL_ROLE, proposal)
                node.addChild(child)
            parent.addChild(node)
            node.setExpanded(True)

    def show_matches(self, result: OpportunityMatches) -> None:
        self.clear()
        for lot in result.lots:
            needs = ", ".join(lot.requirements) or self.tr(
                "aucune exigence : précisez ses savoir-faire"
            )
            top = QTreeWidgetItem(
                [
                    self.tr("Lot %1 — %2").replace("%1", str(lot.number)).replace("%2", lot.title),
                    needs,
                ]
            )
            self.addTopLevelItem(top)
            for match in lot.matches:
                item = QTreeWidgetItem([match.name, match.reason])
                item.setToolTip(1, match.reason)
                if match.declined_buyer_on is not None:
                    item.setText(0, "⚠ " + match.name)
                top.addChild(item)
            if lot.requirements and not lot.matches:
                top.addChild(
                    QTreeWidgetItem([self.tr("Aucune entreprise ne couvre seule ce lot"), ""])
                )
            self._proposals(top, lot.groupements)
            top.setExpanded(True)
        if result.groupements:
            whole = QTreeWidgetItem([self.tr("Groupements pour l'ensemble des lots"), ""])
            self.addTopLevelItem(whole)
            self._proposals(whole, result.groupements)
            whole.setExpanded(True)

    def current_proposal(self) -> Proposal | None:
        item = self.currentItem()
        value = item.data(0, PROPOSAL_ROLE) if item is not None else None
        return value if isinstance(value, Proposal) else None

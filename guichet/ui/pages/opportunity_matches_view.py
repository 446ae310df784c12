"""The matches of an opportunity as a tree: per lot its members with their reasons, then the
proposed groupements with what each member brings, then those for the whole opportunity.

A row shows the start of its reason; the whole of it is read in :class:`MatchDetails` under the
tree (one reason a line, for the selected row) and is the row's accessible description, so
nothing is lost at 1280×800 and a screen reader says it with the row.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QTreeWidget, QTreeWidgetItem, QWidget

from guichet.services.groupement_proposals import Proposal
from guichet.services.opportunity_matches import OpportunityMatches

from guichet.ui.accessibility import set_name

PROPOSAL_ROLE = Qt.ItemDataRole.UserRole
#: the whole explanation of a row, shown by :class:`MatchDetails`
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_LINES = 4  # at least; the splitter above it gives it more


def _item(name: str, reason: str, detail: str) -> QTreeWidgetItem:
    item = QTreeWidgetItem([name, reason])
    item.setData(0, DETAIL_ROLE, detail)
    item.setToolTip(0, name)
    if reason:
        item.setToolTip(1, reason)
    for column in (0, 1):
        item.setData(column, Qt.ItemDataRole.AccessibleDescriptionRole, detail)
    return item


def _bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


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
        self.addTopLevelItem(_item(text, "", text))

    def _proposals(self, parent: QTreeWidgetItem, proposals: tuple[Proposal, ...]) -> None:
        for number, proposal in enumerate(proposals, 1):
            names = " + ".join(c.name for c in proposal.members)
            title = self.tr("Groupement %1 : %2").replace("%1", str(number)).replace("%2", names)
            brings = []
            for c in proposal.members:
                lots = ", ".join(str(n) for n in c.lot_numbers)
                brings.append(
                    (
                        c.name,
                        self.tr("apporte %1 (lot %2)")
                        .replace("%1", ", ".join(c.brings))
                        .replace("%2", lots),
                    )
                )
            detail = "\n".join(
                [title, _bullets(proposal.reasons), *(f"{name} : {what}" for name, what in brings)]
            )
            node = _item(title, " ; ".join(proposal.reasons), detail)
            node.setData(0, PROPOSAL_ROLE, proposal)
            for name, what in brings:
                child = _item(name, what, f"{title}\n{name} : {what}")
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
            title = self.tr("Lot %1 — %2").replace("%1", str(lot.number)).replace("%2", lot.title)
            found = self.tr("%1 entreprise(s) le couvrent seules").replace(
                "%1", str(len(lot.matches))
            )
            required = self.tr("Exigences : %1").replace("%1", needs)
            top = _item(title, needs, f"{title}\n{required}\n{found}")
            self.addTopLevelItem(top)
            for match in lot.matches:
                name = "⚠ " + match.name if match.declined_buyer_on is not None else match.name
                detail = f"{match.name} — {title}\n{_bullets(match.reasons)}"
                top.addChild(_item(name, match.reason, detail))
            if lot.requirements and not lot.matches:
                alone = self.tr("Aucune entreprise ne couvre seule ce lot")
                top.addChild(_item(alone, "", f"{title}\n{alone}"))
            self._proposals(top, lot.groupements)
            top.setExpanded(True)
        if result.groupements:
            heading = self.tr("Groupements pour l'ensemble des lots")
            whole = _item(heading, "", heading)
            self.addTopLevelItem(whole)
            self._proposals(whole, result.groupements)
            whole.setExpanded(True)

    def current_proposal(self) -> Proposal | None:
        item = self.currentItem()
        value = item.data(0, PROPOSAL_ROLE) if item is not None else None
        return value if isinstance(value, Proposal) else None

    def current_detail(self) -> str:
        item = self.currentItem()
        value = item.data(0, DETAIL_ROLE) if item is not None else None
        return value if isinstance(value, str) else ""


class MatchDetails(QPlainTextEdit):
    """The whole reason of the row selected in ``tree``, one reason a line (read-only; Tab goes
    on to the next control, the arrows move in the text)."""

    def __init__(self, tree: MatchesTree, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = tree
        self.setObjectName("opportunityMatchDetails")
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText(
            self.tr("Choisissez une entreprise ou un groupement pour lire pourquoi il est proposé.")
        )
        set_name(self, self.tr("Pourquoi : détail de la ligne choisie"))
        lines = self.fontMetrics().lineSpacing() * DETAIL_LINES
        self.setMinimumHeight(lines + 2 * self.frameWidth() + 8)
        tree.currentItemChanged.connect(lambda *_a: self.setPlainText(tree.current_detail()))

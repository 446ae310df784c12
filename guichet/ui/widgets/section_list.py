"""A tabbed widget with more tabs than a laptop's width shows (Paramètres has fifteen): its
sections listed down the left instead of a tab bar whose last tabs hide behind scroll arrows.

The :class:`QTabWidget` stays (its pages, ``setCurrentWidget``, Ctrl+Tab from inside a page);
only its bar is hidden, and a list of the same titles drives it. The list is reached by Tab
before the page; the arrow keys and the first letters move through the sections.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QListWidget, QTabWidget, QWidget

from guichet.ui.accessibility import set_name

#: pixels above and below a section's title, together
ROW_PADDING = 10


def sections_beside(tabs: QTabWidget, name: str) -> tuple[QWidget, QListWidget]:
    """A widget holding ``tabs`` with its sections listed on its left (as wide as the longest
    title), and that list (accessible name ``name``)."""
    sections = QListWidget()
    sections.setObjectName("sections")
    set_name(sections, name)
    sections.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    sections.addItems([tabs.tabText(index) for index in range(tabs.count())])
    text_width = sections.sizeHintForColumn(0)
    row_height = sections.fontMetrics().lineSpacing() + ROW_PADDING
    for index in range(sections.count()):
        sections.item(index).setSizeHint(QSize(text_width, row_height))  # room to aim and read
    sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    width = text_width + 2 * sections.frameWidth() + 24
    tabs.tabBar().hide()
    tabs.setDocumentMode(True)
    sections.setCurrentRow(tabs.currentIndex())
    sections.currentRowChanged.connect(lambda row: tabs.setCurrentIndex(row) if row >= 0 else None)
    tabs.currentChanged.connect(sections.setCurrentRow)
    sections.setFixedWidth(width)
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(sections)
    row.addWidget(tabs, 1)
    QWidget.setTabOrder(sections, tabs)
    return holder, sections

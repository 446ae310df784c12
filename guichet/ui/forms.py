"""The same spacing and alignment on every form of the app: labels on the left, fields that
grow, rows packed at the top (a tall dialog does not spread its rows apart) and the same gaps.

:func:`tidy_when_shown` applies it to every form layout of a window or a page the first time it
is shown (called by the application's event filter, ``guichet.ui.keys``), so a new form needs
nothing of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFormLayout, QLayout, QSizePolicy, QStackedWidget, QWidget

HORIZONTAL_SPACING = 12
VERTICAL_SPACING = 6
TIDIED = "guichetTidied"
UNBOUNDED = 16777215  # QWIDGETSIZE_MAX


def tidy_form(form: QFormLayout) -> QFormLayout:
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setHorizontalSpacing(HORIZONTAL_SPACING)
    form.setVerticalSpacing(VERTICAL_SPACING)
    if not _grows_vertically(form):
        # the extra height goes below the last row instead of between the rows
        filler = QWidget()
        filler.setObjectName("formFiller")
        filler.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        form.addRow(filler)
    form.setProperty(TIDIED, True)
    return form


def _grows_vertically(layout: QLayout) -> bool:
    """Whether a visible field of ``layout`` (or of a layout nested in it, as FormErrors rows
    are) takes extra height: an expanding widget that no maximum height caps."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, nested = item.widget(), item.layout()
        if widget is not None:
            if not widget.isVisibleTo(widget.parentWidget() or widget):
                continue
            policy = widget.sizePolicy().verticalPolicy()
            capped = widget.maximumHeight() < UNBOUNDED  # e.g. a 3-line address box
            if policy.value & QSizePolicy.PolicyFlag.ExpandFlag.value and not capped:
                return True
        elif nested is not None:
            if _grows_vertically(nested):
                return True
        elif item.expandingDirections() & Qt.Orientation.Vertical:
            return True
    return False


def tidy_forms(root: QWidget) -> int:
    """Tidies the forms under ``root`` not yet tidied; returns how many."""
    count = 0
    for form in root.findChildren(QFormLayout):
        if not form.property(TIDIED):
            tidy_form(form)
            count += 1
    return count


def tidy_when_shown(watched: QObject) -> None:
    """``watched`` was shown: a window, a page or a tab has its forms tidied the first time."""
    if isinstance(watched, QWidget):
        parent = watched.parentWidget()
        # a page of the window's stack, or of a tab widget (its pages sit in a stack too)
        if watched.isWindow() or isinstance(parent, QStackedWidget):
            tidy_forms(watched)

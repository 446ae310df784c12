"""French error messages shown right under the field they concern, in any tab of a form, and
the banner saying what someone else changed meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from guichet.errors import ConcurrentEditError, ValidationError
from guichet.reference.phones import format_phone

from guichet.ui.accessibility import describe_error, label_field
from guichet.ui.theme import set_themed_style

#: fields holding a telephone number (stored E.164, shown in the national form)
PHONE_FIELDS = frozenset(("phone", "mobile"))


def changes_text(
    changes: dict[str, tuple[object, object]], labels: dict[str, str], heading: str
) -> str:
    """« Modifié entre-temps : • Téléphone : « a » → « b » » with French field names."""

    def shown(field: str, value: object) -> str:
        if value is None or value == "":
            return "(vide)"
        text = str(getattr(value, "value", value))
        return format_phone(text) if field in PHONE_FIELDS else text

    lines = [
        f"• {labels.get(field, field)} : « {shown(field, old)} » → « {shown(field, new)} »"
        for field, (old, new) in changes.items()
    ]
    return heading + ("\n" + "\n".join(lines) if lines else " " + "(détail indisponible)")


class ConcurrentEditBanner(QLabel):
    """Above a form, hidden until a save is refused because someone else saved meanwhile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concurrentEditBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        set_themed_style(self, "background: $notice_background; color: $notice_text; padding: 6px;")
        self.hide()

    def show_changes(self, exc: ConcurrentEditError, labels: dict[str, str], advice: str) -> None:
        """The refusal, what changed (with the form's French field names), then ``advice``."""
        self.setText(
            exc.message
            + "\n"
            + changes_text(exc.changes, labels, self.tr("Modifié entre-temps :"))
            + "\n"
            + advice
        )
        self.show()


class FormErrors:
    def __init__(self, tabs: QTabWidget | None = None) -> None:
        self.tabs = tabs
        self.rows: dict[str, tuple[QWidget, QLabel, int]] = {}

    def add_row(
        self,
        form: QFormLayout,
        caption: str,
        widget: QWidget,
        field: str,
        tab: int = 0,
        extra: QWidget | None = None,
    ) -> QLabel:
        """Add ``widget`` (and ``extra`` under it) to ``form`` with a hidden error label.

        The caption is the buddy of the real field (a composite's focus proxy) and names it for
        screen readers; the fields sit in a layout, not a wrapper widget, so the caption is their
        sibling (the label relation a screen reader follows)."""
        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        if extra is not None:
            layout.addWidget(extra)
        error = QLabel()
        error.setObjectName(f"{field}_error")
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setWordWrap(True)
        set_themed_style(error, "color: $error;")
        error.hide()
        layout.addWidget(error)
        label = QLabel(caption)
        form.addRow(label, layout)
        if caption:
            label_field(label, widget)
        self.rows[field] = (widget, error, tab)
        return error

    def show(self, exc: ValidationError) -> bool:
        """Show the message under its field; False when the field is not on this form."""
        row = self.rows.get(exc.field or "")
        if row is None:
            return False
        widget, error, tab = row
        error.setText(exc.message)
        error.show()
        describe_error(widget, exc.message)
        if self.tabs is not None:
            self.tabs.setCurrentIndex(tab)
        widget.setFocus()
        return True

    def clear(self) -> None:
        for widget, error, _tab in self.rows.values():
            error.clear()
            error.hide()
            describe_error(widget, "")

    def message(self, field: str) -> str:
        row = self.rows.get(field)
        return row[1].text() if row and not row[1].isHidden() else ""

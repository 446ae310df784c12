"""Icons of actions and page buttons: the desktop theme's icon when it has one, else Qt's
standard pixmap, so every action shows an icon on any system."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication, QStyle, QWidget

SP = QStyle.StandardPixmap

#: what each kind of page action looks like: (Qt standard pixmap, freedesktop theme name)
ICONS: dict[str, tuple[QStyle.StandardPixmap, str]] = {
    "new": (SP.SP_FileIcon, "document-new"),
    "export": (SP.SP_ArrowUp, "document-export"),
    "import": (SP.SP_ArrowDown, "document-import"),
    "open": (SP.SP_DialogOpenButton, "document-open"),
    "save": (SP.SP_DialogSaveButton, "document-save"),
    "settings": (SP.SP_FileDialogDetailedView, "preferences-system"),
    "list": (SP.SP_FileDialogListView, "view-list-tree"),
    "call": (SP.SP_DialogYesButton, "call-start"),
    "letter": (SP.SP_FileDialogContentsView, "mail-message-new"),
    "status": (SP.SP_BrowserReload, "view-refresh"),
    "print": (SP.SP_DriveFDIcon, "document-print"),
    "go": (SP.SP_ArrowForward, "go-next"),
    "link": (SP.SP_CommandLink, "insert-link"),
    "remove": (SP.SP_TrashIcon, "edit-delete"),
    "find": (SP.SP_FileDialogContentsView, "edit-find"),
    "refresh": (SP.SP_BrowserReload, "view-refresh"),
    "quit": (SP.SP_DialogCloseButton, "application-exit"),
    "help": (SP.SP_DialogHelpButton, "help-keyboard-shortcuts"),
    "about": (SP.SP_MessageBoxInformation, "help-about"),
    "backup": (SP.SP_DialogSaveButton, "document-save-as"),
    "restore": (SP.SP_DialogOpenButton, "document-revert"),
    "sirene": (SP.SP_DriveNetIcon, "document-import"),
    "zoom": (SP.SP_FileDialogContentsView, "zoom-fit-best"),
    "zoom_in": (SP.SP_TitleBarMaxButton, "zoom-in"),
    "zoom_out": (SP.SP_TitleBarMinButton, "zoom-out"),
    "zoom_reset": (SP.SP_TitleBarNormalButton, "zoom-original"),
    "theme": (SP.SP_DesktopIcon, "preferences-desktop-theme"),
    "lock": (SP.SP_DialogResetButton, "system-lock-screen"),
    "history": (SP.SP_FileDialogInfoView, "document-open-recent"),
}


def icon(name: str, widget: QWidget | None = None) -> QIcon:
    pixmap, theme = ICONS[name]
    style = widget.style() if widget is not None else QApplication.style()
    return QIcon.fromTheme(theme, style.standardIcon(pixmap))


def with_icon(button: QAbstractButton, name: str) -> QAbstractButton:
    button.setIcon(icon(name, button))
    return button


def tinted_svg_icon(path: Path, colors: dict[QIcon.Mode, QColor], size: int = 48) -> QIcon:
    """A one-stroke-colour line drawing (resources/icons) drawn in ``colors`` — one per icon
    mode —, so that it stays visible on a dark or high-contrast palette."""
    from PySide6.QtSvg import QSvgRenderer  # only on dark palettes: kept off the start-up path

    svg = path.read_text(encoding="utf-8")
    result = QIcon()
    for mode, value in colors.items():
        data = re.sub(r'stroke="#[0-9a-fA-F]{3,6}"', f'stroke="{value.name()}"', svg)
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        QSvgRenderer(QByteArray(data.encode("utf-8"))).render(painter)
        painter.end()
        result.addPixmap(pixmap, mode)
    return result

"""Icons of actions and page buttons: the desktop theme's icon when it has one, else Qt's
standard pixmap, so every action shows an icon on any system."""

from __future__ import annotations

from PySide6.QtGui import QIcon
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
}


def icon(name: str, widget: QWidget | None = None) -> QIcon:
    pixmap, theme = ICONS[name]
    style = widget.style() if widget is not None else QApplication.style()
    return QIcon.fromTheme(theme, style.standardIcon(pixmap))


def with_icon(button: QAbstractButton, name: str) -> QAbstractButton:
    button.setIcon(icon(name, button))
    return button

"""Printing PDFs from the interface: through CUPS when it is there, else through Qt.

With CUPS (Linux, macOS), the counsellor picks one of its printers and the archived PDF bytes
go to ``lp`` as they are (text layer, embedded fonts). Without it, Qt's print dialog and
:func:`guichet.ui.pdf.print_pdfs` draw each page on the printer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from guichet.services.printing import CupsPrinters, cups_printers, print_with_cups

from guichet.ui.feedback import attempt
from guichet.ui.pdf import prepare_printer, print_pdfs


def tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def ask_printer(parent: QWidget | None, printers: CupsPrinters, title: str) -> str | None:
    """The CUPS printer to use (the system default first), or None if cancelled."""
    names = list(printers.names)
    current = names.index(printers.default) if printers.default in names else 0
    name, accepted = QInputDialog.getItem(parent, title, tr("Imprimante :"), names, current, False)
    return name if accepted and name else None


def print_documents(
    parent: QWidget | None, title: str, pdfs: Callable[[], Sequence[bytes]]
) -> bool:
    """Asks for a printer and prints ``pdfs()`` as one job; True once the job was accepted.

    Errors (printer refused, CUPS stopped…) are shown in French and give False.
    """
    printers = cups_printers()
    if printers is not None:
        printer_name = ask_printer(parent, printers, title)
        if printer_name is None:
            return False
        return attempt(parent, lambda: print_with_cups(printer_name, title, pdfs())) is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return attempt(parent, lambda: print_pdfs(printer, pdfs())) is not None

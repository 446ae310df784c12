"""PDF bytes in Qt: open them with QtPdf, print them through a QPrinter page by page.

Letters are printed from the stored PDF (the bytes that were archived), rendered by QtPdf at
300 dpi onto the full sheet, so the address block falls where the PDF puts it — provided the
print dialog does not scale the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from guichet.errors import EnvironmentProblem

PRINT_DPI = 300


class PdfBytes(QObject):
    """A QPdfDocument over bytes in memory (keeps the buffer alive as long as the document)."""

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = QByteArray(data)
        self.buffer = QBuffer(self.data, self)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise EnvironmentProblem(
                "Le courrier enregistré ne peut pas être ouvert (PDF illisible).",
                detail=str(self.document.error()),
            )

    @property
    def page_count(self) -> int:
        return self.document.pageCount()


def prepare_printer(printer: QPrinter) -> None:
    """A4 portrait, whole sheet addressable (the window-envelope position is absolute)."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


def print_pdfs(printer: QPrinter, pdfs: Sequence[bytes]) -> int:
    """Prints every page of every PDF as one job; returns the number of pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        raise EnvironmentProblem(
            "L'imprimante n'a pas pu démarrer l'impression. Vérifiez qu'elle est disponible."
        )
    printed = 0
    try:
        for data in pdfs:
            holder = PdfBytes(data)
            try:
                for page in range(holder.page_count):
                    if printed and not printer.newPage():
                        raise EnvironmentProblem("L'imprimante a refusé une nouvelle page.")
                    target = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
                    points = holder.document.pagePointSize(page)
                    size = QSize(
                        round(points.width() / 72 * PRINT_DPI),
                        round(points.height() / 72 * PRINT_DPI),
                    )
                    image = holder.document.render(page, size)
                    painter.drawImage(target, image)
                    printed += 1
            finally:
                holder.document.close()
                holder.deleteLater()
    finally:
        painter.end()
    return printed

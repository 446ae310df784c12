"""The catalogue of sites: business parks, their plots and buildings, a form and attachments."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.reference.file_names import with_folder
from guichet.services.scratch import scratch_folder
from guichet.services.site_attachments import (
    AttachmentInfo,
    add_attachment,
    attachment_file,
    list_attachments,
    remove_attachment,
)
from guichet.services.sites import ParkInfo, SiteDraft, SiteInfo, list_parks, list_sites, save_site

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.dialogs.park_dialog import ParkDialog
from guichet.ui.feedback import attempt, show_error
from guichet.ui.file_dialogs import FileKind, open_file_name
from guichet.ui.pages.implantation_site_form import SiteForm
from guichet.ui.pages.implantation_tables import keep_in_width
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel, sorting_proxy
from guichet.ui.unsaved import LeaveGuard


class SitesPanel(QWidget):
    #: the catalogue changed (the map refreshes its markers)
    sites_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("sitesPanel")
        self.current: SiteInfo | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_park_button = QPushButton(self.tr("Nouvelle zone…"))
        self.new_park_button.setObjectName("newParkButton")
        self.edit_park_button = QPushButton(self.tr("Modifier la zone…"))
        self.edit_park_button.setObjectName("editParkButton")
        self.new_site_button = QPushButton(self.tr("Nouveau site"))
        self.new_site_button.setObjectName("newSiteButton")
        self.import_button = QPushButton(self.tr("Importer des sites…"))
        self.import_button.setObjectName("importSitesButton")
        for button in (
            self.new_park_button,
            self.edit_park_button,
            self.new_site_button,
            self.import_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.park_model: RowsTableModel[ParkInfo] = RowsTableModel(
            [
                Column(self.tr("Zone d'activité"), lambda p: p.name),
                Column(self.tr("Commune"), lambda p: p.commune_code),
                Column(self.tr("Sites"), lambda p: p.site_count, align_right=True),
            ],
            self,
        )
        self.park_view = rows_view("parksView", self.park_model)
        set_name(self.park_view, self.tr("Zones d'activité"))
        self.site_model: RowsTableModel[SiteInfo] = RowsTableModel(
            [
                Column(self.tr("Site"), lambda s: s.name),
                Column(self.tr("Zone"), lambda s: s.park_name, tooltip=lambda s: s.park_name),
                Column(self.tr("Type"), lambda s: self.tr(s.kind_label)),
                Column(self.tr("Surface"), lambda s: f"{s.surface_m2:,}".replace(",", "\u202f") + " m²", align_right=True, sort_value=lambda s: s.surface_m2),
                Column(self.tr("Disponibilité"), lambda s: self.tr(s.availability_label)),
                Column(self.tr("Disponible le"), lambda s: s.available_on),
                Column(self.tr("Services"), lambda s: ", ".join(s.services), tooltip=lambda s: "\n".join(s.services)),
            ],
            self,
        )  # fmt: skip
        self.site_proxy = sorting_proxy(self.site_model, self)
        self.site_view = rows_view("sitesView", self.site_proxy)
        set_name(self.site_view, self.tr("Sites"))
        self.site_view.setSortingEnabled(True)
        keep_in_width(self.site_view, (1, 6))
        keep_in_width(self.park_view, (0,))
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.park_view)
        left.addWidget(self.site_view)
        left.setStretchFactor(1, 3)
        self.form = SiteForm()
        self.form.saver = self.save
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.heading = QLabel()
        self.heading.setObjectName("siteHeading")
        right_layout.addWidget(self.heading)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        right_layout.addWidget(scroll, 3)
        right_layout.addWidget(self._attachments(), 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([700, 460])
        layout.addWidget(splitter, 1)
        self.leave_guard = LeaveGuard(self, lambda: (self.form,))
        self.new_park_button.clicked.connect(lambda: self.edit_park(None))
        self.edit_park_button.clicked.connect(self.on_edit_park_button_clicked)
        self.new_site_button.clicked.connect(
            lambda: self.leave_guard.request(lambda: self.show_site(None), lambda: None)
        )
        self.import_button.clicked.connect(self.on_import_button_clicked)
        self.park_view.selectionModel().currentRowChanged.connect(self.on_park_current_row_changed)
        self.site_view.selectionModel().currentRowChanged.connect(self.on_site_current_row_changed)
        self.refresh()
        self.show_site(None)

    def _attachments(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Joindre une photo ou un plan…"))
        self.attach_button.setObjectName("siteAttach")
        self.open_attachment_button = QPushButton(self.tr("Ouvrir"))
        self.open_attachment_button.setObjectName("siteAttachmentOpen")
        self.remove_attachment_button = QPushButton(self.tr("Retirer"))
        self.remove_attachment_button.setObjectName("siteAttachmentRemove")
        for button in (
            self.attach_button,
            self.open_attachment_button,
            self.remove_attachment_button,
        ):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.attachment_model: RowsTableModel[AttachmentInfo] = RowsTableModel(
            [
                Column(self.tr("Pièce jointe"), lambda a: a.file_name),
                Column(self.tr("Taille"), lambda a: f"{max(a.size // 1024, 1)} Ko", align_right=True, sort_value=lambda a: a.size),
            ],
            self,
        )  # fmt: skip
        self.attachment_view = rows_view("siteAttachments", self.attachment_model)
        set_name(self.attachment_view, self.tr("Photos et plans du site"))
        keep_in_width(self.attachment_view, (0,))
        layout.addWidget(self.attachment_view)
        self.attach_button.clicked.connect(self.on_attach_button_clicked)
        self.open_attachment_button.clicked.connect(self.on_open_attachment_button_clicked)
        self.remove_attachment_button.clicked.connect(self.on_remove_attachment_button_clicked)
        return box

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        parks = list_parks(self.ctx.db)
        self.park_model.set_rows(parks)
        self.form.set_parks(parks)
        park = self.current_park()
        self.site_model.set_rows(list_sites(self.ctx.db, park_id=park.id if park else None))

    def current_park(self) -> ParkInfo | None:
        row = self.park_view.currentIndex().data(ROW_ROLE)
        return row if isinstance(row, ParkInfo) else None

    def show_site(self, site: SiteInfo | None) -> None:
        self.current = site
        park = self.current_park()
        self.form.fill(
            site.draft() if site else SiteDraft("", 0, park_id=park.id if park else None)
        )
        self.heading.setText(
            self.tr("Site : {name}").format(name=site.name) if site else self.tr("Nouveau site")
        )
        self.attachment_model.set_rows(list_attachments(self.ctx.db, site.id) if site else [])
        for button in (
            self.attach_button,
            self.open_attachment_button,
            self.remove_attachment_button,
        ):
            button.setEnabled(site is not None)

    def select_site(self, site_id: int) -> None:
        """Shows a site (the map's click); the park filter is lifted when needed."""
        if not any(s.id == site_id for s in self.site_model.rows()):
            self.park_view.clearSelection()
            self.park_view.setCurrentIndex(QModelIndex())
            self.refresh()
        for row in range(self.site_proxy.rowCount()):
            index = self.site_proxy.index(row, 0)
            found = index.data(ROW_ROLE)
            if isinstance(found, SiteInfo) and found.id == site_id:
                self.site_view.setCurrentIndex(index)
                return

    # -- actions ----------------------------------------------------------------------------

    def save(self, draft: SiteDraft) -> bool:
        current = self.current
        try:
            site_id = save_site(
                self.ctx.db,
                draft,
                site_id=current.id if current else None,
                version=current.version if current else None,
            )
        except GuichetError as exc:
            show_error(self, exc)
            return False
        self.form.filled = self.form.draft()
        self.refresh()
        self.select_site(site_id)
        self.sites_changed.emit()
        return True

    def edit_park(self, park: ParkInfo | None) -> None:
        if ParkDialog(self.ctx, park, self).exec():
            self.refresh()
            self.sites_changed.emit()

    def on_edit_park_button_clicked(self) -> None:
        park = self.current_park()
        if park is not None:
            self.edit_park(park)

    def on_park_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        park = self.current_park()
        self.site_model.set_rows(list_sites(self.ctx.db, park_id=park.id if park else None))
        self.show_site(None)

    def on_site_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        site = current.data(ROW_ROLE)
        if isinstance(site, SiteInfo) and (self.current is None or site.id != self.current.id):
            self.leave_guard.request(
                lambda: self.show_site(site),
                lambda: self.site_view.setCurrentIndex(previous),
            )

    def on_import_button_clicked(self) -> None:
        from guichet.ui.dialogs.site_import_dialog import SiteImportDialog

        if SiteImportDialog(self.ctx, self).exec():
            self.refresh()
            self.sites_changed.emit()

    def current_attachment(self) -> AttachmentInfo | None:
        row = self.attachment_view.currentIndex().data(ROW_ROLE)
        return row if isinstance(row, AttachmentInfo) else None

    def on_attach_button_clicked(self) -> None:
        site = self.current
        if site is None:
            return
        chosen = open_file_name(self, FileKind.ATTACHMENT, self.tr("Joindre une photo ou un plan"))
        if not chosen:
            return
        path = Path(chosen)
        if attempt(self, lambda: add_attachment(self.ctx.db, site.id, path)) is not None:
            self.attachment_model.set_rows(list_attachments(self.ctx.db, site.id))

    def on_open_attachment_button_clicked(self) -> None:
        item = self.current_attachment()
        found = attempt(self, lambda: attachment_file(self.ctx.db, item.id)) if item else None
        if found is None:
            return
        name, data = found
        target = Path(with_folder(scratch_folder("guichet-site-"), name))
        target.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def on_remove_attachment_button_clicked(self) -> None:
        item, site = self.current_attachment(), self.current
        if item is None or site is None:
            return
        attempt(self, lambda: remove_attachment(self.ctx.db, item.id))
        self.attachment_model.set_rows(list_attachments(self.ctx.db, site.id))

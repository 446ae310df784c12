"""Implantation: the pipeline of projects, one project's detail, the catalogue of sites.

The map branch adds its « Carte » tab through :meth:`ImplantationPage.add_map_tab`; the map
opens a site or a project with :meth:`open_site` / :meth:`open_project`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guichet.services.project_exports import export_projects
from guichet.services.projects import ProjectDraft

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.file_dialogs import FileKind, save_file_name
from guichet.ui.icons import with_icon
from guichet.ui.pages.implantation_map import SitesMapTab
from guichet.ui.pages.implantation_pipeline import PipelinePanel
from guichet.ui.pages.implantation_project import ProjectPanel
from guichet.ui.pages.implantation_sites import SitesPanel
from guichet.ui.unsaved import may_leave

PIPELINE_TAB, PROJECT_TAB, SITES_TAB = 0, 1, 2


def scrolled(panel: QWidget) -> QScrollArea:
    """A tab that scrolls rather than widen the window below the desk's sizes (a narrow window
    keeps every control reachable)."""
    area = QScrollArea()
    area.setObjectName(f"{panel.objectName()}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(panel)
    return area


class ImplantationPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("implantationPage")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Nouveau projet"))
        self.new_button.setObjectName("newProjectButton")
        with_icon(self.new_button, "new")
        self.export_button = QPushButton(self.tr("Exporter les projets…"))
        self.export_button.setObjectName("exportProjectsButton")
        with_icon(self.export_button, "export")
        bar.addWidget(self.new_button)
        bar.addWidget(self.export_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("implantationTabs")
        self.pipeline = PipelinePanel(ctx)
        self.project = ProjectPanel(ctx)
        self.sites = SitesPanel(ctx)
        for panel, title in (
            (self.pipeline, self.tr("Pipeline")),
            (self.project, self.tr("Projet")),
            (self.sites, self.tr("Sites")),
        ):
            self.tabs.addTab(scrolled(panel), title)
        layout.addWidget(self.tabs, 1)
        self.new_button.clicked.connect(lambda: self.new_project(None))
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self.pipeline.project_activated.connect(self.open_project)
        self.project.project_changed.connect(lambda _id: self.pipeline.refresh())
        self.sites.sites_changed.connect(self.project.load_matches)
        self.map = SitesMapTab(ctx)
        self.add_map_tab(self.map, self.tr("Carte"))
        self.map.site_activated.connect(self.open_site)
        self.sites.sites_changed.connect(self.map.refresh)
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)

    # -- what other pages and the map call ------------------------------------------------

    def add_map_tab(self, widget: QWidget, title: str) -> int:
        """The slot of the map branch: its « Carte » tab goes after « Sites »."""
        return self.tabs.insertTab(SITES_TAB + 1, widget, title)

    def open_project(self, project_id: int) -> None:
        if not may_leave([self.project.form]):
            return
        self.project.show_project(project_id)
        self.show_tab(self.project)

    def new_project(self, draft: ProjectDraft | None) -> None:
        """An empty form, or one prefilled (« Créer un projet d'implantation » on a need)."""
        if not may_leave([self.project.form]):
            return
        self.project.show_project(None, draft)
        self.show_tab(self.project)
        self.project.form.code_edit.setFocus()

    def show_tab(self, panel: QWidget) -> None:
        """Brings the tab holding ``panel`` (the pipeline, the project, the sites) forward."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if tab is panel or (isinstance(tab, QScrollArea) and tab.widget() is panel):
                self.tabs.setCurrentIndex(index)
                return

    def open_site(self, site_id: int) -> None:
        self.show_tab(self.sites)
        self.sites.select_site(site_id)

    def on_tabs_current_changed(self, _index: int) -> None:
        """The map highlights the sites proposed to the project open (or chosen in the list)."""
        if self.tabs.currentWidget() is self.map:
            chosen = self.pipeline.current()
            project_id = self.project.project_id or (chosen.id if chosen else None)
            if project_id is not None:
                self.map.set_project(project_id)

    def refresh(self) -> None:
        self.pipeline.refresh()
        self.sites.refresh()
        self.map.refresh()
        if self.project.project_id is not None and not self.project.form.has_unsaved_changes():
            self.project.reload()

    # -- export -----------------------------------------------------------------------------

    def on_export_button_clicked(self) -> None:
        with_names = self.pipeline.names_box.isChecked()
        chosen, chosen_filter = save_file_name(
            self,
            FileKind.EXPORT,
            self.tr("Exporter les projets"),
            f"projets-{date.today():%Y%m%d}.xlsx",
            self.tr("Classeur Excel (*.xlsx);;CSV pour Excel (*.csv)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".csv" if "csv" in chosen_filter.lower() else ".xlsx")
        result = attempt(self, lambda: export_projects(self.ctx.db, path, with_names=with_names))
        if result is None:
            return
        text = self.tr("{count} projet(s) exporté(s) dans :\n{path}").format(
            count=result.count, path=result.path
        )
        if with_names:
            text += "\n" + self.tr("Export avec les noms : noté au journal d'audit.")
        else:
            text += "\n" + self.tr("Les projets y figurent sous leur nom de code.")
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Export terminé"),
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("projectsExportDone")
        box.exec()

"""« Carte » of the page Implantation: the sites of the catalogue on the map of the territory.

Each site is a marker coloured and shaped by its availability (available now, later, no longer
offered); choosing a project highlights the sites proposed to it. A click on a marker (or
Entrée in the list beside the map) emits :attr:`SitesMapTab.site_activated` with the site's id,
which the page opens. Projects are named as everywhere else: by code name unless the counsellor
may see the real one (``services.projects.list_projects``). Loads run off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from guichet.models import label
from guichet.models.implantation_enums import SiteAvailability
from guichet.reference.commune_shapes import commune_shapes
from guichet.reference.communes import commune
from guichet.reference.dates import format_date_short, format_number
from guichet.services.projects import ProjectSummary, list_projects, proposed_sites
from guichet.services.settings import SettingsService
from guichet.services.sites import SiteInfo, list_sites
from guichet.services.territory import territory_codes

from guichet.ui.context import AppContext
from guichet.ui.feedback import show_task_error
from guichet.ui.tasks import Task, TaskControl, run_task
from guichet.ui.theme import color
from guichet.ui.widgets.map_layers import MapMarker, MarkerShape
from guichet.ui.widgets.map_panel import MapPanel

#: availability → (semantic colour of guichet.ui.theme, marker shape)
AVAILABILITY_LOOK: dict[SiteAvailability, tuple[str, MarkerShape]] = {
    SiteAvailability.AVAILABLE: ("success", MarkerShape.CIRCLE),
    SiteAvailability.LATER: ("warning", MarkerShape.DIAMOND),
    SiteAvailability.UNAVAILABLE: ("muted", MarkerShape.SQUARE),
}


@dataclass(frozen=True)
class MapContent:
    sites: list[SiteInfo]
    territory: frozenset[str]
    projects: list[ProjectSummary]


def site_marker(site: SiteInfo) -> MapMarker | None:
    """The marker of a site, or None for a site without a position."""
    if site.latitude is None or site.longitude is None:
        return None
    tone, shape = AVAILABILITY_LOOK[site.availability]
    place = commune(site.commune_code)
    lines = [site.name]
    if site.park_name:
        lines.append(site.park_name)
    lines.append(f"{site.kind_label} · {format_number(site.surface_m2)} m²")
    availability = site.availability_label
    if site.availability == SiteAvailability.LATER and site.available_on is not None:
        availability += f" (le {format_date_short(site.available_on)})"
    lines.append(availability)
    if place is not None:
        lines.append(place.name)
    return MapMarker(
        id=site.id,
        lon=site.longitude,
        lat=site.latitude,
        color=QColor(color(tone)),
        label=site.name,
        tooltip="\n".join(lines),
        category=label(site.availability),
        shape=shape,
        place=", ".join(filter(None, [site.park_name, place.name if place else site.commune_code])),
    )


class SitesMapTab(QWidget):
    site_activated = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.setObjectName("sitesMapTab")
        self.project_combo = QComboBox()
        self.project_combo.setObjectName("mapProject")
        self.project_combo.setAccessibleName(
            self.tr("Projet dont les sites proposés sont mis en évidence")
        )
        self.project_combo.currentIndexChanged.connect(self.on_project_combo_changed)
        project_label = QLabel(self.tr("&Projet :"))
        project_label.setBuddy(self.project_combo)
        self.status = QLabel()
        self.status.setObjectName("mapStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(project_label)
        top.addWidget(self.project_combo, 1)
        top.addWidget(self.status, 2)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(top)
        self._layout.addStretch(1)
        #: built when the first load answers (the outlines are parsed in that load's thread)
        self.panel: MapPanel | None = None
        self.sites: list[SiteInfo] = []
        self._wanted_project: int | None = None
        self._load_task: Task | None = None
        self._proposed_task: Task | None = None
        self._filling = False
        self._shown = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:  # nothing is loaded before the tab is first seen
            self._shown = True
            self.refresh()

    def map_panel(self) -> MapPanel:
        if self.panel is None:
            self.panel = MapPanel(self, list_title=self.tr("&Sites de la carte"))
            self.panel.marker_activated.connect(self.on_panel_marker_activated)
            self._layout.takeAt(1)  # the stretch holding the place
            self._layout.addWidget(self.panel, 1)
        return self.panel

    # ----- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self._shown:
            return
        db, day = self.ctx.db, self.today()
        self.status.setText(self.tr("Chargement des sites…"))

        def work(_control: TaskControl) -> MapContent:
            commune_shapes()  # parsed here rather than on the GUI thread (cached afterwards)
            configured = SettingsService(db).get("territory.insee_codes")
            return MapContent(
                sites=list_sites(db, today=day),
                territory=territory_codes(configured),
                projects=list_projects(db, today=day),
            )

        self._load_task = run_task(
            work, on_success=self.on_loaded, on_error=self.on_failed, parent=self
        )

    def is_loading(self) -> bool:
        return self._load_task is not None or self._proposed_task is not None

    def on_failed(self, exc: BaseException) -> None:
        self._load_task = self._proposed_task = None
        self.status.clear()
        show_task_error(self, exc)

    def on_loaded(self, content: MapContent) -> None:
        self._load_task = None
        self.sites = content.sites
        self.map_panel().set_territory(content.territory)
        markers = self._show_markers()
        unplaced = len(content.sites) - len(markers)
        self.status.setText(
            self.tr(
                "{count} sites sur la carte ; {missing} sans position n'y figurent pas."
            ).format(count=len(markers), missing=unplaced)
            if unplaced
            else self.tr("{count} sites sur la carte.").format(count=len(markers))
        )
        self._filling = True
        self.project_combo.clear()
        self.project_combo.addItem(self.tr("Aucun projet"), None)
        for project in content.projects:
            self.project_combo.addItem(f"{project.name} — {project.stage_label}", project.id)
        self._filling = False
        self.set_project(self._wanted_project)

    def _show_markers(self) -> list[MapMarker]:
        order = list(AVAILABILITY_LOOK)  # the legend lists availabilities in this order
        by_availability = sorted(self.sites, key=lambda s: order.index(s.availability))
        markers = [m for m in map(site_marker, by_availability) if m is not None]
        self.map_panel().set_markers(markers)
        return markers

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.panel is not None:
            self._show_markers()  # the availability colours of the new scheme

    def set_project(self, project_id: int | None) -> None:
        """Highlight the sites proposed to this project (None: no project)."""
        self._wanted_project = project_id
        index = self.project_combo.findData(project_id) if project_id is not None else 0
        if index < 0:
            index = 0
        if self.project_combo.currentIndex() != index:
            self.project_combo.setCurrentIndex(index)  # loads through the slot
        else:
            self._load_proposed(project_id if index > 0 else None)

    def on_project_combo_changed(self, index: int) -> None:
        if self._filling:
            return
        project_id = self.project_combo.itemData(index)
        self._wanted_project = project_id
        self._load_proposed(project_id)

    def _load_proposed(self, project_id: int | None) -> None:
        if project_id is None:
            self._proposed_task = None
            if self.panel is not None:
                self.panel.set_highlighted(())
            return
        db, day = self.ctx.db, self.today()

        def work(_control: TaskControl) -> tuple[int, list[int]]:
            return project_id, [p.site.id for p in proposed_sites(db, project_id, today=day)]

        self._proposed_task = run_task(
            work, on_success=self.on_proposed_loaded, on_error=self.on_failed, parent=self
        )

    def on_proposed_loaded(self, answer: tuple[int, list[int]]) -> None:
        project_id, site_ids = answer
        if project_id != self._wanted_project:
            return  # another project was chosen meanwhile
        self._proposed_task = None
        self.map_panel().set_highlighted(site_ids)

    def on_panel_marker_activated(self, marker_id: object) -> None:
        if isinstance(marker_id, int):
            self.site_activated.emit(marker_id)

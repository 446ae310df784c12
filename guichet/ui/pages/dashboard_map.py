"""« Carte de l'activité »: the communes coloured by inquiries, referrals or members over the
period, with the legend, the count under the pointer and the list beside the map."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from guichet.services.figures import MEASURES, CommuneCounts

from guichet.ui.accessibility import label_field
from guichet.ui.widgets.map_panel import MapPanel


class ActivityMap(QWidget):
    commune_activated = Signal(str, str)  # measure, INSEE code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityMap")
        self.counts: dict[str, CommuneCounts] = {}
        self.territory: frozenset[str] = frozenset()
        self.measure_box = QComboBox()
        self.measure_box.setObjectName("mapMeasure")
        for key, text in MEASURES.items():
            self.measure_box.addItem(self.tr(text), key)
        measure_label = QLabel(self.tr("&Colorer les communes selon"))
        label_field(measure_label, self.measure_box)
        self.outside = QLabel()
        self.outside.setObjectName("mapOutside")
        self.outside.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(measure_label)
        top.addWidget(self.measure_box)
        top.addWidget(self.outside, 1)
        self.panel = MapPanel(self, list_title=self.tr("Communes (&liste)"))
        self.panel.commune_activated.connect(
            lambda code: self.commune_activated.emit(self.measure, code)
        )
        self.panel.list.setTabKeyNavigation(False)
        self.panel.splitter.setSizes([640, 320])  # room for the communes' names and counts
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.panel, 1)
        self.measure_box.currentIndexChanged.connect(self.show_measure)

    @property
    def measure(self) -> str:
        return str(self.measure_box.currentData())

    def set_counts(self, counts: dict[str, CommuneCounts], territory: frozenset[str]) -> None:
        self.counts = counts
        self.panel.set_territory(territory)
        self.territory = territory
        self.show_measure()

    def show_measure(self, *_args: object) -> None:
        counts = self.counts.get(self.measure)
        if counts is None:
            return
        on_map: dict[str, float] = {
            c.key: c.count for c in counts.counts if c.key in self.territory
        }  # whole numbers, shown as such in the list
        self.panel.set_choropleth(on_map, self.measure_box.currentText())
        elsewhere = sum(c.count for c in counts.counts if c.key not in self.territory)
        self.outside.setText(
            self.tr("%1 hors du territoire ou sans commune").replace("%1", str(elsewhere))
            if elsewhere
            else ""
        )

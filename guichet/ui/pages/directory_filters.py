"""The directory's filters: kind, capability, certification, sector, place, NAF, size, network,
freshness. Every change emits :attr:`FilterPanel.filters_changed` with a ready
:class:`SearchFilters`."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guichet.db import Database
from guichet.models import OrganizationKind, label
from guichet.reference.communes import all_communes, territory_insee_codes
from guichet.reference.headcount import HEADCOUNT_BANDS
from guichet.reference.naf import naf_divisions
from guichet.search import SearchFilters
from guichet.services.capabilities import CapabilityService, certifications, networks, sectors

from guichet.ui.combo import add_no_value, combo_value, select_value, set_entries
from guichet.ui.tasks import Task, run_task

ON_TERRITORY = "__territory__"
KINDS = (
    OrganizationKind.MEMBER,
    OrganizationKind.PARTNER,
    OrganizationKind.COMPANY,
    OrganizationKind.AGENCY,
    OrganizationKind.NETWORK,
)

Item = tuple[str, object, str]  # text, data, tooltip
_Lists = tuple[list[Item], list[Item], list[Item], list[str]]


def _list_items(db: Database) -> _Lists:
    """Capabilities (indented tree), certifications, sectors and network names, as plain data
    (read on a worker when the page opens)."""
    return (
        [("    " * n.depth + n.name, n.id, n.path) for n in CapabilityService(db).tree()],
        [(c.name, c.id, c.name) for c in certifications(db)],
        [(s.name, s.id, s.name) for s in sectors(db)],
        networks(db),
    )


def _combo(name: str, everything: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    add_no_value(combo, everything)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    # Wide enough for its "everything" label, so « Toutes compétences » reads in full
    # (the minimum length counts in 'x' widths, narrower than many letters).
    metrics = combo.fontMetrics()
    needed = -(-metrics.horizontalAdvance(everything) // metrics.horizontalAdvance("x")) + 1
    combo.setMinimumContentsLength(max(10, needed))
    return combo


class FilterPanel(QWidget):
    filters_changed = Signal(object)  # SearchFilters

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, lists_in_background: bool = False
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("directoryFilters")
        self._quiet = False
        self._lists_task: Task | None = None
        self._wanted_network: str | None = None  # asked for (set_filters) before its list came
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        kinds_box = QGroupBox(self.tr("Type"))
        kinds_layout = QVBoxLayout(kinds_box)
        self.kind_boxes: dict[OrganizationKind, QCheckBox] = {}
        for kind in KINDS:
            box = QCheckBox(self.tr(label(kind)))
            box.setObjectName(f"kind_{kind.value}")
            box.toggled.connect(self.on_any_changed)
            kinds_layout.addWidget(box)
            self.kind_boxes[kind] = box
        layout.addWidget(kinds_box)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.capability_combo = _combo("capabilityFilter", self.tr("Toutes compétences"))
        self.certification_combo = _combo("certificationFilter", self.tr("Toutes"))
        self.sector_combo = _combo("sectorFilter", self.tr("Toutes filières"))
        self.place_combo = _combo("placeFilter", self.tr("Partout"))
        territory = territory_insee_codes()
        communes = sorted(all_communes(), key=lambda c: (c.insee not in territory, c.name))
        set_entries(
            self.place_combo,
            [(self.tr("Sur le territoire"), ON_TERRITORY, None)]
            + [(commune.name, commune.insee, None) for commune in communes],
        )
        self.place_combo.setEditable(True)
        self.place_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.place_combo.completer()
        assert completer is not None  # an editable combo always has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.naf_combo = _combo("nafFilter", self.tr("Toutes activités"))
        set_entries(
            self.naf_combo, [(f"{code} — {name}", code, name) for code, name in naf_divisions()]
        )
        self.headcount_combo = _combo("headcountFilter", self.tr("Toutes tailles"))
        for code, name in HEADCOUNT_BANDS:
            self.headcount_combo.addItem(name, code)
        self.network_combo = _combo("networkFilter", self.tr("Membre ou non"))
        form.addRow(self.tr("Compétence"), self.capability_combo)
        form.addRow(self.tr("Certification"), self.certification_combo)
        form.addRow(self.tr("Filière"), self.sector_combo)
        form.addRow(self.tr("Commune"), self.place_combo)
        form.addRow(self.tr("Activité (NAF)"), self.naf_combo)
        form.addRow(self.tr("Effectif"), self.headcount_combo)
        form.addRow(self.tr("Réseau"), self.network_combo)
        layout.addLayout(form)
        for combo in (
            self.capability_combo,
            self.certification_combo,
            self.sector_combo,
            self.place_combo,
            self.naf_combo,
            self.headcount_combo,
            self.network_combo,
        ):
            combo.currentIndexChanged.connect(self.on_any_changed)

        self.verified_box = QCheckBox(self.tr("Vérifié depuis moins de 12 mois"))
        self.verified_box.setObjectName("verifiedFilter")
        self.exclude_box = QCheckBox(self.tr("Masquer « ne pas orienter »"))
        self.exclude_box.setObjectName("excludeDoNotReferFilter")
        for box in (self.verified_box, self.exclude_box):
            box.toggled.connect(self.on_any_changed)
            layout.addWidget(box)
        buttons = QHBoxLayout()
        self.clear_button = QPushButton(self.tr("Effacer les filtres"))
        self.clear_button.setObjectName("clearFiltersButton")
        self.clear_button.clicked.connect(self.on_clear_button_clicked)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        if lists_in_background:
            self._load_lists()
        else:
            self.reload_lists()

    def _load_lists(self) -> None:
        """The lists read on a worker (one session per list, plain tuples back), the panel
        usable meanwhile; :meth:`lists_loading` tells when they are in."""
        db = self.db
        task = run_task(
            lambda _control: _list_items(db),
            on_success=lambda lists: self._lists_loaded(task, lists),
            on_error=lambda _exc: self._lists_loaded(task, None),
            parent=self,
        )
        self._lists_task = task

    def lists_loading(self) -> bool:
        return self._lists_task is not None

    def _lists_loaded(self, task: Task, lists: _Lists | None) -> None:
        if task is not self._lists_task:
            return  # a reload_lists() meanwhile read them already
        self._lists_task = None
        before = self.filters()
        if lists is None:  # read again here, where an error reaches the counsellor as usual
            self.reload_lists()
        else:
            self._fill(lists)
        if self._wanted_network is not None:
            self._quiet = True
            select_value(self.network_combo, self._wanted_network)
            self._quiet = False
            self._wanted_network = None
        if self.filters() != before:
            self.filters_changed.emit(self.filters())

    def reload_lists(self) -> None:
        """Refill the thesaurus, certification, sector and network lists (keeps the choices)."""
        self._lists_task = None
        self._fill(_list_items(self.db))

    def _fill(self, lists: _Lists) -> None:
        capabilities, certification_items, sector_items, names = lists
        self._quiet = True
        try:
            self._refill(self.capability_combo, capabilities)
            self._refill(self.certification_combo, certification_items)
            self._refill(self.sector_combo, sector_items)
            self._refill(
                self.network_combo,
                [
                    (self.tr("Membre actif de %1").replace("%1", n), n, n)
                    for n in names or ["Sotraban"]
                ],
            )
        finally:
            self._quiet = False

    @staticmethod
    def _refill(combo: QComboBox, items: list[Item]) -> None:
        current = combo_value(combo)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data, tip in items:
            combo.addItem(text, data)
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        select_value(combo, current)

    # -- state ---------------------------------------------------------------------------------
    def filters(self) -> SearchFilters:
        place = combo_value(self.place_combo)
        capability = combo_value(self.capability_combo)
        certification = combo_value(self.certification_combo)
        sector = combo_value(self.sector_combo)
        band = combo_value(self.headcount_combo)
        return SearchFilters(
            kinds=frozenset(k for k, box in self.kind_boxes.items() if box.isChecked()),
            capability_ids=frozenset({capability}) if capability is not None else frozenset(),
            certification_ids=frozenset({certification})
            if certification is not None
            else frozenset(),
            sector_ids=frozenset({sector}) if sector is not None else frozenset(),
            commune_insee=place if place not in (None, ON_TERRITORY) else None,
            on_territory=place == ON_TERRITORY,
            naf_division=combo_value(self.naf_combo),
            headcount_bands=frozenset({band}) if band is not None else frozenset(),
            network=combo_value(self.network_combo),
            verified_within_months=12 if self.verified_box.isChecked() else None,
            exclude_do_not_refer=self.exclude_box.isChecked(),
        )

    def set_filters(self, filters: SearchFilters) -> None:
        """Shows ``filters`` (a dashboard bar: a commune, a headcount band, a network…)."""
        self._quiet = True
        try:
            for box in (self.verified_box, self.exclude_box):
                box.setChecked(False)
            for kind, box in self.kind_boxes.items():
                box.setChecked(kind in filters.kinds)
            for combo in (
                self.capability_combo,
                self.certification_combo,
                self.sector_combo,
                self.place_combo,
                self.naf_combo,
                self.headcount_combo,
                self.network_combo,
            ):
                combo.setCurrentIndex(0)
            place = ON_TERRITORY if filters.on_territory else filters.commune_insee
            for combo, value in (
                (self.place_combo, place),
                (self.naf_combo, filters.naf_division),
                (self.headcount_combo, next(iter(filters.headcount_bands), None)),
                (self.network_combo, filters.network),
            ):
                if value is not None:
                    select_value(combo, value)
            if self._lists_task is not None:
                self._wanted_network = filters.network
        finally:
            self._quiet = False
        self.filters_changed.emit(self.filters())

    def is_empty(self) -> bool:
        return self.filters() == SearchFilters()

    def select(self, combo: QComboBox, data: object) -> None:
        """Choose the entry holding ``data`` (used by tests and screenshots)."""
        select_value(combo, data)

    # -- slots ---------------------------------------------------------------------------------
    def on_any_changed(self, *_args: object) -> None:
        if not self._quiet:
            self.filters_changed.emit(self.filters())

    def on_clear_button_clicked(self) -> None:
        self._quiet = True
        try:
            for box in (*self.kind_boxes.values(), self.verified_box, self.exclude_box):
                box.setChecked(False)
            for combo in (
                self.capability_combo,
                self.certification_combo,
                self.sector_combo,
                self.place_combo,
                self.naf_combo,
                self.headcount_combo,
                self.network_combo,
            ):
                combo.setCurrentIndex(0)
        finally:
            self._quiet = False
        self.filters_changed.emit(self.filters())

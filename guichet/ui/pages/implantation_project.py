"""One implantation project: its needs, the matching sites, propositions and visits, history.

The panel holds the project shown (``project_id``; ``None`` for a new one). It is the tab
« Projet » of the page Implantation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guichet.errors import GuichetError
from guichet.models import ProjectStage, PropositionStatus, label
from guichet.services.project_intake import create_from_inquiry
from guichet.services.project_stages import add_note, allowed_stages, change_stage
from guichet.services.projects import (
    ProjectDetail,
    ProjectDraft,
    ProjectEventInfo,
    ProposedSite,
    get_project,
    update_project,
)
from guichet.services.propositions import decide, propose_site, record_visit
from guichet.services.site_matching import SiteMatch, match_sites

from guichet.ui.accessibility import set_name
from guichet.ui.appearance import scale_font
from guichet.ui.context import AppContext
from guichet.ui.dialogs.project_dialogs import NoteDialog, ask_reason
from guichet.ui.feedback import attempt, show_error
from guichet.ui.pages.implantation_form import ProjectForm
from guichet.ui.pages.implantation_partners import PartnersTab
from guichet.ui.pages.implantation_tables import keep_in_width
from guichet.ui.rows_view import rows_view
from guichet.ui.table_model import ROW_ROLE, Column, RowsTableModel
from guichet.ui.widgets.status_chip import use_status_chips


def m2(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f") + " m²"


class ProjectPanel(QWidget):
    #: the project was created or changed (the pipeline refreshes)
    project_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("projectPanel")
        self.detail: ProjectDetail | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self.tr("Nouveau projet"))
        self.title.setObjectName("projectTitle")
        scale_font(self.title, 1.25, bold=True)
        self.stage_box = QComboBox()
        self.stage_box.setObjectName("projectStageTarget")
        set_name(self.stage_box, self.tr("Passer à l'étape"))
        self.stage_button = QPushButton(self.tr("Changer d'étape"))
        self.stage_button.setObjectName("projectChangeStage")
        self.sheet_button = QPushButton(self.tr("Fiche projet (PDF)…"))
        self.sheet_button.setObjectName("projectSheet")
        top.addWidget(self.title, 1)
        top.addWidget(self.stage_box)
        top.addWidget(self.stage_button)
        top.addWidget(self.sheet_button)
        layout.addLayout(top)
        self.form = ProjectForm(ctx)
        self.form.saver = self.save
        scroll = QScrollArea()
        scroll.setObjectName("projectFormScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("projectTabs")
        self.tabs.addTab(self._matching_tab(), self.tr("Sites correspondants"))
        self.tabs.addTab(self._propositions_tab(), self.tr("Propositions et visites"))
        self.tabs.addTab(self._history_tab(), self.tr("Historique"))
        self.partners = PartnersTab(ctx)
        self.tabs.addTab(self.partners, self.tr("Partenaires"))
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([500, 660])
        layout.addWidget(splitter, 1)
        self.stage_button.clicked.connect(self.on_stage_button_clicked)
        self.sheet_button.clicked.connect(self.on_sheet_button_clicked)
        self.show_project(None)

    # -- tabs -------------------------------------------------------------------------------

    def _matching_tab(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        bar = QHBoxLayout()
        self.only_box = QCheckBox(self.tr("Seulement les sites qui conviennent à tout"))
        self.only_box.setObjectName("matchOnly")
        self.propose_button = QPushButton(self.tr("Proposer ce site"))
        self.propose_button.setObjectName("matchPropose")
        bar.addWidget(self.only_box, 1)
        bar.addWidget(self.propose_button)
        layout.addLayout(bar)
        self.match_model: RowsTableModel[SiteMatch] = RowsTableModel(
            [
                Column(self.tr("Site"), lambda m: m.site.name),
                Column(self.tr("Zone"), lambda m: m.site.park_name),
                Column(self.tr("Surface"), lambda m: m2(m.site.surface_m2), align_right=True, sort_value=lambda m: m.site.surface_m2),
                Column(self.tr("Disponibilité"), lambda m: self.tr(m.site.availability_label)),
                Column(self.tr("Écarts"), lambda m: self.gap_text(m), sort_value=lambda m: len(m.misfits), tooltip=lambda m: "\n".join(m.misfits)),
                Column(self.tr("Proposé"), lambda m: m.proposed),
            ],
            self,
        )  # fmt: skip
        self.match_view = rows_view("matchView", self.match_model)
        set_name(self.match_view, self.tr("Sites correspondants"))
        keep_in_width(self.match_view, (1, 0))
        layout.addWidget(self.match_view, 3)
        self.fit_label = QLabel()
        self.fit_label.setObjectName("matchDetail")
        self.fit_label.setWordWrap(True)
        layout.addWidget(self.fit_label, 2)
        self.match_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_fit())
        self.only_box.toggled.connect(lambda _on: self.load_matches())
        self.propose_button.clicked.connect(self.on_propose_button_clicked)
        return box

    def _propositions_tab(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        bar = QHBoxLayout()
        self.visit_button = QPushButton(self.tr("Noter la visite…"))
        self.visit_button.setObjectName("propositionVisit")
        self.retain_button = QPushButton(self.tr("Retenir…"))
        self.retain_button.setObjectName("propositionRetain")
        self.reject_button = QPushButton(self.tr("Écarter…"))
        self.reject_button.setObjectName("propositionReject")
        for button in (self.visit_button, self.retain_button, self.reject_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.proposition_model: RowsTableModel[ProposedSite] = RowsTableModel(
            [
                Column(self.tr("Site"), lambda p: p.site.name),
                Column(self.tr("Zone"), lambda p: p.site.park_name),
                Column(self.tr("Statut"), lambda p: self.tr(p.status_label)),
                Column(self.tr("Proposé le"), lambda p: p.proposed_at.date()),
                Column(self.tr("Visite"), lambda p: p.visit_on),
                Column(self.tr("Notes"), lambda p: p.notes),
            ],
            self,
        )
        self.proposition_view = rows_view("propositionView", self.proposition_model)
        set_name(self.proposition_view, self.tr("Sites proposés"))
        use_status_chips(self.proposition_view)
        keep_in_width(self.proposition_view, (1, 5))
        layout.addWidget(self.proposition_view, 1)
        self.visit_button.clicked.connect(self.on_visit_button_clicked)
        self.retain_button.clicked.connect(
            lambda: self.decide_on(PropositionStatus.RETAINED, self.tr("Retenir"))
        )
        self.reject_button.clicked.connect(
            lambda: self.decide_on(PropositionStatus.REJECTED, self.tr("Écarter"))
        )
        return box

    def _history_tab(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.note_button = QPushButton(self.tr("Ajouter une note…"))
        self.note_button.setObjectName("projectAddNote")
        bar = QHBoxLayout()
        bar.addWidget(self.note_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.event_model: RowsTableModel[ProjectEventInfo] = RowsTableModel(
            [
                Column(self.tr("Date"), lambda e: e.at),
                Column(self.tr("Étape"), lambda e: e.new_stage),
                Column(self.tr("Note"), lambda e: e.note),
                Column(self.tr("Conseiller"), lambda e: e.counsellor),
            ],
            self,
        )
        self.event_view = rows_view("projectEvents", self.event_model)
        set_name(self.event_view, self.tr("Historique du projet"))
        keep_in_width(self.event_view, (2,))
        layout.addWidget(self.event_view, 1)
        self.note_button.clicked.connect(self.on_note_button_clicked)
        return box

    def gap_text(self, match: SiteMatch) -> str:
        if not match.misfits:
            return self.tr("convient à tout")
        return self.tr("{n} écart(s)").format(n=len(match.misfits))

    def show_fit(self) -> None:
        """What fits and what does not, for the site chosen in the list."""
        match = self.current_match()
        if match is None:
            self.fit_label.setText(
                self.tr("Choisissez un site pour voir ce qui convient au projet.")
            )
            return
        lines = [f"<b>{escape(match.site.name)} — {escape(match.site.park_name)}</b>"]
        lines += [f"✔ {escape(text)}" for text in match.fits]
        lines += [f"✘ {escape(text)}" for text in match.misfits]
        self.fit_label.setText("<br>".join(lines))

    # -- loading ----------------------------------------------------------------------------

    @property
    def project_id(self) -> int | None:
        return self.detail.id if self.detail else None

    def show_project(self, project_id: int | None, draft: ProjectDraft | None = None) -> None:
        """Shows a project, or an empty (or prefilled) form for a new one."""
        self.detail = get_project(self.ctx.db, project_id) if project_id is not None else None
        self.form.fill(self.detail, draft)
        self.reload_lists()

    def reload_lists(self) -> None:
        d = self.detail
        self.title.setText(
            f"{d.code_name} — {self.tr(d.stage_label)}" if d else self.tr("Nouveau projet")
        )
        self.stage_box.clear()
        for stage in allowed_stages(d.stage) if d else ():
            self.stage_box.addItem(self.tr(label(stage)), stage)
        for widget in (self.stage_box, self.stage_button, self.sheet_button, self.tabs):
            widget.setEnabled(
                d is not None and (widget is not self.stage_button or self.stage_box.count() > 0)
            )
        self.proposition_model.set_rows(list(d.propositions) if d else [])
        self.event_model.set_rows(list(reversed(d.events)) if d else [])
        self.partners.show_project(d.id if d else None)
        self.load_matches()

    def load_matches(self) -> None:
        pid = self.project_id
        rows = match_sites(self.ctx.db, pid, only_matching=self.only_box.isChecked()) if pid else []
        self.match_model.set_rows(rows)
        if rows:
            self.match_view.selectRow(0)
        self.show_fit()

    def reload(self) -> None:
        if self.project_id is not None:
            self.detail = get_project(self.ctx.db, self.project_id)
            self.form.fill(self.detail)
            self.reload_lists()
            self.project_changed.emit(self.project_id)

    # -- actions ----------------------------------------------------------------------------

    def save(self, draft: ProjectDraft) -> bool:
        try:
            if self.detail is None:
                new_id = create_from_inquiry(self.ctx.db, draft)
                self.show_project(new_id)
                self.project_changed.emit(new_id)
                return True
            update_project(self.ctx.db, self.detail.id, draft, version=self.detail.version)
        except GuichetError as exc:
            show_error(self, exc)
            return False
        self.reload()
        return True

    def on_stage_button_clicked(self) -> None:
        d, stage = self.detail, self.stage_box.currentData()
        if d is None or not isinstance(stage, ProjectStage):
            return
        reason = ""
        if stage in (ProjectStage.LOST, ProjectStage.ABANDONED):
            asked = ask_reason(self, d.code_name, label(stage))
            if asked is None:
                return
            reason = asked
        if attempt(
            self, lambda: change_stage(self.ctx.db, d.id, stage, reason=reason, version=d.version)
        ):
            self.reload()

    def current_match(self) -> SiteMatch | None:
        row = self.match_view.currentIndex().data(ROW_ROLE)
        return row if isinstance(row, SiteMatch) else None

    def current_proposition(self) -> ProposedSite | None:
        row = self.proposition_view.currentIndex().data(ROW_ROLE)
        return row if isinstance(row, ProposedSite) else None

    def on_propose_button_clicked(self) -> None:
        match, pid = self.current_match(), self.project_id
        if match is None or pid is None:
            return
        if attempt(self, lambda: propose_site(self.ctx.db, pid, match.site.id)) is not None:
            self.reload()
            self.tabs.setCurrentIndex(1)

    def _dialog(
        self,
        title: str,
        action: Callable[[date | None, str], object],
        *,
        ok: str,
        note: str,
        with_date: bool = False,
    ) -> None:
        p = self.current_proposition()
        if p is None:
            return
        dialog = NoteDialog(
            title,
            f"{p.site.name} — {p.site.park_name}",
            action,
            ok_text=ok,
            note_label=note,
            with_date=with_date,
            parent=self,
        )
        if dialog.exec():
            self.reload()

    def on_visit_button_clicked(self) -> None:
        p = self.current_proposition()
        if p is None:
            return
        self._dialog(
            self.tr("Noter la visite"),
            lambda day, text: record_visit(self.ctx.db, p.proposition_id, day or date.today(), notes=text, version=p.version),
            ok=self.tr("Enregistrer la visite"),
            note=self.tr("Compte rendu"),
            with_date=True,
        )  # fmt: skip

    def decide_on(self, status: PropositionStatus, verb: str) -> None:
        p = self.current_proposition()
        if p is None:
            return
        self._dialog(
            verb,
            lambda _day, text: decide(self.ctx.db, p.proposition_id, status, note=text, version=p.version),
            ok=verb,
            note=self.tr("Motif"),
        )  # fmt: skip

    def on_note_button_clicked(self) -> None:
        pid = self.project_id
        if pid is None:
            return
        dialog = NoteDialog(
            self.tr("Ajouter une note"),
            self.detail.code_name if self.detail else "",
            lambda _day, text: add_note(self.ctx.db, pid, text),
            ok_text=self.tr("Ajouter"),
            note_label=self.tr("Note"),
            parent=self,
        )
        if dialog.exec():
            self.reload()

    def on_sheet_button_clicked(self) -> None:
        from guichet.ui.pages.implantation_sheet import save_project_sheet

        if self.project_id is not None:
            save_project_sheet(self, self.ctx, self.project_id)

"""The company of an inquiry: type-ahead over the directory (names, SIREN/SIRET with or without
spaces, commune) through the directory's search engine, or an inline creation.

Under the directory's hits come the establishments of the local SIRENE table that the typed
SIRET, SIREN or name finds and the directory lacks; picking one adds it to the directory, filled
in from SIRENE. Both lookups run off the GUI thread (Entrée typed before they answer runs them
at once). A SIREN or SIRET typed (with or without spaces) is never a name: found nowhere, it
opens the creation panel with that number in the SIRET field.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from guichet.reference.identifiers import format_siren, format_siret, typed_identifier
from guichet.search import DirectorySearch, OrganizationHit
from guichet.services.quick_company import CompanyCreated
from guichet.services.sirene_lookup import SireneMatch, create_from_sirene, establishments_to_add

from guichet.ui.accessibility import set_name
from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt
from guichet.ui.search_worker import LiveSearch
from guichet.ui.tasks import TaskControl, run_task
from guichet.ui.widgets.quick_company_panel import QuickCompanyPanel
from guichet.ui.widgets.type_ahead import Suggestion, TypeAheadEdit

log = logging.getLogger(__name__)
DEBOUNCE_MS = 60
HITS_SHOWN = 8
SIRENE_SHOWN = 4
DIRECTORY_SHOWN_WITH_SIRENE = 4
CREATE = "create"
WITHOUT_SIRET = "without_siret"


def sirene_text(match: SireneMatch) -> str:
    return "SIRENE : " + match.display + " — ajouter à l'annuaire"


def hit_text(hit: OrganizationHit) -> str:
    parts = [hit.name]
    if hit.siret:
        parts.append(format_siret(hit.siret))
    place = " ".join(p for p in (hit.postal_code, hit.city) if p)
    if place:
        parts.append(place)
    text = " — ".join(parts)
    return f"⚠ {text} (ne pas orienter)" if hit.do_not_refer else text


class CompanyField(QWidget):
    """Emits :attr:`company_chosen` with ``(id, display name)``, or ``(None, "")`` when cleared."""

    company_chosen = Signal(object, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("companyField")
        self.search_engine = DirectorySearch(ctx.db)
        self.organization_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = TypeAheadEdit(
            "companySearch", self.tr("nom, enseigne, SIREN/SIRET ou commune…")
        )
        self.search.before_enter = self.flush_search
        chosen_row = QHBoxLayout()
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("companyChosen")
        self.chosen_label.setWordWrap(True)
        self.change_button = QPushButton(self.tr("Changer"))
        self.change_button.setObjectName("companyChange")
        set_name(self.change_button, self.tr("Changer d'entreprise"))
        self.change_button.setAutoDefault(False)
        chosen_row.addWidget(self.chosen_label, 1)
        chosen_row.addWidget(self.change_button)
        self.chosen = QWidget()
        self.chosen.setLayout(chosen_row)
        chosen_row.setContentsMargins(0, 0, 0, 0)
        self.chosen.hide()
        self.panel = QuickCompanyPanel(ctx)
        self.panel.hide()
        layout.addWidget(self.search)
        layout.addWidget(self.chosen)
        layout.addWidget(self.panel)
        self.setFocusProxy(self.search)
        self.live = LiveSearch(self.search_engine, self, limit=HITS_SHOWN, debounce_ms=DEBOUNCE_MS)
        self.live.results_ready.connect(self.on_live_results_ready)
        self.live.failed.connect(self.on_live_failed)
        self._requested = ""  # text of the newest request
        self._shown_for: str | None = None  # text whose hits the list shows
        self._hits: list[OrganizationHit] = []
        self._sirene: tuple[str, list[SireneMatch]] = ("", [])  # SIRENE answer, for that text
        self.search.text_edited.connect(self.on_search_text_edited)
        self.search.picked.connect(self.on_search_picked)
        self.change_button.clicked.connect(self.on_change_button_clicked)
        self.panel.created.connect(self.on_panel_created)
        self.panel.cancelled.connect(self.on_panel_cancelled)

    # -- search --------------------------------------------------------------------------------
    def flush_search(self) -> None:
        """Enter pressed before the background answer came: search now, on this thread (a
        SIREN/SIRET in SIRENE too: a primary-key read, and the next step depends on it)."""
        text = self.search.text().strip()
        if text and typed_identifier(text) and self._sirene[0] != text:
            self._sirene = (text, establishments_to_add(self.ctx.db, text, limit=SIRENE_SHOWN))
            self._shown_for = None
        if text and self._shown_for != text:
            self.show_hits(text, self.search_engine.search(text, limit=HITS_SHOWN))

    def show_hits(self, text: str, hits: list[OrganizationHit]) -> None:
        self._shown_for = text
        self._hits = hits
        sirene = self._sirene[1] if self._sirene[0] == text else []
        if sirene:  # leave room for them in the visible rows
            hits = hits[:DIRECTORY_SHOWN_WITH_SIRENE]
        suggestions = [Suggestion(hit_text(h), h, h.reason) for h in hits]
        if sirene:
            tip = self.tr("Établissement de la table SIRENE, absent de l'annuaire")
            suggestions += [Suggestion(sirene_text(m), m, tip) for m in self._sirene[1]]
        suggestions.append(Suggestion(self.create_text(text), CREATE))
        suggestions.append(
            Suggestion(
                self.tr("+ Sans SIRET : porteur de projet, entreprise en création…"), WITHOUT_SIRET
            )
        )
        self.search.show_suggestions(suggestions)

    def create_text(self, text: str) -> str:
        number = typed_identifier(text)
        if number is None:
            return self.tr("+ Créer l'entreprise « %1 »…").replace("%1", text)
        if len(number) == 9:
            return self.tr("+ Créer une entreprise du SIREN %1…").replace(
                "%1", format_siren(number)
            )
        return self.tr("+ Créer l'entreprise au SIRET %1…").replace("%1", format_siret(number))

    def choose(self, organization_id: int | None, name: str) -> None:
        self.organization_id = organization_id
        self.search.setVisible(organization_id is None)
        self.chosen.setVisible(organization_id is not None)
        self.chosen_label.setText(f"<b>{_escape(name)}</b>" if organization_id else "")
        self.company_chosen.emit(organization_id, name)

    # -- slots ---------------------------------------------------------------------------------
    def on_search_text_edited(self, text: str) -> None:
        self._requested = text.strip()
        self._shown_for = None
        self._sirene = ("", [])
        if not self._requested:
            self.search.hide_suggestions()
            return
        self.live.request(self._requested)

    def on_live_results_ready(self, hits: list[OrganizationHit]) -> None:
        if self._requested and self._shown_for != self._requested:
            self.show_hits(self._requested, hits)
            self.look_up_sirene(self._requested)

    def look_up_sirene(self, text: str) -> None:
        """SIRENE establishments for ``text`` the directory lacks, in the background."""
        db = self.ctx.db

        def work(_control: TaskControl) -> tuple[str, list[SireneMatch]]:
            return text, establishments_to_add(db, text, limit=SIRENE_SHOWN)

        run_task(work, on_success=self.on_sirene_found, on_error=self.on_live_failed, parent=self)

    def on_sirene_found(self, answer: tuple[str, list[SireneMatch]]) -> None:
        text, matches = answer
        if text != self._requested:
            return  # typed on meanwhile
        self._sirene = answer
        if matches and self._shown_for == text and self.search.isVisibleTo(self):
            self.show_hits(text, self._hits)

    def on_live_failed(self, exc: object) -> None:
        log.warning("Recherche dans l'annuaire en échec : %s", exc)
        self.search.hide_suggestions()

    def on_search_picked(self, data: object) -> None:
        if isinstance(data, OrganizationHit):
            label = hit_text(data).removeprefix("⚠ ")
            self.choose(data.id, label)
            return
        if isinstance(data, SireneMatch):
            created = attempt(self, lambda: create_from_sirene(self.ctx.db, data.siret))
            if created is not None:
                self.on_panel_created(created)
            return
        self.search.hide()
        text = self.search.text()
        number = typed_identifier(text)  # a number goes in the SIRET field, never in the name
        self.panel.start(
            "" if number else text, without_siret=data == WITHOUT_SIRET, siret=number or ""
        )

    def on_panel_created(self, company: CompanyCreated) -> None:
        place = f" — {company.city}" if company.city else ""
        siret = f" — {format_siret(company.siret)}" if company.siret else self.tr(" — sans SIRET")
        self.choose(company.id, f"{company.name}{siret}{place}")

    def on_panel_cancelled(self) -> None:
        self.search.show()
        self.search.setFocus()

    def on_change_button_clicked(self) -> None:
        self.choose(None, "")
        self.search.setFocus()
        self.search.line.selectAll()


def _escape(text: str) -> str:
    from html import escape

    return escape(text)

"""The page Implantation: pipeline with keyboard moves, a project's matching sites and
propositions, the catalogue of sites and its import."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from PySide6.QtCore import Qt

from guichet.models import ImplantationProject, ProjectStage, Site
from guichet.services.projects import ProjectSummary, get_project
from guichet.services.sites import SiteInfo

from guichet.ui.context import AppContext
from guichet.ui.dialogs.site_import_dialog import SiteImportDialog
from guichet.ui.pages.implantation import PROJECT_TAB, ImplantationPage
from guichet.ui.table_model import ROW_ROLE


def _page(qtbot, ctx: AppContext) -> ImplantationPage:
    page = ImplantationPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    return page


def _select_project(page: ImplantationPage, code: str) -> ProjectSummary:
    view = page.pipeline.view
    for row in range(view.model().rowCount()):
        index = view.model().index(row, 0)
        found = index.data(ROW_ROLE)
        if found.code_name == code:
            view.setCurrentIndex(index)
            return found
    raise AssertionError(code)


def test_models_pass_the_model_tester(qtbot, qtmodeltester, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    page.open_project(_select_project(page, "Projet Zéphyr").id)
    for model in (
        page.pipeline.model,
        page.pipeline.totals_model,
        page.project.match_model,
        page.project.proposition_model,
        page.project.event_model,
        page.sites.park_model,
        page.sites.site_model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_pipeline_totals_and_keyboard_moves(qtbot, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    totals = {t.stage: t for t in page.pipeline.totals_model.rows()}
    assert sum(t.count for t in totals.values()) == 20
    assert all(t.count for t in totals.values())  # every stage has projects
    decision = [r for r in page.pipeline.model.rows() if r.stage is ProjectStage.DECISION]
    assert totals[ProjectStage.DECISION].jobs == sum(r.jobs_3y or 0 for r in decision)
    assert "à suivre" in page.pipeline.summary_label.text()
    row = _select_project(page, "Projet Dune")
    assert row.stage is ProjectStage.QUALIFICATION
    page.pipeline.view.setFocus()
    qtbot.keyClick(page.pipeline.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert get_project(demo_ctx.db, row.id).stage is ProjectStage.SITE_SEARCH
    still = page.pipeline.current()
    assert still is not None and still.code_name == "Projet Dune"  # stays selected
    qtbot.keyClick(page.pipeline.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert get_project(demo_ctx.db, row.id).stage is ProjectStage.QUALIFICATION


def test_a_project_shows_its_matching_sites_and_takes_a_proposition(
    qtbot, demo_ctx: AppContext
) -> None:
    page = _page(qtbot, demo_ctx)
    row = _select_project(page, "Projet Escale")
    qtbot.keyClick(page.pipeline.view, Qt.Key.Key_Return)
    assert page.tabs.currentIndex() == PROJECT_TAB
    assert page.project.title.text().startswith("Projet Escale")
    assert page.project.form.company_edit.isHidden()  # no counsellor allowed: confidential
    matches = page.project.match_model.rows()
    assert matches and all(m.fits or m.misfits for m in matches)
    before = len(page.project.proposition_model.rows())
    fresh = next(i for i, m in enumerate(matches) if not m.proposed)
    page.project.match_view.setCurrentIndex(page.project.match_model.index(fresh, 0))
    page.project.propose_button.click()
    assert len(page.project.proposition_model.rows()) == before + 1
    assert len(get_project(demo_ctx.db, row.id).propositions) == before + 1


def test_a_new_site_is_saved_from_the_form(qtbot, demo_ctx: AppContext) -> None:
    page = _page(qtbot, demo_ctx)
    page.show_tab(page.sites)
    form = page.sites.form
    form.name_edit.setText("Lot Z")
    form.surface_spin.setValue(12_345)
    form.commune_edit.setText("76384")
    assert form.has_unsaved_changes()
    form.save_button.click()
    assert not form.has_unsaved_changes()
    with demo_ctx.db.unit_of_work(write=False) as s:
        site = s.scalar(select(Site).where(Site.name == "Lot Z"))
        assert site is not None and site.surface_m2 == 12_345
    current = page.sites.site_view.currentIndex().data(ROW_ROLE)
    assert isinstance(current, SiteInfo) and current.name == "Lot Z"


def test_sites_are_imported_from_a_spreadsheet(
    qtbot, demo_ctx: AppContext, tmp_path: Path, message_boxes: list[str]
) -> None:
    source = tmp_path / "sites.csv"
    source.write_text(
        "Zone d'activité;Nom du site;Type;Surface;Disponibilité;Services\n"
        "ZA Nouvelle;Lot 1;terrain;12 000;01/06/2027;fibre, fer\n"
        "ZA Nouvelle;Hall 2;bâtiment;3 500;;eau\n"
        "ZA Nouvelle;Lot 3;terrain;beaucoup;;\n",
        encoding="utf-8",
    )
    dialog = SiteImportDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.load(source)
    assert [c.currentData() for c in dialog.combos] == [
        "park", "name", "kind", "surface_m2", "available_on", "services",
    ]  # fmt: skip
    dialog.check_button.click()
    assert "2 ligne(s) prête(s)" in dialog.report_label.text()
    assert "ligne 4 : Surface" in dialog.report_label.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.task is None)
    assert "2 site(s) importé(s), 1 zone(s) créée(s)" in dialog.report_label.text()
    with demo_ctx.db.unit_of_work(write=False) as s:
        lot = s.scalar(select(Site).where(Site.name == "Lot 1"))
        assert lot is not None and lot.has_rail and lot.has_fibre and lot.park is not None
    assert not message_boxes


def test_create_from_a_prefilled_draft(qtbot, demo_ctx: AppContext) -> None:
    from guichet.services.projects import ProjectDraft

    page = _page(qtbot, demo_ctx)
    page.new_project(ProjectDraft(code_name="Projet Test", company_name="Secrète SA"))
    assert not page.project.form.company_edit.isHidden()
    page.project.form.land_spin.setValue(10_000)
    page.project.form.save_button.click()
    with demo_ctx.db.unit_of_work(write=False) as s:
        made = s.scalar(
            select(ImplantationProject).where(ImplantationProject.code_name == "Projet Test")
        )
        assert made is not None and made.company_name == "Secrète SA" and made.land_m2 == 10_000
    assert any(r.code_name == "Projet Test" for r in page.pipeline.model.rows())


def test_partners_are_associated_from_the_project(
    qtbot, qtmodeltester, demo_ctx: AppContext
) -> None:
    page = _page(qtbot, demo_ctx)
    page.open_project(_select_project(page, "Projet Dune").id)
    tab = page.project.partners
    before = len(tab.model.rows())
    tab.partner_box.setCurrentIndex(tab.partner_box.count() - 1)
    chosen = tab.partner_box.currentText()
    tab.role_edit.setText("Foncier")
    tab.add_button.click()
    rows = tab.model.rows()
    assert len(rows) == before + 1
    assert any(r.name == chosen and r.role == "Foncier" for r in rows)
    qtmodeltester.check(tab.model)
    tab.view.setCurrentIndex(tab.model.index([r.name for r in rows].index(chosen), 0))
    tab.remove_button.click()
    assert len(tab.model.rows()) == before

"""« Créer un projet d'implantation » on a need of the theme Implantation."""

from __future__ import annotations

from sqlalchemy import select

from PySide6.QtWidgets import QPushButton

from guichet.models import ImplantationProject, Inquiry, Need, Subject, Theme
from guichet.services.project_intake import list_partners
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext
from guichet.ui.pages.implantation import ImplantationPage


def _implantation_need(ctx: AppContext) -> tuple[int, int, int]:
    with ctx.db.unit_of_work(write=False) as s:
        need = s.scalars(
            select(Need)
            .join(Subject)
            .join(Theme)
            .join(Inquiry)
            .where(Theme.name == "Implantation", Inquiry.organization_id.is_not(None))
            .order_by(Need.id)
        ).first()
        assert need is not None
        position = sorted(need.inquiry.needs, key=lambda n: n.position).index(need) + 1
        referrals = len({r.partner_id for n in need.inquiry.needs for r in n.referrals})
        return need.inquiry_id, position, referrals


def test_a_need_of_the_theme_opens_a_prefilled_project(
    qtbot, demo_ctx: AppContext, qsettings
) -> None:
    inquiry_id, number, referrals = _implantation_need(demo_ctx)
    window = shown_window(qtbot, demo_ctx, qsettings)
    window.open_inquiry(inquiry_id)
    page = window.page("inquiries")
    button = page.findChild(QPushButton, f"needProject{number}")
    assert button is not None and button.text() == "Créer un projet d'implantation"
    assert page.findChild(QPushButton, "needProject99") is None
    button.click()
    assert window.current_page_key() == "implantation"
    implantation = window.page("implantation")
    assert isinstance(implantation, ImplantationPage)
    form = implantation.project.form
    assert form.code_edit.text().startswith("Projet ")
    assert form.company_edit.text()  # the inquiry's company, to the one creating it
    assert form.source_label.text() == "" and form.draft().source_inquiry_id == inquiry_id
    form.save_button.click()
    with demo_ctx.db.unit_of_work(write=False) as s:
        made = s.scalar(
            select(ImplantationProject).where(
                ImplantationProject.code_name == form.code_edit.text()
            )
        )
        assert made is not None and made.source_inquiry_id == inquiry_id
        assert made.confidential
        project_id = made.id
    assert len(list_partners(demo_ctx.db, project_id)) == referrals

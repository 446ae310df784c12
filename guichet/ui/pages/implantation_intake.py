"""« Créer un projet d'implantation » on a need of the theme Implantation: the page
Implantation opens a new project prefilled from the inquiry."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from guichet.services.project_intake import IMPLANTATION_THEME, draft_from_need

from guichet.ui.context import AppContext
from guichet.ui.feedback import attempt

__all__ = ["IMPLANTATION_THEME", "start_project_from_need"]


def start_project_from_need(origin: QWidget, ctx: AppContext, need_id: int) -> bool:
    """Opens the prefilled form in the page Implantation (False when it could not)."""
    draft = attempt(origin, lambda: draft_from_need(ctx.db, need_id))
    window = origin.window()
    show_page, page_of = getattr(window, "show_page", None), getattr(window, "page", None)
    if draft is None or show_page is None or page_of is None:
        return False
    show_page("implantation")
    page_of("implantation").new_project(draft)
    return True

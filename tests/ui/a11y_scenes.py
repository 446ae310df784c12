"""Every page and dialog of the desk opened on the demo data, for the accessibility walks.

Each scene takes the main window (shown, on the demo database) and returns the windows to walk:
the main window itself with a page on screen, or a dialog in the state a counsellor sees it
(tabs, wizard pages and hidden-until-needed parts included where the scene opens them).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from guichet.models import ReferralStatus
from guichet.services.letters import LetterService
from guichet.services.organizations import OrganizationService
from guichet.services.referrals import ReferralService
from guichet.services.resources import list_resources
from tests.conftest import DEMO_NOW

from guichet.ui.main_window import MainWindow

Scene = Callable[[MainWindow], list[QWidget]]


def _wait(condition: Callable[[], bool]) -> None:
    """Background work (a search, a preview) has answered; fails after ten seconds."""
    for _ in range(1000):
        if condition():
            return
        QTest.qWait(10)
    raise AssertionError("la tâche de fond n'a pas répondu")


def _ctx(window: MainWindow):
    assert window.ctx is not None
    return window.ctx


def page(key: str) -> Scene:
    """A page on screen, its first line selected so that its detail shows."""

    def show(window: MainWindow) -> list[QWidget]:
        window.show_page(key)
        widget = window.page(key)
        for name in ("table", "view", "list"):
            view = getattr(widget, name, None)
            if view is not None and hasattr(view, "selectRow"):
                view.selectRow(0)
        QApplication.processEvents()
        return [window]

    return show


def directory(window: MainWindow) -> list[QWidget]:
    """The search tab with an organization's detail, the duplicates and the records to verify."""
    from guichet.services.demo_duplicates import add_demo_duplicates

    add_demo_duplicates(_ctx(window).db)
    window.show_page("directory")
    widget = window.page("directory")
    tab = widget.search_tab  # type: ignore[attr-defined]
    tab.search_edit.setText("usinage")
    _wait(lambda: not tab.is_searching() and tab.table.model().rowCount() > 0)
    tab.table.selectRow(0)
    widget.duplicates_tab.refresh()  # type: ignore[attr-defined]
    widget.duplicates_tab.view.selectRow(0)  # type: ignore[attr-defined]
    QApplication.processEvents()
    return [window]


def intake(window: MainWindow) -> list[QWidget]:
    """Nouvelle demande with a company, a new contact and two needs (their « ✕ » enabled)."""
    from guichet.services.intake_context import subject_choices

    from guichet.ui.dialogs.intake_dialog import IntakeDialog

    ctx = _ctx(window)
    dialog = IntakeDialog(ctx, window)
    dialog.confirm_abandon = False
    dialog.show()
    dialog.company.choose(*company_with_history(window))
    dialog.contact.search.line.setText("Claire Martin")
    dialog.contact.on_search_picked("new")
    choice = subject_choices(ctx.db)[0]
    dialog.needs.rows[0].on_subject_field_picked(choice)
    dialog.needs.add_need(focus=False)
    return [dialog]


def intake_new_company(window: MainWindow) -> list[QWidget]:
    """Nouvelle demande creating a company on the spot (the quick company panel)."""
    from guichet.ui.dialogs.intake_dialog import IntakeDialog

    dialog = IntakeDialog(_ctx(window), window)
    dialog.confirm_abandon = False
    dialog.show()
    dialog.company.search.line.setText("Forges de Caux")
    dialog.company.on_search_picked("create")
    return [dialog]


def organization(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.organization_dialog import OrganizationDialog

    service = OrganizationService(_ctx(window).db)
    detail = service.get(_first_organization_id(window))
    dialog = OrganizationDialog(_ctx(window), detail, window)
    dialog.show()
    return [dialog]


def new_organization(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.organization_dialog import OrganizationDialog

    dialog = OrganizationDialog(_ctx(window), None, window)
    dialog.show()
    return [dialog]


def _first_organization_id(window: MainWindow) -> int:
    from sqlalchemy import select

    from guichet.models import Contact

    with _ctx(window).db.unit_of_work(write=False) as s:
        org_id = s.scalar(select(Contact.organization_id).order_by(Contact.id).limit(1))
    assert org_id is not None
    return int(org_id)


def company_with_history(window: MainWindow) -> tuple[int, str]:
    """An organization with past inquiries (the intake shows their history), and its name."""
    from sqlalchemy import func, select

    from guichet.models import Inquiry

    with _ctx(window).db.unit_of_work(write=False) as s:
        org_id = s.scalar(
            select(Inquiry.organization_id)
            .where(Inquiry.organization_id.is_not(None))
            .group_by(Inquiry.organization_id)
            .order_by(func.count().desc(), Inquiry.organization_id)
            .limit(1)
        )
    assert org_id is not None
    return int(org_id), OrganizationService(_ctx(window).db).get(int(org_id)).display_name


def contact(window: MainWindow) -> list[QWidget]:
    from guichet.services.contacts import ContactService

    from guichet.ui.dialogs.contact_dialog import ContactDialog

    org_id = _first_organization_id(window)
    service = ContactService(_ctx(window).db)
    first = OrganizationService(_ctx(window).db).get(org_id).contacts[0]
    dialog = ContactDialog(_ctx(window), org_id, service.get(first.id), window)
    dialog.show()
    return [dialog]


def referral(window: MainWindow) -> list[QWidget]:
    from guichet.services.referral_needs import recent_needs

    from guichet.ui.dialogs.referral_dialog import ReferralDialog

    needs = recent_needs(_ctx(window).db, text="")
    need = next((n for n in needs if n.consent and not n.referrals), needs[0])
    dialog = ReferralDialog(_ctx(window), need.id, window)
    dialog.show()
    return [dialog]


def _proposed(window: MainWindow):
    rows = ReferralService(_ctx(window).db).list_referrals(statuses=[ReferralStatus.PROPOSED])
    assert rows
    return rows[0]


def letters(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.letters_dialog import LettersDialog

    row = _proposed(window)
    LetterService(_ctx(window).db).ensure_letters([row.id], now=DEMO_NOW)
    dialog = LettersDialog(_ctx(window), [row.id], window)
    dialog.show()
    _wait(lambda: dialog.list.count() > 0)
    return [dialog]


def follow_up(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.follow_up_dialog import FollowUpDialog

    dialog = FollowUpDialog(_ctx(window), _proposed(window), "call", window)
    dialog.show()
    return [dialog]


def status(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.referral_status_dialog import ReferralStatusDialog

    dialog = ReferralStatusDialog(_ctx(window), _proposed(window), window)
    dialog.show()
    return [dialog]


def settings(window: MainWindow) -> list[QWidget]:
    """Every tab: the walk counts the widgets of the pages not on screen too."""
    from guichet.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(_ctx(window), window)
    dialog.show()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    return [dialog]


def import_wizard(window: MainWindow) -> list[QWidget]:
    """The wizard walked to its preview, so that the mapping and preview pages are built."""
    import tempfile
    from pathlib import Path

    from guichet.ui.dialogs.import_wizard import ImportWizard

    folder = Path(tempfile.mkdtemp(prefix="guichet-a11y-"))
    path = folder / "adherents.csv"
    path.write_text(
        "Raison sociale;SIRET;Code postal;Ville;Téléphone\r\n"
        "Usinage Lefèbvre;732 829 320 00074;76170;Lillebonne;02 35 12 34 56\r\n",
        encoding="cp1252",
    )
    wizard = ImportWizard(_ctx(window), window)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    _wait(lambda: wizard.preview_page.plan is not None)
    return [wizard]


def export(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.export import ExportDialog

    dialog = ExportDialog(_ctx(window), window)
    dialog.show()
    return [dialog]


def merge(window: MainWindow) -> list[QWidget]:
    from guichet.services.demo_duplicates import add_demo_duplicates

    add_demo_duplicates(_ctx(window).db)
    window.show_page("directory")
    tab = window.page("directory").duplicates_tab  # type: ignore[attr-defined]
    tab.refresh()
    tab.view.selectRow(0)
    pair = tab.selected_pair()
    assert pair is not None
    dialog = tab.open_merge(pair)
    dialog.show()
    return [dialog]


def capabilities(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.capabilities_dialog import CapabilitiesDialog

    dialog = CapabilitiesDialog(_ctx(window), window)
    dialog.show()
    return [dialog]


def shortcuts(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.shortcuts import ShortcutsDialog

    dialog = ShortcutsDialog(window, window)
    dialog.show()
    return [dialog]


def about(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.about import AboutDialog

    dialog = AboutDialog("demo.sqlite3", window.paths, window)
    dialog.show()
    return [dialog]


def inform(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.inform_dialog import InformDialog

    resources = list_resources(_ctx(window).db)[:3]
    dialog = InformDialog("Financement › Prêt d'honneur", resources, window)
    dialog.show()
    return [dialog]


def need_picker(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.need_picker import NeedPickerDialog

    dialog = NeedPickerDialog(_ctx(window), window)
    dialog.show()
    return [dialog]


def sirene_import(window: MainWindow) -> list[QWidget]:
    from guichet.ui.dialogs.sirene_import import SireneImportDialog

    dialog = SireneImportDialog(_ctx(window), window)
    dialog.show()
    return [dialog]


def visit_plan(window: MainWindow) -> list[QWidget]:
    page = window.page("visits")
    dialog = page.plan_dialog(None)  # type: ignore[attr-defined]
    dialog.show()
    return [dialog]


def visit_record(window: MainWindow) -> list[QWidget]:
    window.show_page("visits")
    page = window.page("visits")
    page.table.selectRow(0)  # type: ignore[attr-defined]
    dialog = page.on_record_button_clicked()  # type: ignore[attr-defined]
    return [dialog]


def sites_map(window: MainWindow) -> list[QWidget]:
    """Implantation › Carte: the map, its buttons, the project chooser and the list of sites."""
    from guichet.ui.pages.implantation_map import SitesMapTab

    tab = SitesMapTab(_ctx(window))
    tab.show()
    _wait(lambda: not tab.is_loading())
    return [tab]


def dashboard(window: MainWindow, tab: int = 0) -> list[QWidget]:
    """Tableau de bord loaded: the period picker, the charts' tables, or the map of activity."""
    window.show_page("dashboard")
    widget = window.page("dashboard")
    _wait(lambda: not widget.is_loading())  # type: ignore[attr-defined]
    widget.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
    QApplication.processEvents()
    return [window]


SCENES: dict[str, Scene] = {
    "accueil": page("home"),
    "demandes": page("inquiries"),
    "relances": page("followups"),
    "annuaire": directory,
    "ressources": page("resources"),
    "nouvelle-demande": intake,
    "nouvelle-demande-creation": intake_new_company,
    "organisation": organization,
    "nouvelle-organisation": new_organization,
    "contact": contact,
    "mise-en-relation": referral,
    "courriers": letters,
    "relance": follow_up,
    "statut": status,
    "parametres": settings,
    "import": import_wizard,
    "export": export,
    "fusion": merge,
    "competences": capabilities,
    "raccourcis": shortcuts,
    "a-propos": about,
    "informer": inform,
    "choix-besoin": need_picker,
    "sirene": sirene_import,
    "visites": page("visits"),
    "visite-planifier": visit_plan,
    "visite-compte-rendu": visit_record,
    "carte-sites": sites_map,
    "tableau-de-bord": dashboard,
    "carte-activite": lambda window: dashboard(window, 1),
}

"""The pages of the left navigation, in order. A feature adds its page with one line here.

Pages are built on first display, so the window opens without waiting for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from guichet.ui.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[[AppContext], QWidget]


def _home(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.home import HomePage

    return HomePage(ctx)


def _directory(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.directory import DirectoryPage

    return DirectoryPage(ctx)


def _inquiries(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.inquiries import InquiriesPage

    return InquiriesPage(ctx)


def _resources(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.resources import ResourcesPage

    return ResourcesPage(ctx)


def _followups(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.followups import FollowUpsPage

    return FollowUpsPage(ctx)


def _meetings(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.meetings import MeetingsPage

    return MeetingsPage(ctx)


def _visits(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.visits import VisitsPage

    return VisitsPage(ctx)


def _implantation(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.implantation import ImplantationPage

    return ImplantationPage(ctx)


def _opportunities(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.opportunities import OpportunitiesPage

    return OpportunitiesPage(ctx)


def _network(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.network import NetworkPage

    return NetworkPage(ctx)


def _dashboard(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.dashboard import DashboardPage

    return DashboardPage(ctx)


def _personal_data(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.personal_data import PersonalDataPage

    return PersonalDataPage(ctx)


def page_specs() -> list[PageSpec]:
    return [
        PageSpec("home", "Accueil", _home),
        PageSpec("inquiries", "Demandes", _inquiries),
        PageSpec("followups", "Relances", _followups),
        PageSpec("directory", "Annuaire", _directory),
        PageSpec("resources", "Ressources", _resources),
        PageSpec("meetings", "Réunions", _meetings),
        PageSpec("visits", "Visites", _visits),
        PageSpec("implantation", "Implantation", _implantation),
        PageSpec("opportunities", "Opportunités", _opportunities),
        PageSpec("network", "Réseau", _network),
        PageSpec("dashboard", "Tableau de bord", _dashboard),
        PageSpec("personal_data", "Données personnelles", _personal_data),
    ]

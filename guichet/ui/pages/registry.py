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


def _network(ctx: AppContext) -> QWidget:
    from guichet.ui.pages.network import NetworkPage

    return NetworkPage(ctx)


def page_specs() -> list[PageSpec]:
    return [
        PageSpec("home", "Accueil", _home),
        PageSpec("inquiries", "Demandes", _inquiries),
        PageSpec("followups", "Relances", _followups),
        PageSpec("directory", "Annuaire", _directory),
        PageSpec("resources", "Ressources", _resources),
        PageSpec("network", "Réseau", _network),
    ]

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


def page_specs() -> list[PageSpec]:
    return [
        PageSpec("home", "Accueil", _home),
        PageSpec("directory", "Annuaire", _directory),
    ]

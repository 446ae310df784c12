"""``make screenshots``: the real window on the demo database, saved as PNGs.

Run under Xvfb (the Makefile does, once per screen size of :data:`SIZES`) so Qt paints a real
window; the window fills the screen and each file is named after the size
(``accueil-1366x768.png``). Each scene shows something on screen and returns the widget to
capture; a feature adds its scenes to :data:`SCENES`. The scenes of :data:`DARK_SCENES` are
captured again in the dark colour scheme (``accueil-sombre-1366x768.png``), those of
:data:`CONTRAST_SCENES` in the high-contrast theme (``accueil-contraste-1366x768.png``). With
``--scale 150`` the window is painted at 150 % (``QT_SCALE_FACTOR``), as on a laptop set so, and
only the scenes of :data:`SCALED_SCENES` are captured (``accueil-150-1366x768.png``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from guichet.config import AppPaths
from guichet.services.bootstrap import open_database
from guichet.services.demo import generate_demo
from tools.screenshots import (
    directory_scenes,
    implantation_scenes,
    opportunities_scenes,
    relay_scenes,
    visits_scenes,
)
from tools.screenshots.demo_clock import DEMO_NOW

from guichet.ui.application import make_application
from guichet.ui.context import AppContext
from guichet.ui.main_window import MainWindow
from guichet.ui.screen_fit import install_screen_fit, screen_of
from guichet.ui.theme import apply_color_scheme, apply_theme


@dataclass(frozen=True)
class Scene:
    name: str
    show: Callable[[MainWindow], QWidget]


def _page(key: str) -> Callable[[MainWindow], QWidget]:
    def show(window: MainWindow) -> QWidget:
        window.show_page(key)
        return window

    return show


def _clocked_page(key: str, attribute: str, value: Callable[[], object]) -> Callable[..., QWidget]:
    """A page whose clock (``today``/``now``) is set to the demo's, then reloaded."""

    def show(window: MainWindow) -> QWidget:
        window.show_page(key)
        page = window.page(key)
        setattr(page, attribute, value)
        page.refresh()  # type: ignore[attr-defined]
        return window

    return show


def _settings(window: MainWindow) -> QWidget:
    from guichet.ui.dialogs.settings import SettingsDialog

    assert window.ctx is not None
    dialog = SettingsDialog(window.ctx, window)
    dialog.show()
    return dialog


def _lazy_scene(module: str, name: str) -> Callable[[MainWindow], QWidget]:
    """A scene of ``tools.screenshots.<module>``, imported only when it is captured."""

    def show(window: MainWindow) -> QWidget:
        scenes = importlib.import_module(f"tools.screenshots.{module}")
        widget: QWidget = getattr(scenes, name)(window)
        return widget

    return show


def _referral_dialog(window: MainWindow) -> QWidget:
    from guichet.services.referral_needs import recent_needs

    from guichet.ui.dialogs.referral_dialog import ReferralDialog

    assert window.ctx is not None
    needs = recent_needs(window.ctx.db, text="sous-traitant")
    need = next((n for n in needs if n.consent and n.description and not n.referrals), needs[0])
    dialog = ReferralDialog(window.ctx, need.id, window)
    dialog.model.set_checked(0, True)
    dialog.show()
    return dialog


def _letters_dialog(window: MainWindow) -> QWidget:
    from guichet.models import ReferralStatus
    from guichet.services.letters import LetterService
    from guichet.services.referrals import ReferralService

    from guichet.ui.dialogs.letters_dialog import LettersDialog

    assert window.ctx is not None
    proposed = ReferralService(window.ctx.db).list_referrals(statuses=[ReferralStatus.PROPOSED])
    LetterService(window.ctx.db).ensure_letters([proposed[0].id], now=DEMO_NOW)
    dialog = LettersDialog(window.ctx, [proposed[0].id], window)
    dialog.show()
    deadline = time.monotonic() + 10
    while not dialog.list.count() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    rendered = time.monotonic() + 3  # QPdfView renders its pages in the background
    while time.monotonic() < rendered:
        QApplication.processEvents()
        time.sleep(0.02)
    return dialog


def _template_settings(window: MainWindow) -> QWidget:
    dialog = _settings(window)
    from guichet.ui.dialogs.settings import SettingsDialog

    assert isinstance(dialog, SettingsDialog)
    dialog.tabs.setCurrentWidget(dialog.templates_tab)
    return dialog


def _resources(window: MainWindow) -> QWidget:
    window.show_page("resources")
    return window


def _freshness(window: MainWindow) -> QWidget:
    window.show_page("directory")
    page = window.page("directory")
    page.tabs.setCurrentWidget(page.freshness_tab)  # type: ignore[attr-defined]
    return window


def _organization(window: MainWindow) -> QWidget:
    """The form of the organization the directory scene selected."""
    from guichet.ui.dialogs.organization_dialog import OrganizationDialog

    assert window.ctx is not None
    directory_scenes.directory_search(window)
    panel = window.page("directory").search_tab.panel  # type: ignore[attr-defined]
    dialog = OrganizationDialog(window.ctx, panel.detail, window)
    dialog.show()
    return dialog


def _sites_map(window: MainWindow) -> QWidget:
    from tools.screenshots import map_scenes

    return map_scenes.sites_map(window)


def _shortcuts(window: MainWindow) -> QWidget:
    from guichet.ui.dialogs.shortcuts import ShortcutsDialog

    dialog = ShortcutsDialog(window, window)
    dialog.show()
    return dialog


SCENES: list[Scene] = [
    Scene("accueil", _clocked_page("home", "now", lambda: DEMO_NOW)),
    Scene("parametres", _settings),
    Scene("annuaire", directory_scenes.directory_search),
    Scene("doublons", directory_scenes.duplicates),
    Scene("fiches-a-verifier", _freshness),
    Scene("fusion", directory_scenes.merge),
    Scene("organisation", _organization),
    Scene("organisation-sirene", directory_scenes.organization_sirene),
    Scene("import-correspondance", _lazy_scene("files_scenes", "import_mapping")),
    Scene("import-apercu", _lazy_scene("files_scenes", "import_preview")),
    Scene("nouvelle-demande", _lazy_scene("intake_scenes", "intake_filled")),
    Scene("nouvelle-demande-sirene", _lazy_scene("intake_scenes", "intake_sirene")),
    Scene("demandes", _lazy_scene("intake_scenes", "inquiries_detail")),
    Scene("relances", _clocked_page("followups", "today", DEMO_NOW.date)),
    Scene("ressources", _resources),
    Scene("mise_en_relation", _referral_dialog),
    Scene("courriers_apercu", _letters_dialog),
    Scene("parametres_courriers", _template_settings),
    Scene("raccourcis", _shortcuts),
    Scene("reunions", _lazy_scene("meeting_scenes", "meetings")),
    Scene("reunion-inscriptions", _lazy_scene("meeting_scenes", "meeting_registrations")),
    Scene("reunion-public", _lazy_scene("meeting_scenes", "audience")),
    Scene("reunion-invitations", _lazy_scene("meeting_documents_scenes", "invitations_dialog")),
    Scene("visites", visits_scenes.visits_page),
    Scene("visite-planifier", visits_scenes.visit_plan),
    Scene("visite-compte-rendu", visits_scenes.visit_record),
    Scene("parametres-visites", visits_scenes.visit_settings),
    Scene("accueil-risques", visits_scenes.home_risks),
    Scene("implantation-pipeline", implantation_scenes.pipeline),
    Scene("implantation-projet", implantation_scenes.project),
    Scene("implantation-sites", implantation_scenes.sites),
    Scene("carte-sites", _sites_map),
    Scene("opportunites", opportunities_scenes.matches),
    Scene("opportunites-groupements-proposes", opportunities_scenes.proposed_groupements),
    Scene("opportunites-groupement-retenu", opportunities_scenes.retained_groupement),
    Scene("opportunite-formulaire", opportunities_scenes.form),
    Scene("opportunite-suivi", relay_scenes.follow_up),
    Scene("opportunite-reponse", relay_scenes.answer),
    Scene("opportunite-relayer", relay_scenes.relay),
    Scene("relances-opportunites", relay_scenes.reminders),
    Scene("reseau", _lazy_scene("network_scenes", "network")),
    Scene("reseau-prospects", _lazy_scene("network_scenes", "prospects")),
    Scene("parametres-reseau", _lazy_scene("network_scenes", "network_settings")),
    Scene("fiche-adhesions", _lazy_scene("network_scenes", "card_memberships")),
    Scene("adherer", _lazy_scene("network_scenes", "join_dialog")),
    Scene("tableau-de-bord", _lazy_scene("dashboard_scenes", "dashboard")),
    Scene("tableau-de-bord-reactivite", _lazy_scene("dashboard_scenes", "reactivity")),
    Scene("tableau-de-bord-partenaires", _lazy_scene("dashboard_scenes", "partners")),
    Scene("tableau-de-bord-activites", _lazy_scene("dashboard_scenes", "breakdowns")),
    Scene("carte-activite", _lazy_scene("dashboard_scenes", "activity_map")),
    Scene("rapport-activite", _lazy_scene("report_scenes", "report_dialog")),
    Scene("parametres-rapport", _lazy_scene("report_scenes", "report_settings")),
    Scene("donnees-personnelles", _lazy_scene("rgpd_scenes", "personal_data")),
    Scene("contact-donnees", _lazy_scene("rgpd_scenes", "contact_rights")),
    Scene("contact-donnees-menu", _lazy_scene("rgpd_scenes", "contact_rights_menu")),
    Scene("parametres-donnees-personnelles", _lazy_scene("rgpd_scenes", "rgpd_settings")),
    Scene("connexion", _lazy_scene("accounts_scenes", "sign_in")),
    Scene("historique-fiche", _lazy_scene("accounts_scenes", "organisation_history")),
    Scene("historique-global", _lazy_scene("accounts_scenes", "global_history")),
    Scene("hors-ligne", _lazy_scene("offline_scenes", "offline_window")),
    Scene("hors-ligne-envois", _lazy_scene("offline_scenes", "outbox")),
]
#: Scenes also captured in the dark colour scheme.
DARK_SCENES = ("accueil", "annuaire", "nouvelle-demande", "relances", "demandes", "carte-sites")
#: Scenes also captured in the high-contrast theme.
CONTRAST_SCENES = ("accueil", "nouvelle-demande")
#: Scenes captured at a larger scaling (``--scale``).
SCALED_SCENES = ("accueil", "nouvelle-demande")
#: The screen sizes the desk must fit (``make screenshots`` runs Xvfb once per size).
SIZES = ("1280x800", "1366x768")


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Lets layouts, background answers and short animations (a line edit's clear button fades
    in) finish, so every capture has the same pixels."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def fit_to_screen(widget: QWidget, screen: QRect) -> list[str]:
    """Keeps a dialog inside the screen, as a window manager would, and says what did not fit
    (its minimum size larger than the screen)."""
    problems = []
    if isinstance(widget, QDialog):
        minimum = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        if minimum.width() > screen.width() or minimum.height() > screen.height():
            problems.append(
                f"taille minimale {minimum.width()}x{minimum.height()} > écran "
                f"{screen.width()}x{screen.height()}"
            )
        size = widget.size().boundedTo(screen.size())
        widget.resize(size)
        widget.move(screen.center() - widget.rect().center())
    return problems


def capture(
    app: QApplication, window: MainWindow, scenes: list[Scene], out: Path, suffix: str
) -> list[str]:
    problems = []
    on = screen_of(window)
    assert on is not None  # a QGuiApplication has a screen (offscreen included)
    screen = on.availableGeometry()
    for scene in scenes:
        window.setGeometry(screen)  # maximised: no window manager under Xvfb
        widget = scene.show(window)
        problems += [f"{scene.name}: {p}" for p in fit_to_screen(widget, screen)]
        settle(app)
        target = out / f"{scene.name}{suffix}.png"
        widget.grab().save(str(target))
        print(f"{target}")
        if isinstance(widget, QDialog):
            widget.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Captures d'écran de Guichet sur la base de démonstration, à la taille de "
        "l'écran (lancer sous Xvfb à 1280x800 puis 1366x768), en clair et en sombre"
    )
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--only", nargs="*", help="noms des scènes à capturer")
    parser.add_argument(
        "--scale",
        type=int,
        default=0,
        help="mise à l'échelle de l'écran en %% (150 : QT_SCALE_FACTOR=1.5)",
    )
    args = parser.parse_args(argv)
    if args.scale:  # before Qt starts
        os.environ["QT_SCALE_FACTOR"] = str(args.scale / 100)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="guichet-screens-"))
    paths = AppPaths(data_dir=work / "data", log_dir=work / "logs")
    paths.ensure()
    db = open_database(f"sqlite:///{work / 'demo.sqlite3'}", create=True)
    generate_demo(db, now=DEMO_NOW)
    app = make_application()
    install_screen_fit(app)  # as guichet.ui.application.run does
    apply_color_scheme(app, Qt.ColorScheme.Light)
    app.setCursorFlashTime(0)  # a steady text cursor: the same pixels at every capture
    settings = QSettings(str(work / "guichet.ini"), QSettings.Format.IniFormat)
    # the file name only: the temporary folder would change every capture
    window = MainWindow(settings, ctx=AppContext(db=db, paths=paths), location="demo.sqlite3")
    window.show()
    settle(app)
    screen = app.primaryScreen()
    ratio = screen.devicePixelRatio()  # the screen's own pixels, whatever the scale
    suffix = f"-{int(screen.size().width() * ratio)}x{int(screen.size().height() * ratio)}"
    chosen = [s for s in SCENES if not args.only or s.name in args.only]
    if args.scale:
        scaled = [s for s in chosen if s.name in SCALED_SCENES]
        problems = capture(app, window, scaled, args.out, f"-{args.scale}{suffix}")
    else:
        problems = capture(app, window, chosen, args.out, suffix)
        apply_color_scheme(app, Qt.ColorScheme.Dark)
        dark = [s for s in chosen if s.name in DARK_SCENES]
        problems += capture(app, window, dark, args.out, f"-sombre{suffix}")
        apply_theme(app, "contrast")
        contrast = [s for s in chosen if s.name in CONTRAST_SCENES]
        problems += capture(app, window, contrast, args.out, f"-contraste{suffix}")
        apply_color_scheme(app, Qt.ColorScheme.Light)
    window.close()
    if not args.only and not args.scale:
        from tools.screenshots.letter_images import write_letter_images

        for path in write_letter_images(db, args.out, now=DEMO_NOW):
            print(path)
        from tools.screenshots.meeting_documents_scenes import write_meeting_document_images

        for path in write_meeting_document_images(db, args.out):
            print(path)
        for path in visits_scenes.write_brief_image(db, args.out):
            print(path)
        from tools.screenshots.report_scenes import write_report_images
        from tools.screenshots.rgpd_scenes import write_rgpd_images

        for path in write_report_images(db, args.out):
            print(path)
        for path in write_rgpd_images(db, args.out):
            print(path)
    db.dispose()
    for problem in problems:
        print(f"NE TIENT PAS : {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

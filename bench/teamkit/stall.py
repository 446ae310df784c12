"""The GUI thread's longest stall during a scripted run in the real main window.

A 5 ms heartbeat timer runs on the GUI thread; a stall is the gap between two beats minus the
interval. The script: Accueil, Demandes, Relances, Annuaire; an intake saved through the intake
dialog's own save; a referral created and its status changed (the service calls their dialogs
make, made on the GUI thread as the dialogs do); the pages again. ``offload=False`` is the window
as it was before this change (round trips on the GUI thread): the baseline. The window runs in the
application ``make_application`` makes (garbage collected on the GUI thread) and start-up's
objects are settled once it is up, and windows are kept on their screen, as
:func:`guichet.ui.application.run` does (the person's appearance is left out).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from teamkit.sampler import StackSampler

HEARTBEAT_MS = 5
PAGES = ("home", "inquiries", "followups", "directory")


@dataclass
class Stalls:
    max_ms: float = 0.0
    beats: int = 0
    worst_step: str = ""
    per_step: dict[str, float] = field(default_factory=dict)


def scripted_steps(window: object, ctx: object) -> list[tuple[str, Callable[[], None]]]:
    """The scripted counsellor: each step is what one click or key does."""
    import guichet.models as m
    from guichet.services.intake import IntakeDraft, NeedDraft
    from guichet.services.referrals import ReferralChoice, ReferralService

    from guichet.ui.dialogs.intake_launcher import open_intake

    db = ctx.db  # type: ignore[attr-defined]
    state: dict[str, int] = {}

    def intake() -> None:
        with db.unit_of_work(write=False) as s:
            subject = s.scalars(select(m.Subject.id).order_by(m.Subject.id)).first()
            company = s.scalars(
                select(m.Organization.id).where(m.Organization.kind == m.OrganizationKind.COMPANY)
            ).first()
        dialog = open_intake(window)
        assert dialog is not None
        draft = IntakeDraft(
            received_at=datetime.now().replace(second=0, microsecond=0),
            needs=(NeedDraft(subject, "Recherche d'un financement"),),
            organization_id=company,
            summary="Banc d'essai",
            consent_to_share=True,
            consent_at=datetime.now().replace(second=0, microsecond=0),
        )
        dialog.draft = lambda: draft  # type: ignore[method-assign]  # the typed form
        created = dialog.save()
        assert created is not None
        state["need"] = created.need_ids[0]
        state["inquiry"] = created.id

    def referral() -> None:
        with db.unit_of_work(write=False) as s:
            partner = s.scalars(
                select(m.Organization.id).where(m.Organization.kind == m.OrganizationKind.PARTNER)
            ).first()
        rows = ReferralService(db).create(state["need"], [ReferralChoice(partner)])
        state["referral"], state["version"] = rows[0].id, rows[0].version
        window.open_inquiry(state["inquiry"])  # type: ignore[attr-defined]

    def status() -> None:
        ReferralService(db).change_status(
            state["referral"], m.ReferralStatus.CLOSED_NO_HELP, version=state["version"]
        )
        window.open_inquiry(state["inquiry"])  # type: ignore[attr-defined]

    pages = [(f"page {k}", lambda k=k: window.show_page(k)) for k in PAGES]  # type: ignore[attr-defined]
    back = [(f"{name} (retour)", action) for name, action in pages]
    return [*pages, ("intake", intake), ("referral", referral), ("status", status), *back]


def measure(url: str, home: Path, *, offload: bool, stacks: bool = False) -> Stalls:
    """Opens the window on ``url`` and plays the script; returns the longest stall (``stacks``:
    prints where the GUI thread was during the longest ones, :mod:`teamkit.sampler`)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer

    from guichet.config import AppPaths
    from guichet.services.bootstrap import open_database

    from guichet.ui import off_thread_io
    from guichet.ui.application import make_application
    from guichet.ui.context import AppContext
    from guichet.ui.main_thread_gc import settle_after_start_up
    from guichet.ui.main_window import MainWindow
    from guichet.ui.screen_fit import install_screen_fit

    app = make_application([])  # as the app: its garbage collector on the GUI thread
    install_screen_fit(app)  # as the app: every window kept on its screen
    from PySide6.QtWidgets import QMessageBox

    def no_modal_box(box: QMessageBox) -> int:  # a message would block the script: fail instead
        raise RuntimeError(f"message inattendu : {box.text()}")

    QMessageBox.exec = no_modal_box  # type: ignore[method-assign,assignment]
    db = open_database(url)
    if not offload:  # the baseline: the window as before, round trips on the GUI thread
        off_thread_io.INSTALLED.add(db.engine)
    paths = AppPaths(data_dir=home / "data", log_dir=home / "logs")
    paths.ensure()
    ctx = AppContext(db=db, paths=paths)
    settings = QSettings(str(home / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, ctx=ctx)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    settle_after_start_up(app)  # as the app does once the database is attached
    stalls, clock, step_name = Stalls(), QElapsedTimer(), [""]
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(HEARTBEAT_MS)

    def on_beat() -> None:
        gap = clock.restart() - HEARTBEAT_MS
        stalls.beats += 1
        step = step_name[0]
        stalls.per_step[step] = max(stalls.per_step.get(step, 0.0), float(gap))
        if gap > stalls.max_ms:
            stalls.max_ms, stalls.worst_step = float(gap), step_name[0]

    beat.timeout.connect(on_beat)
    sampler = StackSampler() if stacks else None
    if sampler is not None:
        beat.timeout.connect(lambda: sampler.beat(step_name[0]))
    steps = scripted_steps(window, ctx)
    done = QEventLoop()
    failed: list[str] = []

    def play(index: int) -> None:
        if index == len(steps):
            QTimer.singleShot(300, done.quit)  # the last answers land
            return
        step_name[0], action = steps[index]
        try:
            action()
        except Exception:
            failed.append(step_name[0])
            done.quit()
            raise
        QTimer.singleShot(150, lambda: play(index + 1))  # a counsellor's pause

    def begin() -> None:
        clock.start()
        beat.start()
        play(0)

    QTimer.singleShot(300, begin)
    done.exec()
    beat.stop()
    if sampler is not None:
        sampler.stop()
        print("\n".join(sampler.report()))
    if failed:
        raise SystemExit(f"le scénario a échoué à l'étape « {failed[0]} »")
    window.hide()  # not close(): no closing backup in the measure
    window.deleteLater()
    app.processEvents()
    db.dispose()
    return stalls

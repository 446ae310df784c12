"""Intake: a walk-in replayed with the keyboard alone on the demo database.

Counts the keys spent outside free text (search letters, Tab, Enter, shortcuts) and times the
save, from Ctrl+S to the inquiry selected in the « Demandes » page. The baseline, measured in
the same run, is a bare SQLAlchemy Core INSERT of the same inquiry (contact, inquiry, two needs,
one information given) in one transaction. Goals: ≤ 25 keystrokes, ≤ 100 ms.
The last line is JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")

from sqlalchemy import Connection, insert, select

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import guichet.models as m
from guichet.config import AppPaths
from guichet.db import Database
from guichet.services.bootstrap import open_database
from guichet.services.demo import generate_demo

from guichet.ui.application import make_application
from guichet.ui.context import AppContext
from guichet.ui.dialogs.intake_dialog import IntakeDialog
from guichet.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.ui.keyboard import Keyboard

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
K = Qt.Key
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def prepare(db: Database) -> None:
    with db.unit_of_work() as s:
        org = m.Organization(
            legal_name="Hydrogène Lefebvre",
            siret="73282932000074",
            postal_code="76170",
            city="Lillebonne",
        )
        org.contacts.append(m.Contact(first_name="Paul", last_name="Lefebvre", role="Gérant"))
        s.add(org)


def replay(app: QApplication, window: MainWindow, round_number: int) -> tuple[Keyboard, float]:
    keys = Keyboard(process_events=True)
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 3000)
    window.navigation.setFocus()
    keys.press(K.Key_N, CTRL)
    QTest.qWaitForWindowActive(window.intake_dialog, 3000)  # type: ignore[attr-defined]
    dialog: IntakeDialog = window.intake_dialog  # type: ignore[attr-defined]
    keys.search("hyd")
    keys.press(K.Key_Return)
    keys.write(f"Claire Martin{round_number}")
    keys.press(K.Key_Return)
    keys.write("02 35 38 12 34")
    keys.press(K.Key_Tab)
    keys.write(f"claire.martin{round_number}@lefebvre.fr")
    keys.press(K.Key_Tab)
    keys.press(K.Key_Tab)
    keys.search("pre")
    keys.press(K.Key_Return)
    keys.write("Reprise d'un atelier, besoin de 20 000 €")
    keys.press(K.Key_Tab)
    keys.press(K.Key_Space)
    keys.press(K.Key_B, CTRL)
    keys.search("recr")
    keys.press(K.Key_Return)
    keys.write("Deux tourneurs CN")
    keys.press(K.Key_C, ALT)
    page = window.page("inquiries")
    start = time.perf_counter()
    keys.press(K.Key_S, CTRL)
    app.processEvents()
    elapsed = (time.perf_counter() - start) * 1000
    saved = dialog.saved
    if saved is None or page.detail.inquiry_id != saved.id:  # type: ignore[attr-defined]
        raise RuntimeError("the inquiry was not saved or is not shown in the list")
    row = page.model.find(saved.id)  # type: ignore[attr-defined]
    if row < 0:
        raise RuntimeError("the saved inquiry is not in the list")
    return keys, elapsed


def _insert(conn: Connection, model: Any, **values: object) -> int:
    key = conn.execute(insert(model).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def baseline(db: Database, round_number: int) -> float:
    with db.unit_of_work() as s:
        org_id = s.scalar(
            select(m.Organization.id).where(m.Organization.legal_name == "Hydrogène Lefebvre")
        )
        subjects = list(s.scalars(select(m.Subject.id).limit(2)))
        resource = s.scalar(select(m.Resource.id).limit(1))
    now = datetime.now().replace(microsecond=0)
    start = time.perf_counter()
    with db.engine.begin() as conn:
        contact = _insert(
            conn,
            m.Contact,
            organization_id=org_id,
            first_name="Claire",
            last_name=f"Baseline{round_number}",
            phone="+33235381234",
            email=f"b{round_number}@lefebvre.fr",
            version=1,
        )
        inquiry = _insert(
            conn,
            m.Inquiry,
            reference=f"B-{round_number:04d}",
            received_at=now,
            channel="desk",
            organization_id=org_id,
            contact_id=contact,
            status="in_progress",
            consent_to_share=True,
            consent_at=now,
            first_action_at=now,
            version=1,
        )
        needs = [
            _insert(
                conn,
                m.Need,
                inquiry_id=inquiry,
                subject_id=subject,
                position=i,
                description="x",
                version=1,
            )
            for i, subject in enumerate(subjects)
        ]
        _insert(conn, m.InformationGiven, need_id=needs[0], resource_id=resource, given_at=now)
    return (time.perf_counter() - start) * 1000


def measure(app: QApplication, work: Path, paths: AppPaths, db: Database) -> dict[str, Any]:
    """The rounds on ``db``: median save and baseline, keystrokes of the first round."""
    window = MainWindow(
        QSettings(str(work / "guichet.ini"), QSettings.Format.IniFormat),
        ctx=AppContext(db=db, paths=paths),
    )
    window.resize(1360, 820)
    window.show()
    window.show_page("inquiries")
    app.processEvents()
    saves, floors, strokes, free = [], [], [], []
    for number in range(ROUNDS):
        keys, elapsed = replay(app, window, number)
        app.processEvents()
        saves.append(elapsed)
        strokes.append(keys.keystrokes)
        free.append(keys.free_text)
        floors.append(baseline(db, number))
    window.close()
    db.dispose()
    return {
        "save_ms": statistics.median(saves),
        "baseline_ms": statistics.median(floors),
        "keystrokes": strokes[0],
        "free_text_chars": free[0],
    }


def encrypted_copy(plain: Path) -> Database:
    """The same demo database, encrypted (SQLCipher), opened with its key."""
    import shutil

    from guichet.db import cipher

    copy = plain.with_name("chiffree.sqlite3")
    shutil.copyfile(plain, copy)
    cipher.encrypt_file(copy, "phrase de passe du banc d'essai")
    return Database(f"sqlite:///{copy}")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="guichet-bench-intake-"))
    paths = AppPaths(data_dir=work / "data", log_dir=work / "logs")
    paths.ensure()
    plain = work / "bench.sqlite3"
    db = open_database(f"sqlite:///{plain}", create=True)
    generate_demo(db)
    prepare(db)
    coded_db = None
    if "--chiffre" in sys.argv[1:]:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        coded_db = encrypted_copy(plain)  # before the rounds: both files start alike
    app = make_application()
    result = measure(app, work, paths, db)
    save_ms, baseline_ms = result["save_ms"], result["baseline_ms"]
    print(
        f"keystrokes outside free text: {result['keystrokes']} (goal ≤ 25); "
        f"free text: {result['free_text_chars']} characters"
    )
    print(f"save → shown in the list: median {save_ms:.1f} ms over {ROUNDS} rounds (goal ≤ 100 ms)")
    print(f"baseline, bare Core INSERT of the same inquiry: median {baseline_ms:.2f} ms")
    extra: dict[str, Any] = {}
    if coded_db is not None:
        coded = measure(app, work, paths, coded_db)
        print(
            f"encrypted file (SQLCipher): save median {coded['save_ms']:.1f} ms "
            f"({coded['save_ms'] / save_ms:.2f}× the plain file), baseline "
            f"{coded['baseline_ms']:.2f} ms ({coded['baseline_ms'] / baseline_ms:.2f}×)"
        )
        extra["chiffre"] = {
            "save_ms": round(coded["save_ms"], 1),
            "baseline_ms": round(coded["baseline_ms"], 2),
            "ratio_save": round(coded["save_ms"] / save_ms, 2),
            "ratio_baseline": round(coded["baseline_ms"] / baseline_ms, 2),
        }
    print(
        json.dumps(
            {
                "keystrokes": result["keystrokes"],
                "free_text_chars": result["free_text_chars"],
                "save_ms": round(save_ms, 1),
                "baseline_ms": round(baseline_ms, 2),
                "ratio": round(save_ms / baseline_ms, 1) if baseline_ms else None,
                "goal_keystrokes": 25,
                "goal_save_ms": 100,
                "rounds": ROUNDS,
            }
            | extra
        )
    )


if __name__ == "__main__":
    main()

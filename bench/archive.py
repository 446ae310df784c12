"""The letter archive at 100×: database size per 1,000 letters and the close-time backup.

Builds, in a temporary folder, the demo database grown to the size of a 100× database without
its PDFs (the audit trail cloned in SQL up to ``--base-mb``) holding ``--lettres`` archived
letters (45,000 by default), each a distinct real letter PDF (a few rendered, then cloned in
SQL with a unique trailer: ~45 KB each, as generated). Then, in the same run:

* baseline — the layout before revision 0014: every PDF inside the database file, and the
  close-time backup a copy of the whole file;
* now — the PDFs in the archive file beside the database; the close-time backup copies the
  database file and only the PDFs written since the previous backup (one new letter here), and
  is skipped when nothing was written.

The last line is JSON: ``mb_per_1000_letters`` (database file), ``close_backup_s`` (after a
day's work that wrote one letter), the baseline of each, and the archive's own size.
The functions are importable (``bench/scale.py`` reports the same keys).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guichet.db import Database
from guichet.db.migrate import backup_sqlite
from guichet.letters.document import LetterDocument, Letterhead
from guichet.letters.render import render_letter
from guichet.services.backups import BackupService
from guichet.services.bootstrap import open_database
from guichet.services.letter_archive import archive_path, create_archive_file

LETTERS = 45_000
BASE_MB = 100
DISTINCT = 12
NOW = datetime(2026, 11, 20, 10, 30)
HEAD = Letterhead(
    "Caux Seine Développement",
    ("Maison de l'entreprise", "12 rue des Entrepreneurs", "76170 LILLEBONNE"),
    "02 35 00 00 00",
    "contact@caux-seine-developpement.example",
    "www.caux-seine-developpement.example",
)


def real_pdfs(count: int = DISTINCT) -> list[bytes]:
    """A few letters rendered as the app renders them (embedded DejaVu subsets)."""
    from guichet.services.letters import LetterService

    window = LetterService.window(
        {"envelope.x_mm": 110.0, "envelope.y_mm": 45.0, "envelope.width_mm": 85.0}
    )
    pdfs = []
    for n in range(count):
        document = LetterDocument(
            letterhead=HEAD,
            recipient_lines=(f"Entreprise n° {n}", "Zone industrielle", "76170 LILLEBONNE"),
            place_and_date="Lillebonne, le 20 novembre 2026",
            object_line=f"Mise en relation MR-2026-{n:05d}",
            body=(
                "Madame, Monsieur,\n\nNous vous mettons en relation avec un partenaire "
                "qui peut répondre à votre besoin de soudure TIG inox. " * (2 + n % 3)
            ),
            sender_lines=("Dossier suivi par : Claire Martin",),
            signature_lines=("Claire Martin", "Chargée d'affaires"),
            title=f"Courrier MR-2026-{n:05d}",
            author="Caux Seine Développement",
            subject="Mise en relation",
            created=NOW,
        )
        pdfs.append(render_letter(document, window).pdf)
    return pdfs


def grow_base(db: Database, megabytes: int) -> None:
    """Clones the audit trail in SQL until the database file is about ``megabytes``."""
    path = db.path
    assert path is not None
    columns = "at, counsellor_id, entity, record_id, action, field, old_value, new_value"
    db.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        while True:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            if path.stat().st_size >= megabytes * 1_000_000:
                return
            conn.execute(
                f"INSERT INTO audit_entry ({columns}) SELECT {columns} FROM audit_entry "
                "ORDER BY id LIMIT 200000"
            )
    finally:
        conn.close()


def add_letters(db: Database, count: int, pdfs: list[bytes]) -> None:
    """``count`` letters, each naming a distinct PDF written to the archive first."""
    path = db.path
    assert path is not None
    archive = archive_path(path)
    create_archive_file(archive)
    out = sqlite3.connect(archive)
    main = sqlite3.connect(path)
    try:
        for start in range(0, count, 1000):
            blobs, rows = [], []
            for n in range(start, min(start + 1000, count)):
                pdf = pdfs[n % len(pdfs)] + f"\n%clone {n}\n".encode()
                key = hashlib.sha256(pdf).hexdigest()
                blobs.append((key, pdf))
                rows.append(("to_partner", NOW, "partenaire:bench", f"courrier-{n}.pdf", key))
            out.executemany("INSERT INTO letter_pdf (sha256, pdf) VALUES (?, ?)", blobs)
            out.commit()
            main.executemany(
                "INSERT INTO letter (kind, generated_at, template_version, file_name, pdf_sha256,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(*r[:4], r[4], NOW, NOW) for r in rows],
            )
            main.commit()
        main.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        out.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        out.close()
        main.close()


def old_layout(db: Database, target: Path) -> Path:
    """The same database as before 0014: every PDF in the database file."""
    path = db.path
    assert path is not None
    backup_sqlite(path, target)
    conn = sqlite3.connect(target)
    try:
        conn.execute("ATTACH DATABASE ? AS a", (str(archive_path(path)),))
        conn.execute("ALTER TABLE letter ADD COLUMN pdf BLOB")
        conn.execute(
            "UPDATE letter SET pdf = (SELECT pdf FROM a.letter_pdf WHERE sha256 = pdf_sha256)"
        )
        conn.commit()
    finally:
        conn.close()
    return target


def mb_per_1000(path: Path, letters: int, base: int = 0) -> float:
    """What ``letters`` letters add to the file ``path`` (``base`` bytes without them)."""
    return (path.stat().st_size - base) / 1e6 / letters * 1000


def close_backup_baseline(old: Path, folder: Path) -> float:
    started = time.perf_counter()
    backup_sqlite(old, folder / "auto-ancien.sqlite3")
    return time.perf_counter() - started


def close_backup_now(db: Database, folder: Path, pdfs: list[bytes]) -> dict[str, float]:
    """The first backup (the folder's archive filled once), then a day that wrote one letter,
    then a close with nothing written."""
    service = BackupService(db, folder)
    db.writes += 1  # the database was filled behind the app's back: count it as written
    started = time.perf_counter()
    service.rolling_backup()
    first = time.perf_counter() - started
    add_letters_one(db, pdfs[0] + b"\n%une de plus\n")
    started = time.perf_counter()
    service.rolling_backup()
    daily = time.perf_counter() - started
    started = time.perf_counter()
    skipped = service.rolling_backup()
    idle = time.perf_counter() - started
    assert skipped is None
    return {"first_s": first, "close_backup_s": daily, "idle_close_s": idle}


def add_letters_one(db: Database, pdf: bytes) -> None:
    from guichet.models import Letter, LetterKind
    from guichet.services import letter_archive

    with db.unit_of_work() as session:
        session.add(
            Letter(
                kind=LetterKind.TO_PARTNER,
                generated_at=NOW,
                template_version="partenaire:bench",
                file_name="courrier-du-jour.pdf",
                pdf_sha256=letter_archive.store(db, session, pdf),
            )
        )


def build(folder: Path, letters: int, base_mb: int) -> tuple[Database, list[bytes], int]:
    """The grown demo database with ``letters`` letters; also its size without them."""
    from guichet.services.demo import generate_demo

    db = open_database(f"sqlite:///{folder / 'guichet.sqlite3'}", create=True)
    generate_demo(db, now=NOW)
    grow_base(db, base_mb)
    base = db.path.stat().st_size  # type: ignore[union-attr]
    pdfs = real_pdfs()
    add_letters(db, letters, pdfs)
    return db, pdfs, base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lettres", type=int, default=LETTERS)
    parser.add_argument("--base-mb", type=int, default=BASE_MB)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="guichet-bench-archive-"))
    try:
        started = time.perf_counter()
        db, pdfs, base = build(folder, args.lettres, args.base_mb)
        built = time.perf_counter() - started
        main_file, archive = db.path, archive_path(db.path)  # type: ignore[arg-type]
        assert main_file is not None
        old = old_layout(db, folder / "ancien.sqlite3")
        (folder / "sauvegardes-ancien").mkdir()
        baseline_s = close_backup_baseline(old, folder / "sauvegardes-ancien")
        now = close_backup_now(db, folder / "sauvegardes", pdfs)
        result = {
            "letters": args.lettres,
            "mean_pdf_kb": round(archive.stat().st_size / 1000 / args.lettres, 1),
            "mb_per_1000_letters": round(mb_per_1000(main_file, args.lettres, base), 3),
            "archive_mb_per_1000_letters": round(mb_per_1000(archive, args.lettres), 2),
            "baseline_mb_per_1000_letters": round(mb_per_1000(old, args.lettres, base), 2),
            "database_mb": round(main_file.stat().st_size / 1e6, 1),
            "baseline_database_mb": round(old.stat().st_size / 1e6, 1),
            "close_backup_s": round(now["close_backup_s"], 3),
            "baseline_close_backup_s": round(baseline_s, 3),
            "first_backup_s": round(now["first_s"], 3),
            "idle_close_s": round(now["idle_close_s"], 4),
            "build_s": round(built, 1),
        }
        db.dispose()
        print(
            f"{args.lettres} courriers, base de {result['database_mb']} Mo (construite en {built:.0f} s)"
        )
        print(
            f"  Mo par 1 000 courriers dans la base : {result['mb_per_1000_letters']} "
            f"(avant : {result['baseline_mb_per_1000_letters']} ; archive à part : "
            f"{result['archive_mb_per_1000_letters']})"
        )
        print(
            f"  sauvegarde à la fermeture : {result['close_backup_s']} s "
            f"(avant : {result['baseline_close_backup_s']} s ; première : "
            f"{result['first_backup_s']} s ; rien d'écrit : {result['idle_close_s']} s)"
        )
        print(json.dumps(result))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Backups of the database: rolling ones, manual ones, and restoring one safely.

Every copy of a SQLite file goes through SQLite's online backup API
(``db.migrate.backup_sqlite``), which gives a consistent snapshot even while another connection
writes; the letter archive beside it is copied incrementally
(:mod:`guichet.services.backup_archive`). Automatic backups (on closing the app when something
was written, and before migrations, made by ``db.migrate``) live in the user data folder; the
last N of each kind are kept. A PostgreSQL database is backed up as the same SQLite files, from
one ``REPEATABLE READ`` snapshot, at most once a day automatically. A restore checks the file
first (integrity, a Guichet schema not newer than this version, every letter's PDF at hand),
saves the current state, then copies the backup into the live database.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
import weakref
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from guichet.db import Database, cipher
from guichet.db.migrate import alembic_config, backup_sqlite, head_revision, upgrade
from guichet.db.problems import FULL, environment_problem
from guichet.errors import EnvironmentProblem, ValidationError
from guichet.reference.file_names import with_folder
from guichet.services import letter_archive
from guichet.services.backup_archive import (
    SHARED_ARCHIVE,
    is_server,
    missing_pdfs,
    quiet_copy,
    restore_pdfs,
    snapshot_to_file,
    sync_archive,
)
from guichet.services.letter_archive import archive_path
from guichet.services.permissions import Permission, require_db
from guichet.services.settings import SettingsService

log = logging.getLogger(__name__)

AUTO_PREFIX = "auto-"
BEFORE_RESTORE_PREFIX = "avant-restauration-"
MIGRATION_PREFIX = "avant-migration-"  # made by guichet.db.migrate.upgrade
ROLLING_PREFIXES = (AUTO_PREFIX, BEFORE_RESTORE_PREFIX, MIGRATION_PREFIX)

#: ``Database.writes`` when each database was last backed up by :meth:`rolling_backup`.
_backed_up: weakref.WeakKeyDictionary[Database, int] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    organizations: int
    inquiries: int
    size: int


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _live_path(db: Database) -> Path:
    path = db.path
    if path is None:
        raise ValidationError(
            "Les sauvegardes par fichier concernent les bases SQLite et PostgreSQL seulement."
        )
    return path


def _server_file(db: Database) -> Path:
    """The name a PostgreSQL database's backups are made from (``<database>.sqlite3``)."""
    return Path(f"{db.engine.url.database or 'guichet'}.sqlite3")


def _copy(source: Path, target: Path, *, in_place: bool = False, quiet: bool = False) -> Path:
    """A consistent copy; ``quiet`` tries the fast file copy first (the close-time backup)."""
    try:
        if quiet:
            copied = quiet_copy(source, target)
            if copied is not None:
                return copied
        return backup_sqlite(source, target, in_place=in_place)
    except (OSError, sqlite3.Error, cipher.dbapi_error()) as exc:
        problem = environment_problem(exc)
        why = "le disque est plein" if problem and problem.message == FULL else str(exc)
        raise EnvironmentProblem(
            f"La sauvegarde vers « {target} » n'a pas pu être écrite ({why}). Aucun fichier "
            "incomplet n'a été laissé, et une sauvegarde précédente du même nom est intacte. "
            "Libérez de la place ou choisissez un autre dossier.",
            detail=str(exc),
        ) from exc


def prune(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete the oldest backups named ``prefix…`` in ``folder`` beyond the ``keep`` newest."""
    files = sorted(folder.glob(f"{prefix}*.sqlite3"), key=lambda p: p.name, reverse=True)
    removed = []
    for old in files[max(keep, 1) :]:
        try:
            old.unlink()
            archive_path(old).unlink(missing_ok=True)  # a server backup's own archive
            removed.append(old)
        except OSError:
            log.warning("Sauvegarde ancienne impossible à supprimer : %s", old)
    return removed


def inspect_backup(path: Path, db: Database) -> BackupInfo:
    """Check that ``path`` is a sound Guichet database this version can open.

    Raises:
        ValidationError: not a SQLite file, damaged, not a Guichet database, or newer schema.
    """
    if not path.is_file():
        raise ValidationError(f"Le fichier « {path} » n'existe pas.")
    live = db.path
    passphrase = cipher.passphrase_for(live) if live is not None else None
    try:
        # An encrypted backup opens with the live database's key (it was made with it).
        conn = cipher.connect(path, readonly=True, passphrase=passphrase)
    except cipher.WrongPassphrase as exc:
        raise ValidationError(
            f"« {path.name} » est chiffrée avec une autre phrase de passe que cette base.",
            detail=exc.detail,
        ) from exc
    except (sqlite3.Error, EnvironmentProblem) as exc:
        raise ValidationError(f"Impossible d'ouvrir « {path.name} » : {exc}.") from exc
    try:
        try:
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        except cipher.database_errors() as exc:
            raise ValidationError(
                f"« {path.name} » n'est pas une base de données SQLite (ou elle est chiffrée).",
                detail=str(exc),
            ) from exc
        if integrity != ["ok"]:
            raise ValidationError(
                f"La sauvegarde « {path.name} » est abîmée : la vérification d'intégrité a "
                f"échoué ({'; '.join(integrity[:3])}). Choisissez une autre sauvegarde."
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"alembic_version", "organization", "inquiry"} <= tables:
            raise ValidationError(
                f"« {path.name} » est une base SQLite, mais pas une base Guichet."
            )
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        organizations = conn.execute("SELECT count(*) FROM organization").fetchone()[0]
        inquiries = conn.execute("SELECT count(*) FROM inquiry").fetchone()[0]
    finally:
        conn.close()
    revision = row[0] if row else ""
    lost = missing_pdfs(path, db)
    if lost:
        raise ValidationError(
            f"La sauvegarde « {path.name} » nomme {lost} courrier(s) dont le PDF est introuvable "
            f"(le fichier « {archive_path(path).name} » doit l'accompagner). Copiez-le à côté "
            "de la sauvegarde, ou choisissez une autre sauvegarde."
        )
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(db))
    try:
        known = revision and script.get_revision(revision) is not None
    except Exception:  # alembic raises its own errors for unknown revisions
        known = False
    if not known:
        raise ValidationError(
            f"La sauvegarde « {path.name} » a été faite par une version de Guichet plus récente "
            f"(schéma {revision or 'inconnu'}). Mettez Guichet à jour avant de la restaurer."
        )
    return BackupInfo(path, revision, organizations, inquiries, path.stat().st_size)


class BackupService:
    def __init__(self, db: Database, backup_dir: Path) -> None:
        self.db = db
        self.backup_dir = backup_dir

    def keep(self) -> int:
        return int(SettingsService(self.db).get("backups.keep"))

    def rolling_backup(self) -> Path | None:
        """The automatic backup made when the app closes, skipped when this session wrote
        nothing since the last one (on PostgreSQL: at most one a day); old ones beyond N are
        deleted."""
        if is_server(self.db):
            return self._daily_server_backup()
        path = self.db.path
        if path is None or not path.exists():
            return None
        writes = self.db.writes
        if writes == _backed_up.get(self.db, 0):
            log.info("Sauvegarde automatique inutile : rien n'a été enregistré depuis la dernière")
            return None
        letter_archive.sweep(self.db)  # PDFs a crash or a cascade left unnamed
        target = _copy(path, self._rolling_path(AUTO_PREFIX, path), quiet=True)
        prune(self.backup_dir, AUTO_PREFIX, self.keep())
        self._share_archive(target)
        _backed_up[self.db] = writes
        log.info("Sauvegarde automatique : %s", target)
        return target

    def _share_archive(self, main_copy: Path) -> None:
        """The PDFs of a new automatic backup, added to the folder's shared archive; those no
        kept backup names any more are removed."""
        others = [p for p in self.backups() if p != main_copy]
        sync_archive(self.db, main_copy, self.backup_dir / SHARED_ARCHIVE, keep_for=others)

    def _daily_server_backup(self) -> Path | None:
        name = _server_file(self.db)
        today = datetime.now().strftime("%Y%m%d")
        if any(self.backup_dir.glob(f"{AUTO_PREFIX}{today}-*-{name.name}")):
            return None
        target = snapshot_to_file(self.db, self._rolling_path(AUTO_PREFIX, name))
        prune(self.backup_dir, AUTO_PREFIX, self.keep())
        log.info("Sauvegarde automatique du serveur : %s", target)
        return target

    def _rolling_path(self, prefix: str, live: Path) -> Path:
        """Where an automatic backup goes: its name valid on Windows, shortened (its end, the
        database's name) for a deep folder, so the prefix and the time still sort it."""
        return Path(with_folder(self.backup_dir, f"{prefix}{_stamp()}-{live.name}"))

    def backup_to(self, target: Path) -> Path:
        """A manual backup to a file the counsellor chose, with its letter archive beside it
        (``x.sqlite3`` and ``x.courriers.db``); a PostgreSQL database gives the same files."""
        if is_server(self.db):
            return snapshot_to_file(self.db, target)
        source = _live_path(self.db)
        if target.resolve() == source.resolve():
            raise ValidationError("Choisissez un autre fichier que la base elle-même.")
        copied = _copy(source, target)  # over an existing file: replaced only once complete
        sync_archive(self.db, copied, archive_path(copied))
        return copied

    def backups(self) -> list[Path]:
        """The automatic backups, newest first."""
        if not self.backup_dir.exists():
            return []
        found = [
            p for p in self.backup_dir.glob("*.sqlite3") if p.name.startswith(ROLLING_PREFIXES)
        ]
        return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)

    def restore(self, source: Path) -> Path:
        """Replace the database's content with the backup ``source``; returns the copy of the
        state before the restore (kept in the backup folder)."""
        require_db(self.db, Permission.RESTORE)
        if is_server(self.db):
            return self._restore_server(source)
        live = _live_path(self.db)
        inspect_backup(source, self.db)
        if source.resolve() == live.resolve():
            raise ValidationError("Ce fichier est la base ouverte elle-même.")
        saved = _copy(live, self._rolling_path(BEFORE_RESTORE_PREFIX, live))
        prune(self.backup_dir, BEFORE_RESTORE_PREFIX, self.keep())
        self._share_archive(saved)
        restore_pdfs(source, self.db)  # the PDFs first, then the letters that name them
        self.db.engine.dispose()
        try:
            _copy(source, live, in_place=True)
        finally:
            self.db.engine.dispose()
        if head_revision(self.db) != inspect_backup(live, self.db).revision:
            upgrade(self.db, self.backup_dir)
            prune(self.backup_dir, MIGRATION_PREFIX, self.keep())
        log.info("Base restaurée depuis %s (état précédent : %s)", source, saved)
        return saved

    def _restore_server(self, source: Path) -> Path:
        """A restore into PostgreSQL: the backup is migrated in a working copy, then copied
        over the database's rows in one transaction (see :mod:`guichet.services.copying`)."""
        from guichet.services.bootstrap import open_database
        from guichet.services.copying import copy_into

        inspect_backup(source, self.db)
        saved = snapshot_to_file(
            self.db, self._rolling_path(BEFORE_RESTORE_PREFIX, _server_file(self.db))
        )
        prune(self.backup_dir, BEFORE_RESTORE_PREFIX, self.keep())
        with tempfile.TemporaryDirectory(prefix="guichet-restauration-") as folder:
            work = Path(folder) / "restauration.sqlite3"
            _copy(source, work)
            work_db = open_database(f"sqlite:///{work}", backup_dir=Path(folder))
            try:
                restore_pdfs(source, work_db)
                copy_into(work_db, self.db, replace=True)
            finally:
                work_db.dispose()
        log.info("Base du serveur restaurée depuis %s (état précédent : %s)", source, saved)
        return saved

"""Health of a database: integrity check, schema revision, record counts.

Two depths. The daily check (``guichet check``, a search that finds nothing) is SQLite's
``quick_check`` of every table of the database file, and of the letter archive (PDFs written
once, 95 % of a ten-year desk, in its own file: ``services/letter_archive.py``) only that every
letter has its PDF: well under a second at 100× the demo. The full check (``guichet check
--complet``, a backup being restored) is ``integrity_check`` of the whole file and of the
archive file, indexes against their tables, and the foreign keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import DBAPIError

from guichet.db import Database
from guichet.db.migrate import current_revision, head_revision
from guichet.db.problems import DAMAGED
from guichet.errors import EnvironmentProblem
from guichet.models import (
    AuditEntry,
    Contact,
    Counsellor,
    Inquiry,
    Letter,
    Membership,
    Need,
    Organization,
    Referral,
    Resource,
)

COUNTED = {
    "organisations": Organization,
    "contacts": Contact,
    "adhésions": Membership,
    "demandes": Inquiry,
    "besoins": Need,
    "mises en relation": Referral,
    "courriers": Letter,
    "ressources": Resource,
    "conseillers": Counsellor,
    "journal des modifications": AuditEntry,
}


#: What to do when the check finds damage.
DAMAGE_ADVICE = (
    "La base est abîmée : n'y enregistrez plus rien. Restaurez la dernière sauvegarde "
    "(Fichier › Restaurer une sauvegarde…, ou « guichet restore FICHIER »)."
)


@dataclass(frozen=True)
class CheckReport:
    url: str
    revision: str | None
    head: str
    integrity: str
    counts: dict[str, int] = field(default_factory=dict)
    full: bool = False

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.revision == self.head

    @property
    def damaged(self) -> bool:
        return self.integrity != "ok"

    @property
    def advice(self) -> str | None:
        """What the counsellor should do, in French (None when all is well)."""
        if self.damaged:
            return DAMAGE_ADVICE
        if self.revision != self.head:
            return "Le schéma sera mis à jour à la prochaine ouverture (après une sauvegarde)."
        return None


def _quick_rows(conn: Connection) -> list[str]:
    """SQLite's quick check of the whole database file (``["ok"]`` when sound): the letters'
    PDFs live in the archive's own file, so the database file is small enough for it, and only
    the whole-file check sees pages lost from a table (« never used »)."""
    return [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check")]


def _integrity(db: Database, *, full: bool) -> str:
    """``ok``, or what SQLite found wrong (a damaged file may fail the check itself)."""
    if db.dialect != "sqlite":
        return "ok"
    try:
        with db.engine.connect() as conn:
            if full:
                rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            else:
                rows = _quick_rows(conn)
            if rows != ["ok"]:
                return "; ".join(rows[:10])
            fk_errors = conn.exec_driver_sql("PRAGMA foreign_key_check").all() if full else []
    except DBAPIError as exc:
        return f"la vérification elle-même échoue (SQLite : « {str(exc.orig).strip()} »)"
    if fk_errors:
        return f"{len(fk_errors)} références cassées (clés étrangères)"
    return "ok"


def check_database(db: Database, *, full: bool = False) -> CheckReport:
    """Integrity first; the counts only when the file is sound (reading a damaged one fails).

    ``full``: the whole file, archive included, and the foreign keys (``--complet``); else the
    daily quick check.
    """
    integrity = _integrity(db, full=full)
    counts: dict[str, int] = {}
    if integrity == "ok" or integrity.endswith("(clés étrangères)"):
        with db.unit_of_work(write=False) as session:
            counts = {
                name: session.scalar(select(func.count()).select_from(model)) or 0
                for name, model in COUNTED.items()
            }
    revision = current_revision(db) if integrity == "ok" else _revision_or_none(db)
    if integrity == "ok" and revision == head_revision(db):
        from guichet.services.letter_archive import archive_problem

        integrity = archive_problem(db, full=full) or "ok"
    return CheckReport(
        url=db.url,
        revision=revision,
        head=head_revision(db),
        integrity=integrity,
        counts=counts,
        full=full,
    )


def _revision_or_none(db: Database) -> str | None:
    try:
        return current_revision(db)
    except DBAPIError:
        return None


def ensure_sound(db: Database) -> None:
    """SQLite's quick check; raises :class:`EnvironmentProblem` when the file is damaged.

    For answers that would otherwise be silently wrong, e.g. a search finding nothing: a
    damaged index can return no row without any error.
    """
    if db.dialect != "sqlite":
        return
    try:
        with db.engine.connect() as conn:
            rows = _quick_rows(conn)
    except DBAPIError as exc:
        rows = [str(exc.orig)]
    if rows != ["ok"]:
        raise EnvironmentProblem(DAMAGED.replace("{detail}", rows[0][:120]), detail="; ".join(rows))

"""Health of a database: integrity check, schema revision, record counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from guichet.db import Database
from guichet.db.migrate import current_revision, head_revision
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


@dataclass(frozen=True)
class CheckReport:
    url: str
    revision: str | None
    head: str
    integrity: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.revision == self.head


def check_database(db: Database) -> CheckReport:
    with db.unit_of_work() as session:
        if db.dialect == "sqlite":
            rows = session.execute(text("PRAGMA integrity_check")).scalars().all()
            integrity = "ok" if rows == ["ok"] else "; ".join(str(r) for r in rows[:10])
            fk_errors = session.execute(text("PRAGMA foreign_key_check")).all()
            if fk_errors and integrity == "ok":
                integrity = f"{len(fk_errors)} références cassées (clés étrangères)"
        else:
            integrity = "ok"
        counts = {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in COUNTED.items()
        }
    return CheckReport(
        url=db.url,
        revision=current_revision(db),
        head=head_revision(db),
        integrity=integrity,
        counts=counts,
    )

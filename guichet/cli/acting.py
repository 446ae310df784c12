"""Who acts on the command line: ``--conseiller INITIALES``, else the account mapped to the
operating-system user. On a team (PostgreSQL) database that has counsellors, a command with
nobody named is refused before it does anything: the trail must say who acted."""

from __future__ import annotations

from guichet.db import Database
from guichet.errors import GuichetError
from guichet.services.accounts import has_active_counsellor, resolve_acting

ANONYMOUS = (
    "Sur une base d'équipe, indiquez qui agit : guichet --conseiller INITIALES … "
    "(ou demandez à un administrateur d'associer votre utilisateur système à votre compte)."
)


def sign_in(db: Database, initials: str | None) -> None:
    """Sets the acting counsellor of every unit of work of the command."""
    db.counsellor_id = resolve_acting(db, initials)
    if db.counsellor_id is None and db.dialect == "postgresql" and has_active_counsellor(db):
        raise GuichetError(ANONYMOUS)

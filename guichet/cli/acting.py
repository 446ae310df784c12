"""Who acts on the command line: ``--conseiller INITIALES``, else the account mapped to the
operating-system user. On a team (PostgreSQL) database that has counsellors, a command that
writes with nobody named is refused: the trail must say who acted."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from guichet.db import Database
from guichet.errors import GuichetError
from guichet.services.accounts import has_active_counsellor, resolve_acting

ANONYMOUS_WRITE = (
    "Sur une base d'équipe, indiquez qui agit : guichet --conseiller INITIALES … "
    "(ou demandez à un administrateur d'associer votre utilisateur système à votre compte)."
)


def _refuse_flush(session: Session, _context: object, _instances: object) -> None:
    if session.new or session.dirty or session.deleted:
        raise GuichetError(ANONYMOUS_WRITE)


def _refuse_bulk(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise GuichetError(ANONYMOUS_WRITE)


def _refuse_anonymous_writes(session: Session) -> None:
    event.listen(session, "before_flush", _refuse_flush)
    event.listen(session, "do_orm_execute", _refuse_bulk)


def sign_in(db: Database, initials: str | None) -> None:
    """Sets the acting counsellor of every unit of work of the command."""
    db.counsellor_id = resolve_acting(db, initials)
    if db.counsellor_id is None and db.dialect == "postgresql" and has_active_counsellor(db):
        db.session_hooks.append(_refuse_anonymous_writes)

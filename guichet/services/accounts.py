"""Counsellor accounts: who may open Guichet, with which role, and who is acting.

At start the window calls :func:`start_state`: the account mapped to the operating-system user
opens without a question unless a password is required (the setting, or always on a team
PostgreSQL database); otherwise :func:`sign_in` checks the counsellor and password. An account
with no password yet cannot sign in where passwords are required, except while no account has
any password (the first administrateur sets passwords in Paramètres › Comptes).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import GuichetError, NotFoundError, ValidationError
from guichet.models import Counsellor, Role, Setting
from guichet.services import passwords
from guichet.services.permissions import accounts_enabled

PASSWORD_SETTING = "accounts.password_required"


@dataclass(frozen=True)
class AccountInfo:
    id: int
    name: str
    initials: str
    role: Role | None
    os_user: str
    has_password: bool
    last_sign_in: datetime | None
    active: bool
    version: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.initials})"


@dataclass(frozen=True)
class StartState:
    """What the window needs to decide how the session starts."""

    accounts: tuple[AccountInfo, ...]  # the active ones, by name
    enabled: bool  # accounts are on (guichet/services/permissions.py)
    password_required: bool
    #: The account of the operating-system user, if one is mapped to it.
    mapped_id: int | None

    @property
    def opens_directly(self) -> int | None:
        """The account opened without the sign-in dialog, if any."""
        if self.mapped_id is not None and not self.password_required:
            return self.mapped_id
        return None


def account_info(c: Counsellor) -> AccountInfo:
    return AccountInfo(
        id=c.id,
        name=c.name,
        initials=c.initials,
        role=c.role,
        os_user=c.os_user or "",
        has_password=bool(c.password_hash),
        last_sign_in=c.last_sign_in,
        active=c.active,
        version=c.version,
    )


def os_user() -> str:
    """The operating-system user running Guichet ("" when it cannot be told)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def password_required(session: Session, dialect: str) -> bool:
    """Always on a team database; else as the setting says (a shared PC)."""
    if dialect == "postgresql":
        return True
    row = session.get(Setting, PASSWORD_SETTING)
    return row is not None and row.value.strip() == "true"


def _active(session: Session) -> list[Counsellor]:
    query = select(Counsellor).where(Counsellor.active.is_(True)).order_by(Counsellor.name)
    return list(session.scalars(query))


def start_state(db: Database, user: str | None = None) -> StartState:
    user = os_user() if user is None else user
    with db.unit_of_work(write=False) as session:
        counsellors = _active(session)
        mapped = next((c.id for c in counsellors if user and c.os_user == user), None)
        return StartState(
            accounts=tuple(account_info(c) for c in counsellors),
            enabled=accounts_enabled(session),
            password_required=password_required(session, db.dialect),
            mapped_id=mapped,
        )


def sign_in(db: Database, counsellor_id: int, password: str) -> AccountInfo:
    """Checks the password (when one is required or set) and stamps the sign-in."""
    with db.unit_of_work() as session:
        counsellor = session.get(Counsellor, counsellor_id)
        if counsellor is None or not counsellor.active:
            raise NotFoundError("Ce compte n'existe plus ou a été désactivé.")
        required = password_required(session, db.dialect)
        stored = counsellor.password_hash
        values: dict[str, object] = {"last_sign_in": datetime.now()}
        if stored:
            if required or password:
                result = passwords.check(stored, password)
                if not result.ok:
                    raise ValidationError("Mot de passe incorrect.", field="password")
                if result.rehashed:
                    values["password_hash"] = result.rehashed
        elif required and _anyone_has_password(session):
            raise GuichetError(
                "Ce compte n'a pas encore de mot de passe : demandez à un administrateur "
                "de vous en donner un (Paramètres › Comptes)."
            )
        # a plain UPDATE: a sign-in is no edit of the account (no version, no audit line)
        session.execute(update(Counsellor).where(Counsellor.id == counsellor_id).values(**values))
        session.expire(counsellor)
        return account_info(counsellor)


def _anyone_has_password(session: Session) -> bool:
    query = select(Counsellor.id).where(Counsellor.password_hash.is_not(None)).limit(1)
    return session.scalar(query) is not None


def resolve_acting(db: Database, initials: str | None, user: str | None = None) -> int | None:
    """The command line's acting counsellor: ``--conseiller INITIALES``, else the account
    mapped to the operating-system user, else None."""
    user = os_user() if user is None else user
    with db.unit_of_work(write=False) as session:
        if initials:
            found = session.scalar(
                select(Counsellor).where(Counsellor.initials == initials.strip().upper())
            )
            if found is None or not found.active:
                raise ValidationError(f"Aucun conseiller actif n'a les initiales {initials}.")
            return found.id
        if not user:
            return None
        query = select(Counsellor.id).where(Counsellor.os_user == user, Counsellor.active.is_(True))
        return session.scalar(query)


def has_active_counsellor(db: Database) -> bool:
    with db.unit_of_work(write=False) as session:
        return bool(_active(session))

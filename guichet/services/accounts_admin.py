"""The administrateur's management of accounts: create, role, password, OS user, deactivate.

Every action needs :attr:`Permission.ACCOUNTS` (anyone, while accounts are off) and keeps at
least one active administrateur once accounts are on, so nobody locks the agency out.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import Counsellor, Role
from guichet.services import passwords
from guichet.services.accounts import AccountInfo, account_info
from guichet.services.counsellors import check_identity
from guichet.services.locking import ensure_current
from guichet.services.permissions import Permission, require


def _admins_left(session: Session, without: int) -> int:
    query = select(func.count()).where(
        Counsellor.role == Role.ADMINISTRATEUR,
        Counsellor.active.is_(True),
        Counsellor.id != without,
    )
    return int(session.scalar(query) or 0)


class AccountAdmin:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[AccountInfo]:
        with self.db.unit_of_work(write=False) as session:
            return [
                account_info(c)
                for c in session.scalars(select(Counsellor).order_by(Counsellor.name))
            ]

    def _get(self, session: Session, counsellor_id: int, version: int | None) -> Counsellor:
        require(session, Permission.ACCOUNTS)
        counsellor = session.get(Counsellor, counsellor_id)
        if counsellor is None:
            raise NotFoundError("Ce compte n'existe plus.")
        ensure_current(counsellor, version)
        return counsellor

    def create(
        self, *, name: str, initials: str, role: Role, os_user: str = "", password: str = ""
    ) -> AccountInfo:
        """A new counsellor with an account, in one transaction."""
        hashed = passwords.make_hash(password) if password else None
        with self.db.unit_of_work() as session:
            require(session, Permission.ACCOUNTS)
            name, initials = check_identity(session, name, initials, None)
            counsellor = Counsellor(name=name, initials=initials, role=role, active=True)
            counsellor.password_hash = hashed
            session.add(counsellor)
            session.flush()
            self._map_user(session, counsellor, os_user)
            session.flush()
            return account_info(counsellor)

    def _map_user(self, session: Session, counsellor: Counsellor, os_user: str) -> None:
        user = os_user.strip() or None
        if user is not None:
            taken = session.scalar(
                select(Counsellor.name).where(
                    Counsellor.os_user == user, Counsellor.id != counsellor.id
                )
            )
            if taken:
                raise ValidationError(
                    f"L'utilisateur système « {user} » ouvre déjà le compte de {taken}.",
                    field="os_user",
                )
        counsellor.os_user = user

    def save(
        self,
        counsellor_id: int,
        *,
        role: Role | None,
        os_user: str,
        active: bool,
        version: int | None = None,
    ) -> AccountInfo:
        """Role, operating-system user and active flag of one account, in one transaction."""
        with self.db.unit_of_work() as session:
            counsellor = self._get(session, counsellor_id, version)
            self._map_user(session, counsellor, os_user)
            stays_admin = role is Role.ADMINISTRATEUR and active
            was_admin = counsellor.role is Role.ADMINISTRATEUR and counsellor.active
            if was_admin and not stays_admin and not _admins_left(session, counsellor_id):
                raise ValidationError(
                    "Il doit rester au moins un administrateur actif : donnez d'abord ce rôle "
                    "à un autre compte.",
                    field="role",
                )
            counsellor.role, counsellor.active = role, active
            session.flush()
            return account_info(counsellor)

    def set_password(self, counsellor_id: int, password: str, confirmation: str) -> AccountInfo:
        """Sets (or resets) a password; the person changes it by asking again."""
        if password != confirmation:
            raise ValidationError("Les deux mots de passe diffèrent.", field="confirmation")
        hashed = passwords.make_hash(password)
        with self.db.unit_of_work() as session:
            counsellor = self._get(session, counsellor_id, None)
            counsellor.password_hash = hashed
            session.flush()
            return account_info(counsellor)

    def clear_password(self, counsellor_id: int) -> AccountInfo:
        with self.db.unit_of_work() as session:
            counsellor = self._get(session, counsellor_id, None)
            counsellor.password_hash = None
            session.flush()
            return account_info(counsellor)

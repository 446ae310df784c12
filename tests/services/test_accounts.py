"""Accounts: argon2 hashes (verify, rehash), sign-in, the start rules, the administrateur's
management — on SQLite and PostgreSQL where the database is involved."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

import guichet.models as m
from guichet.db import Database
from guichet.errors import GuichetError, ValidationError
from guichet.models import Role
from guichet.services import passwords
from guichet.services.accounts import resolve_acting, sign_in, start_state
from guichet.services.accounts_admin import AccountAdmin
from guichet.services.settings import SettingsService


def test_argon2_hashes_verify_and_weaker_ones_are_rehashed() -> None:
    stored = passwords.make_hash("correct horse")
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert passwords.check(stored, "correct horse") == passwords.Check(ok=True)
    assert not passwords.check(stored, "wrong horse").ok
    assert not passwords.check("not a hash", "correct horse").ok
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("correct horse")
    result = passwords.check(weak, "correct horse")
    assert result.ok and result.rehashed is not None
    assert passwords.check(result.rehashed, "correct horse") == passwords.Check(ok=True)
    with pytest.raises(ValidationError, match="au moins 8 caractères"):
        passwords.make_hash("court")


def _add(db: Database, initials: str, role: Role | None, password: str | None = None) -> int:
    with db.unit_of_work() as s:
        c = m.Counsellor(name=f"Personne {initials}", initials=initials, role=role)
        c.password_hash = passwords.make_hash(password) if password else None
        s.add(c)
        s.flush()
        return c.id


def test_sign_in_checks_the_password_stamps_the_time_and_rehashes(portable_db: Database) -> None:
    db = portable_db
    admin = _add(db, "AD", Role.ADMINISTRATEUR, "secret-admin")
    db.counsellor_id = admin
    SettingsService(db).update({"accounts.password_required": True})
    with pytest.raises(ValidationError, match="Mot de passe incorrect"):
        sign_in(db, admin, "pas le bon")
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("secret-admin")
    with db.unit_of_work() as s:
        found = s.get(m.Counsellor, admin)
        assert found is not None
        found.password_hash = weak
    account = sign_in(db, admin, "secret-admin")
    assert account.last_sign_in is not None
    with db.unit_of_work(write=False) as s:
        stored = s.scalar(select(m.Counsellor.password_hash).where(m.Counsellor.id == admin))
        audited = s.scalars(
            select(m.AuditEntry.old_value).where(m.AuditEntry.field == "password_hash")
        ).all()
    assert stored != weak and passwords.check(stored or "", "secret-admin").ok
    assert all(v in (None, "••••••") for v in audited)  # no hash in the trail, ever


def test_an_account_without_password_is_refused_where_one_is_required(
    portable_db: Database,
) -> None:
    db = portable_db
    _add(db, "AD", Role.ADMINISTRATEUR, "secret-admin")
    bare = _add(db, "CO", Role.CONSEILLER)
    required = db.dialect == "postgresql"  # a team database always requires it
    if required:
        with pytest.raises(GuichetError, match="pas encore de mot de passe"):
            sign_in(db, bare, "")
    else:
        assert sign_in(db, bare, "").id == bare


def test_start_state_maps_the_operating_system_user(portable_db: Database) -> None:
    db = portable_db
    claire = _add(db, "CL", Role.RESPONSABLE)
    with db.unit_of_work() as s:
        found = s.get(m.Counsellor, claire)
        assert found is not None
        found.os_user = "claire"
    state = start_state(db, "claire")
    assert state.enabled and state.mapped_id == claire
    assert state.password_required is (db.dialect == "postgresql")
    assert state.opens_directly == (None if db.dialect == "postgresql" else claire)
    assert start_state(db, "paul").mapped_id is None
    assert resolve_acting(db, None, "claire") == claire
    assert resolve_acting(db, "cl", "paul") == claire
    with pytest.raises(ValidationError, match="Aucun conseiller actif n'a les initiales ZZ"):
        resolve_acting(db, "ZZ", "paul")


def test_the_administrateur_manages_accounts_and_one_stays(portable_db: Database) -> None:
    db = portable_db
    admin = _add(db, "AD", Role.ADMINISTRATEUR)
    db.counsellor_id = admin
    accounts = AccountAdmin(db)
    new = accounts.create(
        name="Paul Roux", initials="pr", role=Role.CONSEILLER, os_user="paul", password="motdepasse"
    )
    assert (new.initials, new.role, new.os_user, new.has_password) == (
        "PR",
        Role.CONSEILLER,
        "paul",
        True,
    )
    with pytest.raises(ValidationError, match="ouvre déjà le compte de Paul Roux"):
        accounts.save(admin, role=Role.ADMINISTRATEUR, os_user="paul", active=True)
    with pytest.raises(ValidationError, match="au moins un administrateur actif"):
        accounts.save(admin, role=Role.RESPONSABLE, os_user="", active=True)
    with pytest.raises(ValidationError, match="diffèrent"):
        accounts.set_password(new.id, "nouveau-mdp", "nouveau-mpd")
    changed = accounts.set_password(new.id, "nouveau-mdp", "nouveau-mdp")
    assert changed.has_password and sign_in(db, new.id, "nouveau-mdp").id == new.id
    off = accounts.save(new.id, role=Role.RESPONSABLE, os_user="", active=False)
    assert (off.role, off.os_user, off.active) == (Role.RESPONSABLE, "", False)
    assert new.id not in {a.id for a in start_state(db, "paul").accounts}

"""Roles and permissions, on both engines: accounts off lets everything through; once on,
each protected action refused to a conseiller carries a French message."""

from __future__ import annotations

import pytest

from guichet.db import Database
from guichet.models import Counsellor, Role
from guichet.services.permissions import (
    Permission,
    PermissionDenied,
    allowed,
    require,
)


def _counsellor(db: Database, initials: str, role: Role | None, active: bool = True) -> int:
    with db.unit_of_work() as s:
        c = Counsellor(name=f"Conseiller {initials}", initials=initials, role=role, active=active)
        s.add(c)
        s.flush()
        return c.id


def test_without_any_role_every_action_is_allowed_even_with_nobody_acting(
    portable_db: Database,
) -> None:
    _counsellor(portable_db, "CM", None)
    with portable_db.unit_of_work() as s:
        for permission in Permission:
            require(s, permission)
            assert allowed(s, permission)


@pytest.mark.parametrize("permission", list(Permission), ids=lambda p: p.name)
def test_a_conseiller_is_refused_every_protected_action_in_french(
    portable_db: Database, permission: Permission
) -> None:
    portable_db.counsellor_id = _counsellor(portable_db, "CO", Role.CONSEILLER)
    with portable_db.unit_of_work() as s, pytest.raises(PermissionDenied) as caught:
        require(s, permission)
    assert "Votre rôle (conseiller) ne permet pas de" in caught.value.message
    assert caught.value.permission is permission


def test_responsable_has_all_but_accounts_and_administrateur_everything(
    portable_db: Database,
) -> None:
    responsable = _counsellor(portable_db, "RE", Role.RESPONSABLE)
    admin = _counsellor(portable_db, "AD", Role.ADMINISTRATEUR)
    portable_db.counsellor_id = responsable
    with portable_db.unit_of_work() as s:
        assert {p for p in Permission if allowed(s, p)} == set(Permission) - {Permission.ACCOUNTS}
    portable_db.counsellor_id = admin
    with portable_db.unit_of_work() as s:
        assert all(allowed(s, p) for p in Permission)


def test_once_accounts_are_on_nobody_acting_or_a_deactivated_account_is_refused(
    portable_db: Database,
) -> None:
    _counsellor(portable_db, "AD", Role.ADMINISTRATEUR)
    gone = _counsellor(portable_db, "GO", Role.ADMINISTRATEUR, active=False)
    no_role = _counsellor(portable_db, "NR", None)
    portable_db.counsellor_id = None
    with portable_db.unit_of_work() as s, pytest.raises(PermissionDenied) as caught:
        require(s, Permission.MERGE)
    assert "Aucun conseiller n'est connecté" in caught.value.message
    portable_db.counsellor_id = gone
    with portable_db.unit_of_work() as s:
        assert not allowed(s, Permission.SETTINGS)
    portable_db.counsellor_id = no_role  # a counsellor without a role acts as a conseiller
    with portable_db.unit_of_work() as s:
        assert not allowed(s, Permission.DELETE)

"""Roles and permissions, on both engines: accounts off lets everything through; once on,
each protected action refused to a conseiller carries a French message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from guichet.db import Database
from guichet.models import AuditEntry, Counsellor, Role
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
    assert "Votre rôle (conseiller) ne permet pas d" in caught.value.message
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


def _protected_actions(tmp: Path) -> dict[str, Callable[[Database], object]]:
    from guichet.services.accounts_admin import AccountAdmin
    from guichet.services.audit_history import AuditFilter, export_audit, search_audit
    from guichet.services.backups import BackupService
    from guichet.services.contacts import ContactService
    from guichet.services.counsellors import CounsellorService
    from guichet.services.duplicates import merge_organizations
    from guichet.services.exports import export
    from guichet.services.groupements import delete_groupement
    from guichet.services.meetings import delete_meeting
    from guichet.services.opportunities import delete_opportunity
    from guichet.services.organizations import OrganizationService
    from guichet.services.project_exports import export_projects
    from guichet.services.resources import delete_resource
    from guichet.services.routing import RoutingService
    from guichet.services.settings import SettingsService
    from guichet.services.taxonomy import delete_subject, delete_theme

    return {
        "fusion": lambda db: merge_organizations(db, 1, 2, {}),
        "suppression organisation": lambda db: OrganizationService(db).delete(1),
        "suppression contact": lambda db: ContactService(db).delete(1),
        "suppression réunion": lambda db: delete_meeting(db, 1),
        "suppression opportunité": lambda db: delete_opportunity(db, 1),
        "suppression ressource": lambda db: delete_resource(db, 1),
        "suppression groupement": lambda db: delete_groupement(db, 1),
        "restauration": lambda db: BackupService(db, tmp).restore(tmp / "old.sqlite3"),
        "paramètres": lambda db: SettingsService(db).update({"agency.name": "X"}),
        "règle d'orientation": lambda db: RoutingService(db).delete(1),
        "sujet": lambda db: delete_subject(db, 1),
        "thématique": lambda db: delete_theme(db, 1),
        "nouveau conseiller": lambda db: CounsellorService(db).save(name="Zoé Z", initials="ZZ"),
        "export des contacts": lambda db: export(db, "contacts", tmp / "c.csv"),
        "export des demandes": lambda db: export(db, "demandes", tmp / "d.csv"),
        "export des mises en relation": lambda db: export(db, "mises-en-relation", tmp / "m.csv"),
        "export des projets nommés": lambda db: export_projects(db, tmp / "p.csv", with_names=True),
        "comptes": lambda db: AccountAdmin(db).create(
            name="Zoé Z", initials="ZZ", role=Role.CONSEILLER
        ),
        "historique global": lambda db: search_audit(db, AuditFilter()),
        "export de l'historique": lambda db: export_audit(db, AuditFilter(), tmp / "h.csv"),
    }


@pytest.mark.parametrize("action", list(_protected_actions(Path())), ids=str)
def test_each_protected_service_refuses_a_conseiller_in_french_and_changes_nothing(
    portable_db: Database, tmp_path: Path, action: str
) -> None:
    out = tmp_path / "sorties"
    out.mkdir()
    portable_db.counsellor_id = _counsellor(portable_db, "CO", Role.CONSEILLER)
    with portable_db.unit_of_work(write=False) as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(PermissionDenied) as caught:
        _protected_actions(out)[action](portable_db)
    assert caught.value.message.startswith(
        ("Votre rôle (conseiller) ne permet pas de ", "Votre rôle (conseiller) ne permet pas d'")
    )
    assert "demandez à un responsable" in caught.value.message or "administrateur" in (
        caught.value.message
    )
    assert not list(out.iterdir())  # no file written
    with portable_db.unit_of_work(write=False) as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_a_conseiller_still_edits_their_own_card_and_exports_organisations(
    portable_db: Database, tmp_path: Path
) -> None:
    from guichet.services.counsellors import CounsellorService
    from guichet.services.exports import export

    me = _counsellor(portable_db, "CO", Role.CONSEILLER)
    portable_db.counsellor_id = me
    CounsellorService(portable_db).save(
        name="Conseiller CO", initials="CO", signature="Bien à vous", counsellor_id=me
    )
    assert export(portable_db, "organisations", tmp_path / "o.csv").path.exists()

"""What each role may do, checked in the services (the UI only mirrors it).

The rule while no account system is configured: **accounts are on once at least one counsellor
has a role** (the demo, a database whose administrateur gave roles in Paramètres › Comptes).
Before that — an older database, a fresh one, the tests that set no role — every check lets
through, as Guichet always did. Once accounts are on, an action needs an acting counsellor
(``session.info["counsellor_id"]``) who is active and whose role grants it; a counsellor
without a role acts as a conseiller.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import GuichetError
from guichet.models import Counsellor
from guichet.models.enums import Role


class Permission(Enum):
    MERGE = "merge"
    DELETE = "delete"
    RESTORE = "restore"
    SETTINGS = "settings"
    EXPORT_NAMES = "export_names"
    RGPD = "rgpd"
    ACCOUNTS = "accounts"
    AUDIT_VIEW = "audit_view"


#: What the refusal says the counsellor cannot do (« Votre rôle ne permet pas de … »).
ACTION_TEXT = {
    Permission.MERGE: "fusionner des fiches",
    Permission.DELETE: "supprimer des fiches",
    Permission.RESTORE: "restaurer une sauvegarde",
    Permission.SETTINGS: "modifier les paramètres",
    Permission.EXPORT_NAMES: "exporter des données nominatives",
    Permission.RGPD: "exercer les actions RGPD (anonymiser, effacer, exporter une personne)",
    Permission.ACCOUNTS: "gérer les comptes des conseillers",
    Permission.AUDIT_VIEW: "consulter l'historique de toutes les fiches",
}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CONSEILLER: frozenset(),
    Role.RESPONSABLE: frozenset(Permission) - {Permission.ACCOUNTS},
    Role.ADMINISTRATEUR: frozenset(Permission),
}

#: Who may do it, for the refusal and the UI's tooltips.
ROLE_NEEDED = {
    p: ("un administrateur" if p is Permission.ACCOUNTS else "un responsable ou un administrateur")
    for p in Permission
}


class PermissionDenied(GuichetError):
    """The acting counsellor's role does not allow this action (French message)."""

    def __init__(self, message: str, *, permission: Permission) -> None:
        super().__init__(message)
        self.permission = permission


def accounts_enabled(session: Session) -> bool:
    """True once at least one counsellor has a role (see the module's docstring)."""
    return (
        session.scalar(select(Counsellor.id).where(Counsellor.role.is_not(None)).limit(1))
        is not None
    )


def acting_role(session: Session) -> Role | None:
    """The role of the acting counsellor (a counsellor without a role is a conseiller);
    None when nobody acts or the account is deactivated."""
    counsellor_id = session.info.get("counsellor_id")
    if counsellor_id is None:
        return None
    counsellor = session.get(Counsellor, counsellor_id)
    if counsellor is None or not counsellor.active:
        return None
    return counsellor.role or Role.CONSEILLER


def denial(session: Session, permission: Permission) -> str | None:
    """The French reason ``permission`` is refused, or None when it is allowed."""
    if not accounts_enabled(session):
        return None
    role = acting_role(session)
    action = ACTION_TEXT[permission]
    to = "d'" if action[0] in "aeéiou" else "de "  # « d'exporter », « de fusionner »
    if role is None:
        return (
            f"Aucun conseiller n'est connecté : impossible {to}{action}. "
            "Connectez-vous (ou --conseiller INITIALES en ligne de commande)."
        )
    if permission in GRANTS[role]:
        return None
    return (
        f"Votre rôle ({role.value}) ne permet pas {to}{action} : "
        f"demandez à {ROLE_NEEDED[permission]}."
    )


def allowed(session: Session, permission: Permission) -> bool:
    return denial(session, permission) is None


def require(session: Session, permission: Permission) -> None:
    """Raises :class:`PermissionDenied` when the acting counsellor may not do ``permission``."""
    reason = denial(session, permission)
    if reason is not None:
        raise PermissionDenied(reason, permission=permission)


def require_db(db: Database, permission: Permission) -> None:
    """:func:`require` in a read unit of work of its own, for a service that checks before
    touching files (an export, a restore)."""
    with db.unit_of_work(write=False) as session:
        require(session, permission)


def refusals(db: Database) -> dict[Permission, str]:
    """Every permission the acting counsellor lacks, with the French reason (for the UI)."""
    with db.unit_of_work(write=False) as session:
        found = {p: denial(session, p) for p in Permission}
    return {p: reason for p, reason in found.items() if reason is not None}

"""Demo accounts: one counsellor per role, no password (the demo opens straight away).

Claire Lemonnier is responsable, Sophie Delamare conseillère, Julie Vauquelin administratrice;
an account that already has a role keeps it. Julie Vauquelin's account is mapped to the
operating-system user who generated the demo, so that ``make run`` opens as her at once
(« Changer de conseiller », Ctrl+L, to try the other roles).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.models import Counsellor, Role
from guichet.services.accounts import os_user

DEMO_ROLES = {"CL": Role.RESPONSABLE, "SD": Role.CONSEILLER, "JV": Role.ADMINISTRATEUR}


def add_demo_accounts(session: Session) -> None:
    user = os_user() or None
    taken = user is not None and session.scalar(
        select(Counsellor.id).where(Counsellor.os_user == user)
    )
    for counsellor in session.scalars(select(Counsellor).where(Counsellor.role.is_(None))):
        counsellor.role = DEMO_ROLES.get(counsellor.initials, Role.CONSEILLER)
        if counsellor.role is Role.ADMINISTRATEUR and not taken:
            counsellor.os_user, taken = user, True


def demo_account(db: Database, initials: str) -> int | None:
    """The id of a demo counsellor by initials (None when absent)."""
    with db.unit_of_work(write=False) as session:
        return session.scalar(select(Counsellor.id).where(Counsellor.initials == initials))

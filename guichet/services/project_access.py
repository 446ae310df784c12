"""Who may see the real company behind a confidential implantation project.

One small policy, so that real accounts and roles (issue 15) can replace it in one place: the
project's own counsellor, and the counsellors named in the setting « Conseillers habilités aux
projets confidentiels » (by their initials).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from guichet.models import Counsellor, ImplantationProject, Setting
from guichet.services.settings import SPECS_BY_KEY

CLEARED_SETTING = "implantation.cleared_counsellors"
TOLERANCE_SETTING = "implantation.surface_tolerance_pct"


def setting_in(session: Session, key: str) -> Any:
    """A declared setting read inside an open unit of work (its default when unset or bad)."""
    spec = SPECS_BY_KEY[key]
    row = session.get(Setting, key)
    if row is None:
        return spec.default
    try:
        value = json.loads(row.value)
    except ValueError:
        return spec.default
    return value if isinstance(value, type(spec.default)) else spec.default


def cleared_initials(session: Session) -> frozenset[str]:
    values = setting_in(session, CLEARED_SETTING)
    return frozenset(str(v).strip().upper() for v in values or () if str(v).strip())


def may_see_company(session: Session, project: ImplantationProject, viewer_id: int | None) -> bool:
    """True when ``viewer_id`` may see the real company of ``project``."""
    if not project.confidential:
        return True
    if viewer_id is None:
        return False
    if project.counsellor_id == viewer_id:
        return True
    viewer = session.get(Counsellor, viewer_id)
    return viewer is not None and viewer.initials.upper() in cleared_initials(session)

"""Propositions: sites proposed to a project, their visits, and the decision on each."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import ProjectEvent, Proposition, PropositionStatus, Site, label
from guichet.models.implantation_enums import CLOSED_STAGES
from guichet.reference.text import clean_text
from guichet.services.locking import ensure_current
from guichet.services.projects import load_project


def _proposition(session: Session, proposition_id: int) -> Proposition:
    found = session.get(Proposition, proposition_id)
    if found is None:
        raise NotFoundError("Cette proposition n'existe plus.")
    return found


def _event(p: Proposition, kind: str, note: str, at: datetime, who: int | None) -> None:
    p.project.events.append(ProjectEvent(at=at, counsellor_id=who, kind=kind, note=note))


def propose_site(
    db: Database, project_id: int, site_id: int, *, note: str = "", at: datetime | None = None
) -> int:
    """Proposes a site to a project (once); returns the proposition's id."""
    when = at or datetime.now()
    text = clean_text(note, multiline=True).strip()
    with db.unit_of_work() as session:
        project = load_project(session, project_id)
        if project.stage in CLOSED_STAGES:
            raise ValidationError(
                f"Le projet est « {label(project.stage).lower()} » : il ne reçoit plus de proposition."
            )
        site = session.get(Site, site_id)
        if site is None:
            raise NotFoundError("Ce site n'existe plus.")
        if not site.active:
            raise ValidationError(f"« {site.name} » n'est plus proposé (vendu, loué ou retiré).")
        if any(p.site_id == site_id for p in project.propositions):
            raise ValidationError(f"« {site.name} » est déjà proposé à ce projet.")
        proposition = Proposition(
            site=site, proposed_at=when, status=PropositionStatus.PROPOSED, notes=text or None
        )
        project.propositions.append(proposition)
        _event(proposition, "proposition", f"Site proposé : {site.name}", when, db.counsellor_id)
        session.flush()
        return proposition.id


def record_visit(
    db: Database,
    proposition_id: int,
    visit_on: date,
    *,
    notes: str = "",
    version: int | None = None,
    today: date | None = None,
) -> None:
    """Records the visit of a proposed site (on a day not in the future)."""
    if visit_on > (today or date.today()):
        raise ValidationError(
            "Une visite se note une fois faite : sa date est dans le futur.", field="visit_on"
        )
    text = clean_text(notes, multiline=True).strip()
    with db.unit_of_work() as session:
        p = _proposition(session, proposition_id)
        ensure_current(p, version)
        if p.status in (PropositionStatus.RETAINED, PropositionStatus.REJECTED):
            raise ValidationError(f"Ce site est déjà « {label(p.status).lower()} ».")
        p.status = PropositionStatus.VISITED
        p.visit_on = visit_on
        if text:
            p.notes = text
        at = datetime.combine(visit_on, datetime.min.time())
        _event(
            p,
            "visit",
            f"Visite de {p.site.name}" + (f" : {text}" if text else ""),
            at,
            db.counsellor_id,
        )


def decide(
    db: Database,
    proposition_id: int,
    status: PropositionStatus,
    *,
    note: str = "",
    version: int | None = None,
    at: datetime | None = None,
) -> None:
    """The decision on a proposed site: retained or set aside (a reason then)."""
    if status not in (PropositionStatus.RETAINED, PropositionStatus.REJECTED):
        raise ValidationError("La décision est « Retenu » ou « Écarté ».", field="status")
    text = clean_text(note, multiline=True).strip()
    if status is PropositionStatus.REJECTED and not text:
        raise ValidationError("Indiquez pourquoi le site est écarté.", field="note")
    with db.unit_of_work() as session:
        p = _proposition(session, proposition_id)
        ensure_current(p, version)
        if status is PropositionStatus.RETAINED:
            other = [
                x.site.name
                for x in p.project.propositions
                if x.status is PropositionStatus.RETAINED and x.id != p.id
            ]
            if other:
                raise ValidationError(
                    f"« {other[0]} » est déjà retenu : écartez-le d'abord pour en retenir un autre."
                )
        p.status = status
        if text:
            p.notes = text
        verb = "retenu" if status is PropositionStatus.RETAINED else "écarté"
        _event(
            p,
            "decision",
            f"Site {verb} : {p.site.name}" + (f" — {text}" if text else ""),
            at or datetime.now(),
            db.counsellor_id,
        )

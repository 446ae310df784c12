"""The stage machine of implantation projects: explicit transitions, a reason to close.

A project moves one step forward or back along the pipeline, or closes as « Perdu » or
« Abandonné » (a reason is required) from any open stage; a closed project can be reopened at
« Qualification ». Every change is a dated event.
"""

from __future__ import annotations

from datetime import date, datetime

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import ImplantationProject, ProjectEvent, ProjectStage, label
from guichet.models.implantation_enums import PropositionStatus
from guichet.reference.text import clean_text
from guichet.services.locking import ensure_current
from guichet.services.projects import load_project

S = ProjectStage
PIPELINE: tuple[ProjectStage, ...] = (
    S.FIRST_CONTACT,
    S.QUALIFICATION,
    S.SITE_SEARCH,
    S.PROPOSALS,
    S.VISITS,
    S.DECISION,
    S.ESTABLISHED,
)
NEEDS_REASON = frozenset({S.LOST, S.ABANDONED})


def allowed_stages(stage: ProjectStage) -> tuple[ProjectStage, ...]:
    """Where a project at ``stage`` may go next, in pipeline order."""
    if stage in NEEDS_REASON:
        return (S.QUALIFICATION,)
    if stage is S.ESTABLISHED:
        return ()
    i = PIPELINE.index(stage)
    steps = [PIPELINE[j] for j in (i - 1, i + 1) if 0 <= j < len(PIPELINE)]
    return (*steps, S.LOST, S.ABANDONED)


def neighbour(stage: ProjectStage, step: int) -> ProjectStage | None:
    """The stage one step to the right (``step=1``) or left (``-1``) of the pipeline, when the
    project may go there (what the board's keyboard moves use)."""
    if stage not in PIPELINE:
        return S.QUALIFICATION if step > 0 and stage in NEEDS_REASON else None
    i = PIPELINE.index(stage) + step
    if not 0 <= i < len(PIPELINE):
        return None
    target = PIPELINE[i]
    return target if target in allowed_stages(stage) else None


def check_transition(old: ProjectStage, new: ProjectStage, reason: str) -> None:
    if new is old:
        raise ValidationError(f"Le projet est déjà à l'étape « {label(new)} ».", field="stage")
    if new not in allowed_stages(old):
        if old is S.ESTABLISHED:
            raise ValidationError(
                "Un projet implanté est terminé : son étape ne change plus.", field="stage"
            )
        choices = ", ".join(f"« {label(s)} »" for s in allowed_stages(old))
        raise ValidationError(
            f"Depuis « {label(old)} », le projet peut passer à : {choices} — "
            f"pas directement à « {label(new)} ».",
            field="stage",
        )
    if new in NEEDS_REASON and not reason:
        raise ValidationError(
            f"Indiquez pourquoi le projet est « {label(new).lower()} ».", field="reason"
        )


def change_stage(
    db: Database,
    project_id: int,
    new_stage: ProjectStage,
    *,
    reason: str = "",
    version: int | None = None,
    at: datetime | None = None,
) -> int:
    """Moves the project and records the event; returns the project's new version.

    Reaching « Implanté » takes the retained sites off the offer.
    """
    reason = clean_text(reason, multiline=True).strip()
    when = at or datetime.now()
    with db.unit_of_work() as session:
        project = load_project(session, project_id)
        ensure_current(project, version)
        old = project.stage
        check_transition(old, new_stage, reason)
        _move(project, new_stage, reason, when, db.counsellor_id)
        session.flush()
        return project.version


def _move(
    project: ImplantationProject,
    new_stage: ProjectStage,
    reason: str,
    when: datetime,
    counsellor_id: int | None,
) -> None:
    old = project.stage
    project.stage = new_stage
    project.stage_since = when.date()
    project.closed_reason = reason if new_stage in NEEDS_REASON else None
    note = reason or None
    if new_stage is S.ESTABLISHED:
        taken = [p.site for p in project.propositions if p.status is PropositionStatus.RETAINED]
        for site in taken:
            site.active = False
        if taken:
            note = "Site retenu retiré de l'offre : " + ", ".join(s.name for s in taken)
    project.events.append(
        ProjectEvent(
            at=when,
            counsellor_id=counsellor_id,
            kind="stage",
            old_stage=old.value,
            new_stage=new_stage.value,
            note=note,
        )
    )


def set_next_action(
    db: Database, project_id: int, action: str, on: date | None, *, version: int | None = None
) -> int:
    action = clean_text(action).strip()
    if on is not None and not action:
        raise ValidationError(
            "Décrivez la prochaine action avant de la dater.", field="next_action"
        )
    with db.unit_of_work() as session:
        project = load_project(session, project_id)
        ensure_current(project, version)
        project.next_action = action or None
        project.next_action_on = on if action else None
        session.flush()
        return project.version


def add_note(db: Database, project_id: int, note: str, *, at: datetime | None = None) -> None:
    text = clean_text(note, multiline=True).strip()
    if not text:
        raise ValidationError("La note est vide.", field="note")
    with db.unit_of_work() as session:
        project = load_project(session, project_id)
        project.events.append(
            ProjectEvent(
                at=at or datetime.now(), counsellor_id=db.counsellor_id, kind="note", note=text
            )
        )

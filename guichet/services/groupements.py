"""Groupements momentanés d'entreprises built by the counsellor: form, mandataire, who does what."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import Groupement, GroupementForm, GroupementMember, Lot, Organization
from guichet.services.locking import ensure_current
from guichet.services.opportunity_views import GroupementView, groupement_view, load_opportunity
from guichet.services.permissions import Permission, require


@dataclass(frozen=True)
class GroupementMemberInput:
    organization_id: int
    lot_ids: tuple[int, ...] = ()
    share: str = ""


@dataclass(frozen=True)
class GroupementInput:
    form: GroupementForm
    mandataire_id: int | None
    members: tuple[GroupementMemberInput, ...]
    note: str = ""


def _validate(data: GroupementInput, lot_ids: set[int]) -> None:
    ids = [m.organization_id for m in data.members]
    if len(ids) < 2:
        raise ValidationError("Un groupement réunit au moins deux entreprises.", field="members")
    if len(set(ids)) != len(ids):
        raise ValidationError(
            "Une entreprise figure deux fois dans le groupement.", field="members"
        )
    if data.mandataire_id is None:
        raise ValidationError("Désignez le mandataire du groupement.", field="mandataire")
    if data.mandataire_id not in ids:
        raise ValidationError(
            "Le mandataire doit être l'un des membres du groupement.", field="mandataire"
        )
    for member in data.members:
        if not set(member.lot_ids) <= lot_ids:
            raise ValidationError(
                "Un lot attribué dans le groupement n'appartient pas à cette opportunité.",
                field="members",
            )


def save_groupement(
    db: Database,
    opportunity_id: int,
    data: GroupementInput,
    groupement_id: int | None = None,
    version: int | None = None,
    counsellor_id: int | None = None,
) -> GroupementView:
    """Creates (``groupement_id=None``) or replaces a groupement of the opportunity."""
    with db.unit_of_work() as session:
        opportunity = load_opportunity(session, opportunity_id)
        lots = {lot.id: lot for lot in opportunity.lots}
        _validate(data, set(lots))
        wanted = {m.organization_id for m in data.members}
        known = set(session.scalars(select(Organization.id).where(Organization.id.in_(wanted))))
        if known != wanted:
            raise NotFoundError("Une entreprise du groupement n'existe plus.")
        if groupement_id is None:
            groupement = Groupement(opportunity_id=opportunity_id, counsellor_id=counsellor_id)
            session.add(groupement)
        else:
            existing = session.get(Groupement, groupement_id)
            if existing is None or existing.opportunity_id != opportunity_id:
                raise NotFoundError("Ce groupement n'existe plus.")
            ensure_current(existing, version)
            groupement = existing
        groupement.form = data.form
        groupement.mandataire_id = data.mandataire_id
        groupement.note = data.note.strip() or None
        current = {m.organization_id: m for m in groupement.members}
        for org_id, member in current.items():
            if org_id not in wanted:
                groupement.members.remove(member)
        for item in data.members:
            found = current.get(item.organization_id)
            member = found or GroupementMember(organization_id=item.organization_id)
            if found is None:
                groupement.members.append(member)
            member.share = item.share.strip() or None
            member.lots = sorted((lots[i] for i in set(item.lot_ids)), key=_lot_number)
        session.flush()
        session.refresh(groupement)
        return groupement_view(groupement)


def _lot_number(lot: Lot) -> int:
    return lot.number


def delete_groupement(db: Database, groupement_id: int) -> None:
    with db.unit_of_work() as session:
        require(session, Permission.DELETE)
        groupement = session.get(Groupement, groupement_id)
        if groupement is not None:
            session.delete(groupement)

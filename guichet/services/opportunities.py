"""Business opportunities: entering them with their lots and requirements, their documents.

One user action = one unit of work; the functions return frozen dataclasses. Reading an
opportunity (its detail, the list) lives in ``opportunity_views``; groupements in
``groupements``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.models import (
    Capability,
    Certification,
    Lot,
    Opportunity,
    OpportunityDocument,
    OpportunitySource,
    Organization,
    Sector,
)
from guichet.reference.headcount import headcount_range, is_valid_headcount_code
from guichet.services.locking import ensure_current
from guichet.services.permissions import Permission, require
from guichet.services.resources import (
    MAX_FILE_BYTES,
    read_attachment,
    safe_file_name,
)


@dataclass(frozen=True)
class LotInput:
    """One lot as a form or an import gives it; ids come from the thesaurus."""

    number: int
    title: str
    description: str = ""
    capability_ids: tuple[int, ...] = ()
    certification_ids: tuple[int, ...] = ()
    min_headcount_band: str | None = None
    max_headcount_band: str | None = None
    estimated_value: int | None = None


@dataclass(frozen=True)
class OpportunityInput:
    title: str
    received_at: datetime
    source: OpportunitySource = OpportunitySource.PUBLIC_TENDER
    buyer_id: int | None = None
    reported_by_id: int | None = None
    buyer_reference: str = ""
    description: str = ""
    url: str = ""
    commune_insee: str | None = None
    estimated_value: int | None = None
    sector_id: int | None = None
    answer_deadline: datetime | None = None
    questions_deadline: datetime | None = None
    lots: tuple[LotInput, ...] = field(default_factory=tuple)


def _clean(text: str | None) -> str | None:
    value = (text or "").strip()
    return value or None


def validate(data: OpportunityInput) -> None:
    """French messages for what a counsellor can get wrong in the form or a file."""
    if not data.title.strip():
        raise ValidationError("Donnez un intitulé à l'opportunité.", field="title")
    if not data.lots:
        raise ValidationError("Une opportunité a au moins un lot.", field="lots")
    numbers = [lot.number for lot in data.lots]
    if len(set(numbers)) != len(numbers):
        raise ValidationError("Deux lots portent le même numéro.", field="lots")
    for value in (data.estimated_value, *(lot.estimated_value for lot in data.lots)):
        if value is not None and value < 0:
            raise ValidationError("Un montant ne peut pas être négatif.", field="estimated_value")
    if data.answer_deadline is not None and data.answer_deadline < data.received_at:
        raise ValidationError(
            "La date limite de réponse précède la réception de l'opportunité.",
            field="answer_deadline",
        )
    if (
        data.questions_deadline is not None
        and data.answer_deadline is not None
        and data.questions_deadline > data.answer_deadline
    ):
        raise ValidationError(
            "La date limite des questions suit celle des réponses.", field="questions_deadline"
        )
    for lot in data.lots:
        if lot.number < 1:
            raise ValidationError("Un numéro de lot commence à 1.", field="lots")
        if not lot.title.strip():
            raise ValidationError(f"Le lot {lot.number} n'a pas d'intitulé.", field="lots")
        for band in (lot.min_headcount_band, lot.max_headcount_band):
            if band and not is_valid_headcount_code(band):
                raise ValidationError(
                    f"Lot {lot.number} : « {band} » n'est pas une tranche d'effectif INSEE.",
                    field="lots",
                )
        low, high = headcount_range(lot.min_headcount_band), headcount_range(lot.max_headcount_band)
        if low and high and low[0] > high[0]:
            raise ValidationError(
                f"Lot {lot.number} : la tranche d'effectif minimale dépasse la maximale.",
                field="lots",
            )


def _check_references(session: Session, data: OpportunityInput) -> None:
    for key, model in (
        ("buyer_id", Organization),
        ("reported_by_id", Organization),
        ("sector_id", Sector),
    ):
        value = getattr(data, key)
        if value is not None and session.get(model, value) is None:
            raise NotFoundError("Un élément choisi (acheteur, filière…) n'existe plus.")


def _fill(session: Session, opportunity: Opportunity, data: OpportunityInput) -> None:
    _check_references(session, data)
    opportunity.source = data.source
    opportunity.buyer_id = data.buyer_id
    opportunity.reported_by_id = data.reported_by_id
    opportunity.buyer_reference = _clean(data.buyer_reference)
    opportunity.title = data.title.strip()
    opportunity.description = _clean(data.description)
    opportunity.url = _clean(data.url)
    opportunity.commune_insee = _clean(data.commune_insee)
    opportunity.estimated_value = data.estimated_value
    opportunity.sector_id = data.sector_id
    opportunity.received_at = data.received_at
    opportunity.answer_deadline = data.answer_deadline
    opportunity.questions_deadline = data.questions_deadline
    if opportunity not in session:
        session.add(opportunity)
    by_number = {lot.number: lot for lot in opportunity.lots}
    wanted = {lot.number for lot in data.lots}
    for number, lot in list(by_number.items()):
        if number not in wanted:
            opportunity.lots.remove(lot)
    session.flush()  # a renumbered lot must not meet the old one on the unique (id, number)
    for item in data.lots:
        found = by_number.get(item.number)
        lot = found or Lot(number=item.number)
        if found is None:
            opportunity.lots.append(lot)
        lot.title = item.title.strip()
        lot.description = _clean(item.description)
        lot.estimated_value = item.estimated_value
        lot.min_headcount_band = item.min_headcount_band or None
        lot.max_headcount_band = item.max_headcount_band or None
        lot.capabilities = _fetch(session, Capability, item.capability_ids)
        lot.certifications = _fetch(session, Certification, item.certification_ids)


def _fetch(
    session: Session, model: type[Capability] | type[Certification], ids: tuple[int, ...]
) -> list[Any]:
    wanted = set(ids)
    if not wanted:
        return []
    found = list(session.scalars(select(model).where(model.id.in_(wanted))))
    if len(found) != len(wanted):
        raise NotFoundError("Un savoir-faire ou une certification du lot n'existe plus.")
    return sorted(found, key=lambda item: item.name)


def create_opportunity(
    db: Database, data: OpportunityInput, counsellor_id: int | None = None
) -> int:
    """Records a new opportunity with its lots; returns its id."""
    validate(data)
    with db.unit_of_work() as session:
        return add_opportunity(session, data, counsellor_id)


def add_opportunity(session: Session, data: OpportunityInput, counsellor_id: int | None) -> int:
    """Adds a validated opportunity inside the caller's unit of work (an import adds several)."""
    opportunity = Opportunity(counsellor_id=counsellor_id)
    _fill(session, opportunity, data)
    session.flush()
    return opportunity.id


def update_opportunity(
    db: Database, opportunity_id: int, data: OpportunityInput, version: int | None = None
) -> None:
    """Saves the form opened at ``version`` (refused when someone saved meanwhile)."""
    validate(data)
    with db.unit_of_work() as session:
        opportunity = session.get(Opportunity, opportunity_id)
        if opportunity is None:
            raise NotFoundError("Cette opportunité n'existe plus.")
        ensure_current(opportunity, version)
        _fill(session, opportunity, data)
        session.flush()


def delete_opportunity(db: Database, opportunity_id: int) -> None:
    """Deletes an opportunity never relayed (a relayed one has a history to keep)."""
    with db.unit_of_work() as session:
        require(session, Permission.DELETE)
        opportunity = session.get(Opportunity, opportunity_id)
        if opportunity is None:
            raise NotFoundError("Cette opportunité n'existe plus.")
        if opportunity.relays:
            raise ValidationError(
                "Cette opportunité a déjà été relayée : fermez-la plutôt (sans suite)."
            )
        session.delete(opportunity)


def add_document(db: Database, opportunity_id: int, path: Path) -> int:
    """Attaches the file at ``path`` (size checked before it is read); returns its id."""
    return add_document_bytes(db, opportunity_id, path.name, read_attachment(path))


def add_document_bytes(db: Database, opportunity_id: int, file_name: str, data: bytes) -> int:
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError("Ce fichier est trop lourd pour être joint.", field="file")
    name = safe_file_name(file_name)
    if not name:
        raise ValidationError("Le fichier n'a pas de nom.", field="file")
    with db.unit_of_work() as session:
        if session.get(Opportunity, opportunity_id) is None:
            raise NotFoundError("Cette opportunité n'existe plus.")
        document = OpportunityDocument(
            opportunity_id=opportunity_id, file_name=name, size=len(data), file_data=data
        )
        session.add(document)
        session.flush()
        return document.id


def remove_document(db: Database, document_id: int) -> None:
    with db.unit_of_work() as session:
        document = session.get(OpportunityDocument, document_id)
        if document is not None:
            session.delete(document)


def document_files(db: Database, opportunity_id: int) -> list[tuple[str, bytes]]:
    """Every document of an opportunity as (safe file name, bytes): for a relay's drafts."""
    with db.unit_of_work(write=False) as session:
        documents = session.scalars(
            select(OpportunityDocument)
            .where(OpportunityDocument.opportunity_id == opportunity_id)
            .options(undefer(OpportunityDocument.file_data))
            .order_by(OpportunityDocument.id)
        )
        return [(safe_file_name(d.file_name) or "document", d.file_data) for d in documents]

"""« Relayer »: an opportunity sent to the chosen members in one action.

One unit of work: each member's letter is rendered and archived (``Letter``, kind
« Opportunité d'affaires »), one dated ``Relay`` per member is recorded, the merged letters PDF
and the ``.eml`` drafts (documents attached) are written atomically into the chosen folder, and
only then is the transaction committed. A crash or an error at any point leaves every relay of
the action recorded, or none; the files of a relay that was not committed are harmless copies
that the next attempt writes again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, undefer

from guichet.db import Database
from guichet.db.atomic_files import write_atomically
from guichet.errors import NotFoundError, ValidationError
from guichet.letters.render import render_letter
from guichet.models import (
    Channel,
    Contact,
    Counsellor,
    Letter,
    LetterKind,
    Lot,
    Opportunity,
    OpportunityDocument,
    OpportunityStatus,
    Organization,
    Relay,
    label,
)
from guichet.reference.communes import commune
from guichet.services import letter_archive
from guichet.services.letter_email import Attachment
from guichet.services.letter_recipient import recipient_address
from guichet.services.letters import LetterService, safe_file_name, signature_lines
from guichet.services.personal_data.opposition import ORGANIZATION_OPPOSED, PERSON_OPPOSED
from guichet.services.relay_documents import (
    RelayOpportunity,
    RelayRecipient,
    Signatory,
    letters_file_name,
    relay_document,
    relay_drafts,
    relay_letters_pdf,
)
from guichet.services.settings import SettingsService

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RelayChoice:
    """A member to relay to; ``lot_ids`` are the lots it was matched on (shown in its letter)."""

    organization_id: int
    contact_id: int | None = None
    lot_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class RelayResult:
    opportunity_id: int
    relay_ids: tuple[int, ...]
    organization_ids: tuple[int, ...]
    relayed_at: datetime
    letters_path: Path | None
    draft_paths: tuple[Path, ...]


def opportunity_reference(opportunity_id: int) -> str:
    """The desk's reference of an opportunity, printed on its letters (« OPP-00042 »)."""
    return f"OPP-{opportunity_id:05d}"


def _contact(session: Session, org: Organization, contact_id: int | None) -> Contact | None:
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.organization_id != org.id:
            raise ValidationError(f"L'interlocuteur choisi n'est pas chez « {org.legal_name} ».")
        return contact
    return default_contact(org)


def default_contact(org: Organization) -> Contact | None:
    """Who a relay goes to when nobody is chosen: a living contact with an e-mail, else any
    (never one who opposed communications)."""
    living = [c for c in org.contacts if c.anonymized_at is None and c.opposed_on is None]
    return next((c for c in living if c.email), living[0] if living else None)


def _load(session: Session, opportunity_id: int) -> Opportunity:
    opportunity = session.scalar(
        select(Opportunity)
        .where(Opportunity.id == opportunity_id)
        .options(
            selectinload(Opportunity.lots),
            selectinload(Opportunity.buyer),
            selectinload(Opportunity.sector),
            selectinload(Opportunity.documents).options(undefer(OpportunityDocument.file_data)),
        )
    )
    if opportunity is None:
        raise NotFoundError("Cette opportunité n'existe plus.")
    return opportunity


def relay_opportunity_data(opportunity: Opportunity) -> RelayOpportunity:
    """The opportunity as its letters show it (plain data)."""
    place = commune(opportunity.commune_insee) if opportunity.commune_insee else None
    return RelayOpportunity(
        id=opportunity.id,
        reference=opportunity_reference(opportunity.id),
        title=opportunity.title,
        buyer=opportunity.buyer.display_name if opportunity.buyer else "Un donneur d'ordres",
        deadline=opportunity.answer_deadline,
        lots=tuple(_lot_line(lot) for lot in opportunity.lots),
        source=label(opportunity.source),
        description=opportunity.description or "",
        place=place.name if place else "",
        sector=opportunity.sector.name if opportunity.sector else "",
        value=opportunity.estimated_value,
        questions_deadline=opportunity.questions_deadline,
        documents=tuple(
            Attachment(safe_file_name(d.file_name) or "document", bytes(d.file_data))
            for d in opportunity.documents
        ),
    )


def _lot_line(lot: Lot) -> str:
    return f"Lot {lot.number} : {lot.title}"


def _signatory(counsellor: Counsellor | None, agency: str) -> Signatory:
    if counsellor is None:
        return Signatory(signature=(agency,))
    return Signatory(
        name=counsellor.name,
        title=counsellor.title or "",
        phone=counsellor.phone or "",
        email=counsellor.email or "",
        signature=tuple(signature_lines(counsellor, agency)),
    )


def _recipients(
    session: Session, opportunity: Opportunity, choices: Sequence[RelayChoice]
) -> list[tuple[RelayRecipient, Contact | None]]:
    ids = [c.organization_id for c in choices]
    if not ids:
        raise ValidationError("Choisissez au moins un adhérent à qui relayer l'opportunité.")
    if len(set(ids)) != len(ids):
        raise ValidationError("Un adhérent est choisi deux fois.")
    orgs = {
        o.id: o
        for o in session.scalars(
            select(Organization)
            .where(Organization.id.in_(ids))
            .options(selectinload(Organization.contacts))
        )
    }
    lots = {lot.id: lot for lot in opportunity.lots}
    result = []
    for choice in choices:
        org = orgs.get(choice.organization_id)
        if org is None:
            raise NotFoundError("Un adhérent choisi n'existe plus dans l'annuaire.")
        if org.do_not_contact:
            raise ValidationError(
                f"« {org.display_name} » a demandé à ne pas être contactée (« {ORGANIZATION_OPPOSED} ») :"
                " retirez-la du relais."
            )
        contact = _contact(session, org, choice.contact_id)
        if contact is not None and contact.opposed_on is not None:
            raise ValidationError(
                f"{contact.full_name} {PERSON_OPPOSED} : choisissez un autre interlocuteur."
            )
        result.append(
            (
                RelayRecipient(
                    organization_id=org.id,
                    name=org.display_name,
                    address=recipient_address(org, contact),
                    contact=contact.full_name if contact else "",
                    civility=(contact.civility or "") if contact else "",
                    email=((contact.email if contact else None) or org.email or ""),
                    lots=tuple(_lot_line(lots[i]) for i in choice.lot_ids if i in lots),
                ),
                contact,
            )
        )
    return result


def relay_opportunity(
    db: Database,
    opportunity_id: int,
    choices: Sequence[RelayChoice],
    *,
    folder: Path | None = None,
    one_draft_per_member: bool = True,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> RelayResult:
    """Relays the opportunity to the chosen members (see the module docstring)."""
    moment = now or datetime.now()
    settings = SettingsService(db).all()
    letterhead, window = LetterService.letterhead(settings), LetterService.window(settings)
    agency = str(settings["agency.name"])
    template_version = hashlib.sha1(
        (
            str(settings["relay.letter_object"]) + "\x00" + str(settings["relay.letter_body"])
        ).encode()
    ).hexdigest()[:12]
    with db.unit_of_work() as session:
        opportunity = _load(session, opportunity_id)
        if opportunity.status == OpportunityStatus.CLOSED:
            raise ValidationError("Cette opportunité est close : elle ne peut plus être relayée.")
        counsellor_id = session.info.get("counsellor_id") or opportunity.counsellor_id
        counsellor = session.get(Counsellor, counsellor_id) if counsellor_id else None
        data = relay_opportunity_data(opportunity)
        signatory = _signatory(counsellor, agency)
        recipients = _recipients(session, opportunity, choices)
        total = len(recipients) + 1
        documents, pdfs, relay_ids = [], {}, []
        for done, (recipient, contact) in enumerate(recipients):
            document = relay_document(
                data, recipient, signatory, settings, letterhead, moment.date(), moment
            )
            documents.append(document)
            pdf = render_letter(document, window).pdf
            pdfs[recipient.organization_id] = pdf
            letter = Letter(
                kind=LetterKind.OPPORTUNITY,
                organization_id=recipient.organization_id,
                generated_at=moment,
                sent_at=moment,
                template_version=f"relais:{template_version}",
                author_id=counsellor.id if counsellor else None,
                file_name=safe_file_name(f"{data.reference}-{recipient.name}") + ".pdf",
                pdf_sha256=letter_archive.store(db, session, pdf),
            )
            session.add(letter)
            session.flush()
            relay = Relay(
                opportunity_id=opportunity.id,
                organization_id=recipient.organization_id,
                contact_id=contact.id if contact else None,
                relayed_at=moment,
                channel=Channel.EMAIL,
                letter_id=letter.id,
                counsellor_id=counsellor.id if counsellor else None,
            )
            session.add(relay)
            session.flush()
            relay_ids.append(relay.id)
            if progress is not None:
                progress(done + 1, total)
        letters_path, draft_paths = None, []
        if folder is not None:
            letters_path = folder / letters_file_name(data)
            write_atomically(letters_path, relay_letters_pdf(documents, window))
            for name, message in relay_drafts(
                data,
                [r for r, _ in recipients],
                signatory,
                settings,
                pdfs,
                one_per_member=one_draft_per_member,
                moment=moment,
            ):
                path = folder / name
                write_atomically(path, message)
                draft_paths.append(path)
        if progress is not None:
            progress(total, total)
        return RelayResult(
            opportunity_id=opportunity.id,
            relay_ids=tuple(relay_ids),
            organization_ids=tuple(r.organization_id for r, _ in recipients),
            relayed_at=moment,
            letters_path=letters_path,
            draft_paths=tuple(draft_paths),
        )

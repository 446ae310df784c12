"""What a relay writes, from plain dataclasses: the merged letters PDF and the ``.eml`` drafts.

Nothing here reads the database: :mod:`guichet.services.relay` loads the opportunity and the
chosen members into these dataclasses, then calls :func:`relay_letters_pdf` and
:func:`relay_drafts`. The letters use the « Relais » templates of the settings (merge fields:
:data:`guichet.letters.relay_template.RELAY_FIELDS`) and the envelope window of every letter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from guichet.letters.document import EnvelopeWindow, LetterDocument, Letterhead
from guichet.letters.relay_template import RELAY_FIELDS
from guichet.letters.render import render_letters
from guichet.letters.template import parse_template
from guichet.models import LetterKind, label
from guichet.reference.address import PostalAddress, address_lines
from guichet.reference.dates import format_date_long, format_number, place_and_date
from guichet.reference.file_names import windows_file_name
from guichet.services.letter_email import Attachment, draft_message
from guichet.services.letter_values import form_of_address, sender_values


@dataclass(frozen=True)
class RelayOpportunity:
    """The opportunity as the letters show it."""

    id: int
    reference: str
    title: str
    buyer: str
    deadline: date | datetime | None
    lots: tuple[str, ...] = ()
    source: str = ""
    description: str = ""
    place: str = ""
    sector: str = ""
    value: float | None = None
    questions_deadline: date | datetime | None = None
    documents: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class RelayRecipient:
    """A member the opportunity goes to, with the lots it was chosen for."""

    organization_id: int
    name: str
    address: PostalAddress
    contact: str = ""
    civility: str = ""
    email: str = ""
    lots: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signatory:
    """Who signs: the counsellor (or the agency alone)."""

    name: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""
    signature: tuple[str, ...] = ()


def format_deadline(moment: date | datetime | None) -> str:
    """« 12 mars 2027 à 12 h 00 » (the hour only when there is one)."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        text = format_date_long(moment.date())
        if moment.hour or moment.minute:
            text += f" à {moment.hour} h {moment.minute:02d}"
        return text
    return format_date_long(moment)


def _lines(items: Sequence[str]) -> str:
    return "\n".join(f"– {item}" for item in items if item.strip())


def relay_values(
    opportunity: RelayOpportunity,
    recipient: RelayRecipient,
    signatory: Signatory,
    settings: Mapping[str, object],
) -> dict[str, str]:
    """Every field of ``RELAY_FIELDS`` (empty when unknown)."""
    values = {
        "destinataire.nom": recipient.name,
        "destinataire.contact": recipient.contact,
        "destinataire.formule": form_of_address(recipient.civility),
        "destinataire.lots": _lines(recipient.lots),
        "opportunite.reference": opportunity.reference,
        "opportunite.titre": opportunity.title,
        "opportunite.acheteur": opportunity.buyer,
        "opportunite.source": opportunity.source,
        "opportunite.description": opportunity.description.strip(),
        "opportunite.lieu": opportunity.place,
        "opportunite.filiere": opportunity.sector,
        "opportunite.valeur": f"{format_number(opportunity.value)} € HT"
        if opportunity.value
        else "",
        "opportunite.date_limite": format_deadline(opportunity.deadline),
        "opportunite.date_questions": format_deadline(opportunity.questions_deadline),
        "opportunite.lots": _lines(opportunity.lots),
        "opportunite.documents": _lines([d.file_name for d in opportunity.documents]),
        **sender_values(
            settings,
            name=signatory.name,
            title=signatory.title,
            phone=signatory.phone,
            email=signatory.email,
        ),
    }
    assert set(values) == set(RELAY_FIELDS)
    return values


def relay_document(
    opportunity: RelayOpportunity,
    recipient: RelayRecipient,
    signatory: Signatory,
    settings: Mapping[str, object],
    letterhead: Letterhead,
    day: date,
    created: datetime | None = None,
) -> LetterDocument:
    """One member's letter, from the « Relais » templates."""
    merge = relay_values(opportunity, recipient, signatory, settings)
    subject = parse_template(str(settings["relay.letter_object"]), RELAY_FIELDS).render(merge)
    body = parse_template(str(settings["relay.letter_body"]), RELAY_FIELDS).render(merge)
    sender = [
        f"Dossier suivi par : {signatory.name}" if signatory.name else "",
        f"Tél. : {merge['conseiller.telephone']}" if merge["conseiller.telephone"] else "",
        signatory.email,
        f"Réf. : {opportunity.reference}" if opportunity.reference else "",
    ]
    subject = " ".join(subject.split())
    return LetterDocument(
        letterhead=letterhead,
        recipient_lines=tuple(address_lines(recipient.address).lines),
        place_and_date=place_and_date(str(settings["agency.city"]), day),
        object_line=subject,
        body=body,
        sender_lines=tuple(line for line in sender if line),
        signature_lines=tuple(line for line in signatory.signature if line.strip())
        or (str(settings["agency.name"]),),
        title=f"{label(LetterKind.OPPORTUNITY)} {opportunity.reference or opportunity.title}",
        author=str(settings["agency.name"]),
        subject=subject,
        created=created,
    )


def relay_letters_pdf(
    documents: Sequence[LetterDocument], window: EnvelopeWindow | None = None
) -> bytes:
    """The letters of a relay, one after the other in one PDF (one print job)."""
    return render_letters(documents, window).pdf


def letters_file_name(opportunity: RelayOpportunity) -> str:
    return windows_file_name(f"relais-{opportunity.reference or opportunity.id}-courriers.pdf")


def relay_drafts(
    opportunity: RelayOpportunity,
    recipients: Sequence[RelayRecipient],
    signatory: Signatory,
    settings: Mapping[str, object],
    letters: Mapping[int, bytes],
    *,
    one_per_member: bool,
    moment: datetime,
) -> list[tuple[str, bytes]]:
    """The ``.eml`` drafts with the opportunity's documents attached: one per member (with its
    own letter, ``letters`` keyed by organization id), or one addressed to the agency with every
    member in Bcc (documents only). Returns (file name, message bytes) pairs."""
    subject_template = parse_template(str(settings["relay.email_object"]), RELAY_FIELDS)
    body_template = parse_template(str(settings["relay.email_body"]), RELAY_FIELDS)
    base = opportunity.reference or str(opportunity.id)
    drafts: list[tuple[str, bytes]] = []
    if one_per_member:
        for recipient in recipients:
            merge = relay_values(opportunity, recipient, signatory, settings)
            attachments = list(opportunity.documents)
            letter = letters.get(recipient.organization_id)
            if letter is not None:
                attachments.insert(0, Attachment(f"courrier-{base}.pdf", letter, "application/pdf"))
            data = draft_message(
                subject=subject_template.render(merge),
                body=body_template.render(merge),
                to=[recipient.email],
                sender=signatory.email or None,
                attachments=attachments,
                domain_hint=str(settings["agency.email"]),
                moment=moment,
            )
            drafts.append((windows_file_name(f"relais-{base}-{recipient.name}.eml"), data))
        return drafts
    anyone = RelayRecipient(0, "", PostalAddress(name=""))
    merge = relay_values(opportunity, anyone, signatory, settings)
    own = signatory.email or str(settings["agency.email"])
    data = draft_message(
        subject=subject_template.render(merge),
        body=body_template.render(merge),
        to=[own] if own else [],
        bcc=[r.email for r in recipients if r.email],
        sender=signatory.email or None,
        attachments=opportunity.documents,
        domain_hint=str(settings["agency.email"]),
        moment=moment,
    )
    return [(windows_file_name(f"relais-{base}-cci.eml"), data)]

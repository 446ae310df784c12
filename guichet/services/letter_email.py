"""An archived letter as an ``.eml`` draft for the counsellor's own mail client.

The message is written the way mail clients and servers expect it (RFC 5322): CRLF line
endings, a ``Date`` and a ``Message-ID``, ``X-Unsent: 1`` so clients open it as a draft. Its
subject and text come from the « Brouillon d'e-mail » template of Paramètres › Courriers; the
archived PDF is attached. Nothing is sent from the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from guichet.db import Database
from guichet.errors import NotFoundError
from guichet.letters.template import parse_template
from guichet.models import Counsellor, Letter, LetterKind, Referral
from guichet.reference.file_names import windows_file_name
from guichet.services import letter_archive
from guichet.services.letter_values import merge_values
from guichet.services.personal_data.texts import ERASED_LETTER as ERASED
from guichet.services.referral_rows import loaded_referrals
from guichet.services.settings import SettingsService

#: Used in the Message-ID when no e-mail address gives a domain (never looked up).
FALLBACK_DOMAIN = "guichet.invalid"


def _domain(*addresses: str | None) -> str:
    for address in addresses:
        if address and "@" in address:
            return address.rsplit("@", 1)[1].strip() or FALLBACK_DOMAIN
    return FALLBACK_DOMAIN


@dataclass(frozen=True)
class Attachment:
    file_name: str
    data: bytes
    mime_type: str = "application/octet-stream"


def draft_message(
    *,
    subject: str,
    body: str,
    to: Sequence[str] = (),
    bcc: Sequence[str] = (),
    sender: str | None = None,
    attachments: Sequence[Attachment] = (),
    domain_hint: str = "",
    moment: datetime,
) -> bytes:
    """An unsent message (CRLF, ``X-Unsent: 1``) with its attachments, as bytes."""
    message = EmailMessage(policy=policy.SMTP)
    message["To"] = ", ".join(a for a in to if a)
    if bcc:
        message["Bcc"] = ", ".join(a for a in bcc if a)
    if sender:
        message["From"] = sender
    message["Subject"] = " ".join(subject.split())
    message["Date"] = format_datetime(moment.astimezone())
    message["Message-ID"] = make_msgid("guichet", domain=_domain(sender, domain_hint))
    message["X-Unsent"] = "1"
    message.set_content(body.strip("\n") + "\n")
    for attachment in attachments:
        maintype, _, subtype = (attachment.mime_type or "application/octet-stream").partition("/")
        message.add_attachment(
            attachment.data,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=windows_file_name(attachment.file_name),
        )
    return message.as_bytes()


def email_draft(db: Database, letter_id: int, *, now: datetime | None = None) -> tuple[str, bytes]:
    """Returns the suggested file name and the message bytes (CRLF)."""
    moment = (now or datetime.now()).astimezone()
    values = SettingsService(db).all()
    with db.unit_of_work() as session:
        letter = session.get(Letter, letter_id)
        if letter is None or letter.referral_id is None:
            raise NotFoundError("Ce courrier n'existe plus.")
        if letter.erased_at is not None:
            raise NotFoundError(ERASED.format(day=f"{letter.erased_at:%d/%m/%Y}"))
        referral = session.scalar(loaded_referrals().where(Referral.id == letter.referral_id))
        if referral is None:
            raise NotFoundError("Cette mise en relation n'existe plus.")
        inquiry = referral.need.inquiry
        to_partner = letter.kind == LetterKind.TO_PARTNER
        contact = referral.partner_contact if to_partner else inquiry.contact
        org = referral.partner if to_partner else inquiry.organization
        counsellor = session.get(Counsellor, letter.author_id) if letter.author_id else None
        merge = merge_values(referral, counsellor, values, moment.date(), letter.kind)
        subject = parse_template(str(values["letters.email_object"])).render(merge)
        body = parse_template(str(values["letters.email_body"])).render(merge)
        data = draft_message(
            subject=subject,
            body=body,
            to=[(contact.email if contact else None) or (org.email if org else None) or ""],
            sender=counsellor.email if counsellor is not None else None,
            attachments=[
                Attachment(
                    letter.file_name,
                    letter_archive.load(db, session, letter.pdf_sha256),
                    "application/pdf",
                )
            ],
            domain_hint=str(values["agency.email"]),
            moment=moment,
        )
        name = windows_file_name(letter.file_name.removesuffix(".pdf") + ".eml")
        return name, data

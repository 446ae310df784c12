"""A meeting's documents from plain facts: sign-in sheet, badges, invitations (letters, .ics, .eml).

Pure builders: they take what :mod:`guichet.services.meeting_document_loader` read from the
database (frozen dataclasses) and the settings' values, and return PDF or file bytes. Nothing
here opens a session, so the bench and the tests call them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from babel.dates import format_date

from guichet.errors import ValidationError
from guichet.exporters.calendar import CalendarEvent, calendar_bytes
from guichet.letters.badges import label_boxes, render_badges
from guichet.letters.document import LetterDocument
from guichet.letters.invitation_templates import INVITATION_FIELDS
from guichet.letters.meeting_data import (
    Attendee,
    BadgeSheet,
    LabelLayout,
    MeetingHeading,
    SignInSheet,
)
from guichet.letters.render import render_letters
from guichet.letters.sign_in_sheet import render_sign_in_sheet
from guichet.letters.template import parse_template
from guichet.reference.address import PostalAddress, address_lines
from guichet.reference.dates import LOCALE, format_date_long, place_and_date
from guichet.reference.file_names import windows_file_name
from guichet.reference.phones import format_phone
from guichet.services.letter_email import Attachment, draft_message
from guichet.services.letter_values import form_of_address, sender_values
from guichet.services.letters import LetterService, safe_file_name


@dataclass(frozen=True)
class Organizer:
    name: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""
    signature: str = ""  # the counsellor's own signature block, if any


@dataclass(frozen=True)
class MeetingFacts:
    """What every document of a meeting prints."""

    id: int
    title: str
    starts: datetime  # Paris wall-clock time (naive) or aware
    ends: datetime | None = None
    kind_label: str = ""  # « Réunion d'information »
    place: str = ""  # one line: place name, address, town
    description: str = ""
    theme: str = ""
    partners: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    organizer: Organizer = field(default_factory=Organizer)
    cancelled: bool = False
    revision: int = 0  # the record's version: the .ics SEQUENCE, so calendars take an update


@dataclass(frozen=True)
class Invitee:
    """One invited person, with where the letter goes and where the e-mail goes."""

    name: str
    organization: str = ""
    civility: str | None = None
    role: str = ""
    email: str = ""
    address: PostalAddress = field(default_factory=lambda: PostalAddress(name=""))


def clock(moment: datetime) -> str:
    """« 9 h 30 », « 14 h »: French clock time."""
    return f"{moment.hour} h {moment.minute:02d}" if moment.minute else f"{moment.hour} h"


def long_day(day: date) -> str:
    """« jeudi 26 mars 2026 », « dimanche 1er novembre 2026 »."""
    return f"{format_date(day, format='EEEE', locale=LOCALE)} {format_date_long(day)}"


def when_line(facts: MeetingFacts) -> str:
    """« jeudi 26 mars 2026, 9 h 30 – 11 h 30 » (the end's date too when on another day)."""
    text = f"{long_day(facts.starts.date())}, {clock(facts.starts)}"
    if facts.ends is None or facts.ends <= facts.starts:
        return text
    if facts.ends.date() == facts.starts.date():
        return f"{text} – {clock(facts.ends)}"
    return f"{text} – {long_day(facts.ends.date())}, {clock(facts.ends)}"


def heading(facts: MeetingFacts) -> MeetingHeading:
    return MeetingHeading(facts.title, when_line(facts), facts.place, facts.kind_label)


def sign_in_sheet_pdf(
    facts: MeetingFacts,
    attendees: Sequence[Attendee],
    settings: dict[str, object],
    *,
    created: datetime | None = None,
) -> bytes:
    sheet = SignInSheet(
        letterhead=LetterService.letterhead(settings),
        meeting=heading(facts),
        attendees=tuple(attendees),
        blank_lines=int(settings["sign_in.blank_lines"]),  # type: ignore[call-overload]
        created=created,
    )
    return render_sign_in_sheet(sheet).pdf


def label_layout(settings: dict[str, object]) -> LabelLayout:
    def number(key: str) -> float:
        return float(settings[f"badges.{key}"])  # type: ignore[arg-type]

    return LabelLayout(
        columns=int(number("columns")),
        rows=int(number("rows")),
        width_mm=number("width_mm"),
        height_mm=number("height_mm"),
        left_mm=number("left_mm"),
        top_mm=number("top_mm"),
        gap_x_mm=number("gap_x_mm"),
        gap_y_mm=number("gap_y_mm"),
    )


def layout_problem(settings: dict[str, object]) -> str:
    """Why the badge layout of ``settings`` cannot be printed (French), or an empty string."""
    try:
        label_boxes(label_layout(settings))
    except ValidationError as exc:
        return exc.message
    return ""


def badges_pdf(
    facts: MeetingFacts,
    attendees: Sequence[Attendee],
    settings: dict[str, object],
    *,
    created: datetime | None = None,
) -> bytes:
    sheet = BadgeSheet(
        letterhead=LetterService.letterhead(settings),
        meeting=heading(facts),
        attendees=tuple(attendees),
        layout=label_layout(settings),
        created=created,
    )
    return render_badges(sheet).pdf


# -- invitations -----------------------------------------------------------------------------
def merge_values(
    facts: MeetingFacts, invitee: Invitee, settings: dict[str, object]
) -> dict[str, str]:
    """Every field of ``INVITATION_FIELDS``; unknown values are empty strings."""
    organizer = facts.organizer
    kind = facts.kind_label
    values = {
        "reunion.titre": facts.title,
        "reunion.type": (kind[:1].lower() + kind[1:]) if kind else "",
        "reunion.date": long_day(facts.starts.date()),
        "reunion.heure": clock(facts.starts),
        "reunion.fin": clock(facts.ends) if facts.ends and facts.ends > facts.starts else "",
        "reunion.lieu": facts.place,
        "reunion.description": facts.description.strip(),
        "reunion.thematique": facts.theme,
        "reunion.partenaires": ", ".join(facts.partners),
        "reunion.intervenants": ", ".join(facts.speakers),
        "destinataire.nom": invitee.organization or invitee.name,
        "destinataire.contact": invitee.name,
        "destinataire.formule": form_of_address(invitee.civility),
        **sender_values(
            settings,
            name=organizer.name,
            title=organizer.title,
            phone=organizer.phone,
            email=organizer.email,
        ),
    }
    assert set(values) == set(INVITATION_FIELDS)
    return values


def invitation_letters(
    facts: MeetingFacts,
    invitees: Sequence[Invitee],
    settings: dict[str, object],
    day: date,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[LetterDocument]:
    """One letter per invitee from the « Invitation à une réunion » template."""
    object_template = parse_template(str(settings["letters.invitation_object"]), INVITATION_FIELDS)
    body_template = parse_template(str(settings["letters.invitation_body"]), INVITATION_FIELDS)
    head = LetterService.letterhead(settings)
    organizer = facts.organizer
    sender = [f"Contact : {organizer.name}" if organizer.name else ""]
    if organizer.phone:
        sender.append(f"Tél. : {format_phone(organizer.phone)}")
    sender.append(organizer.email)
    if organizer.signature.strip():
        signature = organizer.signature.splitlines()
    else:
        signature = [organizer.name, organizer.title, str(settings["agency.name"])]
    documents = []
    for number, invitee in enumerate(invitees):
        if progress is not None:
            progress(number, len(invitees))
        merge = merge_values(facts, invitee, settings)
        object_line = " ".join(object_template.render(merge).split())
        documents.append(
            LetterDocument(
                letterhead=head,
                recipient_lines=tuple(address_lines(invitee.address).lines),
                place_and_date=place_and_date(str(settings["agency.city"]), day),
                object_line=object_line,
                body=body_template.render(merge),
                sender_lines=tuple(line for line in sender if line),
                signature_lines=tuple(line for line in signature if line.strip()),
                title=f"Invitations — {facts.title}",
                author=str(settings["agency.name"]),
                subject=object_line,
            )
        )
    return documents


def invitations_pdf(
    facts: MeetingFacts,
    invitees: Sequence[Invitee],
    settings: dict[str, object],
    day: date,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The print run: every invitation letter merged into one PDF (AFNOR window block)."""
    documents = invitation_letters(facts, invitees, settings, day, progress=progress)
    if progress is not None:
        progress(len(documents), len(documents))  # merged; the layout of the file follows
    return render_letters(documents, LetterService.window(settings)).pdf


def _domain(settings: dict[str, object], facts: MeetingFacts) -> str:
    for address in (facts.organizer.email, str(settings["agency.email"])):
        if "@" in address:
            return address.rsplit("@", 1)[1].strip()
    return "guichet.invalid"


def agenda_ics(
    facts: MeetingFacts, settings: dict[str, object], *, stamp: datetime | None = None
) -> bytes:
    """The meeting as an RFC 5545 calendar file (Europe/Paris)."""
    event = CalendarEvent(
        uid=f"reunion-{facts.id}@{_domain(settings, facts)}",
        title=facts.title,
        starts=facts.starts,
        ends=facts.ends,
        location=facts.place,
        description=facts.description,
        organizer_name=facts.organizer.name or str(settings["agency.name"]),
        organizer_email=facts.organizer.email or str(settings["agency.email"]),
        cancelled=facts.cancelled,
        sequence=facts.revision,
    )
    return calendar_bytes(event, stamp=stamp)


def ics_file_name(facts: MeetingFacts) -> str:
    return safe_file_name(f"reunion-{facts.starts:%Y-%m-%d}-{facts.title[:60]}") + ".ics"


@dataclass(frozen=True)
class Draft:
    file_name: str
    data: bytes


def invitation_drafts(
    facts: MeetingFacts,
    invitees: Sequence[Invitee],
    settings: dict[str, object],
    *,
    one_per_contact: bool,
    moment: datetime,
) -> list[Draft]:
    """``.eml`` drafts with the ``.ics`` attached: one per invitee with an e-mail address, or a
    single draft to the counsellor with every address in Bcc (nobody sees the others)."""
    subject = parse_template(str(settings["letters.invitation_email_object"]), INVITATION_FIELDS)
    body = parse_template(str(settings["letters.invitation_email_body"]), INVITATION_FIELDS)
    ics = Attachment(
        ics_file_name(facts), agenda_ics(facts, settings, stamp=moment), "text/calendar"
    )
    sender = facts.organizer.email or str(settings["agency.email"]) or None
    with_email = [invitee for invitee in invitees if invitee.email.strip()]
    base = safe_file_name(f"invitation-{facts.starts:%Y-%m-%d}")

    def draft(merge: dict[str, str], to: list[str], bcc: list[str]) -> bytes:
        return draft_message(
            subject=subject.render(merge),
            body=body.render(merge),
            to=to,
            bcc=bcc,
            sender=sender,
            attachments=[ics],
            domain_hint=str(settings["agency.email"]),
            moment=moment,
        )

    if not one_per_contact:
        merge = merge_values(facts, Invitee(name=""), settings)
        bcc = sorted({invitee.email.strip() for invitee in with_email}, key=str.casefold)
        return [Draft(windows_file_name(base + ".eml"), draft(merge, [sender or ""], bcc))]
    drafts = []
    for number, invitee in enumerate(with_email, start=1):
        merge = merge_values(facts, invitee, settings)
        name = safe_file_name(f"{base}-{number:03d}-{invitee.name}") + ".eml"
        drafts.append(Draft(windows_file_name(name), draft(merge, [invitee.email.strip()], [])))
    return drafts

"""Referral letters: merge the record into the templates, render, archive, mark as sent.

Every generated PDF is stored as a ``Letter`` with its referral; reprinting or saving uses those
bytes, so a letter reopens exactly as it was sent. Printing or saving marks the referral
« envoyée » (done by the caller through :meth:`LetterService.mark_sent`, once the job went out).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from guichet.db import Database
from guichet.errors import NotFoundError, ValidationError
from guichet.letters.calibration import render_calibration
from guichet.letters.document import EnvelopeWindow, LetterDocument, Letterhead
from guichet.letters.render import render_letter
from guichet.letters.template import parse_template
from guichet.models import Counsellor, Letter, LetterKind, Referral, ReferralStatus, label
from guichet.reference.address import PostalAddress, address_lines
from guichet.reference.dates import place_and_date
from guichet.reference.file_names import windows_file_name
from guichet.services import letter_archive
from guichet.services.letter_recipient import recipient_address, recipient_problems
from guichet.services.letter_values import merge_values
from guichet.services.personal_data.texts import ERASED_LETTER as ERASED
from guichet.services.referral_rows import loaded_referrals
from guichet.services.referrals import Delays, apply_status
from guichet.services.settings import SettingsService

KIND_TEMPLATES = {
    LetterKind.TO_COMPANY: ("letters.company_object", "letters.company_body", "entreprise"),
    LetterKind.TO_PARTNER: ("letters.partner_object", "letters.partner_body", "partenaire"),
}
PAIR = (LetterKind.TO_COMPANY, LetterKind.TO_PARTNER)


@dataclass(frozen=True)
class LetterInfo:
    id: int
    referral_id: int
    kind: LetterKind
    kind_label: str
    recipient: str
    file_name: str
    generated_at: datetime
    sent_at: datetime | None
    template_version: str


def _info(letter: Letter, recipient: str) -> LetterInfo:
    return LetterInfo(
        id=letter.id,
        referral_id=letter.referral_id or 0,
        kind=letter.kind,
        kind_label=label(letter.kind),
        recipient=recipient,
        file_name=letter.file_name,
        generated_at=letter.generated_at,
        sent_at=letter.sent_at,
        template_version=letter.template_version,
    )


def safe_file_name(text: str) -> str:
    """A letter's file name: ASCII letters, digits, ``.-_`` (mail clients and old shares
    mangle the rest), then Windows' rules (:func:`windows_file_name`)."""
    cleaned = re.sub(r"[^\w.-]+", "-", text, flags=re.ASCII).strip("-")
    return windows_file_name(cleaned[:150], default="courrier")


def signature_lines(counsellor: Counsellor | None, agency: str) -> list[str]:
    """The block under a letter: the counsellor's own signature, else name, title, agency."""
    if counsellor is None:
        return [agency]
    if (counsellor.signature or "").strip():
        return counsellor.signature.splitlines()  # type: ignore[union-attr]
    return [counsellor.name, counsellor.title or "", agency]


def _mark_sent(
    session: Session, letters: Sequence[Letter], moment: datetime, delays: Delays
) -> None:
    """Dates the letters and moves their « proposée » referrals to « envoyée » (caller's session)."""
    for letter in letters:
        if letter.sent_at is None:
            letter.sent_at = moment
        referral = session.get(Referral, letter.referral_id) if letter.referral_id else None
        if referral is not None and referral.status == ReferralStatus.PROPOSED:
            apply_status(session, referral, ReferralStatus.SENT, moment, delays)


class LetterService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- settings ------------------------------------------------------------------------------
    def _settings(self) -> dict[str, object]:
        return SettingsService(self.db).all()

    @staticmethod
    def letterhead(values: dict[str, object]) -> Letterhead:
        lines = str(values["agency.address"]).splitlines()
        address = tuple(line for line in lines if line.strip())
        return Letterhead(
            name=str(values["agency.name"]),
            address_lines=address,
            phone=str(values["agency.phone"]),
            email=str(values["agency.email"]),
            website=str(values["agency.website"]),
            logo_path=str(values["agency.logo_path"]),
        )

    @staticmethod
    def window(values: dict[str, object]) -> EnvelopeWindow:
        return EnvelopeWindow(
            x_mm=float(values["envelope.x_mm"]),  # type: ignore[arg-type]
            y_mm=float(values["envelope.y_mm"]),  # type: ignore[arg-type]
            width_mm=float(values["envelope.width_mm"]),  # type: ignore[arg-type]
        )

    def calibration_pdf(self, window: EnvelopeWindow | None = None) -> bytes:
        values = self._settings()
        return render_calibration(self.letterhead(values), window or self.window(values)).pdf

    # -- building ------------------------------------------------------------------------------
    def _document(
        self,
        session: Session,
        referral: Referral,
        kind: LetterKind,
        values: dict[str, object],
        day: date,
        created: datetime | None = None,
    ) -> tuple[LetterDocument, str, str]:
        object_key, body_key, _ = KIND_TEMPLATES[kind]
        counsellor_id = referral.counsellor_id or session.info.get("counsellor_id")
        counsellor = session.get(Counsellor, counsellor_id) if counsellor_id else None
        merge = merge_values(referral, counsellor, values, day, kind)
        object_template = parse_template(str(values[object_key]))
        body_template = parse_template(str(values[body_key]))
        address = self._recipient(referral, kind)
        recipient = address_lines(address).lines
        sender = [f"Dossier suivi par : {counsellor.name}" if counsellor else ""]
        if counsellor is not None:
            phone = merge["conseiller.telephone"]
            sender += [f"Tél. : {phone}" if phone else "", counsellor.email or ""]
        sender.append(f"Réf. : {merge['mise_en_relation.reference']}")
        signature = signature_lines(counsellor, str(values["agency.name"]))
        version = hashlib.sha1(
            (str(values[object_key]) + "\x00" + str(values[body_key])).encode()
        ).hexdigest()[:12]
        document = LetterDocument(
            letterhead=self.letterhead(values),
            recipient_lines=tuple(recipient),
            place_and_date=place_and_date(str(values["agency.city"]), day),
            object_line=object_template.render(merge).replace("\n", " "),
            body=body_template.render(merge),
            sender_lines=tuple(line for line in sender if line),
            signature_lines=tuple(line for line in signature if line.strip()),
            title=f"{label(kind)} {merge['mise_en_relation.reference']}",
            author=str(values["agency.name"]),
            subject=object_template.render(merge).replace("\n", " "),
            created=created,
        )
        return document, f"{KIND_TEMPLATES[kind][2]}:{version}", recipient[0] if recipient else ""

    @staticmethod
    def _recipient(referral: Referral, kind: LetterKind) -> PostalAddress:
        if kind == LetterKind.TO_COMPANY:
            inquiry = referral.need.inquiry
            if inquiry.organization is None and inquiry.contact is None:
                raise ValidationError(
                    "La demande n'a ni entreprise ni personne : impossible d'adresser le courrier."
                )
            return recipient_address(inquiry.organization, inquiry.contact)
        return recipient_address(referral.partner, referral.partner_contact)

    def delivery_problems(self, referral_id: int, kind: LetterKind | None = None) -> list[str]:
        """Why a letter of this referral could not be delivered by post (French, one line per
        letter: « Courrier à l'entreprise : adresse de … incomplète : pas de code postal »)."""
        with self.db.unit_of_work() as session:
            referral = self._load(session, referral_id)
            problems = []
            for each in [kind] if kind is not None else PAIR:
                problem = recipient_problems(self._recipient(referral, each))
                if problem:
                    problems.append(f"{label(each)} : {problem}")
            return problems

    def render(self, referral_id: int, kind: LetterKind, *, day: date | None = None) -> bytes:
        """The letter's PDF, without storing it (the CLI's --brouillon, previews of templates)."""
        values = self._settings()
        with self.db.unit_of_work() as session:
            referral = self._load(session, referral_id)
            document, _, _ = self._document(session, referral, kind, values, day or date.today())
            return render_letter(document, self.window(values)).pdf

    def generate(
        self,
        referral_ids: Sequence[int],
        kinds: Sequence[LetterKind] = PAIR,
        *,
        now: datetime | None = None,
    ) -> list[LetterInfo]:
        """Renders and stores the letters (one transaction); unsent earlier drafts are replaced."""
        moment = now or datetime.now()
        values = self._settings()
        with self.db.unit_of_work() as session:
            return [
                _info(letter, recipient)
                for referral_id in referral_ids
                for letter, recipient in self._generate(
                    session, self._load(session, referral_id), kinds, values, moment
                )
            ]

    def _generate(
        self,
        session: Session,
        referral: Referral,
        kinds: Sequence[LetterKind],
        values: dict[str, object],
        moment: datetime,
    ) -> list[tuple[Letter, str]]:
        window = self.window(values)
        result = []
        for kind in kinds:
            document, version, recipient = self._document(
                session, referral, kind, values, moment.date(), moment
            )
            rendered = render_letter(document, window)
            for draft in session.scalars(
                select(Letter).where(
                    Letter.referral_id == referral.id,
                    Letter.kind == kind,
                    Letter.sent_at.is_(None),
                )
            ):
                letter_archive.discard(self.db, session, [draft.pdf_sha256])
                session.delete(draft)
            letter = Letter(
                kind=kind,
                referral_id=referral.id,
                inquiry_id=referral.need.inquiry_id,
                organization_id=referral.partner_id
                if kind == LetterKind.TO_PARTNER
                else referral.need.inquiry.organization_id,
                generated_at=moment,
                template_version=version,
                author_id=session.info.get("counsellor_id") or referral.counsellor_id,
                file_name=safe_file_name(f"{document.title.split()[-1]}-{KIND_TEMPLATES[kind][2]}")
                + ".pdf",
                pdf_sha256=letter_archive.store(self.db, session, rendered.pdf),
            )
            session.add(letter)
            session.flush()
            result.append((letter, recipient))
        return result

    # -- archive -------------------------------------------------------------------------------
    def letters(self, referral_ids: Sequence[int], *, latest_only: bool = True) -> list[LetterInfo]:
        """Stored letters of these referrals (the latest of each kind by default)."""
        with self.db.unit_of_work() as session:
            letters = session.scalars(
                select(Letter)
                .where(Letter.referral_id.in_(list(referral_ids)))
                .order_by(
                    Letter.referral_id, Letter.kind, Letter.generated_at.desc(), Letter.id.desc()
                )
            ).all()
            seen: set[tuple[int | None, LetterKind]] = set()
            result = []
            for letter in letters:
                key = (letter.referral_id, letter.kind)
                if latest_only and key in seen:
                    continue
                seen.add(key)
                result.append(_info(letter, letter.file_name))
            order = {rid: n for n, rid in enumerate(referral_ids)}
            result.sort(
                key=lambda i: (
                    order.get(i.referral_id, 0),
                    PAIR.index(i.kind) if i.kind in PAIR else 9,
                )
            )
            return result

    def ensure_letters(
        self, referral_ids: Sequence[int], *, now: datetime | None = None
    ) -> list[LetterInfo]:
        """The stored pair of each referral, generating it for referrals that have none."""
        have = {i.referral_id for i in self.letters(referral_ids)}
        missing = [rid for rid in referral_ids if rid not in have]
        if missing:
            self.generate(missing, now=now)
        return self.letters(referral_ids)

    def pdf(self, letter_id: int) -> bytes:
        with self.db.unit_of_work(write=False) as session:
            letter = session.get(Letter, letter_id)
            if letter is None:
                raise NotFoundError("Ce courrier n'existe plus.")
            if letter.erased_at is not None:
                raise NotFoundError(ERASED.format(day=f"{letter.erased_at:%d/%m/%Y}"))
            return letter_archive.load(self.db, session, letter.pdf_sha256)

    def mark_sent(self, letter_ids: Sequence[int], *, at: datetime | None = None) -> None:
        """Printed (or sent by the counsellor): the letters get their sending date and their
        referrals become « envoyée » (if still « proposée »), in one transaction."""
        moment = at or datetime.now()
        delays = Delays.from_settings(self.db)
        with self.db.unit_of_work() as session:
            letters = session.scalars(select(Letter).where(Letter.id.in_(list(letter_ids)))).all()
            _mark_sent(session, letters, moment, delays)

    def send(
        self,
        referral_id: int,
        kinds: Sequence[LetterKind] = PAIR,
        *,
        deliver: Callable[[list[bytes]], None] | None = None,
        at: datetime | None = None,
    ) -> list[LetterInfo]:
        """Archives the letters (the stored ones, or new ones), hands their PDFs to ``deliver``
        and marks them and the referral sent — one transaction: a failure or a crash at any
        point leaves either all of it or none of it."""
        moment = at or datetime.now()
        values = self._settings()
        delays = Delays.from_settings(self.db)
        with self.db.unit_of_work() as session:
            referral = self._load(session, referral_id)
            letters: list[Letter] = []
            for kind in kinds:
                stored = session.scalars(
                    select(Letter)
                    .where(Letter.referral_id == referral.id, Letter.kind == kind)
                    .order_by(Letter.generated_at.desc(), Letter.id.desc())
                    .limit(1)
                ).first()
                if stored is not None and stored.erased_at is not None:
                    raise NotFoundError(ERASED.format(day=f"{stored.erased_at:%d/%m/%Y}"))
                if stored is None:
                    stored = self._generate(session, referral, [kind], values, moment)[0][0]
                letters.append(stored)
            if deliver is not None:
                deliver([letter_archive.load(self.db, session, x.pdf_sha256) for x in letters])
            _mark_sent(session, letters, moment, delays)
            session.flush()
            return [_info(letter, letter.file_name) for letter in letters]

    def email_draft(self, letter_id: int, *, now: datetime | None = None) -> tuple[str, bytes]:
        """An .eml draft with the PDF attached (see :mod:`guichet.services.letter_email`)."""
        from guichet.services.letter_email import email_draft

        return email_draft(self.db, letter_id, now=now)

    @staticmethod
    def _load(session: Session, referral_id: int) -> Referral:
        referral = session.scalar(loaded_referrals().where(Referral.id == referral_id))
        if referral is None:
            raise NotFoundError("Cette mise en relation n'existe plus.")
        return referral

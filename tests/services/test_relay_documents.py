"""The relay's letters and drafts, built from plain dataclasses, read back by pypdf and email."""

from __future__ import annotations

import email
import io
from datetime import date, datetime
from email import policy

from pypdf import PdfReader

from guichet.letters.document import Letterhead
from guichet.reference.address import PostalAddress
from guichet.services.letter_email import Attachment
from guichet.services.relay_documents import (
    RelayOpportunity,
    RelayRecipient,
    Signatory,
    format_deadline,
    relay_document,
    relay_drafts,
    relay_letters_pdf,
)
from guichet.services.settings import SPECS

SETTINGS = {spec.key: spec.default for spec in SPECS}
HEAD = Letterhead("Caux Seine Développement")
OPPORTUNITY = RelayOpportunity(
    id=7,
    reference="OPP-2026-007",
    title="Tuyauterie inox <b>électrolyseur</b>",
    buyer="Hydrogène de Normandie",
    deadline=datetime(2027, 1, 15, 12, 0),
    lots=("Lot 1 — Tuyauterie", "Lot 2 — Appareils à pression"),
    value=450000,
    documents=(Attachment("CCTP.pdf", b"%PDF-1.4 cctp", "application/pdf"),),
)
MEMBERS = [
    RelayRecipient(
        1,
        "Soudure Caux",
        PostalAddress(
            "Soudure Caux", street="1 rue du Port", postal_code="76170", town="Lillebonne"
        ),
        contact="Anne Leroux",
        civility="Mme",
        email="anne@soudure-caux.fr",
        lots=("Lot 1 — Tuyauterie",),
    ),
    RelayRecipient(
        2,
        "Chaudronnerie Bolbec",
        PostalAddress(
            "Chaudronnerie Bolbec", street="5 rue Haute", postal_code="76210", town="Bolbec"
        ),
        email="contact@chaudronnerie.fr",
    ),
]
SIGNATORY = Signatory(
    "Claire Lemonnier", "Chargée d'affaires", "", "claire@agence.fr", ("Claire Lemonnier",)
)


def _documents() -> list:
    return [
        relay_document(OPPORTUNITY, m, SIGNATORY, SETTINGS, HEAD, date(2026, 12, 5))
        for m in MEMBERS
    ]


def test_merged_letters_start_each_member_on_its_own_sheet_with_the_deadline() -> None:
    pdf = relay_letters_pdf(_documents())
    reader = PdfReader(io.BytesIO(pdf))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    firsts = [i for i, t in enumerate(texts) if "Objet" in t]
    assert len(firsts) == 2
    assert "SOUDURE CAUX" in texts[firsts[0]].upper() and "Bolbec" in texts[firsts[1]]
    for index in firsts:
        assert "15 janvier 2027 à 12 h 00" in texts[index]
        assert "<b>électrolyseur</b>" in texts[index]  # escaped, not bold
    assert "Lot 1 — Tuyauterie" in texts[firsts[0]]
    assert "Lot 2" in texts[firsts[1]]  # no lots of its own: every lot listed


def test_one_draft_per_member_carries_its_letter_and_the_documents() -> None:
    drafts = relay_drafts(
        OPPORTUNITY,
        MEMBERS,
        SIGNATORY,
        SETTINGS,
        {1: b"%PDF letter"},
        one_per_member=True,
        moment=datetime(2026, 12, 5, 10, 0),
    )
    assert len(drafts) == 2
    message = email.message_from_bytes(drafts[0][1], policy=policy.default)
    assert message["To"] == "anne@soudure-caux.fr"
    assert message["X-Unsent"] == "1"
    assert "15 janvier 2027" in message["Subject"]
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == ["courrier-OPP-2026-007.pdf", "CCTP.pdf"]
    plain = message.get_body(("plain",))
    assert plain is not None
    body = plain.get_content()
    assert "Hydrogène de Normandie" in body and "15 janvier 2027" in body


def test_one_draft_with_the_members_in_bcc() -> None:
    [(name, data)] = relay_drafts(
        OPPORTUNITY,
        MEMBERS,
        SIGNATORY,
        SETTINGS,
        {},
        one_per_member=False,
        moment=datetime(2026, 12, 5, 10, 0),
    )
    message = email.message_from_bytes(data, policy=policy.default)
    assert name.endswith(".eml")
    assert message["To"] == "claire@agence.fr"
    assert message["Bcc"] == "anne@soudure-caux.fr, contact@chaudronnerie.fr"
    assert [p.get_filename() for p in message.iter_attachments()] == ["CCTP.pdf"]


def test_deadline_shows_the_hour_only_when_there_is_one() -> None:
    assert format_deadline(datetime(2027, 3, 1, 0, 0)) == "1er mars 2027"
    assert format_deadline(date(2027, 3, 12)) == "12 mars 2027"
    assert format_deadline(None) == ""

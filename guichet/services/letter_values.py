"""The values merged into letter templates (``{entreprise.nom}``…), read from a referral."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from guichet.models import Contact, Counsellor, LetterKind, Organization, Referral
from guichet.reference.dates import format_date_long
from guichet.reference.headcount import headcount_label
from guichet.reference.identifiers import format_siret
from guichet.reference.naf import naf_entry
from guichet.reference.phones import format_phone
from guichet.services.letter_recipient import recipient_address
from guichet.services.referral_rows import referral_reference


def one_line_address(org: Organization | None, person: Contact | None = None) -> str:
    """Where the letter goes, on one line: the organization's address, or the person's own."""
    if org is None and person is None:
        return ""
    address = recipient_address(org, person)
    town = " ".join(p for p in (address.postal_code, address.town) if p)
    parts = [address.building, address.street, address.locality, town]
    return ", ".join(p.strip() for p in parts if p and p.strip())


def _phone(*candidates: str | None) -> str:
    found = next((c for c in candidates if c), "")
    return format_phone(found) if found else ""


def sender_values(
    settings: Mapping[str, object],
    *,
    name: str | None,
    title: str | None,
    phone: str | None,
    email: str | None,
) -> dict[str, str]:
    """The counsellor's and the agency's merge fields: the same in every kind of letter
    (referrals, meeting invitations, opportunity relays)."""
    return {
        "conseiller.nom": name or "",
        "conseiller.fonction": title or "",
        "conseiller.telephone": _phone(phone),
        "conseiller.email": email or "",
        "agence.nom": str(settings["agency.name"]),
        "agence.telephone": _phone(str(settings["agency.phone"])),
        "agence.email": str(settings["agency.email"]),
        "agence.site": str(settings["agency.website"]),
    }


def _activity(code: str | None) -> str:
    if not code:
        return ""
    entry = naf_entry(code)
    return f"{entry.code} — {entry.label}" if entry else code


def form_of_address(civility: str | None) -> str:
    """« Madame » or « Monsieur » when the civility is known, « Madame, Monsieur » otherwise."""
    key = (civility or "").strip().rstrip(".").casefold()
    if key in {"mme", "madame", "mlle", "mademoiselle"}:
        return "Madame"
    if key in {"m", "mr", "monsieur"}:
        return "Monsieur"
    return "Madame, Monsieur"


def merge_values(
    referral: Referral,
    counsellor: Counsellor | None,
    settings: dict[str, object],
    day: date,
    kind: LetterKind = LetterKind.TO_COMPANY,
) -> dict[str, str]:
    """Every field of ``LETTER_FIELDS``; a value unknown for this record is an empty string."""
    need = referral.need
    inquiry = need.inquiry
    company, person = inquiry.organization, inquiry.contact
    partner, partner_contact = referral.partner, referral.partner_contact
    siret = company.siret if company and company.siret else ""
    side = "partenaire" if kind == LetterKind.TO_PARTNER else "entreprise"
    values = {
        "entreprise.nom": company.display_name if company else (person.full_name if person else ""),
        "entreprise.siret": format_siret(siret) if siret else "",
        "entreprise.adresse": one_line_address(company, person),
        "entreprise.contact": person.full_name if person else "",
        "entreprise.formule": form_of_address(person.civility if person else None),
        "entreprise.telephone": _phone(
            person.phone if person else None,
            person.mobile if person else None,
            company.phone if company else None,
        ),
        "entreprise.email": (person.email if person else None)
        or (company.email if company else None)
        or "",
        "entreprise.activite": _activity(company.naf_code if company else None),
        "entreprise.effectif": headcount_label(company.headcount_band if company else None) or "",
        "partenaire.nom": partner.display_name,
        "partenaire.contact": partner_contact.full_name if partner_contact else "",
        "partenaire.fonction": (partner_contact.role or "") if partner_contact else "",
        "partenaire.formule": form_of_address(
            partner_contact.civility if partner_contact else None
        ),
        "partenaire.telephone": _phone(
            partner_contact.phone if partner_contact else None,
            partner_contact.mobile if partner_contact else None,
            partner.phone,
        ),
        "partenaire.email": (partner_contact.email if partner_contact else None)
        or partner.email
        or "",
        "partenaire.adresse": one_line_address(partner),
        "partenaire.site": partner.website or "",
        "besoin.thematique": need.subject.theme.name,
        "besoin.sujet": need.subject.name,
        "besoin.description": (need.description or "").strip(),
        "demande.reference": inquiry.reference,
        "demande.date": format_date_long(inquiry.received_at.date()),
        "mise_en_relation.reference": referral_reference(inquiry.reference, referral.id),
        "mise_en_relation.motif": (referral.reason or "").strip().rstrip("."),
        **sender_values(
            settings,
            name=counsellor.name if counsellor else "",
            title=counsellor.title if counsellor else "",
            phone=counsellor.phone if counsellor else "",
            email=counsellor.email if counsellor else "",
        ),
    }
    values["destinataire.nom"] = values[f"{side}.nom"]
    values["destinataire.formule"] = values[f"{side}.formule"]
    return values

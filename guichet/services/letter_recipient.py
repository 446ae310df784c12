"""Who a letter goes to and where: the company's address, or the person's own one."""

from __future__ import annotations

from guichet.models import Contact, Organization
from guichet.reference.address import PostalAddress, delivery_problems


def _has_place(record: Organization | Contact | None) -> bool:
    return record is not None and bool(
        (record.address_street or "").strip() or (record.address_locality or "").strip()
    )


def recipient_address(org: Organization | None, person: Contact | None) -> PostalAddress:
    """The recipient block of a letter to ``org`` (to the attention of ``person``).

    The organization's address is used when it has a street or a lieu-dit. Otherwise — a
    project holder without premises, a person without a company — the letter goes to the
    person at their own address, under their own name.
    """
    if org is not None and (_has_place(org) or not _has_place(person)):
        return PostalAddress(
            name=org.legal_name,
            person=person.full_name if person is not None else "",
            building=org.address_building or "",
            street=org.address_street or "",
            locality=org.address_locality or "",
            postal_code=org.postal_code or "",
            town=org.city or "",
            country=org.country or "",
        )
    if person is None:
        return PostalAddress(name="")
    return PostalAddress(
        name=person.full_name,
        building=person.address_building or "",
        street=person.address_street or "",
        locality=person.address_locality or "",
        postal_code=person.postal_code or "",
        town=person.city or "",
    )


def recipient_problems(address: PostalAddress) -> str:
    """« adresse incomplète (…) » when the block cannot be delivered, else an empty string."""
    missing = delivery_problems(address)
    if not missing:
        return ""
    who = address.name or "destinataire sans nom"
    return f"adresse de « {who} » incomplète : {', '.join(missing)}"

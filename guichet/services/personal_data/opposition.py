"""Opposition (« ne pas contacter »): one rule for every path that reaches people.

A person is not to be contacted when they opposed communications (``Contact.opposed_on``) or
when their organisation asked not to be contacted (``Organization.do_not_contact``). Meeting
invitations and their mailings (``meeting_audience``, ``meeting_files``), opportunity relays
(``relay``, ``relay_candidates``) and the contact exports (``exports``) leave them out.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, not_, select
from sqlalchemy.orm import aliased

from guichet.models import Contact, Organization

#: Shown where a person or an organisation is left out.
PERSON_OPPOSED = "s'oppose aux communications"
ORGANIZATION_OPPOSED = "ne pas contacter"


def opposed(contact: Contact) -> bool:
    org = contact.organization
    return contact.opposed_on is not None or (org is not None and org.do_not_contact)


def reachable() -> ColumnElement[bool]:
    """SQL: the contact did not oppose and their organisation is not « ne pas contacter »."""
    org = aliased(Organization)  # its own alias: usable in a query that joins Organization
    blocked_org = exists(
        select(org.id).where(org.id == Contact.organization_id, org.do_not_contact.is_(True))
    )
    return and_(Contact.opposed_on.is_(None), not_(blocked_org))

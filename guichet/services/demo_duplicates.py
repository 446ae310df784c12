"""A few plausible duplicates added to the demo data, so the « Doublons » view has work to show.

The way they appear at a real desk: a company typed again with its legal form in front of its
name, a second establishment of the same company, a record created from an e-mail signature.
"""

from __future__ import annotations

import random

from sqlalchemy import select

from guichet.db import Database
from guichet.models import Organization, OrganizationKind
from guichet.reference.identifiers import generate_siret


def add_demo_duplicates(db: Database, seed: int = 7) -> list[tuple[int, int]]:
    """Create three near-copies of demo companies; returns ``(original, copy)`` id pairs."""
    rng = random.Random(seed)
    pairs: list[tuple[int, int]] = []
    with db.unit_of_work() as session:
        originals = list(
            session.scalars(
                select(Organization)
                .where(
                    Organization.kind.in_((OrganizationKind.MEMBER, OrganizationKind.COMPANY)),
                    Organization.siret.is_not(None),
                    Organization.commune_insee.is_not(None),
                )
                .order_by(Organization.id)
                .limit(3)
            )
        )
        used = set(
            session.scalars(select(Organization.siret).where(Organization.siret.is_not(None)))
        )
        copies = []
        for number, original in enumerate(originals):
            copy = Organization(
                kind=OrganizationKind.COMPANY,
                legal_name=original.legal_name,
                postal_code=original.postal_code,
                city=original.city,
                commune_insee=original.commune_insee,
                country=original.country,
            )
            if number == 0:  # typed again at the desk, legal form in front, no SIRET
                copy.legal_name = f"SARL {original.legal_name.upper()}"
                copy.address_street = original.address_street
            elif number == 1:  # a second establishment of the same company
                siret = generate_siret(rng, original.siret[:9] if original.siret else None)
                while siret in used:
                    siret = generate_siret(rng, original.siret[:9] if original.siret else None)
                copy.siret, copy.siren = siret, siret[:9]
                copy.legal_name = f"{original.legal_name} — atelier"
            else:  # created from an e-mail signature
                copy.legal_name = original.legal_name.replace(" ", "-", 1)
                copy.email = original.email
                copy.phone = original.phone
            session.add(copy)
            copies.append((original, copy))
        session.flush()
        pairs = [(original.id, copy.id) for original, copy in copies]
    return pairs

"""Partners involved in a project: added once each, removed, the referral's status kept."""

from __future__ import annotations

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Organization, OrganizationKind
from guichet.services.project_intake import add_partner, list_partners, remove_partner
from tests.services.project_setup import a_project


def test_partners_are_added_once_and_removed(portable_db: Database) -> None:
    db = portable_db
    with db.unit_of_work() as s:
        ad = Organization(kind=OrganizationKind.PARTNER, legal_name="AD Normandie")
        s.add(ad)
        s.flush()
        ad_id = ad.id
    pid = a_project(db)
    link = add_partner(db, pid, ad_id, "Financement")
    with pytest.raises(ValidationError, match="déjà partenaire"):
        add_partner(db, pid, ad_id)
    [partner] = list_partners(db, pid)
    assert (partner.name, partner.role, partner.referral_status) == (
        "AD Normandie",
        "Financement",
        "",
    )
    remove_partner(db, link)
    assert list_partners(db, pid) == []

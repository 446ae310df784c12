"""Labels of the membership vocabulary, including values stored as plain strings."""

from __future__ import annotations

from guichet.models import MembershipOrigin, MembershipStatus, OrganizationKind, label


def test_statuses_origins_and_the_network_kind_read_in_french() -> None:
    assert [label(s) for s in MembershipStatus] == ["Prospect", "Candidat", "Adhérent", "Sorti"]
    assert label(MembershipStatus.ACTIVE) == "Adhérent"  # the name before 0005 still works
    assert label(MembershipOrigin.VISIT) == "Visite d'entreprise"
    assert label(OrganizationKind.NETWORK) == "Réseau"
    # « member » is both a kind and a status, labelled the same: the plain string reads too.
    assert label("member") == "Adhérent"
    assert label("left") == "Sorti"

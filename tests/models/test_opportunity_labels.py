"""The French labels of the opportunities' vocabularies, and a plain value shared by two enums."""

from __future__ import annotations

from guichet.models import AnswerStatus, GroupementForm, InquiryStatus, OpportunityStatus, label


def test_labels_of_the_opportunity_enums() -> None:
    assert label(AnswerStatus.GROUP_CANDIDATE) == "Candidat en groupement"
    assert label(GroupementForm.SEVERAL) == "Solidaire"
    assert label(OpportunityStatus.CLOSED) == label(InquiryStatus.CLOSED) == "Close"
    # « closed » belongs to two enums with the same label: a plain string keeps it
    assert label("closed") == "Close"
    assert label("meeting") == "meeting"  # two enums, two labels: left as it is

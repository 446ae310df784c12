"""The inquiries list, detail and the actions on an inquiry after it was logged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

import guichet.models as m
from guichet.db import Database
from guichet.errors import ConcurrentEditError, ValidationError
from guichet.services.inquiries import (
    SORT_KEYS,
    InquiryFilters,
    count_inquiries,
    inquiry_ids,
    list_inquiries,
)
from guichet.services.inquiry_actions import InquiryEdit, add_note, set_need_outcome, update_inquiry
from guichet.services.inquiry_detail import inquiry_detail
from guichet.services.intake import IntakeDraft, NeedDraft, create_inquiry
from guichet.services.resources import give_information
from tests.conftest import DEMO_NOW
from tests.services.intake_helpers import NOW, make_company, make_resource, subject_ids, theme_of


def _inquiry(db: Database, *, needs: int = 2) -> tuple[int, list[int]]:
    ids = subject_ids(db, needs)
    created = create_inquiry(
        db,
        IntakeDraft(
            received_at=NOW,
            needs=tuple(NeedDraft(i, f"besoin {i}") for i in ids),
            organization_id=make_company(db),
        ),
        now=NOW,
    )
    return created.id, list(created.need_ids)


def test_pages_cover_the_filtered_count_without_overlap(demo_db: Database) -> None:
    filters = InquiryFilters(since=date(2026, 1, 1))
    total = count_inquiries(demo_db, filters)
    seen: list[int] = []
    offset = 0
    while True:
        page = list_inquiries(
            demo_db, filters, sort="organization", descending=False, offset=offset, limit=37
        )
        if not page:
            break
        seen += [r.id for r in page]
        offset += len(page)
    assert 0 < total < count_inquiries(demo_db, InquiryFilters())
    assert len(seen) == total == len(set(seen))
    assert sorted(inquiry_ids(demo_db, filters)) == sorted(seen)


@pytest.mark.parametrize("key", SORT_KEYS)
def test_every_column_sorts(demo_db: Database, key: str) -> None:
    rows = list_inquiries(demo_db, InquiryFilters(), sort=key, descending=False, limit=50)
    assert len(rows) == 50


def test_filters_select_what_they_say(demo_db: Database) -> None:
    closed = list_inquiries(demo_db, InquiryFilters(status=m.InquiryStatus.CLOSED), limit=1000)
    assert closed and {r.status for r in closed} == {"Close"}
    phone = list_inquiries(demo_db, InquiryFilters(channel=m.Channel.PHONE), limit=1000)
    assert phone and {r.channel for r in phone} == {"Téléphone"}
    with demo_db.unit_of_work() as s:
        theme = s.scalars(select(m.Theme).where(m.Theme.name == "Financement")).one()
        subjects = {sub.name for sub in theme.subjects}
        counsellor = s.scalars(select(m.Counsellor)).first()
        assert counsellor is not None
        mine = s.scalar(
            select(func.count())
            .select_from(m.Inquiry)
            .where(m.Inquiry.counsellor_id == counsellor.id)
        )
    by_theme = list_inquiries(demo_db, InquiryFilters(theme_id=theme.id), limit=1000)
    assert by_theme and all(subjects & set(r.subjects.split(", ")) for r in by_theme)
    assert count_inquiries(demo_db, InquiryFilters(counsellor_id=counsellor.id)) == mine
    reference = closed[0].reference
    assert [
        r.reference for r in list_inquiries(demo_db, InquiryFilters(text=reference.lower()))
    ] == [reference]
    week = InquiryFilters(since=DEMO_NOW.date() - timedelta(days=7), until=DEMO_NOW.date())
    assert all(
        r.received_at.date() >= DEMO_NOW.date() - timedelta(days=7)
        for r in list_inquiries(demo_db, week)
    )
    assert list_inquiries(demo_db, InquiryFilters(text="100%_sûr")) == []


def test_detail_timeline_has_needs_information_referrals_and_notes(demo_db: Database) -> None:
    with demo_db.unit_of_work() as s:
        inquiry_id = s.scalars(
            select(m.Inquiry.id).join(m.Need).join(m.Referral).order_by(m.Inquiry.id).limit(1)
        ).one()
    add_note(demo_db, inquiry_id, "Rappeler jeudi", author_id=None)
    detail = inquiry_detail(demo_db, inquiry_id)
    kinds = {e.kind for e in detail.timeline}
    assert {"received", "referral", "note"} <= kinds
    assert [e.at for e in detail.timeline] == sorted(e.at for e in detail.timeline)
    assert any(n.referrals for n in detail.needs)


def test_a_note_can_carry_its_own_date(demo_db: Database) -> None:
    with demo_db.unit_of_work() as s:
        inquiry_id = s.scalars(select(m.Inquiry.id).order_by(m.Inquiry.id).limit(1)).one()
    moment = DEMO_NOW.replace(hour=16, minute=5)
    add_note(demo_db, inquiry_id, "Rappel prévu", author_id=None, at=moment)
    notes = [e for e in inquiry_detail(demo_db, inquiry_id).timeline if e.kind == "note"]
    assert [e.at for e in notes] == [moment]


def test_concurrent_edit_shows_what_changed(db: Database) -> None:
    inquiry_id, _ = _inquiry(db)
    mine = inquiry_detail(db, inquiry_id)
    theirs = inquiry_detail(db, inquiry_id)
    edit = InquiryEdit(theirs.received_at, m.Channel.PHONE, None, "Appel du dirigeant", False, None)
    update_inquiry(db, inquiry_id, theirs.version, theirs.editable_values(), edit)
    with pytest.raises(ConcurrentEditError) as raised:
        update_inquiry(
            db,
            inquiry_id,
            mine.version,
            mine.editable_values(),
            InquiryEdit(mine.received_at, m.Channel.EMAIL, None, "Mon résumé", False, None),
        )
    assert raised.value.changes == {
        "Canal": ("Accueil", "Téléphone"),
        "Résumé": ("(vide)", "Appel du dirigeant"),
    }
    after = inquiry_detail(db, inquiry_id)
    assert (after.channel, after.summary) == (m.Channel.PHONE, "Appel du dirigeant")


def test_outcomes_close_the_inquiry_when_every_need_has_one(db: Database) -> None:
    inquiry_id, (first, second) = _inquiry(db)
    with pytest.raises(ValidationError, match="orientée"):
        set_need_outcome(db, first, m.NeedOutcome.ORIENTED, at=NOW)
    with pytest.raises(ValidationError, match="au moins une mise en relation"):
        set_need_outcome(db, first, m.NeedOutcome.REFERRED, at=NOW)
    later = NOW + timedelta(minutes=12)
    assert (
        set_need_outcome(db, first, m.NeedOutcome.ORIENTED, note="CCI Rouen", at=later)
        == m.InquiryStatus.IN_PROGRESS
    )
    assert (
        set_need_outcome(db, second, m.NeedOutcome.INFORMED, at=later + timedelta(minutes=5))
        == m.InquiryStatus.CLOSED
    )
    detail = inquiry_detail(db, inquiry_id)
    assert detail.first_action_at == later and detail.closed_at == later + timedelta(minutes=5)
    assert detail.needs[0].orientation_note == "CCI Rouen"
    assert set_need_outcome(db, second, None, at=later) == m.InquiryStatus.IN_PROGRESS
    assert inquiry_detail(db, inquiry_id).closed_at is None


def test_first_action_is_stamped_once_by_information(db: Database) -> None:
    inquiry_id, (first, second) = _inquiry(db)
    resource = make_resource(db, theme_of(db, first))
    other = make_resource(db, theme_of(db, first), "Autre fiche")
    at = NOW + timedelta(minutes=3)
    assert give_information(db, first, [resource, resource], counsellor_id=None, at=at) == 1
    assert (
        give_information(
            db, first, [resource, other], counsellor_id=None, at=at + timedelta(hours=1)
        )
        == 1
    )
    detail = inquiry_detail(db, inquiry_id)
    assert detail.first_action_at == at and detail.status == m.InquiryStatus.IN_PROGRESS
    assert detail.needs[0].outcome == m.NeedOutcome.INFORMED
    assert [i.title for i in detail.needs[0].information] == ["Fiche prêt d'honneur", "Autre fiche"]
    with pytest.raises(ValidationError):
        give_information(db, second, [], counsellor_id=None)


def test_empty_note_is_refused(db: Database) -> None:
    inquiry_id, _ = _inquiry(db)
    with pytest.raises(ValidationError, match="vide"):
        add_note(db, inquiry_id, "   ", author_id=None)

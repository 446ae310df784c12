"""The intake draft on disk: JSON round trip, one file per database, atomic replacement."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.config import AppPaths
from guichet.services.drafts import (
    DraftError,
    DraftFile,
    IntakeFormDraft,
    NeedText,
    NewCompanyText,
    NewContactText,
    draft_path,
    from_json,
    to_json,
)

ids = st.none() | st.integers(min_value=1, max_value=2**53)
texts = st.text()
moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1))
needs = st.builds(
    NeedText,
    subject_id=ids,
    subject_text=texts,
    description=texts,
    resource_ids=st.lists(st.integers(min_value=1, max_value=10**9), max_size=4).map(tuple),
)
contacts = st.none() | st.builds(
    NewContactText,
    first_name=texts,
    last_name=texts,
    phone=texts,
    email=texts,
    role=texts,
    civility=st.sampled_from(["", "Mme", "M."]),
)
companies = st.none() | st.builds(
    NewCompanyText,
    legal_name=texts,
    siret=texts,
    without_siret=st.booleans(),
    street=texts,
    postal_code=texts,
    commune=texts,
    naf_code=texts,
    naf_text=texts,
)
drafts = st.builds(
    IntakeFormDraft,
    received_at=moments,
    channel=st.sampled_from(["desk", "phone", "email"]),
    counsellor_id=ids,
    organization_id=ids,
    organization_label=texts,
    company_text=texts,
    contact_id=ids,
    contact_text=texts,
    new_contact=contacts,
    new_company=companies,
    needs=st.lists(needs, max_size=4).map(tuple),
    consent=st.booleans(),
    consent_on=st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    saved_at=st.none() | moments,
)


def sample() -> IntakeFormDraft:
    return IntakeFormDraft(
        received_at=datetime(2026, 12, 5, 9, 14),
        channel="desk",
        company_text="Tôlerie des Falaises",
        needs=(NeedText(subject_text="Financement", description="un prêt pour une presse"),),
    )


@given(drafts)
def test_every_draft_reads_back_as_it_was_written(draft: IntakeFormDraft) -> None:
    assert from_json(to_json(draft)) == draft


@given(drafts)
def test_a_draft_is_plain_json_that_names_its_format(draft: IntakeFormDraft) -> None:
    data = json.loads(to_json(draft))
    assert data["format"] == "guichet.brouillon-demande"
    assert data["version"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "[]",
        '{"format": "autre chose"}',
        '{"format": "guichet.brouillon-demande", "version": 99}',
        '{"format": "guichet.brouillon-demande", "version": 1}',
    ],
)
def test_what_is_not_a_draft_is_refused(text: str) -> None:
    with pytest.raises(DraftError):
        from_json(text)


def test_a_field_of_the_wrong_type_is_refused() -> None:
    data = json.loads(to_json(sample()))
    data["needs"][0]["resource_ids"] = ["1"]
    with pytest.raises(DraftError):
        from_json(json.dumps(data))


def test_each_database_has_its_own_draft(paths: AppPaths, tmp_path: Path) -> None:
    one = draft_path(paths, f"sqlite:///{tmp_path / 'a.sqlite3'}")
    other = draft_path(paths, f"sqlite:///{tmp_path / 'b.sqlite3'}")
    server = draft_path(paths, "postgresql+psycopg://claire:secret@serveur/guichet")
    assert len({one, other, server}) == 3
    assert one.parent == paths.data_dir / "brouillons"
    assert "secret" not in server.name
    # The password is not part of what names the database.
    assert server == draft_path(paths, "postgresql+psycopg://claire:autre@serveur/guichet")


def test_the_file_is_written_read_and_deleted(tmp_path: Path) -> None:
    file = DraftFile(tmp_path / "brouillons" / "demande.json")
    assert file.read() is None
    file.write(sample())
    assert file.read() == sample()
    assert [p.name for p in file.path.parent.iterdir()] == ["demande.json"]  # no temporary left
    file.delete()
    assert file.read() is None
    file.delete()  # twice is fine


def test_a_damaged_file_is_ignored_not_fatal(tmp_path: Path) -> None:
    file = DraftFile(tmp_path / "demande.json")
    file.path.write_bytes(b"\xff\xfe{ pas du json")
    assert file.read() is None
    assert file.path.exists()  # kept for whoever wants to look at it


def test_a_killed_write_leaves_the_old_draft_and_its_temporary_is_cleaned(tmp_path: Path) -> None:
    file = DraftFile(tmp_path / "demande.json")
    file.write(sample())
    leftover = tmp_path / ".demande.json.abc123.tmp"
    leftover.write_text('{"format": "guichet.brouil', encoding="utf-8")  # killed mid-write
    assert file.read() == sample()
    assert not leftover.exists()


def test_the_summary_names_the_company_first() -> None:
    assert sample().summary() == "Tôlerie des Falaises"
    anonymous = IntakeFormDraft(
        received_at=datetime(2026, 12, 5, 9, 14),
        channel="desk",
        needs=(NeedText(description="  un   prêt "),),
    )
    assert anonymous.summary() == "un prêt"


def test_a_draft_written_before_the_company_panel_was_kept_still_reads() -> None:
    data = json.loads(to_json(sample()))
    del data["new_company"]
    data["new_contact"] = {"first_name": "Marc", "last_name": "Vasseur", "phone": "", "email": ""}
    data["new_contact"]["role"] = ""  # no civility: older drafts had none
    draft = from_json(json.dumps(data))
    assert draft.new_company is None
    assert draft.new_contact == NewContactText(first_name="Marc", last_name="Vasseur")


def test_a_company_flag_of_the_wrong_type_is_refused() -> None:
    data = json.loads(to_json(sample()))
    data["new_company"] = {"legal_name": "Tôlerie", "without_siret": "oui"}
    with pytest.raises(DraftError):
        from_json(json.dumps(data))

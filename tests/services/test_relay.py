"""« Relayer »: the relays recorded are exactly the members written to; letters and drafts read
back carry the opportunity and its deadline; a failure records nothing (both engines)."""

from __future__ import annotations

import email
import io
from datetime import datetime
from email import policy
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

import guichet.models as m
from guichet.db import Database
from guichet.errors import ValidationError
from guichet.services.opportunities import LotInput, add_document_bytes
from guichet.services.relay import RelayChoice, relay_opportunity
from tests.services.opportunity_setup import buyer, member, opportunity

NOW = datetime(2026, 11, 2, 9, 40)


def _scene(db: Database) -> tuple[int, list[int], int]:
    opp = opportunity(
        db, LotInput(1, "Tuyauterie inox"), LotInput(2, "Appareils à pression"), buyer_id=buyer(db)
    )
    add_document_bytes(db, opp, "CCTP lot 1.pdf", b"%PDF-1.4 specification")
    members = [member(db, f"Adhérent {n}") for n in range(3)]
    with db.unit_of_work() as s:
        for n, org_id in enumerate(members):
            org = s.get(m.Organization, org_id)
            assert org is not None
            org.address_street, org.postal_code, org.city = "1 rue du Port", "76170", "Lillebonne"
            s.add(m.Contact(organization_id=org_id, last_name=f"Martin{n}", email=f"c{n}@ex.fr"))
    with db.unit_of_work(write=False) as s:
        lot_id = s.scalar(select(m.Lot.id).where(m.Lot.opportunity_id == opp, m.Lot.number == 1))
    assert lot_id is not None
    return opp, members, lot_id


def _relayed(db: Database, opp: int) -> list[int]:
    with db.unit_of_work(write=False) as s:
        return sorted(
            s.scalars(select(m.Relay.organization_id).where(m.Relay.opportunity_id == opp))
        )


def test_relay_marks_exactly_the_members_written_to(portable_db: Database, tmp_path: Path) -> None:
    opp, members, lot_id = _scene(portable_db)
    chosen = [RelayChoice(members[0], lot_ids=(lot_id,)), RelayChoice(members[2])]
    result = relay_opportunity(portable_db, opp, chosen, folder=tmp_path, now=NOW)
    assert _relayed(portable_db, opp) == sorted([members[0], members[2]])
    assert result.organization_ids == (members[0], members[2])
    with portable_db.unit_of_work(write=False) as s:
        relays = s.scalars(select(m.Relay).where(m.Relay.opportunity_id == opp)).all()
        assert {r.relayed_at for r in relays} == {NOW}
        letters = s.scalars(select(m.Letter).where(m.Letter.kind == m.LetterKind.OPPORTUNITY)).all()
        assert sorted(x.organization_id or 0 for x in letters) == sorted([members[0], members[2]])
        assert {r.letter_id for r in relays} == {x.id for x in letters}
    # the merged letters: one letter per member, each with the opportunity and its deadline
    assert result.letters_path is not None
    reader = PdfReader(io.BytesIO(result.letters_path.read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert text.count("Usine d'électrolyse de Port-Jérôme") >= 2
    assert text.count("4 décembre 2026 à 12 h 00") >= 2
    assert "Adhérent 0" in text and "Adhérent 2" in text and "Adhérent 1" not in text
    assert "Lot 1 : Tuyauterie inox" in text
    # one draft per member, to its contact, with its letter and the documents
    assert len(result.draft_paths) == 2
    message = email.message_from_bytes(result.draft_paths[0].read_bytes(), policy=policy.default)
    assert message["To"] == "c0@ex.fr"
    assert "4 décembre 2026" in message["Subject"]
    plain = message.get_body(("plain",))
    assert plain is not None
    body = plain.get_content()
    assert "Usine d'électrolyse de Port-Jérôme" in body
    files = [part.get_filename() for part in message.iter_attachments()]
    assert files[0] == f"courrier-OPP-{opp:05d}.pdf"
    assert len(files) == 2 and str(files[1]).startswith("CCTP")


def test_one_draft_with_every_member_in_bcc(portable_db: Database, tmp_path: Path) -> None:
    opp, members, _ = _scene(portable_db)
    result = relay_opportunity(
        portable_db,
        opp,
        [RelayChoice(o) for o in members],
        folder=tmp_path,
        one_draft_per_member=False,
        now=NOW,
    )
    [draft] = result.draft_paths
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["Bcc"] == "c0@ex.fr, c1@ex.fr, c2@ex.fr"
    assert _relayed(portable_db, opp) == sorted(members)


def test_a_failure_midway_records_no_relay_and_no_letter(
    portable_db: Database, tmp_path: Path
) -> None:
    opp, members, _ = _scene(portable_db)

    def fail_on_second(done: int, _total: int) -> None:
        if done == 2:
            raise RuntimeError("interrompu")

    with pytest.raises(RuntimeError):
        relay_opportunity(
            portable_db, opp, [RelayChoice(o) for o in members], now=NOW, progress=fail_on_second
        )
    assert _relayed(portable_db, opp) == []
    with portable_db.unit_of_work(write=False) as s:
        assert s.scalar(select(func.count()).select_from(m.Letter)) == 0


def test_bad_choices_are_refused_in_french(portable_db: Database) -> None:
    opp, members, _ = _scene(portable_db)
    with pytest.raises(ValidationError, match="au moins un adhérent"):
        relay_opportunity(portable_db, opp, [], now=NOW)
    with pytest.raises(ValidationError, match="deux fois"):
        relay_opportunity(portable_db, opp, [RelayChoice(members[0])] * 2, now=NOW)
    assert _relayed(portable_db, opp) == []


def test_candidates_are_the_matches_pre_ticked_unless_already_relayed(
    portable_db: Database,
) -> None:
    from guichet.services.relay_candidates import relay_candidates
    from tests.services.opportunity_setup import capability_id

    with portable_db.unit_of_work(write=False) as s:
        name = s.scalars(select(m.Capability.name).order_by(m.Capability.id)).first()
    assert name is not None
    first, second = member(portable_db, "Alpha", (name,)), member(portable_db, "Bêta", (name,))
    member(portable_db, "Sans rapport")
    opp = opportunity(
        portable_db, LotInput(1, "Lot", capability_ids=(capability_id(portable_db, name),))
    )
    relay_opportunity(portable_db, opp, [RelayChoice(second)], now=NOW)
    found = {c.organization_id: c for c in relay_candidates(portable_db, opp)}
    assert set(found) == {first, second}
    assert found[first].ticked and found[first].lots == "1"
    assert not found[second].ticked and found[second].already_relayed
    assert "pas d'e-mail" in found[first].delivery  # no e-mail, no address: said before relaying
    assert "incomplète" in found[first].delivery

"""Exports streamed from SQL give, byte for byte, what the ORM-built exports gave (both engines)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from guichet.db import Database
from guichet.exporters.tables import ExportTable, write_table
from guichet.exporters.vcard import write_vcards
from guichet.models import Contact, Inquiry, Organization, Referral
from guichet.services import export_tables
from guichet.services.demo import generate_demo
from guichet.services.exports import TABLES, ExportKind
from tests.services import export_oracle

NOW = datetime(2026, 11, 20, 10, 30)
ORACLES: dict[ExportKind, Callable[..., ExportTable]] = {
    ExportKind.ORGANIZATIONS: export_oracle.organizations_table,
    ExportKind.CONTACTS: export_oracle.contacts_table,
    ExportKind.INQUIRIES: export_oracle.inquiries_table,
    ExportKind.REFERRALS: export_oracle.referrals_table,
}
MODELS: dict[ExportKind, Any] = {
    ExportKind.ORGANIZATIONS: Organization,
    ExportKind.CONTACTS: Contact,
    ExportKind.INQUIRIES: Inquiry,
    ExportKind.REFERRALS: Referral,
}


def _same_files(streamed: ExportTable, oracle: ExportTable, folder: Path, name: str) -> None:
    for suffix in (".csv", ".xlsx"):
        new, old = folder / f"{name}-new{suffix}", folder / f"{name}-old{suffix}"
        write_table(streamed, new)
        write_table(oracle, old)
        if suffix == ".csv":  # an XLSX holds its creation time; its rows are compared above
            assert new.read_bytes() == old.read_bytes()


def test_every_export_of_the_demo_is_the_same_as_before(
    portable_db: Database, tmp_path: Path
) -> None:
    generate_demo(portable_db, now=NOW)
    for kind, oracle in ORACLES.items():
        streamed, expected = TABLES[kind](portable_db), oracle(portable_db)
        assert len(streamed.rows) > 100, kind
        assert streamed.headers == expected.headers
        assert streamed.rows == expected.rows, kind
        _same_files(streamed, expected, tmp_path, kind.value)
    cards, old_cards = (
        export_tables.contact_cards(portable_db),
        export_oracle.contact_cards(portable_db),
    )
    write_vcards(cards, tmp_path / "new.vcf")
    write_vcards(old_cards, tmp_path / "old.vcf")
    assert (tmp_path / "new.vcf").read_bytes() == (tmp_path / "old.vcf").read_bytes()


def _recorder(heard: list[tuple[int, int]]) -> Callable[[int, int], None]:
    return lambda done, total: heard.append((done, total))


def test_a_filtered_export_read_in_several_chunks_is_the_same_as_before(
    portable_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_demo(portable_db, now=NOW)
    monkeypatch.setattr(export_tables, "CHUNK", 40)
    monkeypatch.setattr(export_oracle, "CHUNK", 40)
    for kind, oracle in ORACLES.items():
        with portable_db.unit_of_work(write=False) as s:
            every = list(s.scalars(select(MODELS[kind].id).order_by(MODELS[kind].id)))
        wanted = every[::3]  # a page's filter: one record in three, spread over every chunk
        heard: list[tuple[int, int]] = []
        streamed = TABLES[kind](portable_db, wanted, _recorder(heard))
        expected = oracle(portable_db, wanted)
        assert streamed.rows == expected.rows, kind
        assert 0 < len(streamed.rows) <= len(wanted)
        assert heard and heard[-1] == (len(streamed.rows), len(wanted)), kind
        _same_files(streamed, expected, tmp_path, f"filtered-{kind.value}")

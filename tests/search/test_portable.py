"""The same search interface on SQLite (FTS5) and on PostgreSQL (plain portable search)."""

from __future__ import annotations

from datetime import date

from guichet.db import Database
from guichet.models import OrganizationKind
from guichet.search import DirectorySearch, SearchFilters
from tests.search.helpers import add_org, capability_id


def test_search_and_every_filter_run_on_both_databases(portable_db: Database) -> None:
    add_org(
        portable_db,
        "Usinage Lefebvre",
        kind=OrganizationKind.MEMBER,
        city="Bolbec",
        commune_insee="76114",
        capabilities=["Tournage CN"],
        verified_on=date(2026, 6, 1),
    )
    add_org(portable_db, "Garage Martin", city="Fécamp", do_not_refer=True)
    search = DirectorySearch(portable_db, today=lambda: date(2026, 11, 20))
    assert [h.legal_name for h in search.search("lefebvre")] == ["Usinage Lefebvre"]
    assert [h.legal_name for h in search.search("")] == ["Garage Martin", "Usinage Lefebvre"]
    every = SearchFilters(
        kinds=frozenset({OrganizationKind.MEMBER}),
        capability_ids=frozenset({capability_id(portable_db, "Usinage")}),
        commune_insee="76114",
        on_territory=True,
        naf_division="25",
        headcount_bands=frozenset({"11"}),
        network="Sotraban",
        verified_within_months=12,
        exclude_do_not_refer=True,
    )
    assert search.search("usinage", every) == [] and search.count("usinage", every) == 0
    some = SearchFilters(verified_within_months=12, exclude_do_not_refer=True, on_territory=True)
    assert [h.legal_name for h in search.search("", some)] == ["Usinage Lefebvre"]
    assert search.count("", some) == 1
    assert search.rebuild() == 2

"""directory search index (SQLite FTS5)

Creates, on SQLite only, the full-text index of the directory and fills it from the rows already
in the database, so an upgraded database is searchable at once:

- ``organization_search``: one row per organization with its folded, searchable text (the
  external content of the FTS5 table) and the folded name keys used for exact-name ranking;
- ``organization_fts``: the FTS5 index over it (prefix indexes for 1 to 3 characters);
- ``search_term``: the vocabulary of indexed words, used to correct one typo;
- ``organization_search_pending`` / ``capability_search_pending``: queues filled by triggers
  whenever an organization, a contact, a capability/certification/sector link or the thesaurus
  changes, however the change is made (ORM, bulk UPDATE, plain SQL). The application drains them
  in the same transaction, before commit (see ``guichet.search.hook``).

Other dialects get nothing here: their search implementation needs no table.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import csv
import importlib.resources
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from alembic import op
from sqlalchemy import BindParameter, Connection, bindparam, text

from guichet.db.migrations.frozen_text import words  # frozen: never the live guichet code

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SEARCH_COLUMNS = ("names", "ident", "place", "capabilities", "labels", "contacts", "description")

TABLES = [
    "CREATE TABLE organization_search (id INTEGER PRIMARY KEY, "
    "name_key TEXT NOT NULL DEFAULT '', trade_key TEXT NOT NULL DEFAULT '', "
    + ", ".join(f"{c} TEXT NOT NULL DEFAULT ''" for c in SEARCH_COLUMNS)
    + ")",
    "CREATE INDEX ix_organization_search_name_key ON organization_search (name_key)",
    "CREATE INDEX ix_organization_search_trade_key ON organization_search (trade_key)",
    f"CREATE VIRTUAL TABLE organization_fts USING fts5({', '.join(SEARCH_COLUMNS)}, "
    "content='organization_search', content_rowid='id', prefix='1 2 3', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE search_term (term TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TABLE organization_search_pending (organization_id INTEGER PRIMARY KEY)",
    "CREATE TABLE capability_search_pending (capability_id INTEGER PRIMARY KEY)",
]


# Not « INSERT OR IGNORE »: inside a trigger fired by a foreign-key action (ON DELETE SET NULL
# on contact, CASCADE on the links) SQLite applies the outer statement's ABORT policy instead.
def _queue(value: str) -> str:
    return (
        "INSERT INTO organization_search_pending (organization_id) "
        f"SELECT {value} WHERE {value} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
        f"organization_search_pending WHERE organization_id = {value});"
    )


def _queue_linked(link_table: str, column: str) -> str:
    return (
        "INSERT INTO organization_search_pending (organization_id) "
        f"SELECT l.organization_id FROM {link_table} l WHERE l.{column} = new.id AND NOT EXISTS "
        "(SELECT 1 FROM organization_search_pending p WHERE p.organization_id = l.organization_id);"
    )


_ORG_COLUMNS = "legal_name, trade_name, siren, siret, postal_code, city, commune_insee, description"

TRIGGERS: dict[str, str] = {
    "trg_search_organization_insert": f"AFTER INSERT ON organization BEGIN {_queue('new.id')} END",
    "trg_search_organization_update": (
        f"AFTER UPDATE OF {_ORG_COLUMNS} ON organization BEGIN {_queue('new.id')} END"
    ),
    "trg_search_organization_delete": f"AFTER DELETE ON organization BEGIN {_queue('old.id')} END",
    "trg_search_contact_insert": f"AFTER INSERT ON contact BEGIN {_queue('new.organization_id')} END",
    "trg_search_contact_update": (
        "AFTER UPDATE OF organization_id, first_name, last_name, anonymized_at ON contact BEGIN "
        f"{_queue('old.organization_id')} {_queue('new.organization_id')} END"
    ),
    "trg_search_contact_delete": f"AFTER DELETE ON contact BEGIN {_queue('old.organization_id')} END",
    "trg_search_capability_update": (
        "AFTER UPDATE OF name, synonyms, parent_id ON capability BEGIN "
        "INSERT INTO capability_search_pending (capability_id) SELECT new.id WHERE NOT EXISTS "
        "(SELECT 1 FROM capability_search_pending WHERE capability_id = new.id); END"
    ),
    "trg_search_certification_update": (
        "AFTER UPDATE OF name ON certification BEGIN "
        f"{_queue_linked('organization_certification', 'certification_id')} END"
    ),
    "trg_search_sector_update": (
        f"AFTER UPDATE OF name ON sector BEGIN {_queue_linked('organization_sector', 'sector_id')} END"
    ),
}
for _link in ("organization_capability", "organization_certification", "organization_sector"):
    TRIGGERS[f"trg_search_{_link}_insert"] = (
        f"AFTER INSERT ON {_link} BEGIN {_queue('new.organization_id')} END"
    )
    TRIGGERS[f"trg_search_{_link}_update"] = (
        f"AFTER UPDATE ON {_link} BEGIN "
        f"{_queue('old.organization_id')} {_queue('new.organization_id')} END"
    )
    TRIGGERS[f"trg_search_{_link}_delete"] = (
        f"AFTER DELETE ON {_link} BEGIN {_queue('old.organization_id')} END"
    )

DROPPED_TABLES = (
    "organization_fts",
    "organization_search",
    "search_term",
    "organization_search_pending",
    "capability_search_pending",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for statement in TABLES:
        op.execute(statement)
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    reindex_all(bind)  # the rows already there become searchable at once (frozen code below)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in DROPPED_TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table}")


# Frozen copy of the indexing code as it was at this revision (guichet.search.normalize
# fold_key/fold_words, Thesaurus.index_text, guichet.reference.communes.commune,
# guichet.search.indexer.build_rows/reindex_all; fold and words come from the frozen module
# beside the versions). A migration must give the same result whatever the application's code
# becomes: it imports no live guichet module. Later changes to the index belong to later
# migrations (or to the live indexer).


def fold_key(text: str | None) -> str:
    return " ".join(words(text or ""))


def fold_words(*texts: str | None) -> str:
    return " ".join(w for t in texts if t for w in words(t))


def _communes_csv() -> Any:
    """The shipped communes file: ``resources/`` of a source checkout, else the installed
    ``guichet_resources`` package (a migration imports no guichet module, see guichet.assets)."""
    checkout = Path(__file__).resolve().parents[4] / "resources" / "reference" / "communes_76.csv"
    if checkout.is_file():
        return checkout
    return importlib.resources.files("guichet_resources") / "reference" / "communes_76.csv"


def _commune_names() -> dict[str, str]:
    """INSEE code (current, délégué or former) → name of the current commune."""
    with _communes_csv().open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    current = {r["code_insee"]: r["nom"] for r in rows if r["type"] == "commune-actuelle"}
    names = dict(current)
    for row in rows:
        if row["type"] == "commune-actuelle":
            for old in filter(None, row["anciens_codes"].split("|")):
                names.setdefault(old, row["nom"])
        elif row["code_commune_parent"] in current and row["code_insee"] not in current:
            names.setdefault(row["code_insee"], current[row["code_commune_parent"]])
    return names


class _Thesaurus:
    def __init__(self, rows: Iterable[tuple[int, int | None, str, str | None]]) -> None:
        self.entries: dict[int, tuple[int | None, str, frozenset[str]]] = {}
        for cap_id, parent_id, name, synonyms in rows:
            phrases = [name, *(s for s in (synonyms or "").split("|") if s.strip())]
            self.entries[cap_id] = (
                parent_id,
                name,
                frozenset(w for p in phrases for w in words(p)),
            )
        self._index_text: dict[int, str] = {}

    def _chain(self, cap_id: int) -> list[int]:
        chain: list[int] = []
        current: int | None = cap_id
        while current is not None and current in self.entries and current not in chain:
            chain.append(current)
            current = self.entries[current][0]
        return chain

    def index_text(self, cap_ids: Iterable[int]) -> str:
        seen: dict[str, None] = {}
        for cap_id in cap_ids:
            if cap_id not in self._index_text:
                parts: dict[str, None] = {}
                for member in self._chain(cap_id):
                    _parent, name, cap_words = self.entries[member]
                    parts.update(dict.fromkeys(words(name)))
                    parts.update(dict.fromkeys(sorted(cap_words)))
                self._index_text[cap_id] = " ".join(parts)
            seen.update(dict.fromkeys(self._index_text[cap_id].split()))
        return " ".join(seen)


_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_COLS = ", ".join(SEARCH_COLUMNS)
_BATCH = 2000


def _fetch(connection: Connection, sql: str, ids: Sequence[int]) -> list[Any]:
    return list(connection.execute(text(sql).bindparams(_IDS), {"ids": list(ids)}))


def _build_rows(
    connection: Connection, ids: Sequence[int], thesaurus: _Thesaurus, communes: dict[str, str]
) -> list[tuple[Any, ...]]:
    orgs = _fetch(
        connection,
        "SELECT id, legal_name, trade_name, siren, siret, postal_code, city, commune_insee, "
        "description FROM organization WHERE id IN :ids",
        ids,
    )
    if not orgs:
        return []
    found = [o[0] for o in orgs]
    contacts: dict[int, list[str]] = defaultdict(list)
    for org_id, first, last in _fetch(
        connection,
        "SELECT organization_id, first_name, last_name FROM contact "
        "WHERE organization_id IN :ids AND anonymized_at IS NULL",
        found,
    ):
        contacts[org_id].append(fold_words(first, last))
    capabilities: dict[int, list[int]] = defaultdict(list)
    for org_id, cap_id in _fetch(
        connection,
        "SELECT organization_id, capability_id FROM organization_capability "
        "WHERE organization_id IN :ids",
        found,
    ):
        capabilities[org_id].append(cap_id)
    labels: dict[int, list[str]] = defaultdict(list)
    for org_id, name in _fetch(
        connection,
        "SELECT l.organization_id, c.name FROM organization_certification l "
        "JOIN certification c ON c.id = l.certification_id WHERE l.organization_id IN :ids "
        "UNION ALL SELECT l.organization_id, s.name FROM organization_sector l "
        "JOIN sector s ON s.id = l.sector_id WHERE l.organization_id IN :ids",
        found,
    ):
        labels[org_id].append(fold_words(name))
    rows = []
    for org_id, legal, trade, siren, siret, postal, city, insee, description in orgs:
        legal_key = fold_key(legal)
        trade_key = fold_key(trade)
        code = (insee or "").strip().upper()
        rows.append(
            (
                org_id,
                legal_key,
                trade_key,
                " ".join(k for k in (legal_key, trade_key) if k),
                " ".join(x for x in (siren, siret) if x),
                fold_words(city, communes.get(code) if insee else None, postal),
                thesaurus.index_text(capabilities.get(org_id, ())),
                " ".join(labels.get(org_id, ())),
                " ".join(contacts.get(org_id, ())),
                fold_words(description),
            )
        )
    return rows


def reindex_all(connection: Connection) -> int:
    connection.exec_driver_sql("DELETE FROM organization_search")
    connection.exec_driver_sql(
        "INSERT INTO organization_fts (organization_fts) VALUES ('delete-all')"
    )
    connection.exec_driver_sql("DELETE FROM search_term")
    connection.exec_driver_sql("DELETE FROM organization_search_pending")
    connection.exec_driver_sql("DELETE FROM capability_search_pending")
    thesaurus = _Thesaurus(
        (r[0], r[1], r[2], r[3])
        for r in connection.execute(text("SELECT id, parent_id, name, synonyms FROM capability"))
    )
    ids = [r[0] for r in connection.exec_driver_sql("SELECT id FROM organization ORDER BY id")]
    communes = _commune_names() if ids else {}
    for start in range(0, len(ids), _BATCH):
        rows = _build_rows(connection, ids[start : start + _BATCH], thesaurus, communes)
        if rows:
            connection.exec_driver_sql(
                f"INSERT INTO organization_search (id, name_key, trade_key, {_COLS}) "
                f"VALUES ({', '.join('?' * (3 + len(SEARCH_COLUMNS)))})",
                list(rows),
            )
    connection.exec_driver_sql("INSERT INTO organization_fts (organization_fts) VALUES ('rebuild')")
    connection.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.organization_fts_terms "
        "USING fts5vocab(main, organization_fts, 'row')"
    )
    connection.exec_driver_sql(
        "INSERT OR IGNORE INTO search_term (term) SELECT term FROM temp.organization_fts_terms "
        "WHERE length(term) >= 3 AND term GLOB '*[a-z]*'"
    )
    connection.exec_driver_sql("DROP TABLE temp.organization_fts_terms")
    return len(ids)

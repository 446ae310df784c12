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

from alembic import op

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
    # Fill the index from the rows already there (plain SQL reads of the tables of 0001).
    from guichet.search.indexer import reindex_all

    reindex_all(bind)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in DROPPED_TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table}")

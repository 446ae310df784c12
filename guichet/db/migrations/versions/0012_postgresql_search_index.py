"""directory search index on PostgreSQL (folded columns, built-in full text, no extension)

The PostgreSQL counterpart of 0003, on PostgreSQL only:

- ``organization_search``: the same folded columns as on SQLite (written by the same Python
  indexer, so folding of accents, ligatures and case is identical on both engines), plus
  ``document``, a generated ``tsvector`` of every folded word (``array_to_tsvector``: the words
  are taken as they are, never re-parsed), under a GIN index; ``name_key``/``trade_key`` in the
  ``"C"`` collation, so a name-prefix range reads a btree in the same order as SQLite;
- ``search_term``: the vocabulary of indexed words (prefix expansion, one-typo correction);
- ``organization_search_pending`` / ``capability_search_pending``: queues filled by triggers
  (PL/pgSQL, built in) whatever writes the rows; the application drains them before each commit.

No extension is needed (``unaccent``/``pg_trgm`` would need rights an agency's desk role
should not have, and ``unaccent`` folds differently from the SQLite index): the organizations
already there are queued and indexed by the first transaction after the migration.

Revision ID: 0012
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0014"
branch_labels = None
depends_on = None

SEARCH_COLUMNS = ("names", "ident", "place", "capabilities", "labels", "contacts", "description")
_ALL_WORDS = " || ' ' || ".join(SEARCH_COLUMNS)

TABLES = [
    "CREATE TABLE organization_search (id INTEGER PRIMARY KEY, "
    "name_key TEXT COLLATE \"C\" NOT NULL DEFAULT '', "
    "trade_key TEXT COLLATE \"C\" NOT NULL DEFAULT '', "
    + ", ".join(f"{c} TEXT NOT NULL DEFAULT ''" for c in SEARCH_COLUMNS)
    + ", document tsvector GENERATED ALWAYS AS "
    f"(array_to_tsvector(array_remove(string_to_array({_ALL_WORDS}, ' '), ''))) STORED)",
    "CREATE INDEX ix_organization_search_document ON organization_search USING gin (document)",
    "CREATE INDEX ix_organization_search_name_key ON organization_search (name_key)",
    "CREATE INDEX ix_organization_search_trade_key ON organization_search (trade_key)",
    'CREATE TABLE search_term (term TEXT COLLATE "C" PRIMARY KEY)',
    "CREATE TABLE organization_search_pending (organization_id INTEGER PRIMARY KEY)",
    "CREATE TABLE capability_search_pending (capability_id INTEGER PRIMARY KEY)",
]

FUNCTIONS = {
    # Queues the organization named by column TG_ARGV[0] of the old and the new row.
    "guichet_search_queue": """
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND to_jsonb(OLD) ->> TG_ARGV[0] IS NOT NULL THEN
    INSERT INTO organization_search_pending (organization_id)
    VALUES ((to_jsonb(OLD) ->> TG_ARGV[0])::integer) ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND to_jsonb(NEW) ->> TG_ARGV[0] IS NOT NULL THEN
    INSERT INTO organization_search_pending (organization_id)
    VALUES ((to_jsonb(NEW) ->> TG_ARGV[0])::integer) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END""",
    # A certification or sector renamed: the organizations linked to it (table TG_ARGV[0],
    # column TG_ARGV[1]).
    "guichet_search_queue_linked": """
BEGIN
  EXECUTE format('INSERT INTO organization_search_pending (organization_id) '
                 'SELECT organization_id FROM %I WHERE %I = $1 ON CONFLICT DO NOTHING',
                 TG_ARGV[0], TG_ARGV[1]) USING NEW.id;
  RETURN NULL;
END""",
    "guichet_search_queue_capability": """
BEGIN
  INSERT INTO capability_search_pending (capability_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END""",
}

_ORG_COLUMNS = "legal_name, trade_name, siren, siret, postal_code, city, commune_insee, description"

TRIGGERS: dict[str, str] = {
    "trg_search_organization": (
        f"AFTER INSERT OR DELETE OR UPDATE OF {_ORG_COLUMNS} ON organization "
        "FOR EACH ROW EXECUTE FUNCTION guichet_search_queue('id')"
    ),
    "trg_search_contact": (
        "AFTER INSERT OR DELETE OR UPDATE OF organization_id, first_name, last_name, "
        "anonymized_at ON contact FOR EACH ROW EXECUTE FUNCTION "
        "guichet_search_queue('organization_id')"
    ),
    "trg_search_capability": (
        "AFTER UPDATE OF name, synonyms, parent_id ON capability "
        "FOR EACH ROW EXECUTE FUNCTION guichet_search_queue_capability()"
    ),
    "trg_search_certification": (
        "AFTER UPDATE OF name ON certification FOR EACH ROW EXECUTE FUNCTION "
        "guichet_search_queue_linked('organization_certification', 'certification_id')"
    ),
    "trg_search_sector": (
        "AFTER UPDATE OF name ON sector FOR EACH ROW EXECUTE FUNCTION "
        "guichet_search_queue_linked('organization_sector', 'sector_id')"
    ),
}
for _link in ("organization_capability", "organization_certification", "organization_sector"):
    TRIGGERS[f"trg_search_{_link}"] = (
        f"AFTER INSERT OR UPDATE OR DELETE ON {_link} "
        "FOR EACH ROW EXECUTE FUNCTION guichet_search_queue('organization_id')"
    )

DROPPED_TABLES = (
    "organization_search",
    "search_term",
    "organization_search_pending",
    "capability_search_pending",
)


def _table(trigger: str) -> str:
    return TRIGGERS[trigger].split(" ON ")[1].split()[0]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in TABLES:
        op.execute(statement)
    for name, body in FUNCTIONS.items():
        op.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body${body}\n$body$"
        )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    # The live indexer indexes them in the first transaction after the migration.
    op.execute(
        "INSERT INTO organization_search_pending (organization_id) SELECT id FROM organization"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {_table(name)}")
    for name in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    for table in DROPPED_TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table}")

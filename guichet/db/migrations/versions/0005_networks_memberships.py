"""networks become organisations of kind « réseau »; memberships get a status cycle and an origin

Each distinct ``membership.network`` name becomes an organisation of kind ``network`` (an
existing partner or network of exactly that name is reused); ``membership.network_id`` points
at it. Statuses become prospect/candidate/member/left (active → member, lapsed → left), with a
reason for leaving, and the origin is stored as a kind + an id (+ the counsellor who brought
it): ``source_inquiry_id`` moves into ``origin_kind = 'inquiry'``.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_KINDS = ("company", "member", "partner", "agency")
NEW_KINDS = (*OLD_KINDS, "network")
NEW_STATUSES = ("prospect", "candidate", "member", "left")
ORIGINS = ("inquiry", "referral", "meeting", "visit", "opportunity", "counsellor")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _sqlite_swap_check(table: str, old: str, new: str) -> None:
    """Rewrite one CHECK constraint in place (SQLite's documented procedure for schema changes
    that leave the stored rows valid): rebuilding ``organization`` would drop the search
    triggers and, with foreign keys on, cascade the implicit DELETE of DROP TABLE."""
    bind = op.get_bind()
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    if old not in sql:
        raise RuntimeError(f"0005: contrainte inattendue sur {table}")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
        (sql.replace(old, new), table),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def _set_kinds(kinds: tuple[str, ...], previous: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_swap_check(
            "organization",
            f"CHECK ({_in('kind', previous)})",
            f"CHECK ({_in('kind', kinds)})",
        )
        return
    op.execute("ALTER TABLE organization DROP CONSTRAINT ck_organization_organizationkind")
    op.execute(
        "ALTER TABLE organization ADD CONSTRAINT ck_organization_organizationkind "
        f"CHECK ({_in('kind', kinds)})"
    )


def _network_ids() -> dict[str, int]:
    """One network organisation per distinct name, reusing one of exactly that name."""
    bind = op.get_bind()
    ids: dict[str, int] = {}
    names = bind.execute(sa.text("SELECT DISTINCT network FROM membership")).scalars().all()
    for name in sorted(names):
        found = bind.execute(
            sa.text(
                "SELECT id FROM organization WHERE legal_name = :n "
                "AND kind IN ('partner', 'network') ORDER BY id"
            ),
            {"n": name},
        ).first()
        if found is not None:
            bind.execute(
                sa.text("UPDATE organization SET kind = 'network' WHERE id = :i"), {"i": found[0]}
            )
            ids[name] = found[0]
            continue
        # An explicit id: rows restored with their ids may have left a sequence behind.
        new_id = bind.execute(sa.text("SELECT coalesce(max(id), 0) + 1 FROM organization"))
        ids[name] = int(new_id.scalar_one())
        bind.execute(
            sa.text(
                "INSERT INTO organization (id, kind, legal_name, do_not_refer, version) "
                "VALUES (:i, 'network', :n, :f, 1)"
            ),
            {"i": ids[name], "n": name, "f": False},
        )
    if ids and bind.dialect.name == "postgresql":
        bind.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence('organization', 'id'), "
                "(SELECT max(id) FROM organization))"
            )
        )
    return ids


_STATUS_UP = "CASE status WHEN 'active' THEN 'member' ELSE 'left' END"
_STATUS_DOWN = "CASE status WHEN 'member' THEN 'active' ELSE 'lapsed' END"
_TIMESTAMPS = (
    "version INTEGER NOT NULL, "
    "created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, "
    "updated_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, "
    "CONSTRAINT pk_membership PRIMARY KEY (id), "
    "CONSTRAINT fk_membership_organization_id_organization FOREIGN KEY(organization_id) "
    "REFERENCES organization (id) ON DELETE CASCADE, "
)
NEW_TABLE = (
    "CREATE TABLE membership_new (id INTEGER NOT NULL, organization_id INTEGER NOT NULL, "
    "network_id INTEGER NOT NULL, start_on DATE NOT NULL, end_on DATE, "
    "status VARCHAR(24) NOT NULL, left_reason TEXT, origin_kind VARCHAR(24), origin_id INTEGER, "
    "origin_counsellor_id INTEGER, "
    + _TIMESTAMPS
    + "CONSTRAINT fk_membership_network_id_organization FOREIGN KEY(network_id) "
    "REFERENCES organization (id) ON DELETE RESTRICT, "
    "CONSTRAINT fk_membership_origin_counsellor_id_counsellor FOREIGN KEY(origin_counsellor_id) "
    "REFERENCES counsellor (id) ON DELETE SET NULL, "
    f"CONSTRAINT ck_membership_membershipstatus CHECK ({_in('status', NEW_STATUSES)}), "
    f"CONSTRAINT ck_membership_membershiporigin CHECK ({_in('origin_kind', ORIGINS)}))"
)
OLD_TABLE = (
    "CREATE TABLE membership_new (id INTEGER NOT NULL, organization_id INTEGER NOT NULL, "
    "network VARCHAR(80) NOT NULL, start_on DATE NOT NULL, end_on DATE, "
    "status VARCHAR(24) NOT NULL, source_inquiry_id INTEGER, "
    + _TIMESTAMPS
    + "CONSTRAINT fk_membership_source_inquiry_id_inquiry FOREIGN KEY(source_inquiry_id) "
    "REFERENCES inquiry (id) ON DELETE SET NULL, "
    "CONSTRAINT ck_membership_membershipstatus CHECK (status IN ('active', 'lapsed')))"
)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sqlite_rebuild(create: str, copy: str, indexes: tuple[str, ...]) -> None:
    # Nothing references ``membership``: the table can be copied, dropped and renamed.
    op.execute(create)
    op.execute(copy)
    op.execute("DROP TABLE membership")
    op.execute("ALTER TABLE membership_new RENAME TO membership")
    for column in indexes:
        op.execute(f"CREATE INDEX ix_membership_{column} ON membership ({column})")


def upgrade() -> None:
    _set_kinds(NEW_KINDS, OLD_KINDS)
    ids = _network_ids()
    network_case = " ".join(f"WHEN {_literal(n)} THEN {int(i)}" for n, i in ids.items())
    network_expr = f"CASE network {network_case} END" if ids else "NULL"
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rebuild(
            NEW_TABLE,
            "INSERT INTO membership_new (id, organization_id, network_id, start_on, end_on, "
            "status, origin_kind, origin_id, version, created_at, updated_at) "
            f"SELECT id, organization_id, {network_expr}, start_on, end_on, {_STATUS_UP}, "
            "CASE WHEN source_inquiry_id IS NULL THEN NULL ELSE 'inquiry' END, "
            "source_inquiry_id, version, created_at, updated_at FROM membership",
            ("organization_id", "network_id"),
        )
        return
    op.execute("ALTER TABLE membership DROP CONSTRAINT ck_membership_membershipstatus")
    op.add_column("membership", sa.Column("network_id", sa.Integer(), nullable=True))
    op.add_column("membership", sa.Column("left_reason", sa.Text(), nullable=True))
    op.add_column("membership", sa.Column("origin_kind", sa.String(24), nullable=True))
    op.add_column("membership", sa.Column("origin_id", sa.Integer(), nullable=True))
    op.add_column("membership", sa.Column("origin_counsellor_id", sa.Integer(), nullable=True))
    op.execute(
        f"UPDATE membership SET network_id = {network_expr}, status = {_STATUS_UP}, "
        "origin_kind = CASE WHEN source_inquiry_id IS NULL THEN NULL ELSE 'inquiry' END, "
        "origin_id = source_inquiry_id"
    )
    op.alter_column("membership", "network_id", nullable=False)
    op.execute(
        "ALTER TABLE membership ADD CONSTRAINT ck_membership_membershipstatus "
        f"CHECK ({_in('status', NEW_STATUSES)})"
    )
    op.execute(
        "ALTER TABLE membership ADD CONSTRAINT ck_membership_membershiporigin "
        f"CHECK ({_in('origin_kind', ORIGINS)})"
    )
    op.create_foreign_key(
        "fk_membership_network_id_organization",
        "membership",
        "organization",
        ["network_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    op.create_foreign_key(
        "fk_membership_origin_counsellor_id_counsellor",
        "membership",
        "counsellor",
        ["origin_counsellor_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.create_index("ix_membership_network_id", "membership", ["network_id"])
    op.drop_column("membership", "source_inquiry_id")
    op.drop_column("membership", "network")


_NAME = "(SELECT legal_name FROM organization o WHERE o.id = membership.network_id)"
_SOURCE = (
    "CASE WHEN origin_kind = 'inquiry' AND EXISTS "
    "(SELECT 1 FROM inquiry i WHERE i.id = membership.origin_id) THEN origin_id END"
)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rebuild(
            OLD_TABLE,
            "INSERT INTO membership_new (id, organization_id, network, start_on, end_on, status, "
            "source_inquiry_id, version, created_at, updated_at) "
            f"SELECT id, organization_id, substr({_NAME}, 1, 80), start_on, end_on, "
            f"{_STATUS_DOWN}, {_SOURCE}, version, created_at, updated_at FROM membership",
            ("organization_id",),
        )
    else:
        op.execute("ALTER TABLE membership DROP CONSTRAINT ck_membership_membershipstatus")
        op.add_column("membership", sa.Column("network", sa.String(80), nullable=True))
        op.add_column("membership", sa.Column("source_inquiry_id", sa.Integer(), nullable=True))
        op.execute(
            f"UPDATE membership SET network = substr({_NAME}, 1, 80), "
            f"status = {_STATUS_DOWN}, source_inquiry_id = {_SOURCE}"
        )
        op.alter_column("membership", "network", nullable=False)
        op.execute(
            "ALTER TABLE membership ADD CONSTRAINT ck_membership_membershipstatus "
            "CHECK (status IN ('active', 'lapsed'))"
        )
        op.create_foreign_key(
            "fk_membership_source_inquiry_id_inquiry",
            "membership",
            "inquiry",
            ["source_inquiry_id"],
            ["id"],
            ondelete="SET NULL",
        )
        op.drop_index("ix_membership_network_id", "membership")
        for column in ("origin_counsellor_id", "origin_id", "origin_kind", "left_reason"):
            op.drop_column("membership", column)
        op.drop_column("membership", "network_id")  # its foreign key goes with it
    # The network organisations stay, as partners (the kind the old schema knew).
    op.execute("UPDATE organization SET kind = 'partner' WHERE kind = 'network'")
    _set_kinds(OLD_KINDS, NEW_KINDS)

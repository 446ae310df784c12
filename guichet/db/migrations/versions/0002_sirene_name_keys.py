"""folded name keys on sirene_establishment, for a prefix search through an index

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from guichet.db.migrations.frozen_text import fold  # frozen: never the live guichet code

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sirene_establishment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column("trade_key", sa.String(length=250), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_sirene_establishment_name_key"), ["name_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_sirene_establishment_trade_key"), ["trade_key"], unique=False
        )
    conn = op.get_bind()
    table = sa.table(
        "sirene_establishment",
        sa.column("siret", sa.String),
        sa.column("name", sa.String),
        sa.column("trade_name", sa.String),
        sa.column("name_key", sa.String),
        sa.column("trade_key", sa.String),
    )
    rows = conn.execute(sa.select(table.c.siret, table.c.name, table.c.trade_name)).all()
    for siret, name, trade_name in rows:
        conn.execute(
            table.update()
            .where(table.c.siret == siret)
            .values(
                name_key=fold(name or "")[:250],
                trade_key=fold(trade_name)[:250] if trade_name else None,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("sirene_establishment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sirene_establishment_trade_key"))
        batch_op.drop_index(batch_op.f("ix_sirene_establishment_name_key"))
        batch_op.drop_column("trade_key")
        batch_op.drop_column("name_key")

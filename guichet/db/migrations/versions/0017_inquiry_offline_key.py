"""an idempotency key on inquiries sent from a desk's offline outbox

Revision ID: 0017
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0012"
branch_labels = None
depends_on = None

# Plain ALTER TABLE + a unique index (SQLite cannot add a UNIQUE column in place, and a batch
# copy of ``inquiry`` would drop what other migrations put on it).


def upgrade() -> None:
    op.add_column("inquiry", sa.Column("offline_key", sa.String(length=36), nullable=True))
    op.create_index("ix_inquiry_offline_key", "inquiry", ["offline_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_inquiry_offline_key", table_name="inquiry")
    op.drop_column("inquiry", "offline_key")

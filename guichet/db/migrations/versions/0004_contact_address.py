"""a person's own postal address on contacts (project holders, people without a company)

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("address_building", 120),
    ("address_street", 120),
    ("address_locality", 120),
    ("postal_code", 10),
    ("city", 80),
)


# Plain ALTER TABLE (SQLite 3.35+ drops a column in place): a batch copy of ``contact`` would
# drop the search triggers that migration 0003 put on it.


def upgrade() -> None:
    for name, length in COLUMNS:
        op.add_column("contact", sa.Column(name, sa.String(length=length), nullable=True))


def downgrade() -> None:
    for name, _length in reversed(COLUMNS):
        op.drop_column("contact", name)

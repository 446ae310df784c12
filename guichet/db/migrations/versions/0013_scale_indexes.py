"""indexes for ten years of data: the latest referrals read from an index, not sorted

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-05 13:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None

#: (name, table, columns): Accueil's latest referrals (newest first, then by id) came from a
#: temporary B-tree over every referral.
INDEXES = (("ix_referral_latest", "referral", ["proposed_at", "id"]),)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)

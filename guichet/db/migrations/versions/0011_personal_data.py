"""personal data: a contact's legal basis gets its date and source; an archived letter can be
erased (its PDF removed, the fact that it went out kept); an inquiry records when it was
anonymised

Existing contacts without a legal basis get « intérêt légitime » (business contacts), dated
from their creation, with a source saying it was set by this migration.

Revision ID: 0011
Revises: 0010 (0009 before the accounts branch was merged)
Create Date: 2026-12-05 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: Frozen copies of the texts written into existing rows (never import live modules here).
DEFAULT_SOURCE = "Contact existant : intérêt légitime par défaut (contact professionnel)"
KEPT_SOURCE = "Base légale saisie avant l'enregistrement de sa source"


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: contact carries the search triggers of 0003.
    op.add_column("contact", sa.Column("legal_basis_on", sa.Date(), nullable=True))
    op.add_column("contact", sa.Column("legal_basis_source", sa.String(length=200), nullable=True))
    op.add_column("letter", sa.Column("erased_at", sa.DateTime(), nullable=True))
    op.add_column("inquiry", sa.Column("anonymized_at", sa.DateTime(), nullable=True))
    contact = sa.table(
        "contact",
        sa.column("legal_basis", sa.String),
        sa.column("legal_basis_on", sa.Date),
        sa.column("legal_basis_source", sa.String),
        sa.column("consent_on", sa.Date),
        sa.column("created_at", sa.DateTime),
    )
    bind = op.get_bind()
    created_day = (
        sa.func.date(contact.c.created_at)
        if bind.dialect.name == "sqlite"
        else sa.cast(contact.c.created_at, sa.Date)
    )
    bind.execute(
        contact.update()
        .where(contact.c.legal_basis.is_(None))
        .values(
            legal_basis="legitimate_interest",
            legal_basis_on=created_day,
            legal_basis_source=DEFAULT_SOURCE,
        )
    )
    bind.execute(
        contact.update()
        .where(contact.c.legal_basis_source.is_(None))
        .values(
            legal_basis_on=sa.func.coalesce(contact.c.consent_on, created_day),
            legal_basis_source=KEPT_SOURCE,
        )
    )


def downgrade() -> None:
    op.drop_column("inquiry", "anonymized_at")
    op.drop_column("letter", "erased_at")
    op.drop_column("contact", "legal_basis_source")
    op.drop_column("contact", "legal_basis_on")

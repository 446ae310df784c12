"""company visits: visits, partners coming along, the versioned questionnaire and its answers;
the inquiry channel « visit » (the first questionnaire is seeded with the reference rows)

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CHANNELS_BEFORE = ("desk", "phone", "email", "meeting", "partner", "mail")
CHANNELS_AFTER = (*CHANNELS_BEFORE, "visit")


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
    ]


def _set_channels(values: tuple[str, ...]) -> None:
    """Rewrites the CHECK constraint of ``inquiry.channel``.

    PostgreSQL alters it in place. SQLite cannot alter a constraint, and rebuilding ``inquiry``
    (a batch copy) would drop it with its foreign keys on: its needs would cascade away. The
    table's recorded SQL is edited instead (SQLite's documented ``writable_schema`` procedure,
    valid since the on-disk format does not change), inside the migration's transaction.
    """
    listed = ", ".join(f"'{v}'" for v in values)
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.execute("ALTER TABLE inquiry DROP CONSTRAINT ck_inquiry_channel")
        op.execute(
            f"ALTER TABLE inquiry ADD CONSTRAINT ck_inquiry_channel CHECK (channel IN ({listed}))"
        )
        return
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'inquiry'"
    ).scalar_one()
    start = sql.index("CONSTRAINT ck_inquiry_channel CHECK")
    end = sql.index("))", start) + 2
    new_sql = (
        sql[:start] + f"CONSTRAINT ck_inquiry_channel CHECK (channel IN ({listed}))" + sql[end:]
    )
    schema_version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'inquiry'", (new_sql,)
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(schema_version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    op.create_table(
        "questionnaire_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=250), nullable=True),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_version")),
        sa.UniqueConstraint("number", name=op.f("uq_questionnaire_version_number")),
    )
    op.create_table(
        "visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("counsellor_id", sa.Integer(), nullable=True),
        sa.Column("planned_at", sa.DateTime(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "done",
                "cancelled",
                name="visitstatus",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("questionnaire_version_id", sa.Integer(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_visit_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_visit_contact_id_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_visit_counsellor_id_counsellor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_version_id"],
            ["questionnaire_version.id"],
            name=op.f("fk_visit_questionnaire_version_id_questionnaire_version"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    op.create_index(op.f("ix_visit_organization_id"), "visit", ["organization_id"])
    op.create_index(op.f("ix_visit_counsellor_id"), "visit", ["counsellor_id"])
    op.create_index(op.f("ix_visit_planned_at"), "visit", ["planned_at"])
    op.create_index(op.f("ix_visit_status"), "visit", ["status"])
    op.create_table(
        "visit_partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visit.id"],
            name=op.f("fk_visit_partner_visit_id_visit"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_visit_partner_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_visit_partner_contact_id_contact"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_partner")),
        sa.UniqueConstraint("visit_id", "organization_id", name=op.f("uq_visit_partner_visit_id")),
    )
    op.create_index(op.f("ix_visit_partner_visit_id"), "visit_partner", ["visit_id"])
    op.create_index(op.f("ix_visit_partner_organization_id"), "visit_partner", ["organization_id"])
    op.create_table(
        "visit_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_version_id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=40), nullable=False),
        sa.Column("question_label", sa.String(length=250), nullable=False),
        sa.Column("question_type", sa.String(length=12), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("risk", sa.Boolean(), nullable=False),
        sa.Column("risk_label", sa.String(length=120), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visit.id"],
            name=op.f("fk_visit_answer_visit_id_visit"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_version_id"],
            ["questionnaire_version.id"],
            name=op.f("fk_visit_answer_questionnaire_version_id_questionnaire_version"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_answer")),
        sa.UniqueConstraint("visit_id", "question_key", name=op.f("uq_visit_answer_visit_id")),
    )
    op.create_index(op.f("ix_visit_answer_visit_id"), "visit_answer", ["visit_id"])
    op.create_index(op.f("ix_visit_answer_risk"), "visit_answer", ["risk"])
    _set_channels(CHANNELS_AFTER)


def downgrade() -> None:
    # Inquiries heard during a visit go back to the closest older channel (a meeting with the
    # company) rather than being lost.
    op.execute("UPDATE inquiry SET channel = 'meeting' WHERE channel = 'visit'")
    _set_channels(CHANNELS_BEFORE)
    op.drop_table("visit_answer")
    op.drop_table("visit_partner")
    op.drop_table("visit")
    op.drop_table("questionnaire_version")

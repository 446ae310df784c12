"""meetings: meetings, co-organisers, speakers, invitations, registrations; the meeting an
inquiry came from; opposition to communications on contacts and organisations

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


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


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=24)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def _index(table: str, column: str) -> None:
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            _enum(
                "meetingkind", "information", "workshop", "breakfast", "collective_visit", "fair"
            ),
            nullable=False,
        ),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("start_at", sa.DateTime(), nullable=False),
        sa.Column("end_at", sa.DateTime(), nullable=False),
        sa.Column("place_organization_id", sa.Integer(), nullable=True),
        sa.Column("place_name", sa.String(length=200), nullable=True),
        sa.Column("place_street", sa.String(length=120), nullable=True),
        sa.Column("place_postal_code", sa.String(length=10), nullable=True),
        sa.Column("place_city", sa.String(length=80), nullable=True),
        sa.Column("place_commune_insee", sa.String(length=5), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("counsellor_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("status", _enum("meetingstatus", "planned", "held", "cancelled"), nullable=False),
        *_stamps(),
        _fk("meeting", "counsellor_id", "counsellor", "SET NULL"),
        _fk("meeting", "place_organization_id", "organization", "SET NULL"),
        _fk("meeting", "theme_id", "theme", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    for column in ("counsellor_id", "place_organization_id", "start_at", "status", "theme_id"):
        _index("meeting", column)
    op.create_table(
        "meeting_subject",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        _fk("meeting_subject", "meeting_id", "meeting", "CASCADE"),
        _fk("meeting_subject", "subject_id", "subject", "CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "subject_id", name=op.f("pk_meeting_subject")),
    )
    op.create_table(
        "meeting_partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        *_stamps(),
        _fk("meeting_partner", "meeting_id", "meeting", "CASCADE"),
        _fk("meeting_partner", "organization_id", "organization", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_partner")),
        sa.UniqueConstraint(
            "meeting_id", "organization_id", name=op.f("uq_meeting_partner_meeting_id")
        ),
    )
    _index("meeting_partner", "organization_id")
    op.create_table(
        "meeting_speaker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("topic", sa.String(length=250), nullable=True),
        *_stamps(),
        _fk("meeting_speaker", "contact_id", "contact", "SET NULL"),
        _fk("meeting_speaker", "meeting_id", "meeting", "CASCADE"),
        _fk("meeting_speaker", "organization_id", "organization", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_speaker")),
    )
    for column in ("contact_id", "meeting_id", "organization_id"):
        _index("meeting_speaker", column)
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column(
            "channel",
            _enum("channel", "desk", "phone", "email", "meeting", "partner", "mail"),
            nullable=False,
        ),
        sa.Column("sent_on", sa.Date(), nullable=False),
        *_stamps(),
        _fk("invitation", "contact_id", "contact", "CASCADE"),
        _fk("invitation", "meeting_id", "meeting", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint(
            "meeting_id", "contact_id", "channel", name=op.f("uq_invitation_meeting_id")
        ),
    )
    _index("invitation", "contact_id")
    op.create_table(
        "registration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            _enum(
                "registrationstatus",
                "registered",
                "waiting",
                "cancelled",
                "present",
                "excused",
                "absent",
            ),
            nullable=False,
        ),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("walk_in", sa.Boolean(), nullable=False),
        sa.Column("waiting_position", sa.Integer(), nullable=True),
        *_stamps(),
        _fk("registration", "contact_id", "contact", "CASCADE"),
        _fk("registration", "meeting_id", "meeting", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration")),
        sa.UniqueConstraint("meeting_id", "contact_id", name=op.f("uq_registration_meeting_id")),
    )
    _index("registration", "contact_id")

    # Plain ALTER TABLE, no batch copy: contact and organization carry the search triggers of
    # 0003, and a copy of inquiry would cascade-delete its needs (foreign keys stay on).
    op.add_column("contact", sa.Column("opposed_on", sa.Date(), nullable=True))
    op.add_column(
        "organization",
        sa.Column("do_not_contact", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a foreign key only inline, as a column constraint (which it can drop).
        op.execute(
            "ALTER TABLE inquiry ADD COLUMN meeting_id INTEGER "
            "REFERENCES meeting (id) ON DELETE SET NULL"
        )
    else:
        op.add_column("inquiry", sa.Column("meeting_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_inquiry_meeting_id_meeting"),
            "inquiry",
            "meeting",
            ["meeting_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _index("inquiry", "meeting_id")


def downgrade() -> None:
    op.drop_index(op.f("ix_inquiry_meeting_id"), table_name="inquiry")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_inquiry_meeting_id_meeting"), "inquiry", type_="foreignkey")
    op.drop_column("inquiry", "meeting_id")
    op.drop_column("organization", "do_not_contact")
    op.drop_column("contact", "opposed_on")
    for table in (
        "registration",
        "invitation",
        "meeting_speaker",
        "meeting_partner",
        "meeting_subject",
        "meeting",
    ):
        op.drop_table(table)

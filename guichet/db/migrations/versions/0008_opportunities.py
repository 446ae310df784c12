"""business opportunities: lots and requirements, documents, relays, answers, groupements

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-05 09:55:15.702339
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None

LETTER_KINDS = ("to_company", "to_partner", "follow_up", "invitation")


def _widen_letter_kinds(kinds: tuple[str, ...]) -> None:
    """Letters of a relay get a kind of their own: the CHECK on ``letter.kind`` follows."""
    allowed = ", ".join(f"'{kind}'" for kind in kinds)
    with op.batch_alter_table("letter", recreate="auto") as batch_op:
        batch_op.drop_constraint(op.f("ck_letter_letterkind"), type_="check")
        batch_op.create_check_constraint("letterkind", sa.text(f"kind IN ({allowed})"))


def upgrade() -> None:
    _widen_letter_kinds((*LETTER_KINDS, "opportunity"))
    op.create_table(
        "opportunity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "public_tender",
                "private_consultation",
                "partner_tip",
                name="opportunitysource",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("buyer_id", sa.Integer(), nullable=True),
        sa.Column("reported_by_id", sa.Integer(), nullable=True),
        sa.Column("buyer_reference", sa.String(length=80), nullable=True),
        sa.Column("title", sa.String(length=250), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("commune_insee", sa.String(length=5), nullable=True),
        sa.Column("estimated_value", sa.BigInteger(), nullable=True),
        sa.Column("sector_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("answer_deadline", sa.DateTime(), nullable=True),
        sa.Column("questions_deadline", sa.DateTime(), nullable=True),
        sa.Column("counsellor_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "closed",
                name="opportunitystatus",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "outcome",
            sa.Enum(
                "awarded",
                "no_follow_up",
                name="opportunityoutcome",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("awarded_amount", sa.BigInteger(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["buyer_id"],
            ["organization.id"],
            name=op.f("fk_opportunity_buyer_id_organization"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_opportunity_counsellor_id_counsellor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reported_by_id"],
            ["organization.id"],
            name=op.f("fk_opportunity_reported_by_id_organization"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sector.id"],
            name=op.f("fk_opportunity_sector_id_sector"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity")),
    )
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opportunity_answer_deadline"), ["answer_deadline"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_opportunity_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_opportunity_received_at"), ["received_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_opportunity_sector_id"), ["sector_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_opportunity_status"), ["status"], unique=False)

    op.create_table(
        "groupement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column(
            "form",
            sa.Enum(
                "joint",
                "several",
                name="groupementform",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("mandataire_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("counsellor_id", sa.Integer(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_groupement_counsellor_id_counsellor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mandataire_id"],
            ["organization.id"],
            name=op.f("fk_groupement_mandataire_id_organization"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_groupement_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groupement")),
    )
    with op.batch_alter_table("groupement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_groupement_opportunity_id"), ["opportunity_id"], unique=False
        )

    op.create_table(
        "lot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=250), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("estimated_value", sa.BigInteger(), nullable=True),
        sa.Column("min_headcount_band", sa.String(length=2), nullable=True),
        sa.Column("max_headcount_band", sa.String(length=2), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_lot_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lot")),
        sa.UniqueConstraint("opportunity_id", "number", name=op.f("uq_lot_opportunity_id")),
    )
    with op.batch_alter_table("lot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lot_opportunity_id"), ["opportunity_id"], unique=False)

    op.create_table(
        "opportunity_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=250), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("file_data", sa.LargeBinary(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_opportunity_document_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_document")),
    )
    with op.batch_alter_table("opportunity_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opportunity_document_opportunity_id"), ["opportunity_id"], unique=False
        )

    op.create_table(
        "groupement_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("share", sa.Text(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupement.id"],
            name=op.f("fk_groupement_member_groupement_id_groupement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_groupement_member_organization_id_organization"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groupement_member")),
        sa.UniqueConstraint(
            "groupement_id", "organization_id", name=op.f("uq_groupement_member_groupement_id")
        ),
    )
    with op.batch_alter_table("groupement_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_groupement_member_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_groupement_member_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "lot_capability",
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("capability_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["capability_id"],
            ["capability.id"],
            name=op.f("fk_lot_capability_capability_id_capability"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lot_id"], ["lot.id"], name=op.f("fk_lot_capability_lot_id_lot"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("lot_id", "capability_id", name=op.f("pk_lot_capability")),
    )
    op.create_table(
        "lot_certification",
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("certification_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["certification_id"],
            ["certification.id"],
            name=op.f("fk_lot_certification_certification_id_certification"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lot_id"], ["lot.id"], name=op.f("fk_lot_certification_lot_id_lot"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("lot_id", "certification_id", name=op.f("pk_lot_certification")),
    )
    op.create_table(
        "opportunity_award",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupement.id"],
            name=op.f("fk_opportunity_award_groupement_id_groupement"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["lot_id"],
            ["lot.id"],
            name=op.f("fk_opportunity_award_lot_id_lot"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_opportunity_award_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_opportunity_award_organization_id_organization"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_award")),
    )
    with op.batch_alter_table("opportunity_award", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opportunity_award_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_opportunity_award_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "groupement_member_lot",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lot_id"],
            ["lot.id"],
            name=op.f("fk_groupement_member_lot_lot_id_lot"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["groupement_member.id"],
            name=op.f("fk_groupement_member_lot_member_id_groupement_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "lot_id", name=op.f("pk_groupement_member_lot")),
    )
    op.create_table(
        "opportunity_relay",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("relayed_at", sa.DateTime(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "desk",
                "phone",
                "email",
                "meeting",
                "partner",
                "mail",
                name="channel",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("letter_id", sa.Integer(), nullable=True),
        sa.Column("counsellor_id", sa.Integer(), nullable=True),
        sa.Column("last_reminder_at", sa.DateTime(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_opportunity_relay_contact_id_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_opportunity_relay_counsellor_id_counsellor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letter.id"],
            name=op.f("fk_opportunity_relay_letter_id_letter"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_opportunity_relay_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_opportunity_relay_organization_id_organization"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_relay")),
    )
    with op.batch_alter_table("opportunity_relay", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opportunity_relay_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_opportunity_relay_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_opportunity_relay_relayed_at"), ["relayed_at"], unique=False
        )

    op.create_table(
        "opportunity_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("relay_id", sa.Integer(), nullable=True),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "interested",
                "not_interested",
                "sole_candidate",
                "group_candidate",
                "retained",
                "not_retained",
                name="answerstatus",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("counsellor_id", sa.Integer(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellor.id"],
            name=op.f("fk_opportunity_answer_counsellor_id_counsellor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupement.id"],
            name=op.f("fk_opportunity_answer_groupement_id_groupement"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["lot_id"],
            ["lot.id"],
            name=op.f("fk_opportunity_answer_lot_id_lot"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_opportunity_answer_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_opportunity_answer_organization_id_organization"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["relay_id"],
            ["opportunity_relay.id"],
            name=op.f("fk_opportunity_answer_relay_id_opportunity_relay"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_answer")),
    )
    with op.batch_alter_table("opportunity_answer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opportunity_answer_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_opportunity_answer_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_opportunity_answer_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("opportunity_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_answer_status"))
        batch_op.drop_index(batch_op.f("ix_opportunity_answer_organization_id"))
        batch_op.drop_index(batch_op.f("ix_opportunity_answer_opportunity_id"))

    op.drop_table("opportunity_answer")
    with op.batch_alter_table("opportunity_relay", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_relay_relayed_at"))
        batch_op.drop_index(batch_op.f("ix_opportunity_relay_organization_id"))
        batch_op.drop_index(batch_op.f("ix_opportunity_relay_opportunity_id"))

    op.drop_table("opportunity_relay")
    op.drop_table("groupement_member_lot")
    with op.batch_alter_table("opportunity_award", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_award_organization_id"))
        batch_op.drop_index(batch_op.f("ix_opportunity_award_opportunity_id"))

    op.drop_table("opportunity_award")
    op.drop_table("lot_certification")
    op.drop_table("lot_capability")
    with op.batch_alter_table("groupement_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_groupement_member_organization_id"))
        batch_op.drop_index(batch_op.f("ix_groupement_member_groupement_id"))

    op.drop_table("groupement_member")
    with op.batch_alter_table("opportunity_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_document_opportunity_id"))

    op.drop_table("opportunity_document")
    with op.batch_alter_table("lot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lot_opportunity_id"))

    op.drop_table("lot")
    with op.batch_alter_table("groupement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_groupement_opportunity_id"))

    op.drop_table("groupement")
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_status"))
        batch_op.drop_index(batch_op.f("ix_opportunity_sector_id"))
        batch_op.drop_index(batch_op.f("ix_opportunity_received_at"))
        batch_op.drop_index(batch_op.f("ix_opportunity_buyer_id"))
        batch_op.drop_index(batch_op.f("ix_opportunity_answer_deadline"))

    op.drop_table("opportunity")
    # The relays' letters leave with the relays: the narrower CHECK would refuse them.
    op.execute("DELETE FROM letter WHERE kind = 'opportunity'")
    _widen_letter_kinds(LETTER_KINDS)

"""implantation projects and sites: projects, events, partners, business parks, sites,
attachments and propositions (new tables only; nothing existing changes)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 09:54:58.822069
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "business_park",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("commune_code", sa.String(length=5), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_park")),
        sa.UniqueConstraint("name", name=op.f("uq_business_park_name")),
    )
    op.create_table(
        "site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("park_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "plot",
                "building",
                name="sitekind",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("surface_m2", sa.Integer(), nullable=False),
        sa.Column("available_on", sa.Date(), nullable=True),
        sa.Column("price_eur", sa.BigInteger(), nullable=True),
        sa.Column("rent_eur_month", sa.Integer(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("zoning", sa.String(length=60), nullable=True),
        sa.Column("has_rail", sa.Boolean(), nullable=False),
        sa.Column("has_port", sa.Boolean(), nullable=False),
        sa.Column("power_mw", sa.Float(), nullable=True),
        sa.Column("has_fibre", sa.Boolean(), nullable=False),
        sa.Column("has_hydrogen", sa.Boolean(), nullable=False),
        sa.Column("has_gas", sa.Boolean(), nullable=False),
        sa.Column("has_water", sa.Boolean(), nullable=False),
        sa.Column("accepts_classified", sa.Boolean(), nullable=False),
        sa.Column("commune_code", sa.String(length=5), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
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
            ["park_id"],
            ["business_park.id"],
            name=op.f("fk_site_park_id_business_park"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
    )
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_site_park_id"), ["park_id"], unique=False)

    op.create_table(
        "site_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=250), nullable=False),
        sa.Column("caption", sa.String(length=250), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
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
            ["site_id"],
            ["site.id"],
            name=op.f("fk_site_attachment_site_id_site"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_attachment")),
    )
    with op.batch_alter_table("site_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_site_attachment_site_id"), ["site_id"], unique=False)

    op.create_table(
        "implantation_project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_name", sa.String(length=80), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("company_name", sa.String(length=250), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "inquiry",
                "partner",
                "direct",
                name="projectsource",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("source_inquiry_id", sa.Integer(), nullable=True),
        sa.Column("source_partner_id", sa.Integer(), nullable=True),
        sa.Column("sector", sa.String(length=120), nullable=True),
        sa.Column("naf_code", sa.String(length=6), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("land_m2", sa.Integer(), nullable=True),
        sa.Column("building_m2", sa.Integer(), nullable=True),
        sa.Column(
            "building_type",
            sa.Enum(
                "industrial",
                "logistics",
                "workshop",
                "offices",
                name="buildingtype",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("needed_by", sa.Date(), nullable=True),
        sa.Column(
            "classification",
            sa.Enum(
                "none",
                "icpe_declaration",
                "icpe_registration",
                "icpe_authorisation",
                "seveso_low",
                "seveso_high",
                name="classification",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("needs_rail", sa.Boolean(), nullable=False),
        sa.Column("needs_port", sa.Boolean(), nullable=False),
        sa.Column("power_mw", sa.Float(), nullable=True),
        sa.Column("needs_gas", sa.Boolean(), nullable=False),
        sa.Column("needs_hydrogen", sa.Boolean(), nullable=False),
        sa.Column("needs_water", sa.Boolean(), nullable=False),
        sa.Column("continuous_operation", sa.Boolean(), nullable=False),
        sa.Column("jobs_3y", sa.Integer(), nullable=True),
        sa.Column("investment_eur", sa.BigInteger(), nullable=True),
        sa.Column(
            "stage",
            sa.Enum(
                "first_contact",
                "qualification",
                "site_search",
                "proposals",
                "visits",
                "decision",
                "established",
                "lost",
                "abandoned",
                name="projectstage",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("stage_since", sa.Date(), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("closed_reason", sa.Text(), nullable=True),
        sa.Column("next_action", sa.String(length=250), nullable=True),
        sa.Column("next_action_on", sa.Date(), nullable=True),
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
            name=op.f("fk_implantation_project_counsellor_id_counsellor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_implantation_project_organization_id_organization"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_inquiry_id"],
            ["inquiry.id"],
            name=op.f("fk_implantation_project_source_inquiry_id_inquiry"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_partner_id"],
            ["organization.id"],
            name=op.f("fk_implantation_project_source_partner_id_organization"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_implantation_project")),
        sa.UniqueConstraint("code_name", name=op.f("uq_implantation_project_code_name")),
    )
    with op.batch_alter_table("implantation_project", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_implantation_project_counsellor_id"), ["counsellor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_implantation_project_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_implantation_project_source_inquiry_id"),
            ["source_inquiry_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_implantation_project_stage"), ["stage"], unique=False)

    op.create_table(
        "project_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("counsellor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("old_stage", sa.String(length=24), nullable=True),
        sa.Column("new_stage", sa.String(length=24), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
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
            name=op.f("fk_project_event_counsellor_id_counsellor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["implantation_project.id"],
            name=op.f("fk_project_event_project_id_implantation_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_event")),
    )
    with op.batch_alter_table("project_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_event_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "proposition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "visited",
                "retained",
                "rejected",
                name="propositionstatus",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("visit_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
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
            ["project_id"],
            ["implantation_project.id"],
            name=op.f("fk_proposition_project_id_implantation_project"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_proposition_site_id_site"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposition")),
        sa.UniqueConstraint("project_id", "site_id", name=op.f("uq_proposition_project_id")),
    )
    with op.batch_alter_table("proposition", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposition_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposition_site_id"), ["site_id"], unique=False)

    op.create_table(
        "project_partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=120), nullable=True),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
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
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_project_partner_organization_id_organization"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["implantation_project.id"],
            name=op.f("fk_project_partner_project_id_implantation_project"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referral.id"],
            name=op.f("fk_project_partner_referral_id_referral"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_partner")),
        sa.UniqueConstraint(
            "project_id", "organization_id", name=op.f("uq_project_partner_project_id")
        ),
    )
    with op.batch_alter_table("project_partner", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_partner_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_project_partner_project_id"), ["project_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("project_partner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_partner_project_id"))
        batch_op.drop_index(batch_op.f("ix_project_partner_organization_id"))

    op.drop_table("project_partner")
    with op.batch_alter_table("proposition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposition_site_id"))
        batch_op.drop_index(batch_op.f("ix_proposition_project_id"))

    op.drop_table("proposition")
    with op.batch_alter_table("project_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_event_project_id"))

    op.drop_table("project_event")
    with op.batch_alter_table("implantation_project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_implantation_project_stage"))
        batch_op.drop_index(batch_op.f("ix_implantation_project_source_inquiry_id"))
        batch_op.drop_index(batch_op.f("ix_implantation_project_organization_id"))
        batch_op.drop_index(batch_op.f("ix_implantation_project_counsellor_id"))

    op.drop_table("implantation_project")
    with op.batch_alter_table("site_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_site_attachment_site_id"))

    op.drop_table("site_attachment")
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_site_park_id"))

    op.drop_table("site")
    op.drop_table("business_park")

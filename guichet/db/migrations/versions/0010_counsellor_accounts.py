"""counsellor accounts: role, argon2 password hash, operating-system user, last sign-in; the
audit trail's actions gain export, read (access log) and anonymise

Existing counsellors keep no role: accounts stay off (every action allowed, as before) until
an administrateur gives roles (guichet/services/permissions.py).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

OLD_ACTIONS = ("insert", "update", "delete", "merge")
NEW_ACTIONS = (*OLD_ACTIONS, "export", "read", "anonymise")


def _action_type(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values, name="auditaction", native_enum=False, create_constraint=True, length=24
    )


def _swap_actions(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column(
            "action", existing_type=_action_type(old), type_=_action_type(new), nullable=False
        )


def upgrade() -> None:
    with op.batch_alter_table("counsellor", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "role",
                sa.Enum(
                    "conseiller",
                    "responsable",
                    "administrateur",
                    name="role",
                    native_enum=False,
                    create_constraint=True,
                    length=24,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("password_hash", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("os_user", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("last_sign_in", sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_counsellor_os_user"), ["os_user"])
    _swap_actions(OLD_ACTIONS, NEW_ACTIONS)


def downgrade() -> None:
    op.execute("DELETE FROM audit_entry WHERE action IN ('export', 'read', 'anonymise')")
    _swap_actions(NEW_ACTIONS, OLD_ACTIONS)
    with op.batch_alter_table("counsellor", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_counsellor_os_user"), type_="unique")
        batch_op.drop_constraint(batch_op.f("ck_counsellor_role"), type_="check")
        batch_op.drop_column("last_sign_in")
        batch_op.drop_column("os_user")
        batch_op.drop_column("password_hash")
        batch_op.drop_column("role")

"""case events and payments (the case process)

Revision ID: 0003_case_workflow
Revises: 0002_users_audit, 0002_cases (merges the two: the tables refer to app users' names and reward_case)
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_case_workflow"
down_revision = ("0002_users_audit", "0002_cases")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("from_state", sa.String(length=30), nullable=False),
        sa.Column("to_state", sa.String(length=30), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["reward_case.id"], name=op.f("fk_case_event_case_id_reward_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_event")),
    )
    op.create_index(op.f("ix_case_event_case_id"), "case_event", ["case_id"])
    op.create_table(
        "case_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.String(length=30), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("voucher", sa.String(length=100), nullable=False),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["reward_case.id"], name=op.f("fk_case_payment_case_id_reward_case")
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id"], ["case_payment.id"], name=op.f("fk_case_payment_reverses_id_case_payment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_payment")),
    )
    op.create_index(op.f("ix_case_payment_case_id"), "case_payment", ["case_id"])


def downgrade() -> None:
    op.drop_table("case_payment")
    op.drop_table("case_event")

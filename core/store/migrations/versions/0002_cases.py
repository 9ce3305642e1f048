"""reward cases and policy snapshots

Revision ID: 0002_cases
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_cases"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "policy_snapshot",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("policy_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_policy_snapshot")),
    )
    op.create_index(op.f("ix_policy_snapshot_policy_id"), "policy_snapshot", ["policy_id"])
    op.create_table(
        "reward_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("title_id", sa.Integer(), nullable=False),
        sa.Column("title_kind", sa.String(length=20), nullable=False),
        sa.Column("policy_id", sa.String(length=100), nullable=False),
        sa.Column("policy_sha256", sa.String(length=64), nullable=False),
        sa.Column("city_reward", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("city_reward_source", sa.String(length=20), nullable=False),
        sa.Column("city_reward_reason", sa.Text(), nullable=False),
        sa.Column("schedule_sha256", sa.String(length=64), nullable=True),
        sa.Column("province_match", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("total", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("cap", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("failures", sa.Text(), nullable=False),
        sa.Column("trace", sa.Text(), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=False),
        sa.Column("exclusion_hits", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("frozen", sa.Boolean(), nullable=False),
        sa.Column("frozen_at", sa.DateTime(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"], ["enterprise.id"], name=op.f("fk_reward_case_enterprise_id_enterprise")
        ),
        sa.ForeignKeyConstraint(
            ["title_id"], ["national_title.id"], name=op.f("fk_reward_case_title_id_national_title")
        ),
        sa.ForeignKeyConstraint(
            ["policy_sha256"],
            ["policy_snapshot.sha256"],
            name=op.f("fk_reward_case_policy_sha256_policy_snapshot"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_case")),
    )
    op.create_index(op.f("ix_reward_case_enterprise_id"), "reward_case", ["enterprise_id"])
    op.create_index(op.f("ix_reward_case_title_id"), "reward_case", ["title_id"])
    op.create_index(op.f("ix_reward_case_status"), "reward_case", ["status"])
    op.create_index("ix_reward_case_enterprise_policy", "reward_case", ["enterprise_id", "policy_id"])


def downgrade() -> None:
    op.drop_table("reward_case")
    op.drop_table("policy_snapshot")

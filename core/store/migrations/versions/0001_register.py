"""enterprise and national-title register

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enterprise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=18), nullable=False),
        sa.Column("code_override_reason", sa.Text(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_norm", sa.String(length=200), nullable=False),
        sa.Column("former_names", sa.Text(), nullable=False),
        sa.Column("district", sa.String(length=50), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("legal_rep", sa.String(length=50), nullable=False),
        sa.Column("contact_person", sa.String(length=50), nullable=False),
        sa.Column("contact_phone", sa.String(length=50), nullable=False),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("field_reason", sa.Text(), nullable=False),
        sa.Column("reg_status", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise")),
        sa.UniqueConstraint("code", name=op.f("uq_enterprise_code")),
    )
    op.create_index("ix_enterprise_search", "enterprise", ["name_norm", "id", "search_text"])
    op.create_index(op.f("ix_enterprise_district"), "enterprise", ["district"])
    op.create_index(op.f("ix_enterprise_field"), "enterprise", ["field"])
    op.create_table(
        "national_title",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("champion_type", sa.String(length=20), nullable=True),
        sa.Column("product", sa.String(length=200), nullable=False),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.Column("recognized_on", sa.Date(), nullable=False),
        sa.Column("recognized_year", sa.Integer(), nullable=False),
        sa.Column("doc_no", sa.String(length=100), nullable=False),
        sa.Column("re_review", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=True),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"], ["enterprise.id"], name=op.f("fk_national_title_enterprise_id_enterprise")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_national_title")),
    )
    op.create_index("ix_national_title_enterprise_status", "national_title", ["enterprise_id", "status"])
    op.create_index("ix_national_title_kind_year", "national_title", ["kind", "recognized_year"])


def downgrade() -> None:
    op.drop_table("national_title")
    op.drop_table("enterprise")

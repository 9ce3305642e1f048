"""issued documents, 文号 sequence, bureau settings

Revision ID: 0002_documents
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_documents"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bureau_setting",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_bureau_setting")),
    )
    op.create_table(
        "doc_sequence",
        sa.Column("prefix", sa.String(length=50), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("next_no", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", "year", name=op.f("pk_doc_sequence")),
    )
    op.create_table(
        "issued_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(length=30), nullable=False),
        sa.Column("case_ids", sa.Text(), nullable=False),
        sa.Column("doc_no", sa.String(length=100), nullable=True),
        sa.Column("doc_prefix", sa.String(length=50), nullable=False),
        sa.Column("doc_year", sa.Integer(), nullable=True),
        sa.Column("doc_number", sa.Integer(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("verification", sa.String(length=16), nullable=False),
        sa.Column("issued_by", sa.String(length=100), nullable=False),
        sa.Column("issued_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_document")),
        sa.UniqueConstraint("doc_no", name=op.f("uq_issued_document_doc_no")),
    )
    op.create_index(op.f("ix_issued_document_verification"), "issued_document", ["verification"])
    op.create_index("ix_issued_document_type_cases", "issued_document", ["doc_type", "case_ids"])


def downgrade() -> None:
    op.drop_table("issued_document")
    op.drop_table("doc_sequence")
    op.drop_table("bureau_setting")

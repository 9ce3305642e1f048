"""the audit chain's hash algorithm, kept on its head row (sha256, or sm3 chosen before the first entry)

Revision ID: 0006_audit_algorithm
Revises: 0005_calendar
Create Date: 2026-12-04

Existing chains were all hashed with SHA-256: the column's default says so.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_audit_algorithm"
down_revision = "0005_calendar"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(
            sa.Column("algorithm", sa.String(length=20), nullable=False, server_default="sha256")
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("algorithm")

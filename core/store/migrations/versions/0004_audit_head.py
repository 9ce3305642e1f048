"""the audit chain's head: entry count, last id and hash, kept with every append

Revision ID: 0004_audit_head
Revises: 0003_case_workflow
Create Date: 2026-11-22

An existing database gets its head from its entries as they are now (verify then checks the chain from here
on, including the deletion of its last entries).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_audit_head"
down_revision = "0003_case_workflow"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    conn = op.get_bind()
    count = conn.execute(sa.text("SELECT COUNT(*) FROM audit_entry")).scalar_one()
    last = conn.execute(sa.text("SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1")).first()
    op.bulk_insert(
        head,
        [
            {
                "id": 1,
                "entries": int(count),
                "last_id": int(last[0]) if last else 0,
                "last_hash": str(last[1]) if last else GENESIS,
            }
        ],
    )


def downgrade() -> None:
    op.drop_table("audit_head")

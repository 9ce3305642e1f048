"""The audit trail (migration 0002_users_audit): append-only, each entry hash-chained to the one before."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.store.models import Base, now


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_entity", "entity", "entity_id"),)

    # The position in the chain; entries are only ever appended.
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=now)
    actor: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(30))
    # Canonical JSON {field: [before, after]}
    changes: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's end, one row (id 1) kept in step with every append in the same transaction (migration
    0004_audit_head): how many entries there are, the last one's id and hash, and the hash algorithm. Without it nothing would
    follow the last entry, and deleting it would leave a shorter chain that still verifies."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entries: Mapped[int] = mapped_column(Integer)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
    # The chain's hash function (migration 0006_audit_algorithm): "sha256", or "sm3" (GB/T 32905) chosen for a
    # new database before its first entry (`audit algorithm sm3`). Every entry of one chain uses the same.
    algorithm: Mapped[str] = mapped_column(String(20), default="sha256", server_default="sha256")

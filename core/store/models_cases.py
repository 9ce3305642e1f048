"""Reward cases and the policy files their amounts were computed under (migration 0002_cases).

Amounts are NUMERIC(14,2) read back as `Decimal`. SQLite has no native decimal: `Money` hands it the exact
text and reads the stored number back (asdecimal=False) through its shortest decimal form (exact for 14 significant digits),
so no float ever reaches a service. PostgreSQL stores and returns NUMERIC natively.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    TypeDecorator,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeEngine

from core.store.models import Base, now

CENT = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """NUMERIC(14,2) ⇄ Decimal with two places, exact on SQLite and PostgreSQL."""

    impl = Numeric(14, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            # the column is declared NUMERIC(14,2) by the migration; read the raw value without SQLAlchemy's
            # float-based Decimal conversion (and its warning)
            return dialect.type_descriptor(Numeric(14, 2, asdecimal=False))
        return dialect.type_descriptor(Numeric(14, 2, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        amount = Decimal(value).quantize(CENT)
        return f"{amount:.2f}" if dialect.name == "sqlite" else amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)).quantize(CENT)


class PolicySnapshot(Base):
    """The exact bytes of a policy (or city schedule) file some amount was computed under, by content hash."""

    __tablename__ = "policy_snapshot"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    policy_id: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    source: Mapped[str] = mapped_column(String(300), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    stored_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, server_default=func.current_timestamp()
    )


class RewardCase(Base):
    __tablename__ = "reward_case"
    __table_args__ = (Index("ix_reward_case_enterprise_policy", "enterprise_id", "policy_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    title_id: Mapped[int] = mapped_column(ForeignKey("national_title.id"), index=True)
    title_kind: Mapped[str] = mapped_column(String(20))
    policy_id: Mapped[str] = mapped_column(String(100))
    policy_sha256: Mapped[str] = mapped_column(ForeignKey("policy_snapshot.sha256"))
    # None: not decided yet. `schedule` (the city's reward schedule) or `override` (with a reason).
    city_reward: Mapped[Decimal | None] = mapped_column(Money())
    city_reward_source: Mapped[str] = mapped_column(String(20), default="schedule")
    city_reward_reason: Mapped[str] = mapped_column(Text, default="")
    schedule_sha256: Mapped[str | None] = mapped_column(String(64))
    province_match: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())
    cap: Mapped[Decimal] = mapped_column(Money())
    eligible: Mapped[bool] = mapped_column(Boolean)
    failures: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{rule, reason}]
    trace: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{step, value, reference, quote}]
    inputs: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the engine input (reward compute shape)
    exclusion_hits: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of exclusion item keys
    status: Mapped[str] = mapped_column(String(30), default="draft", index=True)
    decided_on: Mapped[date | None] = mapped_column(Date)
    frozen: Mapped[bool] = mapped_column(Boolean, default=False)
    frozen_at: Mapped[datetime | None] = mapped_column(DateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, onupdate=now, server_default=func.current_timestamp()
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative form

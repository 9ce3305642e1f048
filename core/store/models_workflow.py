"""The case process's own records (migration 0003_case_workflow): every transition a case went through, and
the payments on its money lines. Both are append-only: a wrong payment is corrected by a reversing record."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.store.models import Base, now
from core.store.models_cases import Money


class CaseEvent(Base):
    """One step of a case: who took it, when, from which state to which, with the facts stated (JSON)."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reward_case.id"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(50))
    at: Mapped[datetime] = mapped_column(DateTime, default=now)
    facts: Mapped[str] = mapped_column(Text, default="{}")


class CasePayment(Base):
    """Money on one line of a case: `city_paid` (city → enterprise), `province_received` (province → the
    bureau), `province_paid` (bureau → enterprise). A negative amount with `reverses_id` is a correction."""

    __tablename__ = "case_payment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reward_case.id"), index=True)
    line: Mapped[str] = mapped_column(String(30))
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())
    voucher: Mapped[str] = mapped_column(String(100))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("case_payment.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(50))
    at: Mapped[datetime] = mapped_column(DateTime, default=now)

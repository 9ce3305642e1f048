"""Budget lines per fiscal year (migration 0002_budget): the city's reward budget and the provincial matching
funds (expected; allocated by the province with its notice 文号 and date). What is committed, paid and received
is computed from the cases and their payments (core.services.budget), never stored twice."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.store.models import Base, now
from core.store.models_cases import Money

CITY = "city"
PROVINCE = "province"


class BudgetLine(Base):
    """One line of one fiscal year. `amount` is the city's budget, or for the province the amount expected;
    `allocated` is what the province allocated by its notice (`notice_no`, `notice_date`)."""

    __tablename__ = "budget_line"
    __table_args__ = (UniqueConstraint("year", "line", name="uq_budget_line_year_line"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    line: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money())
    allocated: Mapped[Decimal | None] = mapped_column(Money())
    notice_no: Mapped[str] = mapped_column(String(100), default="")
    notice_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(50), default="system")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)

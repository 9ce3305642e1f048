"""The holiday schedules an administrator added (migration 0005_calendar): one row per year, from the State
Council's notice (国务院办公厅关于××年部分节假日安排的通知) with its 文号. Dates are stored as JSON lists of ISO
dates (a year has a few dozen); `core.services.calendar` validates them and builds the `WorkCalendar`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.store.models import Base, now


class CalendarYear(Base):
    """One year's holidays and 调休 workdays; re-importing the year replaces its row (audited before/after)."""

    __tablename__ = "calendar_year"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    doc_no: Mapped[str] = mapped_column(String(200))
    holidays: Mapped[str] = mapped_column(Text)  # JSON list of ISO dates, sorted
    workdays: Mapped[str] = mapped_column(Text)  # JSON list of ISO dates, sorted (Saturdays/Sundays)
    added_by: Mapped[str] = mapped_column(String(50))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=now)

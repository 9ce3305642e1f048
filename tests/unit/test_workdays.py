"""Working days on the official calendar, across the 2025 National Day holiday and its make-up days."""

from __future__ import annotations

from datetime import date

import pytest

from core.domain.workdays import (
    WorkdayCalendarError,
    add_working_days,
    is_working_day,
    next_working_day,
    period_end,
)


def test_national_day_2025_is_off_and_make_up_days_are_worked() -> None:
    for day in range(1, 9):
        assert not is_working_day(date(2025, 10, day))
    assert is_working_day(date(2025, 9, 28))  # Sunday, make-up workday
    assert is_working_day(date(2025, 10, 11))  # Saturday, make-up workday
    assert not is_working_day(date(2025, 10, 12))  # ordinary Sunday
    assert is_working_day(date(2025, 10, 9))


def test_add_working_days_skips_the_holiday_and_counts_the_make_up_days() -> None:
    assert add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)  # Fri → make-up Sunday
    assert add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert add_working_days(date(2025, 9, 30), 3) == date(2025, 10, 11)  # 9th, 10th, Sat 11th
    assert add_working_days(date(2025, 9, 30), 4) == date(2025, 10, 13)
    assert add_working_days(date(2025, 10, 20), 0) == date(2025, 10, 20)


def test_publicity_period_end_counts_the_start_day() -> None:
    assert period_end(date(2025, 10, 20), 5) == date(2025, 10, 24)
    # 9-30, then 10-9, 10-10, 10-11 (Sat, worked), 10-13
    assert period_end(date(2025, 9, 30), 5) == date(2025, 10, 13)
    # A start inside the holiday begins on the first working day after it.
    assert next_working_day(date(2025, 10, 3)) == date(2025, 10, 9)
    assert period_end(date(2025, 10, 3), 1) == date(2025, 10, 9)


def test_unknown_year_is_a_clear_error() -> None:
    with pytest.raises(WorkdayCalendarError, match="2035年"):
        is_working_day(date(2035, 3, 1))
    with pytest.raises(ValueError):
        add_working_days(date(2025, 1, 1), -1)

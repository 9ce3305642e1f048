"""Working days on the official Chinese holiday calendar, with 调休 make-up workdays (chinese-calendar).

The calendar is published year by year by the State Council; the `chinese-calendar` package carries the years
it knows. A date outside them raises WorkdayCalendarError naming the year, instead of guessing.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar  # type: ignore[import-untyped]  # the package ships no type hints


class WorkdayCalendarError(ValueError):
    """The holiday calendar for this year is not known (update the chinese-calendar package)."""


def is_working_day(day: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        raise WorkdayCalendarError(
            f"缺少{day.year}年的法定节假日安排，无法计算工作日（{day.isoformat()}）。"
            "请升级 chinese-calendar 组件，或在国务院公布该年安排后再试。"
        ) from None


def add_working_days(start: date, n: int) -> date:
    """The date `n` working days after `start` (start itself not counted); n = 0 gives `start`."""
    if n < 0:
        raise ValueError("工作日数不能为负数。")
    day = start
    left = n
    while left:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def next_working_day(day: date) -> date:
    """`day` if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def period_end(start: date, n: int) -> date:
    """The last day of a period of `n` working days beginning on `start` (counted if it is a working day;
    a start on a holiday moves to the next working day). A 5-day 公示 from Mon 2025-10-20 ends Fri 10-24."""
    if n < 1:
        raise ValueError("期限至少为1个工作日。")
    return add_working_days(next_working_day(start), n - 1)

"""Working days on the official Chinese holiday calendar, with 调休 make-up workdays.

The State Council publishes each year's schedule (国务院办公厅关于××年部分节假日安排的通知) around November of
the year before; the `chinese-calendar` package carries the years it knows (1.11: 2004–2026) and lags behind.
So the calendar is data: a `WorkCalendar` holds the years an administrator added from the notice (with its
文号, stored by `core.services.calendar`) on top of the package's years. **An added year overrides the
package's year**: it records the official notice the administrator read, and lets a wrong or late package year
be corrected without a new release.

A day is a working day when it is a 调休 workday of its year, or a Monday–Friday that is not a holiday of its
year. A period reaching a year that neither source knows raises `WorkdayCalendarError` naming the year and how
to add it, instead of guessing. `PeriodCount.text` says how a period was counted (which days were skipped,
which 调休 days were counted), for everywhere its end date is shown.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from chinese_calendar import constants as _package  # type: ignore[import-untyped]  # the package ships no type hints

PACKAGE = "package"  # a year from the chinese-calendar package
ADDED = "added"  # a year an administrator added from the State Council's notice
WEEKDAYS = "一二三四五六日"
MAX_PERIOD = 366  # working days: a guard against a runaway count, far beyond any 公示


class WorkdayCalendarError(ValueError):
    """The holiday calendar for a year is not known: `year` names it; the message says how to add it."""

    def __init__(self, message: str, year: int | None = None) -> None:
        super().__init__(message)
        self.year = year


def missing_year_message(year: int, day: date | None = None) -> str:
    at = f"（{cn_date(day)}）" if day is not None else ""
    return (
        f"缺少{year}年的法定节假日安排，无法计算工作日{at}。"
        f"请管理员依据《国务院办公厅关于{year}年部分节假日安排的通知》，在“设置 → 工作日历”中点“导入节假日安排…”"
        f"添加{year}年（或在命令行运行 main.py calendar import 文件.toml），然后再试。"
    )


def cn_date(day: date) -> str:
    """2027年1月6日 (unpadded, as GB/T 9704 writes dates)."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_span(first: date, last: date) -> str:
    """2027年1月1日至3日 · 2026年12月31日至2027年1月3日 · 2025年10月11日 (one day)."""
    if first == last:
        return cn_date(first)
    if first.year != last.year:
        tail = cn_date(last)
    elif first.month != last.month:
        tail = f"{last.month}月{last.day}日"
    else:
        tail = f"{last.day}日"
    return f"{cn_date(first)}至{tail}"


def weekday_cn(day: date) -> str:
    return "星期" + WEEKDAYS[day.weekday()]


@dataclass(frozen=True)
class YearSchedule:
    """One year's holidays (days off, weekends inside a holiday included or not) and 调休 workdays (Saturdays
    or Sundays worked). `doc_no` is the notice's 文号 for an added year, "" for the package's."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    doc_no: str = ""
    source: str = PACKAGE
    names: tuple[tuple[date, str], ...] = ()  # holiday names where known (the package's years)

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def name_of(self, day: date) -> str:
        return dict(self.names).get(day, "")

    @property
    def source_text(self) -> str:
        if self.source == ADDED:
            return f"管理员添加（{self.doc_no}）"
        return "chinese-calendar 组件自带"


def schedule_problems(
    year: int, doc_no: str, holidays: Iterable[date], workdays: Iterable[date]
) -> list[str]:
    """Every reason a schedule an administrator gives cannot be added (all listed, not just the first)."""
    hol, work = sorted(set(holidays)), sorted(set(workdays))
    out: list[str] = []
    if not 2000 <= year <= 2100:
        out.append(f"年份 {year} 不在 2000–2100 之间。")
    if not doc_no.strip():
        out.append(
            f"须填写通知文号（《国务院办公厅关于{year}年部分节假日安排的通知》的文号，如 国办发明电〔{year - 1}〕7号）。"
        )
    if not hol:
        out.append("节假日（holidays）不能为空。")
    for label, days in (("节假日", hol), ("调休上班日", work)):
        other = [d for d in days if d.year != year]
        if other:
            out.append(f"{label}中有不属于{year}年的日期：{'、'.join(d.isoformat() for d in other)}。")
    both = sorted(set(hol) & set(work))
    if both:
        out.append(f"以下日期既是节假日又是调休上班日：{'、'.join(d.isoformat() for d in both)}。")
    weekday = [d for d in work if d.weekday() < 5]
    if weekday:
        shown = "、".join(f"{d.isoformat()}（{weekday_cn(d)}）" for d in weekday)
        out.append(f"调休上班日只能是星期六或星期日（周一至周五本来就上班）：{shown}。")
    return out


@functools.cache
def _package_names() -> dict[str, str]:
    return {h.value: h.chinese for h in _package.Holiday}


@functools.cache
def package_years() -> tuple[int, ...]:
    """The years the chinese-calendar package knows."""
    return tuple(sorted({d.year for d in _package.holidays}))


@functools.cache
def package_schedule(year: int) -> YearSchedule | None:
    if year not in package_years():
        return None
    names = _package_names()
    hol = {d: names.get(str(v), str(v)) for d, v in _package.holidays.items() if d.year == year}
    work = frozenset(d for d in _package.workdays if d.year == year)
    return YearSchedule(year, frozenset(hol), work, "", PACKAGE, tuple(sorted(hol.items())))


@dataclass(frozen=True)
class Skipped:
    """A run of consecutive days off inside a period: a holiday (named where known) or a weekend."""

    first: date
    last: date
    holiday: str  # "" for an ordinary weekend; the holiday names, or "节假日" when unnamed

    @property
    def text(self) -> str:
        return cn_span(self.first, self.last) + (self.holiday if self.holiday else "周末")


@dataclass(frozen=True)
class PeriodCount:
    """How a period of `days` working days from `start` was counted: its first counted day, its end, the days
    off skipped and the 调休 workdays counted."""

    start: date
    days: int
    first: date
    end: date
    skipped: tuple[Skipped, ...]
    make_up: tuple[date, ...]

    @property
    def text(self) -> str:
        """自2026年12月28日起7个工作日，至2027年1月6日（跳过2027年1月1日至3日元旦假期）."""
        notes: list[str] = []
        if self.first != self.start:
            notes.append(f"{cn_date(self.start)}不是工作日，自{cn_date(self.first)}起计")
        if self.skipped:
            notes.append("跳过" + "、".join(s.text for s in self.skipped))
        if self.make_up:
            notes.append("含调休上班日" + "、".join(f"{cn_date(d)}（{weekday_cn(d)}）" for d in self.make_up))
        tail = f"（{'；'.join(notes)}）" if notes else "（期间无节假日、周末）"
        return f"自{cn_date(self.start)}起{self.days}个工作日，至{cn_date(self.end)}{tail}"


@dataclass(frozen=True)
class WorkCalendar:
    """The package's years plus the years an administrator added (an added year wins). Immutable; cheap to
    build (the package's years are read once per process)."""

    added: tuple[YearSchedule, ...] = ()
    use_package: bool = True
    _by_year: dict[int, YearSchedule] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_year", {s.year: s for s in self.added})

    def schedule(self, year: int, day: date | None = None) -> YearSchedule:
        found = self._by_year.get(year) or (package_schedule(year) if self.use_package else None)
        if found is None:
            raise WorkdayCalendarError(missing_year_message(year, day), year)
        return found

    def knows(self, year: int) -> bool:
        return year in self._by_year or (self.use_package and year in package_years())

    def years(self) -> list[YearSchedule]:
        """Every year known, in order (an added year in place of the package's)."""
        years = set(self._by_year) | (set(package_years()) if self.use_package else set())
        return [self.schedule(y) for y in sorted(years)]

    def is_working_day(self, day: date) -> bool:
        return self.schedule(day.year, day).is_working_day(day)

    def next_working_day(self, day: date) -> date:
        """`day` if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The date `n` working days after `start` (start itself not counted); n = 0 gives `start`."""
        if n < 0:
            raise ValueError("工作日数不能为负数。")
        if n > MAX_PERIOD:
            raise ValueError(f"工作日数 {n} 过大（至多 {MAX_PERIOD}）。")
        day = start
        left = n
        while left:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def period_end(self, start: date, n: int) -> date:
        """The last day of a period of `n` working days beginning on `start` (counted if it is a working day;
        a start on a day off moves to the next working day). A 5-day 公示 from Mon 2025-10-20 ends Fri 10-24."""
        return self.count(start, n).end

    def count(self, start: date, n: int) -> PeriodCount:
        """`period_end` with how it was counted (`PeriodCount.text`)."""
        if n < 1:
            raise ValueError("期限至少为1个工作日。")
        first = self.next_working_day(start)
        end = self.add_working_days(first, n - 1)
        skipped: list[Skipped] = []
        make_up: list[date] = []
        run: list[date] = []
        day = start
        while day <= end:
            sched = self.schedule(day.year, day)
            if sched.is_working_day(day):
                if run:
                    skipped.append(self._skipped(run))
                    run = []
                if day.weekday() >= 5:
                    make_up.append(day)
            else:
                run.append(day)
            day += timedelta(days=1)
        return PeriodCount(start, n, first, end, tuple(skipped), tuple(make_up))

    def _skipped(self, run: list[date]) -> Skipped:
        names: list[str] = []
        holiday = False
        for d in run:
            sched = self.schedule(d.year, d)
            if d in sched.holidays:
                holiday = True
                name = sched.name_of(d)
                if name and name not in names:
                    names.append(name)
        label = ("、".join(names) + "假期" if names else "节假日") if holiday else ""
        return Skipped(run[0], run[-1], label)


PACKAGE_ONLY = WorkCalendar()  # the package's years alone: what a caller without a stored calendar gets


def is_working_day(day: date, calendar: WorkCalendar = PACKAGE_ONLY) -> bool:
    return calendar.is_working_day(day)


def add_working_days(start: date, n: int, calendar: WorkCalendar = PACKAGE_ONLY) -> date:
    """The date `n` working days after `start` (start itself not counted); n = 0 gives `start`."""
    return calendar.add_working_days(start, n)


def next_working_day(day: date, calendar: WorkCalendar = PACKAGE_ONLY) -> date:
    """`day` if it is a working day, else the first working day after it."""
    return calendar.next_working_day(day)


def period_end(start: date, n: int, calendar: WorkCalendar = PACKAGE_ONLY) -> date:
    """The last day of a period of `n` working days beginning on `start` (counted if it is a working day;
    a start on a holiday moves to the next working day). A 5-day 公示 from Mon 2025-10-20 ends Fri 10-24."""
    return calendar.period_end(start, n)


def count_period(start: date, n: int, calendar: WorkCalendar = PACKAGE_ONLY) -> PeriodCount:
    return calendar.count(start, n)


__all__ = [
    "ADDED",
    "PACKAGE",
    "PACKAGE_ONLY",
    "PeriodCount",
    "WorkCalendar",
    "WorkdayCalendarError",
    "YearSchedule",
    "add_working_days",
    "count_period",
    "is_working_day",
    "next_working_day",
    "period_end",
    "schedule_problems",
]

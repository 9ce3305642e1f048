"""The working-day calendar as data: the years the chinese-calendar package knows, plus the years an
administrator adds from the State Council's notice (国务院办公厅关于××年部分节假日安排的通知) with its 文号.

`load` builds the `WorkCalendar` every working-day count uses (cheap: one small query; the calendar value is
cached by the stored rows' content). An added year **overrides** the package's year of the same number (it
records the official notice; see `core.domain.workdays`).

`import_year` / `import_file` add or replace a year: every date in that year, holidays not empty, no date both a
holiday and a workday, 调休 workdays only on Saturdays or Sundays, the 文号 stated. When the database has
officers, only an administrator may do it. Each import is audited (entity `calendar`, the year) with the 文号;
re-importing a year replaces it and records before/after.

The file (`FILE.toml`, UTF-8 without BOM) has exactly these keys; dates may be TOML dates or "YYYY-MM-DD" text:

    year = 2027
    doc_no = "国办发明电〔2026〕N号"
    holidays = [2027-01-01, 2027-01-02, …]
    workdays = [2027-02-06, …]      # 调休上班的星期六、星期日; may be empty
"""

from __future__ import annotations

import functools
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain.permissions import Action
from core.domain.workdays import (
    ADDED,
    PACKAGE,
    WorkCalendar,
    YearSchedule,
    cn_span,
    missing_year_message,
    package_schedule,
    schedule_problems,
)
from core.services import access, audit
from core.services.errors import InputError, NotFound
from core.store.models import now
from core.store.models_calendar import CalendarYear
from core.store.uow import UnitOfWork

KEYS = ("year", "doc_no", "holidays", "workdays")
ENTITY = "calendar"
EXAMPLE_FILE = Path(__file__).resolve().parents[2] / "resources" / "calendar" / "2027.example.toml"
HOW_TO_ADD = (
    "添加一年的节假日安排：管理员在“设置 → 工作日历”中点“导入节假日安排…”选择 TOML 文件，"
    "或运行 main.py --db 数据库 calendar import 文件.toml（格式见 resources/calendar/2027.example.toml）。"
)


@dataclass(frozen=True)
class YearView:
    """One year as the desk uses it: its holidays, 调休 workdays and where they come from."""

    year: int
    source: str  # "package" or "added"
    doc_no: str
    holidays: tuple[date, ...]
    workdays: tuple[date, ...]
    added_by: str = ""
    added_at: datetime | None = None
    overrides_package: bool = False  # an added year the package also knows (the added one is used)
    replaced: bool = False  # this import replaced an earlier added schedule of the year

    @property
    def source_text(self) -> str:
        if self.source == ADDED:
            extra = "，替代组件自带的安排" if self.overrides_package else ""
            return f"管理员添加：{self.doc_no}（{self.added_by}，{self.added_at:%Y-%m-%d %H:%M}{extra}）"
        return "chinese-calendar 组件自带"

    def to_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "source": self.source,
            "source_label": self.source_text,
            "doc_no": self.doc_no,
            "holidays": [d.isoformat() for d in self.holidays],
            "workdays": [d.isoformat() for d in self.workdays],
            "added_by": self.added_by or None,
            "added_at": self.added_at.isoformat(timespec="seconds") if self.added_at else None,
            "overrides_package": self.overrides_package,
            "replaced": self.replaced,
        }

    def text(self) -> str:
        def days(values: tuple[date, ...]) -> str:
            return days_text(self.year, values) or "无"

        return "\n".join(
            [
                f"{self.year}年工作日历（来源：{self.source_text}）",
                f"  节假日（{len(self.holidays)}天）：{days(self.holidays)}",
                f"  调休上班日（{len(self.workdays)}天）：{days(self.workdays)}",
            ]
        )


def days_text(year: int, values: tuple[date, ...]) -> str:
    """1月1日至3日、2月5日至13日 (consecutive days as one span; the year left out)."""
    runs: list[list[date]] = []
    for d in sorted(values):
        if runs and (d - runs[-1][-1]).days == 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return "、".join(cn_span(r[0], r[-1]).removeprefix(f"{year}年") for r in runs)


def _dates(text: str) -> tuple[date, ...]:
    return tuple(date.fromisoformat(x) for x in json.loads(text))


def _iso(days: tuple[date, ...] | frozenset[date]) -> list[str]:
    return [d.isoformat() for d in sorted(days)]


@functools.lru_cache(maxsize=8)
def _calendar(rows: tuple[tuple[int, str, str, str], ...]) -> WorkCalendar:
    return WorkCalendar(
        tuple(
            YearSchedule(year, frozenset(_dates(hol)), frozenset(_dates(work)), doc_no, ADDED)
            for year, doc_no, hol, work in rows
        )
    )


def load(uow: UnitOfWork) -> WorkCalendar:
    """The calendar every working-day count uses: the package's years and the added ones (those win)."""
    return load_session(uow.session)


def load_session(session: Session) -> WorkCalendar:
    """`load` inside a use case that holds the session."""
    rows = session.execute(
        select(CalendarYear.year, CalendarYear.doc_no, CalendarYear.holidays, CalendarYear.workdays).order_by(
            CalendarYear.year
        )
    )
    return _calendar(tuple((int(y), str(d), str(h), str(w)) for y, d, h, w in rows))


def _view(row: CalendarYear, replaced: bool = False) -> YearView:
    return YearView(
        year=row.year,
        source=ADDED,
        doc_no=row.doc_no,
        holidays=_dates(row.holidays),
        workdays=_dates(row.workdays),
        added_by=row.added_by,
        added_at=row.added_at,
        overrides_package=package_schedule(row.year) is not None,
        replaced=replaced,
    )


def _package_view(schedule: YearSchedule) -> YearView:
    return YearView(
        schedule.year, PACKAGE, "", tuple(sorted(schedule.holidays)), tuple(sorted(schedule.workdays))
    )


def show_year(uow: UnitOfWork, year: int) -> YearView:
    """A year's holidays and 调休 workdays with their source; NotFound (saying how to add it) when unknown."""
    row = uow.session.scalar(select(CalendarYear).where(CalendarYear.year == year))
    if row is not None:
        return _view(row)
    schedule = package_schedule(year)
    if schedule is None:
        raise NotFound(missing_year_message(year))
    return _package_view(schedule)


def list_years(uow: UnitOfWork) -> list[YearView]:
    """Every year known, in order (an added year in place of the package's)."""
    added = {r.year: _view(r) for r in uow.session.scalars(select(CalendarYear))}
    return [added.get(s.year) or _package_view(s) for s in load(uow).years()]


# ----------------------------------------------------------------------------------------- importing


def _date(value: object, key: str, index: int) -> date:
    if isinstance(value, datetime):
        raise ValueError(f"{key} 第{index}项“{value}”带有时间，只写日期（如 2027-01-01）。")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{key} 第{index}项“{value}”不是有效日期，请写成 2027-01-01。")


def parse_schedule(raw: Mapping[str, Any]) -> YearSchedule:
    """A schedule as an administrator gives it (a TOML table or the like), checked: InputError lists every
    problem (unknown or missing keys, bad dates, the rules of `schedule_problems`)."""
    problems: list[str] = []
    unknown = [k for k in raw if k not in KEYS]
    if unknown:
        problems.append(f"未知的键：{'、'.join(unknown)}（只允许 {'、'.join(KEYS)}）。")
    missing = [k for k in ("year", "doc_no", "holidays") if k not in raw]
    if missing:
        problems.append(f"缺少键：{'、'.join(missing)}。")
    year_raw = raw.get("year")
    year = 0
    if "year" in raw:
        if isinstance(year_raw, int) and not isinstance(year_raw, bool):
            year = year_raw
        elif isinstance(year_raw, str) and year_raw.strip().isdigit():
            year = int(year_raw.strip())
        else:
            problems.append(f"year“{year_raw}”应为年份数字，如 2027。")
    doc_no_raw = raw.get("doc_no", "")
    if not isinstance(doc_no_raw, str):
        problems.append(f"doc_no“{doc_no_raw}”应为文字（通知文号）。")
        doc_no_raw = ""
    doc_no = " ".join(doc_no_raw.split())
    lists: dict[str, list[date]] = {"holidays": [], "workdays": []}
    for key in lists:
        value = raw.get(key, [])
        if not isinstance(value, list):
            problems.append(f"{key} 应为日期列表，如 [2027-01-01, 2027-01-02]。")
            continue
        for n, item in enumerate(value, 1):
            try:
                lists[key].append(_date(item, key, n))
            except ValueError as exc:
                problems.append(str(exc))
        repeated = sorted({d for d in lists[key] if lists[key].count(d) > 1})
        if repeated:
            problems.append(f"{key} 中日期重复：{'、'.join(d.isoformat() for d in repeated)}。")
    if not problems:
        problems.extend(schedule_problems(year, doc_no, lists["holidays"], lists["workdays"]))
    if problems:
        raise InputError("节假日安排有误：" + "".join(problems))
    return YearSchedule(year, frozenset(lists["holidays"]), frozenset(lists["workdays"]), doc_no, ADDED)


def read_file(path: Path) -> YearSchedule:
    """A schedule file (TOML, UTF-8 without BOM), checked; InputError naming the file on any problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 {path}：{exc.strerror or exc}。") from None
    if data.startswith(b"\xef\xbb\xbf"):
        raise InputError(
            f"文件 {path.name} 以 UTF-8 BOM 开头，TOML 不允许：请另存为“UTF-8（无 BOM）”后再导入。"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(
            f"文件 {path.name} 不是 UTF-8 编码（可能是 GBK）：请另存为 UTF-8 后再导入。"
        ) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"文件 {path.name} 不是有效的 TOML：{exc}。") from None
    try:
        return parse_schedule(raw)
    except InputError as exc:
        raise InputError(f"文件 {path.name}：{exc}") from None


def _require_admin(uow: UnitOfWork, actor: str) -> None:
    """Only an administrator changes the calendar, once the database has officers (before that: first start,
    a fresh register, the demo): the permission table's `Action.CALENDAR_IMPORT`."""
    access.require(uow, actor, Action.CALENDAR_IMPORT)


def import_year(uow: UnitOfWork, actor: str, schedule: YearSchedule | Mapping[str, Any]) -> YearView:
    """Add a year's schedule, or replace the one added before (audited before/after); commits."""
    sched = schedule if isinstance(schedule, YearSchedule) else parse_schedule(schedule)
    problems = schedule_problems(sched.year, sched.doc_no, sched.holidays, sched.workdays)
    if problems:
        raise InputError("节假日安排有误：" + "".join(problems))
    actor = audit.actor_or_system(actor)
    _require_admin(uow, actor)
    session = uow.session
    row = session.scalar(select(CalendarYear).where(CalendarYear.year == sched.year))
    after = {"doc_no": sched.doc_no, "holidays": _iso(sched.holidays), "workdays": _iso(sched.workdays)}
    before = (
        {"doc_no": row.doc_no, "holidays": json.loads(row.holidays), "workdays": json.loads(row.workdays)}
        if row is not None
        else None
    )
    if row is None:
        row = CalendarYear(year=sched.year)
        session.add(row)
    row.doc_no = sched.doc_no
    row.holidays = json.dumps(after["holidays"])
    row.workdays = json.dumps(after["workdays"])
    row.added_by = actor
    row.added_at = now()
    session.flush()
    if before is None:
        audit.record(
            session, actor, ENTITY, sched.year, "import", {"year": (None, sched.year), **audit.created(after)}
        )
    else:
        changes = audit.diff(before, after) or {"doc_no": (row.doc_no, row.doc_no)}
        audit.record(session, actor, ENTITY, sched.year, "replace", changes)
    view = _view(row, replaced=before is not None)
    uow.commit()
    return view


def import_file(uow: UnitOfWork, actor: str, path: Path) -> YearView:
    return import_year(uow, actor, read_file(path))

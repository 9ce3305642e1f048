"""The working-day calendar as data: the package's years, an administrator's added years (which win), the
missing-year refusal that says how to add it, and the text saying how a period was counted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.domain.workdays import (
    ADDED,
    WorkCalendar,
    WorkdayCalendarError,
    YearSchedule,
    count_period,
    period_end,
    schedule_problems,
)
from core.domain.workflow import CaseContext, CaseState, Facts, Role, check, notice_end


def _span(first: date, last: date) -> frozenset[date]:
    return frozenset(first + timedelta(days=n) for n in range((last - first).days + 1))


Y2027 = YearSchedule(
    2027,
    _span(date(2027, 1, 1), date(2027, 1, 3)) | _span(date(2027, 10, 1), date(2027, 10, 7)),
    frozenset({date(2027, 9, 26), date(2027, 10, 9)}),
    "国办发明电〔2026〕7号",
    ADDED,
)
WITH_2027 = WorkCalendar((Y2027,))


def test_national_day_2025_counts_the_make_up_sunday_and_saturday() -> None:
    cal = WorkCalendar()
    assert cal.is_working_day(date(2025, 9, 28)) and cal.is_working_day(date(2025, 10, 11))
    assert not any(cal.is_working_day(date(2025, 10, d)) for d in range(1, 9))
    counted = cal.count(date(2025, 9, 26), 5)  # 26, Sun 28, 29, 30, then 9 Oct
    assert counted.end == date(2025, 10, 9)
    assert counted.make_up == (date(2025, 9, 28),)
    assert counted.text == (
        "自2025年9月26日起5个工作日，至2025年10月9日（跳过2025年9月27日周末、2025年10月1日至8日国庆节、中秋假期；"
        "含调休上班日2025年9月28日（星期日））"
    )
    seven = cal.count(date(2025, 9, 30), 4)  # 30, 9, 10, Sat 11
    assert seven.end == date(2025, 10, 11) and seven.make_up == (date(2025, 10, 11),)


def test_a_start_on_a_day_off_says_where_counting_began() -> None:
    counted = count_period(date(2025, 10, 3), 5)
    assert (counted.first, counted.end) == (date(2025, 10, 9), date(2025, 10, 14))
    assert counted.text.startswith(
        "自2025年10月3日起5个工作日，至2025年10月14日（2025年10月3日不是工作日，自2025年10月9日起计；"
    )
    assert "跳过2025年10月3日至8日国庆节、中秋假期、2025年10月12日周末" in counted.text


def test_a_period_into_2027_is_refused_naming_the_year_and_how_to_add_it() -> None:
    with pytest.raises(WorkdayCalendarError) as caught:
        period_end(date(2026, 12, 28), 7)
    assert caught.value.year == 2027
    message = str(caught.value)
    assert "缺少2027年" in message and "设置 → 工作日历" in message and "calendar import" in message


def test_an_added_2027_is_used_and_the_text_names_the_new_year_holiday() -> None:
    counted = WITH_2027.count(date(2026, 12, 28), 7)  # 28–31 Dec, then 4, 5, 6 Jan
    assert counted.end == date(2027, 1, 6)
    assert counted.text == "自2026年12月28日起7个工作日，至2027年1月6日（跳过2027年1月1日至3日节假日）"
    assert notice_end(date(2026, 12, 28), 7, WITH_2027) == date(2027, 1, 6)
    national = WITH_2027.count(date(2027, 9, 24), 3)  # Fri 24, Sun 26 (调休), Mon 27
    assert national.end == date(2027, 9, 27) and national.make_up == (date(2027, 9, 26),)
    assert WITH_2027.is_working_day(date(2027, 10, 9)) and not WITH_2027.is_working_day(date(2027, 10, 4))


def test_an_added_year_overrides_the_packages_year() -> None:
    # an administrator's 2026 (say the notice moved a day): the added schedule is the one used
    mine = YearSchedule(2026, frozenset({date(2026, 12, 25)}), frozenset(), "国办发明电〔2025〕9号", ADDED)
    cal = WorkCalendar((mine,))
    assert not cal.is_working_day(date(2026, 12, 25))
    assert WorkCalendar().is_working_day(date(2026, 12, 25))
    assert cal.is_working_day(date(2026, 10, 1))  # the package's 2026 National Day is no longer used
    assert cal.schedule(2026).source_text == "管理员添加（国办发明电〔2025〕9号）"
    assert [s.year for s in cal.years()][-1] == 2026 and 2004 in [s.year for s in cal.years()]


def test_the_start_notice_check_uses_the_calendar_in_the_context() -> None:
    facts = Facts(date=date(2026, 12, 28), period=7)
    refused = check(CaseState.UNDER_REVIEW, CaseState.PUBLIC_NOTICE, [Role.REVIEWER], facts, CaseContext())
    assert any("缺少2027年" in r for r in refused)
    ok = check(
        CaseState.UNDER_REVIEW,
        CaseState.PUBLIC_NOTICE,
        [Role.REVIEWER],
        facts,
        CaseContext(calendar=WITH_2027),
    )
    assert ok == []


def test_a_schedule_is_checked_before_it_is_added() -> None:
    assert schedule_problems(2027, "国办发明电〔2026〕7号", Y2027.holidays, Y2027.workdays) == []
    problems = schedule_problems(
        2027,
        " ",
        [date(2027, 1, 1), date(2028, 1, 1)],
        [date(2027, 1, 1), date(2027, 1, 4)],  # a holiday too; a Monday
    )
    text = "".join(problems)
    assert "文号" in text and "2028-01-01" in text and "既是节假日又是调休上班日：2027-01-01" in text
    assert "2027-01-04（星期一）" in text
    assert "不能为空" in "".join(schedule_problems(2027, "x", [], []))

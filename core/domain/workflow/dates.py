"""Date rules: the case's context a check needs (`CaseContext`: the 公示 period, amounts, today, each
step's date, the working-day calendar), the end of 公示 in working days, and the rule for every dated step
(`date_problems`: not after today, not before the steps it follows, `FOLLOWS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from core.domain.workdays import PACKAGE_ONLY, WorkCalendar, period_end
from core.domain.workflow.table import Transition, by_name


def notice_end(start: date, working_days: int, calendar: WorkCalendar | None = None) -> date:
    """The last day of a 公示 of `working_days` working days starting on `start` (counted when a working day),
    on the official holiday calendar with its 调休 make-up workdays (`calendar`: the stored one, with the years
    an administrator added; by default the package's years alone)."""
    return period_end(start, working_days, calendar or PACKAGE_ONLY)


@dataclass(frozen=True)
class CaseContext:
    """What a check needs to know about the case beyond its state (all optional)."""

    notice_start: date | None = None
    notice_end: date | None = None
    approved_amount: Decimal | None = None  # the city reward approved for this case
    paid_amount: Decimal = Decimal("0.00")  # city payments so far (net of corrections)
    decided_on: date | None = None
    today: date | None = None  # no step may be dated after it (None: not checked)
    # the date of the latest step of each kind taken on the case (action name → its stated date, or the day it
    # was recorded when it states none): a step may not be dated before the step it follows
    step_dates: Mapping[str, date] = field(default_factory=dict)
    last_payment_on: date | None = None  # the latest payment to the enterprise (city or provincial money)
    calendar: WorkCalendar | None = None  # the working-day calendar (core.services.calendar.load)


# The steps a dated step follows (its date may not be earlier than theirs): submitted ≤ review ≤ 公示 start <
# 公示 end < decision ≤ notice ≤ city payment ≤ … ≤ evaluation ≤ close. 批准 after the 公示 end and 绩效评价 after
# the last payment are checked with the case's context in `_dating_rules`.
FOLLOWS: dict[str, tuple[str, ...]] = {
    "start_review": ("submit",),
    "start_notice": ("start_review",),
    "objection_upheld": ("start_notice",),
    "approve": ("start_notice",),
    "reject": ("start_review", "start_notice"),
    "issue_notice": ("approve",),
    "pay": ("issue_notice",),
    "evaluate": ("pay",),
    "close": ("evaluate",),
}


def date_problems(
    step: str, when: date, today: date | None, earlier: Iterable[tuple[str, date]]
) -> list[str]:
    """The rule for every dated step: not later than today (back-dating paper work is allowed, post-dating is
    not) and not earlier than the steps it follows (`earlier`: their labels and dates). Each refusal names
    both dates and the step they belong to."""
    out: list[str] = []
    if today is not None and when > today:
        out.append(
            f"“{step}”的日期 {when} 晚于今天（{today}）：只能登记已经办理的事项，不能预填以后的日期"
            "（纸质办理的可按实际日期补录）。"
        )
    for label, on in earlier:
        if when < on:
            out.append(f"“{step}”的日期 {when} 早于“{label}”的日期 {on}，须为 {on} 或之后。")
    return out


def _dating_rules(tr: Transition, when: date, ctx: CaseContext) -> list[str]:
    earlier = [
        (by_name(name).label, ctx.step_dates[name])
        for name in FOLLOWS.get(tr.name, ())
        if name in ctx.step_dates
    ]
    if tr.name == "evaluate" and ctx.last_payment_on is not None:
        earlier.append(("最后一笔拨付", ctx.last_payment_on))
    out = date_problems(tr.label, when, ctx.today, earlier)
    if tr.name == "approve" and ctx.notice_end is not None and when <= ctx.notice_end:
        out.append(
            f"“{tr.label}”的日期 {when} 未在公示期届满之后：公示期 {ctx.notice_start} 至 {ctx.notice_end}（含）届满，"
            f"批准日期最早为 {ctx.notice_end + timedelta(days=1)}。"
        )
    if tr.name == "objection_upheld" and ctx.notice_end is not None and when > ctx.notice_end:
        out.append(f"异议日期 {when} 晚于公示截止日 {ctx.notice_end}，公示期外的异议不能退回审查。")
    return out

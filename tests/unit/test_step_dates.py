"""Dates run forward and never past today: the rule for every dated step of the case process (domain)."""

from __future__ import annotations

from datetime import date

import pytest

from core.domain.workflow import FOLLOWS, TRANSITIONS, CaseContext, CaseState, Facts, Role, by_name, check
from core.domain.workflow import date_problems as problems
from core.policy.engine import cap_warnings

S = CaseState
TODAY = date(2026, 12, 4)
ALL = frozenset(Role)


def _check(step: str, when: date, **ctx: object) -> list[str]:
    tr = by_name(step)
    src = min(tr.sources)
    facts = Facts(
        date=when,
        reason="意见",
        period=5,
        doc_no="佛工信函〔2026〕3号",
        voucher="V",
        objector="某公司",
    )
    return check(src, tr.target, ALL, facts, CaseContext(today=TODAY, **ctx))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "step", [t.name for t in TRANSITIONS if "date" in {f.value for f in t.facts + t.optional}]
)
def test_no_dated_step_may_be_dated_after_today(step: str) -> None:
    refused = _check(step, date(2026, 12, 5))
    assert any("2026-12-05 晚于今天（2026-12-04）" in r for r in refused), refused
    assert not any("晚于今天" in r for r in _check(step, TODAY))


@pytest.mark.parametrize(("step", "before"), [(s, b) for s, bs in FOLLOWS.items() for b in bs])
def test_a_step_may_not_be_dated_before_the_step_it_follows(step: str, before: str) -> None:
    earlier = date(2026, 11, 20)
    ctx = {"step_dates": {before: earlier}}
    refused = _check(step, date(2026, 11, 19), **ctx)
    label = by_name(before).label
    assert any(
        f"“{by_name(step).label}”的日期 2026-11-19 早于“{label}”的日期 2026-11-20" in r for r in refused
    )
    assert not any(f"早于“{label}”" in r for r in _check(step, earlier, **ctx))


def test_back_dating_within_the_order_is_allowed() -> None:
    ctx = {"step_dates": {"submit": date(2025, 9, 15)}}
    assert _check("start_review", date(2025, 9, 22), **ctx) == []


def test_the_decision_comes_after_the_public_notice_and_before_tomorrow() -> None:
    # 12-04: 公示 12-04 to 12-10; a decision dated 12-11 is post-dated, one on 12-10 is inside the period
    ctx = {"notice_start": TODAY, "notice_end": date(2026, 12, 10), "step_dates": {"start_notice": TODAY}}
    post_dated = _check("approve", date(2026, 12, 11), **ctx)
    assert any("晚于今天" in r for r in post_dated)
    inside = _check("approve", date(2026, 12, 10), **ctx)
    assert any("批准日期最早为 2026-12-11" in r for r in inside)


def test_the_evaluation_follows_the_last_payment() -> None:
    refused = _check("evaluate", date(2026, 11, 1), last_payment_on=date(2026, 11, 2))
    assert any("早于“最后一笔拨付”的日期 2026-11-02" in r for r in refused)
    assert _check("evaluate", date(2026, 11, 2), last_payment_on=date(2026, 11, 2)) == []


def test_problems_name_both_dates_and_the_step() -> None:
    (text,) = problems("省级配套拨付", date(2026, 3, 1), TODAY, [("省级配套资金到账", date(2026, 3, 2))])
    assert (
        "省级配套拨付" in text
        and "2026-03-01" in text
        and "省级配套资金到账" in text
        and "2026-03-02" in text
    )


def test_submit_and_review_may_state_a_date_and_need_none() -> None:
    assert _check("submit", date(2025, 9, 1)) == []
    assert check(S.DRAFT, S.SUBMITTED, ALL, Facts(), CaseContext(today=TODAY)) == []


def test_a_total_above_the_cap_warns_by_how_much() -> None:
    from decimal import Decimal

    (text,) = cap_warnings(Decimal("3500000.00"), Decimal("3000000.00"), True, "制造业单项冠军")
    assert "3,500,000.00" in text and "3,000,000.00" in text and "超出 500,000.00 元" in text
    assert cap_warnings(Decimal("3000000.00"), Decimal("3000000.00")) == ()
    assert cap_warnings(Decimal("3500000.00"), Decimal("3000000.00"), eligible=False) == ()

"""The case process as data: every allowed step, a refusal for every forbidden one, four-eyes, working days."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.domain.workflow import (
    TRANSITIONS,
    CaseContext,
    CaseState,
    Facts,
    Role,
    allowed,
    by_name,
    check,
    duty_conflicts,
    find,
    next_steps,
    notice_end,
    parse_facts,
    parse_roles,
    parse_state,
)

S = CaseState
ALL_ROLES = frozenset(Role)

# The full facts every transition could need: a check with them fails only on state/role/rules.
FULL = Facts(
    reason="材料齐全",
    date=date(2025, 11, 3),
    period=5,
    doc_no="佛工信函〔2025〕12号",
    amount=Decimal("100000.00"),
    voucher="付-2025-001",
    objector="张三",
)
ROOMY = CaseContext(approved_amount=Decimal("3000000.00"))

EXPECTED_EDGES = {
    (S.DRAFT, S.SUBMITTED),
    (S.SUBMITTED, S.UNDER_REVIEW),
    (S.UNDER_REVIEW, S.DRAFT),
    (S.UNDER_REVIEW, S.PUBLIC_NOTICE),
    (S.PUBLIC_NOTICE, S.UNDER_REVIEW),
    (S.PUBLIC_NOTICE, S.APPROVED),
    (S.UNDER_REVIEW, S.REJECTED),
    (S.PUBLIC_NOTICE, S.REJECTED),
    (S.APPROVED, S.NOTICE_ISSUED),
    (S.NOTICE_ISSUED, S.PAID),
    (S.PAID, S.EVALUATED),
    (S.EVALUATED, S.CLOSED),
    *((s, S.WITHDRAWN) for s in (S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE)),
    *((s, S.VOID) for s in (S.APPROVED, S.REJECTED, S.NOTICE_ISSUED, S.PAID, S.EVALUATED)),
}
ALLOWED = sorted(EXPECTED_EDGES)
FORBIDDEN = sorted((a, b) for a in CaseState for b in CaseState if (a, b) not in EXPECTED_EDGES)


def test_the_table_is_the_documented_process() -> None:
    edges = {(s, t.target) for t in TRANSITIONS for s in t.sources}
    assert edges == EXPECTED_EDGES


@pytest.mark.parametrize(("src", "dst"), ALLOWED, ids=[f"{a}->{b}" for a, b in ALLOWED])
def test_every_allowed_transition_passes_for_its_role_and_is_refused_for_the_others(
    src: CaseState, dst: CaseState
) -> None:
    tr = find(src, dst)
    assert tr is not None
    assert check(src, dst, tr.roles, FULL, ROOMY) == []
    assert allowed(src, dst, tr.roles)
    others = ALL_ROLES - tr.roles
    assert not allowed(src, dst, others)
    [reason] = check(src, dst, others, FULL, ROOMY)
    assert f"“{tr.label}”须由" in reason
    assert "您的角色为" in reason


@pytest.mark.parametrize(("src", "dst"), FORBIDDEN, ids=[f"{a}->{b}" for a, b in FORBIDDEN])
def test_every_forbidden_transition_is_refused_with_the_states_named(src: CaseState, dst: CaseState) -> None:
    assert not allowed(src, dst, ALL_ROLES)
    [reason] = check(src, dst, ALL_ROLES, FULL, ROOMY)
    assert f"“{src.label}”" in reason and f"“{dst.label}”" in reason


def test_refusals_say_what_can_be_done_instead() -> None:
    [msg] = check(S.APPROVED, S.WITHDRAWN, ALL_ROLES)
    assert "不能撤回" in msg and "作废" in msg
    [msg] = check(S.UNDER_REVIEW, S.VOID, ALL_ROLES)
    assert "撤回" in msg
    [msg] = check(S.CLOSED, S.UNDER_REVIEW, ALL_ROLES)
    assert "已办结" in msg
    [msg] = check(S.DRAFT, S.APPROVED, ALL_ROLES)
    assert "提交申报" in msg


def test_missing_facts_are_named() -> None:
    reasons = check(S.NOTICE_ISSUED, S.PAID, {Role.CLERK}, Facts(), ROOMY)
    assert reasons == ["“市级拨付”须填写：日期、金额、凭证号。"]
    assert check(S.PUBLIC_NOTICE, S.REJECTED, {Role.APPROVER}) == ["“不予奖励”须填写：日期、原因/意见。"]
    assert check(S.APPROVED, S.VOID, {Role.APPROVER}) == ["“作废”须填写：原因/意见。"]


def test_a_payment_above_the_approved_amount_is_refused() -> None:
    ctx = CaseContext(approved_amount=Decimal("1000000.00"), paid_amount=Decimal("600000.00"))
    facts = Facts(date=date(2025, 12, 1), amount=Decimal("400000.01"), voucher="V1")
    [msg] = check(S.NOTICE_ISSUED, S.PAID, {Role.CLERK}, facts, ctx)
    assert "超出批准金额 0.01 元" in msg
    ok = Facts(date=date(2025, 12, 1), amount=Decimal("400000.00"), voucher="V1")
    assert check(S.NOTICE_ISSUED, S.PAID, {Role.CLERK}, ok, ctx) == []


def test_the_funding_notice_needs_a_proper_doc_number() -> None:
    bad = Facts(date=date(2025, 12, 1), doc_no="佛工信函[2025]012号")
    [msg] = check(S.APPROVED, S.NOTICE_ISSUED, {Role.CLERK}, bad)
    assert "文号" in msg and "〔2025〕" in msg


def test_approval_waits_for_the_end_of_the_public_notice() -> None:
    ctx = CaseContext(notice_start=date(2025, 9, 26), notice_end=date(2025, 10, 9))
    [msg] = check(S.PUBLIC_NOTICE, S.APPROVED, {Role.APPROVER}, Facts(date=date(2025, 10, 9)), ctx)
    assert "2025-10-09" in msg and "届满" in msg
    assert check(S.PUBLIC_NOTICE, S.APPROVED, {Role.APPROVER}, Facts(date=date(2025, 10, 10)), ctx) == []


def test_an_objection_outside_the_notice_period_cannot_return_the_case() -> None:
    ctx = CaseContext(notice_start=date(2025, 9, 26), notice_end=date(2025, 10, 9))
    late = Facts(date=date(2025, 10, 10), objector="李四", reason="名称有误")
    [msg] = check(S.PUBLIC_NOTICE, S.UNDER_REVIEW, {Role.REVIEWER}, late, ctx)
    assert "公示期外" in msg
    on_time = Facts(date=date(2025, 10, 9), objector="李四", reason="名称有误")
    assert check(S.PUBLIC_NOTICE, S.UNDER_REVIEW, {Role.REVIEWER}, on_time, ctx) == []


# --- separation of duties ---------------------------------------------------------------------------


def test_the_drafter_can_neither_review_nor_approve() -> None:
    for name in ("start_review", "start_notice", "return", "objection_upheld"):
        [msg] = duty_conflicts(by_name(name), "wang", drafter="wang")
        assert "不能审核本案" in msg
    for name in ("approve", "reject", "void", "close"):
        [msg] = duty_conflicts(by_name(name), "wang", drafter="wang")
        assert "不能审批本案" in msg
    assert duty_conflicts(by_name("submit"), "wang", drafter="wang") == []
    assert duty_conflicts(by_name("pay"), "wang", drafter="wang") == []


def test_the_reviewer_cannot_approve_but_another_officer_can() -> None:
    [msg] = duty_conflicts(by_name("approve"), "li", drafter="wang", reviewers=["li"])
    assert "审核过本案" in msg
    assert duty_conflicts(by_name("approve"), "zhao", drafter="wang", reviewers=["li"]) == []
    assert duty_conflicts(by_name("start_notice"), "li", drafter="wang", reviewers=["li"]) == []


def test_one_person_drafting_and_reviewing_and_approving_gets_both_reasons() -> None:
    assert len(duty_conflicts(by_name("approve"), "wang", drafter="wang", reviewers=["wang"])) == 2


# --- working days across National Day 2025 ---------------------------------------------------------


def test_public_notice_across_national_day_counts_make_up_days_and_skips_the_holiday() -> None:
    # Fri 26 Sep, Sun 28 Sep (make-up), Mon 29, Tue 30, then 1-8 Oct off, Thu 9 Oct.
    assert notice_end(date(2025, 9, 26), 5) == date(2025, 10, 9)
    # 7 working days (Shenzhen, the province): ... Fri 10 Oct, Sat 11 Oct (make-up).
    assert notice_end(date(2025, 9, 26), 7) == date(2025, 10, 11)
    # Starting on a holiday: the period starts on the first working day after it.
    assert notice_end(date(2025, 10, 3), 5) == date(2025, 10, 14)
    assert notice_end(date(2025, 10, 20), 5) == date(2025, 10, 24)


def test_a_notice_in_a_year_without_a_known_calendar_is_refused_not_guessed() -> None:
    facts = Facts(date=date(2099, 1, 5), period=5)
    [msg] = check(S.UNDER_REVIEW, S.PUBLIC_NOTICE, {Role.REVIEWER}, facts)
    assert "2099" in msg


# --- parsing ---------------------------------------------------------------------------------------


def test_states_roles_and_facts_parse_from_codes_and_chinese() -> None:
    assert parse_state("审查中") is S.UNDER_REVIEW
    assert parse_state("under-review") is S.UNDER_REVIEW
    with pytest.raises(ValueError, match="无法识别"):
        parse_state("done")
    assert parse_roles("clerk,审核人") == {Role.CLERK, Role.REVIEWER}
    with pytest.raises(ValueError, match="角色“boss”"):
        parse_roles("boss")
    facts, problems = parse_facts({"date": "2025年10月9日", "amount": "1,000.50", "period": "7"})
    assert problems == []
    assert facts == Facts(date=date(2025, 10, 9), amount=Decimal("1000.50"), period=7)
    _, problems = parse_facts({"date": "10/9", "amount": "1.234", "period": "0", "colour": "red"})
    assert len(problems) == 4


def test_next_steps_for_a_role() -> None:
    assert [t.name for t in next_steps(S.UNDER_REVIEW, {Role.REVIEWER})] == ["return", "start_notice"]
    assert [t.name for t in next_steps(S.UNDER_REVIEW, {Role.APPROVER})] == ["reject"]

"""The checks on a step: `check` (every reason a transition cannot be taken now: state, role, facts,
dates, 文号 format, amount), `payment_problems` (a line stays between 0 and what was approved) and
`duty_conflicts` (separation of duties).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from core.domain.workdays import WorkdayCalendarError
from core.domain.workflow.dates import CaseContext, _dating_rules, notice_end
from core.domain.workflow.facts import Facts
from core.domain.workflow.states import CaseState, Duty, Role
from core.domain.workflow.table import Transition, _roles_text, find, next_steps

_DOC_NO = re.compile(r"^\S+〔(19|20)\d{2}〕[1-9]\d*号$")


def check(
    state: CaseState,
    to: CaseState,
    roles: Iterable[Role],
    facts: Facts | None = None,
    context: CaseContext | None = None,
) -> list[str]:
    """Every reason this transition cannot be taken now, in plain Chinese; empty when it can."""
    held = frozenset(roles)
    facts = facts or Facts()
    context = context or CaseContext()
    tr = find(state, to)
    if tr is None:
        options = next_steps(state)
        if state.final:
            hint = f"案件已{state.label}，不能再变更状态。"
        elif not options:
            hint = ""
        else:
            hint = "当前可办理：" + "、".join(f"{t.label}（→{t.target.label}）" for t in options) + "。"
        if to is CaseState.WITHDRAWN and state.decided:
            hint = "已作出决定的案件不能撤回，如确有需要请由审批人作废（须填写原因）。"
        elif to is CaseState.VOID and not state.decided and not state.final:
            hint = "尚未作出决定的案件不能作废，可由经办人撤回。"
        return [f"案件处于“{state.label}”状态，不能转为“{to.label}”。{hint}"]
    reasons: list[str] = []
    if not tr.roles & held:
        have = _roles_text(held) if held else "无任何角色"
        reasons.append(f"“{tr.label}”须由{_roles_text(tr.roles)}办理，您的角色为：{have}。")
    missing = [f.label for f in tr.facts if not facts.present(f)]
    if missing:
        reasons.append(f"“{tr.label}”须填写：{'、'.join(missing)}。")
    reasons.extend(_fact_rules(tr, facts, context))
    return reasons


def _fact_rules(tr: Transition, facts: Facts, ctx: CaseContext) -> list[str]:
    out: list[str] = []
    when = facts.date
    if when is not None:
        out.extend(_dating_rules(tr, when, ctx))
    if tr.name == "start_notice" and when is not None and facts.period is not None:
        try:
            notice_end(when, facts.period, ctx.calendar)
        except WorkdayCalendarError as exc:
            out.append(str(exc))
    if tr.name == "issue_notice" and facts.doc_no and not _DOC_NO.match(facts.doc_no):
        out.append(
            f"文号“{facts.doc_no}”格式不对，应如 佛工信函〔2025〕12号（年份写全，用六角括号〔〕，序号不加0）。"
        )
    if tr.name == "pay" and facts.amount is not None:
        out.extend(payment_problems(facts.amount, ctx.approved_amount, ctx.paid_amount, "市级奖励"))
    return out


def payment_problems(amount: Decimal, approved: Decimal | None, paid_so_far: Decimal, line: str) -> list[str]:
    """A payment (negative: a reversing correction) must keep the line's total between 0 and what was approved."""
    if amount == 0:
        return ["拨付金额不能为0。"]
    if approved is None:
        return [f"{line}尚无批准金额，不能拨付。"]
    after = paid_so_far + amount
    if after > approved:
        return [
            f"{line}批准 {approved:,.2f} 元，已拨付 {paid_so_far:,.2f} 元，"
            f"本次 {amount:,.2f} 元将超出批准金额 {after - approved:,.2f} 元。"
        ]
    if after < 0:
        return [f"冲正金额 {-amount:,.2f} 元超过{line}已拨付的 {paid_so_far:,.2f} 元。"]
    return []


def duty_conflicts(
    tr: Transition, actor: str, drafter: str | None, reviewers: Iterable[str] = ()
) -> list[str]:
    """Separation of duties: the drafter can neither review nor approve; a reviewer cannot approve."""
    out: list[str] = []
    if tr.duty in (Duty.REVIEW, Duty.APPROVE) and drafter is not None and actor == drafter:
        act = "审核" if tr.duty is Duty.REVIEW else "审批"
        out.append(f"您（{actor}）是本案的经办（登记）人，不能{act}本案（“{tr.label}”须由他人办理）。")
    if tr.duty is Duty.APPROVE and actor in set(reviewers):
        out.append(f"您（{actor}）审核过本案，不能再审批本案（“{tr.label}”须由另一位审批人办理）。")
    return out

"""Who may do what on a stored case: the table of `core.domain.workflow` applied with the case's date
context (`CaseContext`), separation of duties on the case's own history (the drafter neither reviews nor
approves, the reviewer does not approve), the rules that need the stored case (eligibility, amounts,
pending objections, money flows, the 文号 an app-issued notice may be), and an approval's budget and total
limit, allowed beyond only with the approver's recorded reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain import clock
from core.domain import workflow as wf
from core.domain.workflow import CaseContext, CaseState, Facts, Role
from core.policy.engine import cap_warnings
from core.services import calendar as calendar_svc
from core.services.case_records import case_state, events_of
from core.services.errors import InputError
from core.services.workflow.readers import (
    _decided_on,
    _drafters,
    _last_payment_on,
    _notice,
    _objections,
    _reviewers,
    _step_dates,
    _sum,
)
from core.services.workflow.results import (
    CITY_PAID,
    OVER_CAP,
    OVERRIDE,
    PROVINCE_PAID,
    PROVINCE_RECEIVED,
    TransitionRefused,
)
from core.store.models_cases import RewardCase
from core.store.models_documents import IssuedDocument
from core.store.models_workflow import CaseEvent


def _context(session: Session, case: RewardCase, events: list[CaseEvent]) -> CaseContext:
    start, end = _notice(events)
    return CaseContext(
        notice_start=start,
        notice_end=end,
        approved_amount=case.city_reward,
        paid_amount=_sum(session, case.id, CITY_PAID),
        decided_on=_decided_on(events),
        today=clock.today(),
        step_dates=_step_dates(events),
        last_payment_on=_last_payment_on(session, case.id),
        calendar=calendar_svc.load_session(session),
    )


def _facts(raw: Facts | Mapping[str, object]) -> Facts:
    if isinstance(raw, Facts):
        return raw
    facts, problems = wf.parse_facts({k: v for k, v in raw.items() if k not in (OVERRIDE, OVER_CAP)})
    if problems:
        raise TransitionRefused(problems)
    return facts


def _doc_no_rules(session: Session, case: RewardCase, doc_no: str) -> list[str]:
    """A 文号 the app issued may only be stated for a case of that notice (module docstring)."""
    row = session.scalar(select(IssuedDocument).where(IssuedDocument.doc_no == doc_no)) if doc_no else None
    if row is None:
        return []
    ids = [int(x) for x in row.case_ids.strip(",").split(",") if x]
    if row.doc_type == "notice" and case.id in ids:
        return []
    listed = "、".join(str(i) for i in ids)
    return [
        f"文号“{doc_no}”是本系统于 {row.issued_on} 发出的通知，所列案件为 {listed}，不含本案（{case.id}），"
        "请核对文号；本案的通知请在“文书”页签发。"
    ]


def _case_rules(session: Session, case: RewardCase, tr: wf.Transition, facts: Facts) -> list[str]:
    """Rules that need the stored case, beyond the table: eligibility, amounts, money flows, the 文号."""
    out: list[str] = []
    if tr.name == "issue_notice":
        out.extend(_doc_no_rules(session, case, facts.doc_no))
    if tr.name in ("start_notice", "approve") and not case.eligible:
        reasons = "；".join(f["reason"] for f in json.loads(case.failures)) or "见计算依据"
        out.append(f"本案经计算不符合奖励条件（{reasons}），不能{tr.label}，应“不予奖励”或退回补正。")
    if tr.name == "approve" and case.city_reward is None:
        out.append("市级奖励金额尚未确定，不能批准。")
    if tr.name == "approve":
        waiting = [o for o in _objections(case.id, events_of(session, case.id)) if o.pending]
        if waiting:
            who = "、".join(f"{o.objector}（{o.received_on}）" for o in waiting)
            out.append(f"公示期内收到的异议尚未处理（{who}），须由审核人认定异议成立或不成立后方可批准。")
    if tr.name == "evaluate":
        paid = _sum(session, case.id, CITY_PAID)
        if case.city_reward is not None and paid != case.city_reward:
            out.append(
                f"市级奖励尚未拨付完毕（批准 {case.city_reward:,.2f} 元，已拨付 {paid:,.2f} 元），不能绩效评价。"
            )
    if tr.name == "close":
        received = _sum(session, case.id, PROVINCE_RECEIVED)
        paid = _sum(session, case.id, PROVINCE_PAID)
        if received != paid:
            out.append(
                f"省级配套已到账 {received:,.2f} 元，仅拨付企业 {paid:,.2f} 元，须全部拨付后方可办结。"
            )
    return out


def _check(
    session: Session, actor: str, roles: frozenset[Role], case: RewardCase, to: CaseState, facts: Facts
) -> tuple[wf.Transition | None, list[str]]:
    state = case_state(case)
    events = events_of(session, case.id)
    reasons = wf.check(state, to, roles, facts, _context(session, case, events))
    tr = wf.find(state, to)
    if tr is None:
        return None, reasons
    drafters = _drafters(events)
    drafter = actor if actor in drafters else (drafters[0] if drafters else None)
    reasons.extend(wf.duty_conflicts(tr, actor, drafter, _reviewers(events)))
    if not reasons:
        reasons.extend(_case_rules(session, case, tr, facts))
    return tr, reasons


def _override(raw: Facts | Mapping[str, object], key: str = OVERRIDE) -> str:
    value = None if isinstance(raw, Facts) else raw.get(key)
    return " ".join(str(value).split()) if value else ""


def _cap_rules(
    cases: list[RewardCase], tr: wf.Transition, reason: str
) -> tuple[list[str], dict[str, object]]:
    """A total above the policy's 奖励总额度 (possible under half-cap when the city pays more than cap/2) is
    approved only with the approver's recorded reason."""
    if tr.name != "approve":
        return [], {}
    over = [
        f"案件 {c.id}：{text}" if len(cases) > 1 else text
        for c in cases
        for text in cap_warnings(c.total, c.cap, c.eligible)
    ]
    if not over:
        return [], {}
    if reason:
        return [], {OVER_CAP: reason, "over_cap": "".join(over)}
    return [*over, "如确需批准，须由审批人填写超出奖励总额度的批准理由（over_cap_reason）。"], {}


def _approval_rules(
    session: Session,
    cases: list[RewardCase],
    tr: wf.Transition,
    facts: Facts,
    raw: Facts | Mapping[str, object],
) -> tuple[list[str], dict[str, object]]:
    """What an approval needs beyond the table: within budget and within the total limit, or the
    approver's reasons for going beyond (recorded with the step)."""
    budget_problems, budget_extra = _budget_rules(session, cases, tr, facts, _override(raw))
    cap_problems, cap_extra = _cap_rules(cases, tr, _override(raw, OVER_CAP))
    return [*budget_problems, *cap_problems], {**budget_extra, **cap_extra}


def _budget_rules(
    session: Session, cases: list[RewardCase], tr: wf.Transition, facts: Facts, override: str
) -> tuple[list[str], dict[str, object]]:
    """Approving beyond a budget line is refused unless the approver states why (then recorded)."""
    if tr.name != "approve" or facts.date is None:
        return [], {}
    from core.services import budget  # budget reads the workflow's states; imported here to avoid a cycle

    problems = budget.approval_problems(session, cases, facts.date.year)
    if not problems:
        return [], {}
    if override:
        return [], {OVERRIDE: override, "budget_problems": "".join(problems)}
    return [*problems, "如确需超预算批准，须由审批人填写超预算批准理由（override_reason）。"], {}


def _target(to: str | CaseState) -> CaseState:
    if isinstance(to, CaseState):
        return to
    try:
        return wf.parse_state(to)
    except ValueError as exc:
        raise InputError(str(exc), {"to": "无法识别"}) from None

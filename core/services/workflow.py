"""The case process on stored reward cases: transitions (single and batch), objections, payments.

Every step is checked against the table in `core.domain.workflow` (state, role, required facts) and against
separation of duties on this case's own history: the drafter (who created or submitted it) can neither review
nor approve it, and whoever reviewed it cannot approve it. A refused step raises `TransitionRefused` listing
every reason. An objection recorded during 公示 stays pending until a reviewer decides it (upheld: back to
review; dismissed: 异议不成立); approval waits for it. Every step writes a `case_event` row and an audit entry in the same transaction as the change;
nothing is deleted. Payments are append-only; a wrong one is corrected by a reversing record.

Approval freezes the case's amounts (定案, `core.services.cases.freeze_case`) in the same transaction when it is
not frozen yet: what is paid is what was approved.

“下达资金” (→ notice issued) is normally taken by `core.services.documents` when it issues the numbered
奖励资金下达通知, in the same transaction as the 文号. Taken by hand with a typed 文号 it stays allowed, for a
notice issued outside the app (e.g. through the bureau's OA system) and for notices the app issued before the
two were wired together; but a 文号 the app issued (an `issued_document` notice record) must be that notice of
this very case, never another case's. A typed 文号 the app has not issued is recorded as external, and the app
will not issue the same 文号 later (see `core.services.documents`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.domain import clock
from core.domain import workflow as wf
from core.domain.money import MoneyError, parse_amount
from core.domain.workflow import CaseContext, CaseState, Duty, Facts, Role
from core.policy.engine import cap_warnings
from core.services import audit, case_records
from core.services import calendar as calendar_svc
from core.services import cases as cases_svc
from core.services.errors import Conflict, InputError, NotFound
from core.store.models import Enterprise, now
from core.store.models_cases import RewardCase
from core.store.models_documents import IssuedDocument
from core.store.models_users import User
from core.store.models_workflow import CaseEvent, CasePayment
from core.store.uow import FlushOnCommit, UnitOfWork

T = TypeVar("T")
OVERRIDE = "override_reason"  # approving beyond the budget: the approver's reason (core.services.budget)
OVER_CAP = "over_cap_reason"  # approving a total above the policy's 奖励总额度: the approver's reason
ZERO = Decimal("0.00")
NO_FACTS = Facts()
CITY_PAID = "city_paid"
PROVINCE_RECEIVED = "province_received"
PROVINCE_PAID = "province_paid"
LINES = {
    CITY_PAID: "市级奖励拨付",
    PROVINCE_RECEIVED: "省级配套资金到账",
    PROVINCE_PAID: "省级配套拨付",
}
_APPROVED_STATES = frozenset(
    {CaseState.APPROVED, CaseState.NOTICE_ISSUED, CaseState.PAID, CaseState.EVALUATED, CaseState.CLOSED}
)
_PAYMENT_STATES = {
    CITY_PAID: frozenset({CaseState.PAID, CaseState.EVALUATED}),
    PROVINCE_RECEIVED: frozenset({CaseState.NOTICE_ISSUED, CaseState.PAID, CaseState.EVALUATED}),
    PROVINCE_PAID: frozenset({CaseState.NOTICE_ISSUED, CaseState.PAID, CaseState.EVALUATED}),
}


class TransitionRefused(InputError):
    """The step is not allowed now; `reasons` lists every reason (the message joins them)."""

    def __init__(self, reasons: list[str], case_id: int | None = None) -> None:
        prefix = f"案件 {case_id}：" if case_id is not None else ""
        super().__init__(prefix + "".join(reasons))
        self.reasons = list(reasons)
        self.case_id = case_id


@dataclass(frozen=True)
class StepResult:
    case_id: int
    action: str
    label: str
    from_state: CaseState
    to_state: CaseState
    actor: str
    at: datetime
    facts: dict[str, object]
    notice_end: date | None
    version: int

    def to_json(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "action": self.action,
            "label": self.label,
            "from": self.from_state.value,
            "to": self.to_state.value,
            "status": self.to_state.value,
            "status_label": self.to_state.label,
            "actor": self.actor,
            "at": self.at.isoformat(timespec="seconds"),
            "facts": self.facts,
            "notice_end": self.notice_end.isoformat() if self.notice_end else None,
            "version": self.version,
        }


@dataclass(frozen=True)
class BatchLine:
    case_id: int
    ok: bool
    message: str
    from_state: CaseState | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "ok": self.ok,
            "message": self.message,
            "from": self.from_state.value if self.from_state else None,
        }


@dataclass(frozen=True)
class BatchReport:
    """All-or-nothing: `applied` is true only when every case passed and all were changed together."""

    applied: bool
    to_state: CaseState
    lines: tuple[BatchLine, ...]

    @property
    def refused(self) -> tuple[BatchLine, ...]:
        return tuple(line for line in self.lines if not line.ok)

    def to_json(self) -> dict[str, object]:
        return {
            "applied": self.applied,
            "to": self.to_state.value,
            "cases": [line.to_json() for line in self.lines],
        }


@dataclass(frozen=True)
class EventView:
    id: int
    case_id: int
    action: str
    label: str
    from_state: CaseState
    to_state: CaseState
    actor: str
    at: datetime
    facts: dict[str, Any]

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "action": self.action,
            "label": self.label,
            "from": self.from_state.value,
            "to": self.to_state.value,
            "actor": self.actor,
            "at": self.at.isoformat(timespec="seconds"),
            "facts": self.facts,
        }


@dataclass(frozen=True)
class PaymentView:
    id: int
    case_id: int
    line: str
    paid_on: date
    amount: Decimal
    voucher: str
    reverses_id: int | None
    reason: str
    actor: str
    at: datetime

    @property
    def line_label(self) -> str:
        return LINES[self.line]

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "case_id": self.case_id,
            "line": self.line,
            "line_label": self.line_label,
            "date": self.paid_on.isoformat(),
            "amount": f"{self.amount:.2f}",
            "voucher": self.voucher,
            "reverses_id": self.reverses_id,
            "reason": self.reason,
            "actor": self.actor,
            "at": self.at.isoformat(timespec="seconds"),
        }


@dataclass(frozen=True)
class MoneyLines:
    city_approved: Decimal | None
    city_paid: Decimal
    province_approved: Decimal | None
    province_received: Decimal
    province_paid: Decimal

    def to_json(self) -> dict[str, object]:
        def m(v: Decimal | None) -> str | None:
            return None if v is None else f"{v:.2f}"

        return {
            "city_approved": m(self.city_approved),
            "city_paid": m(self.city_paid),
            "province_approved": m(self.province_approved),
            "province_received": m(self.province_received),
            "province_paid": m(self.province_paid),
        }


OBJECTION_PENDING = "pending"
OBJECTION_UPHELD = "upheld"
OBJECTION_DISMISSED = "dismissed"
OBJECTION_LAPSED = "lapsed"


@dataclass(frozen=True)
class ObjectionView:
    """A written objection received during 公示 and what became of it: `pending` (待处理: approval waits for
    it), `upheld` (the case went back to review), `dismissed` (异议不成立), or `lapsed` (the case left 公示
    another way — another objection upheld, rejected, withdrawn — before this one was handled)."""

    id: int  # the case_event row that recorded it
    case_id: int
    objector: str
    received_on: date
    content: str
    recorded_by: str
    recorded_at: datetime
    status: str
    status_label: str
    resolved_by: str = ""
    resolved_on: date | None = None
    opinion: str = ""

    @property
    def pending(self) -> bool:
        return self.status == OBJECTION_PENDING

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "case_id": self.case_id,
            "objector": self.objector,
            "date": self.received_on.isoformat(),
            "content": self.content,
            "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at.isoformat(timespec="seconds"),
            "status": self.status,
            "status_label": self.status_label,
            "resolved_by": self.resolved_by,
            "resolved_on": self.resolved_on.isoformat() if self.resolved_on else None,
            "opinion": self.opinion,
        }


@dataclass(frozen=True)
class ProcessView:
    """Where a case stands in the process, and what the given roles may do next."""

    case_id: int
    state: CaseState
    version: int
    drafter: str | None
    reviewers: tuple[str, ...]
    notice_start: date | None
    notice_end: date | None
    next_steps: tuple[wf.Transition, ...]
    events: tuple[EventView, ...]
    money: MoneyLines
    notice_counted: str = ""  # how the 公示 end was counted (N个工作日，跳过…)

    def to_json(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "status": self.state.value,
            "status_label": self.state.label,
            "version": self.version,
            "drafter": self.drafter,
            "reviewers": list(self.reviewers),
            "notice_start": self.notice_start.isoformat() if self.notice_start else None,
            "notice_end": self.notice_end.isoformat() if self.notice_end else None,
            "notice_counted": self.notice_counted or None,
            "next": [{"to": t.target.value, "label": t.label} for t in self.next_steps],
            "events": [e.to_json() for e in self.events],
            "money": self.money.to_json(),
        }


# ------------------------------------------------------------------------------------------ internals


def _roles(session: Session, actor: str) -> frozenset[Role]:
    user = session.scalar(select(User).where(User.name == actor))
    if user is None or not user.active:
        raise InputError(f"用户“{actor}”不存在或已停用，不能办理案件。")
    return frozenset(Role(r) for r in user.roles.split(",") if r)


_case = case_records.load_case
_state = case_records.case_state


_events = case_records.events_of


def _drafters(events: list[CaseEvent]) -> list[str]:
    out: list[str] = []
    for e in events:
        if e.action in ("create", "submit") and e.actor not in out:
            out.append(e.actor)
    return out


def _reviewers(events: list[CaseEvent]) -> list[str]:
    review = {t.name for t in wf.TRANSITIONS if t.duty is Duty.REVIEW}
    out: list[str] = []
    for e in events:
        if e.action in review and e.actor not in out:
            out.append(e.actor)
    return out


def _notice(events: list[CaseEvent]) -> tuple[date | None, date | None]:
    for e in reversed(events):
        if e.action == "start_notice":
            facts = json.loads(e.facts)
            return date.fromisoformat(facts["date"]), date.fromisoformat(facts["notice_end"])
    return None, None


def _notice_counted(session: Session, events: list[CaseEvent]) -> str:
    """How the last 公示's end was counted: as recorded when it started, else counted again (older events)."""
    for e in reversed(events):
        if e.action == "start_notice":
            facts = json.loads(e.facts)
            if facts.get("notice_counted"):
                return str(facts["notice_counted"])
            try:
                cal = calendar_svc.load_session(session)
                return cal.count(date.fromisoformat(facts["date"]), int(facts["period"])).text
            except (
                KeyError,
                ValueError,
            ):  # WorkdayCalendarError is a ValueError: say nothing rather than guess
                return ""
    return ""


def _decided_on(events: list[CaseEvent]) -> date | None:
    for e in reversed(events):
        if e.action in ("approve", "reject"):
            return date.fromisoformat(json.loads(e.facts)["date"])
    return None


def _sum(session: Session, case_id: int, line: str) -> Decimal:
    amounts = session.scalars(
        select(CasePayment.amount).where(CasePayment.case_id == case_id, CasePayment.line == line)
    )
    return sum(amounts, ZERO)


def _approved(case: RewardCase) -> tuple[Decimal | None, Decimal | None]:
    if CaseState(case.status) not in _APPROVED_STATES:
        return None, None
    return case.city_reward, case.province_match


def _step_dates(events: list[CaseEvent]) -> dict[str, date]:
    """The date of the latest step of each kind: the date it states, else the day it was recorded."""
    out: dict[str, date] = {}
    for e in events:
        stated = json.loads(e.facts).get("date")
        out[e.action] = date.fromisoformat(stated) if stated else e.at.date()
    return out


def _last_payment_on(session: Session, case_id: int) -> date | None:
    return session.scalar(
        select(func.max(CasePayment.paid_on)).where(
            CasePayment.case_id == case_id, CasePayment.line.in_((CITY_PAID, PROVINCE_PAID))
        )
    )


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
        waiting = [o for o in _objections(case.id, _events(session, case.id)) if o.pending]
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
    state = _state(case)
    events = _events(session, case.id)
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


def _enterprise_name(session: Session, case: RewardCase) -> str:
    ent = session.get(Enterprise, case.enterprise_id)
    return ent.name if ent else f"企业 {case.enterprise_id}"


def _apply(
    uow: UnitOfWork,
    actor: str,
    case: RewardCase,
    tr: wf.Transition,
    facts: Facts,
    at: datetime,
    extra: Mapping[str, object] | None = None,
) -> StepResult:
    session = uow.session
    before = _state(case)
    stated = {**facts.to_json(), **(extra or {})}
    end: date | None = None
    if tr.name == "start_notice":
        assert facts.date is not None and facts.period is not None
        calendar = calendar_svc.load_session(session)
        end = wf.notice_end(facts.date, facts.period, calendar)
        stated["notice_end"] = end.isoformat()
        stated["notice_counted"] = calendar.count(facts.date, facts.period).text
    if tr.name == "approve" and not case.frozen:
        cases_svc.freeze_on_approval(FlushOnCommit(uow), case.id, decided_on=facts.date, actor=actor)
    if tr.name == "pay":
        assert facts.date is not None and facts.amount is not None
        session.add(
            CasePayment(
                case_id=case.id,
                line=CITY_PAID,
                paid_on=facts.date,
                amount=facts.amount,
                voucher=facts.voucher,
                reason="",
                actor=actor,
                at=at,
            )
        )
    case.status = tr.target.value
    event = CaseEvent(
        case_id=case.id,
        action=tr.name,
        from_state=before.value,
        to_state=tr.target.value,
        actor=actor,
        at=at,
        facts=json.dumps(stated, ensure_ascii=False, sort_keys=True),
    )
    session.add(event)
    changes: dict[str, audit.Change] = {"status": (before.value, tr.target.value)}
    changes.update({k: (None, v) for k, v in stated.items()})
    audit.record(session, actor, "case", case.id, tr.name, changes)
    session.flush()
    return StepResult(case.id, tr.name, tr.label, before, tr.target, actor, at, stated, end, case.version)


def _commit(uow: UnitOfWork, case_ids: Iterable[int], work: Callable[[], T]) -> T:
    """Do the writes and commit; another officer's save in between (the version moved on) → Conflict."""
    try:
        out = work()
        uow.commit()
        return out
    except StaleDataError:
        uow.rollback()
        raise Conflict(
            f"案件 {'、'.join(str(i) for i in case_ids)} 刚被他人办理，本次未保存。请刷新查看最新状态后再办理。"
        ) from None


def _stale(session: Session, case: RewardCase, expected_version: int | None) -> None:
    if expected_version is not None and case.version != expected_version:
        events = _events(session, case.id)
        last = events[-1] if events else None
        who = f"，{last.actor} 于 {last.at:%Y-%m-%d %H:%M} 办理“{_event_view(last).label}”" if last else ""
        raise Conflict(f"案件 {case.id} 已被他人修改（现为“{_state(case).label}”{who}），请刷新后再办理。")


# ------------------------------------------------------------------------------------------- use cases


def check_transition(
    uow: UnitOfWork,
    actor: str,
    case_id: int,
    to: str | CaseState,
    facts: Facts | Mapping[str, object] = NO_FACTS,
) -> list[str]:
    """Every reason the step would be refused now (empty: it would be taken). Changes nothing."""
    session = uow.session
    target = _target(to)
    case = _case(session, case_id)
    parsed = _facts(facts)
    tr, reasons = _check(session, actor, _roles(session, actor), case, target, parsed)
    if not reasons and tr is not None:
        reasons.extend(_approval_rules(session, [case], tr, parsed, facts)[0])
    return reasons


def _target(to: str | CaseState) -> CaseState:
    if isinstance(to, CaseState):
        return to
    try:
        return wf.parse_state(to)
    except ValueError as exc:
        raise InputError(str(exc), {"to": "无法识别"}) from None


def transition(
    uow: UnitOfWork,
    actor: str,
    case_id: int,
    to: str | CaseState,
    facts: Facts | Mapping[str, object] = NO_FACTS,
    *,
    expected_version: int | None = None,
) -> StepResult:
    """Take one step; raise TransitionRefused with every reason when the state, role, facts or duties forbid
    it, Conflict when someone else changed the case meanwhile."""
    session = uow.session
    target = _target(to)
    parsed = _facts(facts)
    roles = _roles(session, actor)
    case = _case(session, case_id)
    _stale(session, case, expected_version)
    tr, reasons = _check(session, actor, roles, case, target, parsed)
    extra: dict[str, object] = {}
    if not reasons and tr is not None:
        over, extra = _approval_rules(session, [case], tr, parsed, facts)
        reasons.extend(over)
    if reasons or tr is None:
        raise TransitionRefused(reasons, case_id)
    return _commit(uow, [case_id], lambda: _apply(uow, actor, case, tr, parsed, now(), extra))


def transition_batch(
    uow: UnitOfWork,
    actor: str,
    case_ids: Iterable[int],
    to: str | CaseState,
    facts: Facts | Mapping[str, object] = NO_FACTS,
) -> BatchReport:
    """Take the same step for many cases, all or nothing: every case is checked first (role, state, facts,
    four-eyes per case); when any is refused, none is changed and the report says why for each."""
    session = uow.session
    target = _target(to)
    parsed = _facts(facts)
    roles = _roles(session, actor)
    ids = list(dict.fromkeys(case_ids))
    if not ids:
        raise InputError("请选择要办理的案件。")
    lines: list[BatchLine] = []
    plan: list[tuple[RewardCase, wf.Transition]] = []
    for case_id in ids:
        case = session.get(RewardCase, case_id)
        if case is None:
            lines.append(BatchLine(case_id, False, f"奖励案件（编号 {case_id}）不存在。"))
            continue
        try:
            tr, reasons = _check(session, actor, roles, case, target, parsed)
        except InputError as exc:
            lines.append(BatchLine(case_id, False, str(exc)))
            continue
        if reasons or tr is None:
            lines.append(BatchLine(case_id, False, "".join(reasons), _state(case)))
        else:
            lines.append(
                BatchLine(case_id, True, f"可{tr.label}：{_enterprise_name(session, case)}", _state(case))
            )
            plan.append((case, tr))
    if len(plan) != len(ids):
        ok = [
            line
            if not line.ok
            else BatchLine(
                line.case_id, True, line.message + "（因其他案件未通过，本批均未办理）", line.from_state
            )
            for line in lines
        ]
        return BatchReport(False, target, tuple(ok))
    over, extra = _approval_rules(session, [c for c, _ in plan], plan[0][1], parsed, facts)
    if over:
        return BatchReport(
            False,
            target,
            tuple(BatchLine(c.id, False, "".join(over) + "（本批均未办理）", _state(c)) for c, _ in plan),
        )
    at = now()
    done = _commit(uow, ids, lambda: [_apply(uow, actor, case, tr, parsed, at, extra) for case, tr in plan])
    return BatchReport(
        True,
        target,
        tuple(
            BatchLine(
                r.case_id, True, f"已{r.label}（{r.from_state.label} → {r.to_state.label}）", r.from_state
            )
            for r in done
        ),
    )


def record_objection(
    uow: UnitOfWork,
    actor: str,
    case_id: int,
    objector: str,
    on: date | str,
    content: str,
    upheld: bool = False,
) -> EventView | StepResult:
    """Record a written objection received during 公示 (who, when, what). Upheld: the case returns to review
    at once (a reviewer's step); otherwise it is recorded as pending (待处理) and the case stays in 公示 until
    a reviewer decides it (`resolve_objection`); approval waits for every pending objection."""
    facts = _facts({"objector": objector, "date": on, "reason": content})
    if upheld:
        return transition(uow, actor, case_id, CaseState.UNDER_REVIEW, facts)
    session = uow.session
    roles = _roles(session, actor)
    case = _case(session, case_id)
    state = _state(case)
    reasons: list[str] = []
    if state is not CaseState.PUBLIC_NOTICE:
        reasons.append(f"案件处于“{state.label}”状态，只有公示期间可登记异议。")
    if not roles & {Role.CLERK, Role.REVIEWER}:
        reasons.append("登记异议须由经办人或审核人办理。")
    missing = [f.label for f in (wf.Fact.OBJECTOR, wf.Fact.DATE, wf.Fact.REASON) if not facts.present(f)]
    if missing:
        reasons.append(f"登记异议须填写：{'、'.join(missing)}。")
    start, end = _notice(_events(session, case_id))
    if facts.date and start and end and not start <= facts.date <= end:
        reasons.append(f"异议日期 {facts.date} 不在公示期（{start} 至 {end}）内。")
    if facts.date:
        reasons.extend(wf.date_problems("登记异议", facts.date, clock.today(), ()))
    if reasons:
        raise TransitionRefused(reasons, case_id)
    at = now()
    stated = {**facts.to_json(), "upheld": False}
    event = CaseEvent(
        case_id=case_id,
        action="objection",
        from_state=state.value,
        to_state=state.value,
        actor=actor,
        at=at,
        facts=json.dumps(stated, ensure_ascii=False, sort_keys=True),
    )
    session.add(event)
    audit.record(session, actor, "case", case_id, "objection", {k: (None, v) for k, v in stated.items()})
    session.flush()
    view = _event_view(event)
    uow.commit()
    return view


def _received(case_id: int, e: CaseEvent, facts: dict[str, Any]) -> ObjectionView:
    """The objection an event records as received (who objected, when, what), not yet decided."""
    return ObjectionView(
        e.id,
        case_id,
        str(facts.get("objector", "")),
        date.fromisoformat(facts["date"]),
        str(facts.get("reason", "")),
        e.actor,
        e.at,
        OBJECTION_PENDING,
        "待处理",
    )


def _objections(case_id: int, events: list[CaseEvent]) -> list[ObjectionView]:
    """The case's objections, oldest first, each with what became of it (read from the case's events)."""
    found: dict[int, ObjectionView] = {}
    labels = {t.name: t.label for t in wf.TRANSITIONS}
    for e in events:
        facts = json.loads(e.facts)
        if e.action == "objection":
            found[e.id] = _received(case_id, e, facts)
            continue
        target = found.get(int(facts.get("objection_id") or 0))
        if e.action == "objection_dismissed" and target is not None:
            found[target.id] = replace(
                target,
                status=OBJECTION_DISMISSED,
                status_label="异议不成立",
                resolved_by=e.actor,
                resolved_on=date.fromisoformat(facts["date"]),
                opinion=str(facts.get("reason", "")),
            )
            continue
        if e.action == "objection_upheld":
            # recorded and upheld in one step (its reason is the objection itself), or decided later (its
            # reason is the reviewer's opinion)
            base = target or _received(case_id, e, facts)
            found[base.id] = replace(
                base,
                status=OBJECTION_UPHELD,
                status_label="异议成立，已退回审查",
                resolved_by=e.actor,
                resolved_on=date.fromisoformat(facts.get("resolved_on") or e.at.date().isoformat()),
                opinion=str(facts.get("reason", "")) if target else "",
            )
        if e.from_state == CaseState.PUBLIC_NOTICE.value and e.to_state != CaseState.PUBLIC_NOTICE.value:
            label = labels.get(e.action, e.action)
            for key, o in found.items():
                if o.pending:
                    found[key] = replace(
                        o, status=OBJECTION_LAPSED, status_label=f"未单独处理（案件已{label}）"
                    )
    return sorted(found.values(), key=lambda o: o.id)


def objections(uow: UnitOfWork, case_id: int) -> list[ObjectionView]:
    """The objections recorded on a case during its 公示, oldest first, with their outcome."""
    _case(uow.session, case_id)
    return _objections(case_id, _events(uow.session, case_id))


def resolve_objection(
    uow: UnitOfWork,
    actor: str,
    objection_id: int,
    upheld: bool,
    opinion: str,
    on: date | str | None = None,
) -> EventView | StepResult:
    """A reviewer decides a pending objection after checking it (核查). Upheld: the case returns to review
    (the “异议成立，退回审查” step, which records the objection's id); not upheld: the objection is closed
    as 异议不成立 and the case stays in 公示 (approval waits until no objection is pending). The drafter of the
    case may not decide its objections (a review duty)."""
    session = uow.session
    record = session.get(CaseEvent, objection_id)
    if record is None or record.action != "objection":
        raise NotFound(f"异议记录（编号 {objection_id}）不存在。")
    case = _case(session, record.case_id)
    events = _events(session, case.id)
    objection = next(o for o in _objections(case.id, events) if o.id == objection_id)
    roles = _roles(session, actor)
    reasons: list[str] = []
    if not objection.pending:
        reasons.append(f"该异议已处理（{objection.status_label}），不能再处理。")
    if Role.REVIEWER not in roles:
        reasons.append("处理异议须由审核人办理。")
    if not opinion.strip():
        reasons.append("须填写处理意见（核查情况及结论）。")
    try:
        when = wf.parse_date(on, "处理日期") if on else clock.today()
    except ValueError as exc:
        reasons.append(str(exc))
        when = objection.received_on
    reasons.extend(wf.date_problems("处理异议", when, clock.today(), [("收到异议", objection.received_on)]))
    if actor in _drafters(events):
        reasons.append(f"您（{actor}）是本案的经办（登记）人，不能处理本案的异议，须由其他审核人处理。")
    if reasons:
        raise TransitionRefused(reasons, case.id)
    opinion = " ".join(opinion.split())
    extra = {"objection_id": objection_id, "resolved_on": when.isoformat()}
    if upheld:
        facts = Facts(date=objection.received_on, objector=objection.objector, reason=opinion)
        tr, refused = _check(session, actor, roles, case, CaseState.UNDER_REVIEW, facts)
        if refused or tr is None:
            raise TransitionRefused(refused, case.id)
        return _commit(uow, [case.id], lambda: _apply(uow, actor, case, tr, facts, now(), extra))
    stated: dict[str, object] = {"objection_id": objection_id, "date": when.isoformat(), "reason": opinion}
    event = CaseEvent(
        case_id=case.id,
        action="objection_dismissed",
        from_state=record.from_state,
        to_state=record.from_state,
        actor=actor,
        at=now(),
        facts=json.dumps(stated, ensure_ascii=False, sort_keys=True),
    )
    session.add(event)
    audit.record(
        session, actor, "case", case.id, "objection_dismissed", {k: (None, v) for k, v in stated.items()}
    )
    session.flush()
    view = _event_view(event)
    uow.commit()
    return view


def _check_line(session: Session, case: RewardCase, line: str, amount: Decimal) -> list[str]:
    city, province = _approved(case)
    if line == CITY_PAID:
        return wf.payment_problems(amount, city, _sum(session, case.id, CITY_PAID), "市级奖励")
    received = _sum(session, case.id, PROVINCE_RECEIVED)
    paid = _sum(session, case.id, PROVINCE_PAID)
    if line == PROVINCE_RECEIVED:
        problems = wf.payment_problems(amount, province, received, "省级配套")
        if not problems and received + amount < paid:
            problems.append(f"冲正后到账金额将少于已拨付企业的 {paid:,.2f} 元。")
        return problems
    problems = wf.payment_problems(amount, province, paid, "省级配套")
    if not problems and paid + amount > received:
        problems.append(
            f"省级配套资金已到账 {received:,.2f} 元，已拨付 {paid:,.2f} 元，本次 {amount:,.2f} 元超过到账金额。"
        )
    return problems


def _payment_follows(
    session: Session, case: RewardCase, line: str, amount: Decimal
) -> list[tuple[str, date]]:
    """What a payment on `line` may not be dated before: city money and provincial payments follow the
    funding notice, provincial money's arrival follows the decision; a provincial payment also follows the
    arrival that covers it (the day the money received reaches what is paid out, this payment included)."""
    steps = _step_dates(_events(session, case.id))
    out: list[tuple[str, date]] = []
    if line == PROVINCE_RECEIVED:
        if "approve" in steps:
            out.append((wf.by_name("approve").label, steps["approve"]))
        return out
    if "issue_notice" in steps:
        out.append((wf.by_name("issue_notice").label, steps["issue_notice"]))
    if line == PROVINCE_PAID and amount > 0:
        rows = session.execute(
            select(CasePayment.line, CasePayment.amount, CasePayment.paid_on).where(
                CasePayment.case_id == case.id, CasePayment.line.in_((PROVINCE_RECEIVED, PROVINCE_PAID))
            )
        ).all()
        needed = sum((r.amount for r in rows if r.line == PROVINCE_PAID), ZERO) + amount
        received = ZERO
        for r in sorted((r for r in rows if r.line == PROVINCE_RECEIVED), key=lambda r: r.paid_on):
            received += r.amount
            if received >= needed:
                out.append((LINES[PROVINCE_RECEIVED], r.paid_on))
                break
    return out


def record_payment(
    uow: UnitOfWork,
    actor: str,
    case_id: int,
    line: str,
    on: date | str,
    amount: Decimal | str,
    voucher: str,
) -> PaymentView:
    """Record money on a line (`city_paid`, `province_received`, `province_paid`). The first city payment is
    the “市级拨付” step (→ 已拨付); later ones and the provincial lines are recorded here."""
    session = uow.session
    if line not in LINES:
        raise InputError(
            f"资金类别“{line}”无法识别，可选：" + "、".join(f"{k}（{v}）" for k, v in LINES.items()) + "。"
        )
    roles = _roles(session, actor)
    case = _case(session, case_id)
    state = _state(case)
    reasons: list[str] = []
    if Role.CLERK not in roles:
        reasons.append("登记拨付须由经办人办理。")
    if state not in _PAYMENT_STATES[line]:
        hint = (
            "市级首笔拨付请办理“市级拨付”（转为“已拨付”）。"
            if line == CITY_PAID and state is CaseState.NOTICE_ISSUED
            else ""
        )
        reasons.append(f"案件处于“{state.label}”状态，不能登记{LINES[line]}。{hint}")
    try:
        when = wf.parse_date(on, "拨付日期")
        value = parse_amount(amount, "金额")
    except (MoneyError, ValueError) as exc:
        raise TransitionRefused([*reasons, str(exc)], case_id) from None
    if not voucher.strip():
        reasons.append("须填写凭证号。")
    if not reasons:
        reasons.extend(_check_line(session, case, line, value))
        reasons.extend(
            wf.date_problems(LINES[line], when, clock.today(), _payment_follows(session, case, line, value))
        )
    if reasons:
        raise TransitionRefused(reasons, case_id)
    payment = CasePayment(
        case_id=case_id,
        line=line,
        paid_on=when,
        amount=value,
        voucher=" ".join(voucher.split()),
        reason="",
        actor=actor,
        at=now(),
    )
    session.add(payment)
    session.flush()
    audit.record(
        session,
        actor,
        "case",
        case_id,
        "payment",
        {
            "line": (None, line),
            "date": (None, when),
            "amount": (None, value),
            "voucher": (None, payment.voucher),
        },
    )
    view = _payment_view(payment)
    uow.commit()
    return view


def correct_payment(
    uow: UnitOfWork, actor: str, payment_id: int, reason: str, on: date | str | None = None
) -> PaymentView:
    """Correct a wrong payment with a reversing record (the original stays, as everything does)."""
    session = uow.session
    original = session.get(CasePayment, payment_id)
    if original is None:
        raise NotFound(f"拨付记录（编号 {payment_id}）不存在。")
    roles = _roles(session, actor)
    reasons: list[str] = []
    if Role.CLERK not in roles:
        reasons.append("冲正须由经办人办理。")
    if not reason.strip():
        reasons.append("冲正须填写原因。")
    if original.reverses_id is not None:
        reasons.append("这是一条冲正记录，不能再冲正。")
    if session.scalar(select(CasePayment.id).where(CasePayment.reverses_id == payment_id)) is not None:
        reasons.append(f"拨付记录 {payment_id} 已冲正过。")
    case = _case(session, original.case_id)
    try:
        when = wf.parse_date(on, "冲正日期") if on else clock.today()
    except ValueError as exc:
        raise TransitionRefused([*reasons, str(exc)], case.id) from None
    if not reasons:
        reasons.extend(_check_line(session, case, original.line, -original.amount))
        reasons.extend(wf.date_problems("冲正", when, clock.today(), [("原拨付", original.paid_on)]))
    if reasons:
        raise TransitionRefused(reasons, case.id)
    correction = CasePayment(
        case_id=case.id,
        line=original.line,
        paid_on=when,
        amount=-original.amount,
        voucher=original.voucher,
        reverses_id=original.id,
        reason=reason.strip(),
        actor=actor,
        at=now(),
    )
    session.add(correction)
    session.flush()
    audit.record(
        session,
        actor,
        "case",
        case.id,
        "correction",
        {
            "line": (None, original.line),
            "amount": (None, correction.amount),
            "reason": (None, correction.reason),
        },
    )
    view = _payment_view(correction)
    uow.commit()
    return view


def _payment_view(p: CasePayment) -> PaymentView:
    return PaymentView(
        p.id, p.case_id, p.line, p.paid_on, p.amount, p.voucher, p.reverses_id, p.reason, p.actor, p.at
    )


def _event_view(e: CaseEvent) -> EventView:
    label = {t.name: t.label for t in wf.TRANSITIONS}.get(
        e.action,
        {"objection": "登记异议", "objection_dismissed": "异议不成立", "create": "创建"}.get(
            e.action, e.action
        ),
    )
    return EventView(
        e.id,
        e.case_id,
        e.action,
        label,
        CaseState(e.from_state),
        CaseState(e.to_state),
        e.actor,
        e.at,
        json.loads(e.facts),
    )


def payments(uow: UnitOfWork, case_id: int) -> list[PaymentView]:
    stmt = select(CasePayment).where(CasePayment.case_id == case_id).order_by(CasePayment.id)
    return [_payment_view(p) for p in uow.session.scalars(stmt)]


def money_lines(uow: UnitOfWork, case_id: int) -> MoneyLines:
    session = uow.session
    case = _case(session, case_id)
    city, province = _approved(case)
    return MoneyLines(
        city,
        _sum(session, case_id, CITY_PAID),
        province,
        _sum(session, case_id, PROVINCE_RECEIVED),
        _sum(session, case_id, PROVINCE_PAID),
    )


def record_created(uow: UnitOfWork, actor: str, case_id: int) -> None:
    """Note who drafted a case created without a named officer (`cases.create_case` records a named one
    itself), for separation of duties; call in a transaction the caller commits. Without it, the officer who
    submits the case counts as its drafter."""
    session = uow.session
    case = _case(session, case_id)
    cases_svc.note_drafter(session, actor, case)
    audit.record(session, actor, "case", case_id, "set_drafter", {"drafter": (None, actor)})
    session.flush()


def process(uow: UnitOfWork, case_id: int, roles: Iterable[Role] | None = None) -> ProcessView:
    session = uow.session
    case = _case(session, case_id)
    events = _events(session, case_id)
    start, end = _notice(events)
    drafters = _drafters(events)
    return ProcessView(
        case_id=case_id,
        state=_state(case),
        version=case.version,
        drafter=drafters[0] if drafters else None,
        reviewers=tuple(_reviewers(events)),
        notice_start=start,
        notice_end=end,
        next_steps=tuple(wf.next_steps(_state(case), roles)),
        events=tuple(_event_view(e) for e in events),
        money=money_lines(uow, case_id),
        notice_counted=_notice_counted(session, events),
    )


def history(uow: UnitOfWork, case_id: int) -> list[str]:
    """The case's history in plain Chinese (the 历史 tab)."""
    _case(uow.session, case_id)
    return audit.history(uow, "case", case_id)

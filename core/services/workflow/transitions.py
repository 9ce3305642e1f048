"""Taking steps: `check_transition` (every reason a step would be refused, changing nothing),
`transition` (one case) and `transition_batch` (many, all or nothing); how a step is applied (the case
event, the audit entry, the 公示 end, the freeze on approval, the first city payment) and committed (another
officer's save in between → Conflict); and `record_created`, naming the drafter of a case created without one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.domain import workflow as wf
from core.domain.workflow import CaseState, Facts
from core.services import audit
from core.services import calendar as calendar_svc
from core.services import cases as cases_svc
from core.services.case_records import case_state, events_of, load_case
from core.services.errors import Conflict, InputError
from core.services.workflow.readers import _enterprise_name, _event_view, _roles
from core.services.workflow.results import (
    CITY_PAID,
    NO_FACTS,
    BatchLine,
    BatchReport,
    StepResult,
    TransitionRefused,
)
from core.services.workflow.rules import _approval_rules, _check, _facts, _target
from core.store.models import now
from core.store.models_cases import RewardCase
from core.store.models_workflow import CaseEvent, CasePayment
from core.store.uow import FlushOnCommit, UnitOfWork

T = TypeVar("T")


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
    before = case_state(case)
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
        events = events_of(session, case.id)
        last = events[-1] if events else None
        who = f"，{last.actor} 于 {last.at:%Y-%m-%d %H:%M} 办理“{_event_view(last).label}”" if last else ""
        raise Conflict(
            f"案件 {case.id} 已被他人修改（现为“{case_state(case).label}”{who}），请刷新后再办理。"
        )


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
    case = load_case(session, case_id)
    parsed = _facts(facts)
    tr, reasons = _check(session, actor, _roles(session, actor), case, target, parsed)
    if not reasons and tr is not None:
        reasons.extend(_approval_rules(session, [case], tr, parsed, facts)[0])
    return reasons


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
    case = load_case(session, case_id)
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
            lines.append(BatchLine(case_id, False, "".join(reasons), case_state(case)))
        else:
            lines.append(
                BatchLine(case_id, True, f"可{tr.label}：{_enterprise_name(session, case)}", case_state(case))
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
            tuple(BatchLine(c.id, False, "".join(over) + "（本批均未办理）", case_state(c)) for c, _ in plan),
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


def record_created(uow: UnitOfWork, actor: str, case_id: int) -> None:
    """Note who drafted a case created without a named officer (`cases.create_case` records a named one
    itself), for separation of duties; call in a transaction the caller commits. Without it, the officer who
    submits the case counts as its drafter."""
    session = uow.session
    case = load_case(session, case_id)
    cases_svc.note_drafter(session, actor, case)
    audit.record(session, actor, "case", case_id, "set_drafter", {"drafter": (None, actor)})
    session.flush()

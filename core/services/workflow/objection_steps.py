"""Objections received during 公示: `record_objection` (upheld at once: back to review; else
pending) and `resolve_objection`, a reviewer's decision on a pending one (upheld: back to review; dismissed:
异议不成立, the case stays in 公示).
"""

from __future__ import annotations

import json
from datetime import date

from core.domain import clock
from core.domain import workflow as wf
from core.domain.workflow import CaseState, Facts, Role
from core.services import audit
from core.services.case_records import case_state, events_of, load_case
from core.services.errors import NotFound
from core.services.workflow.readers import (
    _drafters,
    _event_view,
    _notice,
    _objections,
    _roles,
)
from core.services.workflow.results import EventView, StepResult, TransitionRefused
from core.services.workflow.rules import _check, _facts
from core.services.workflow.transitions import _apply, _commit, transition
from core.store.models import now
from core.store.models_workflow import CaseEvent
from core.store.uow import UnitOfWork


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
    case = load_case(session, case_id)
    state = case_state(case)
    reasons: list[str] = []
    if state is not CaseState.PUBLIC_NOTICE:
        reasons.append(f"案件处于“{state.label}”状态，只有公示期间可登记异议。")
    if not roles & {Role.CLERK, Role.REVIEWER}:
        reasons.append("登记异议须由经办人或审核人办理。")
    missing = [f.label for f in (wf.Fact.OBJECTOR, wf.Fact.DATE, wf.Fact.REASON) if not facts.present(f)]
    if missing:
        reasons.append(f"登记异议须填写：{'、'.join(missing)}。")
    start, end = _notice(events_of(session, case_id))
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
    case = load_case(session, record.case_id)
    events = events_of(session, case.id)
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

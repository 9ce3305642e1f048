"""What the documents read of the case process (core.store.models_workflow.CaseEvent): each case's steps as
plain values, the 公示 it is in or went through and the one period of a 公示 list, the approval form's four
opinions, the cases approved in a period, the 文号 of its “下达资金” step, and the dates of its steps
(`CaseDates`) that the 成文日期 follows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain.workdays import WorkdayCalendarError, next_working_day
from core.io.pdf import model as m
from core.io.pdf.layout import fmt_date
from core.services import calendar as calendar_svc
from core.services import case_records
from core.services.documents.case_data import CaseFacts, _case_name
from core.services.documents.kinds import (
    _IN_OR_PAST_PUBLICITY,
    _NO_REWARD,
    APPROVED_STATES,
    DEFAULT_OPINION_STAGES,
    _ids_text,
)
from core.services.documents.results import PublicityPeriod, RenderOptions, _Refusal
from core.services.errors import InputError
from core.store.models_cases import RewardCase
from core.store.models_users import User
from core.store.models_workflow import CaseEvent
from core.store.uow import UnitOfWork


@dataclass(frozen=True)
class _Event:
    """A step of a case (core.store.models_workflow.CaseEvent) as plain values."""

    action: str
    actor: str
    at: datetime
    facts: dict[str, Any]


_state_of = case_records.state_of


def _events(session: Session, case_id: int) -> list[_Event]:
    rows = case_records.events_of(session, case_id)
    return [_Event(r.action, r.actor, r.at, json.loads(r.facts or "{}")) for r in rows]


def _current_notice(events: list[_Event]) -> _Event | None:
    """The “开始公示” step of the 公示 the case is in or went through: the latest one, unless the case went back
    to review after it (an objection upheld, returned for correction)."""
    for e in reversed(events):
        if e.action in ("objection_upheld", "return"):
            return None
        if e.action == "start_notice":
            return e
    return None


def _publicity_period(
    session: Session, facts: Sequence[CaseFacts], opts: RenderOptions, on: date
) -> PublicityPeriod:
    """The one period of a 公示 list (package docstring); raises `_Refusal` naming the cases otherwise."""
    recorded: dict[tuple[date, date, int], list[int]] = {}
    counted: dict[tuple[date, date, int], str] = {}
    proposed: list[int] = []
    for f in facts:
        cid = f.line.case_id
        state = _state_of(session, cid)
        if state in _NO_REWARD:
            raise _Refusal(f"{_case_name(f)}处于“{state.label}”状态，不能列入公示名单。", cid)
        if state not in _IN_OR_PAST_PUBLICITY:
            proposed.append(cid)
            continue
        event = _current_notice(_events(session, cid))
        if event is None:
            raise _Refusal(
                f"{_case_name(f)}处于“{state.label}”状态，但没有“开始公示”的记录，无法确定公示期。", cid
            )
        key = (
            date.fromisoformat(str(event.facts["date"])),
            date.fromisoformat(str(event.facts["notice_end"])),
            int(event.facts["period"]),
        )
        recorded.setdefault(key, []).append(cid)
        counted.setdefault(key, str(event.facts.get("notice_counted", "")))
    if recorded and proposed:
        started = sorted(i for ids in recorded.values() for i in ids)
        raise _Refusal(
            f"案件 {_ids_text(proposed)} 尚未开始公示，案件 {_ids_text(started)} 已开始公示；同一公示名单的案件"
            "须同一公示期，请分开生成（尚未公示的案件可单独生成拟公示名单）。",
            proposed[0],
        )
    if len(recorded) > 1:
        parts = "；".join(
            f"案件 {_ids_text(ids)} 为{PublicityPeriod(*key, True).text}" for key, ids in recorded.items()
        )
        raise _Refusal(
            f"所选案件的公示期不同（{parts}），同一公示名单的案件须同一公示期，请按公示期分别生成。",
            next(iter(recorded.values()))[0],
        )
    calendar = calendar_svc.load_session(session)
    if recorded:
        key = next(iter(recorded))
        (start, end, days) = key
        try:  # recorded when the 公示 started; counted again for a 公示 recorded before that was kept
            how = counted[key] or calendar.count(start, days).text
        except WorkdayCalendarError:
            how = ""
        return PublicityPeriod(start, end, days, True, how)
    if opts.publicity_days < 1:
        raise InputError("公示期至少为1个工作日。", {"days": "至少1"})
    start = next_working_day(opts.publicity_start or on, calendar)
    how_counted = calendar.count(start, opts.publicity_days)
    return PublicityPeriod(start, how_counted.end, opts.publicity_days, False, how_counted.text)


def _display_names(session: Session, names: set[str]) -> dict[str, str]:
    """Officers' display names where they have one (else their sign-in name)."""
    rows = session.execute(select(User.name, User.display_name).where(User.name.in_(sorted(names))))
    return {name: shown or name for name, shown in rows}


def _last(events: list[_Event], actions: set[str]) -> int:
    """Index of the last step among `actions` (-1: none)."""
    for i in range(len(events) - 1, -1, -1):
        if events[i].action in actions:
            return i
    return -1


def opinions_of(session: Session, case_id: int) -> tuple[m.Opinion, ...]:
    """The approval form's four boxes from the case's steps (package docstring): the clerk's submission (unless
    the case was returned since), the reviewer's outcome since that submission (公示, returned, objection upheld),
    the approver's decision (and a later voiding); empty boxes for steps not taken."""
    events = _events(session, case_id)
    names = _display_names(session, {e.actor for e in events})

    def opinion(stage: str, text: str, e: _Event, on: date | None = None) -> m.Opinion:
        # the day the step states (paper work recorded afterwards), else the day it was recorded
        stated = e.facts.get("date")
        when = on or (date.fromisoformat(str(stated)) if stated else e.at.date())
        return m.Opinion(stage, text, names.get(e.actor, e.actor), when)

    clerk_stage, review_stage, leader_stage, decision_stage = DEFAULT_OPINION_STAGES
    out = {stage: m.Opinion(stage) for stage in DEFAULT_OPINION_STAGES}
    submitted = _last(events, {"submit"})
    if submitted >= 0 and _last(events, {"return"}) < submitted:
        out[clerk_stage] = opinion(clerk_stage, "申报材料已登记，提交审查。", events[submitted])
    reviewed = _last(events, {"start_notice", "return", "objection_upheld"})
    if reviewed > submitted:  # a resubmission after a return waits for a new review
        e = events[reviewed]
        f = e.facts
        if e.action == "start_notice":
            start, end = date.fromisoformat(str(f["date"])), date.fromisoformat(str(f["notice_end"]))
            text = (
                f"经审查，符合奖励条件，同意列入拟奖励名单，于{fmt_date(start)}至{fmt_date(end)}公示"
                f"（{f['period']}个工作日）。"
            )
            objections = [x for x in events[reviewed + 1 :] if x.action == "objection"]
            if objections:
                who = "、".join(dict.fromkeys(str(x.facts.get("objector", "")) for x in objections))
                text += f"公示期间收到书面异议{len(objections)}件（异议人：{who}），未予采纳。"
        elif e.action == "return":
            text = f"退回补正：{f.get('reason', '')}"
        else:
            text = f"公示期间异议成立（异议人：{f.get('objector', '')}），退回审查：{f.get('reason', '')}"
        out[review_stage] = opinion(review_stage, text, e)
    decided = _last(events, {"approve", "reject"})
    if decided >= 0:
        e = events[decided]
        f = e.facts
        if e.action == "approve":
            text = "同意按上表所列金额给予奖励。"
            if f.get("override_reason"):
                text += f"超出预算批准，理由：{f['override_reason']}。"
            if f.get("over_cap_reason"):
                text += f"合计超过奖励总额度批准，理由：{f['over_cap_reason']}。"
        else:
            text = f"不予奖励：{f.get('reason', '')}"
        voided = _last(events, {"void"})
        if voided > decided:
            v = events[voided]
            text += f"（{fmt_date(v.at.date())}由{names.get(v.actor, v.actor)}作废，原因：{v.facts.get('reason', '')}）"
        on = date.fromisoformat(str(f["date"])) if f.get("date") else None
        out[decision_stage] = opinion(decision_stage, text, e, on)
    del leader_stage  # no step of the app's process stands for it: signed on paper
    return tuple(out[stage] for stage in DEFAULT_OPINION_STAGES)


def approved_in_period(uow: UnitOfWork, start: date, end: date) -> list[int]:
    """The cases approved from `start` to `end` (inclusive, by the “批准” step's decision date) that still
    stand approved (已批准 or later: not voided since; a rejected or withdrawn case was never approved), by id."""
    if end < start:
        raise InputError(f"期间的结束日期 {end} 早于开始日期 {start}。", {"to": "早于开始日期"})
    rows = uow.session.execute(
        select(CaseEvent.case_id, CaseEvent.facts)
        .join(RewardCase, RewardCase.id == CaseEvent.case_id)
        .where(CaseEvent.action == "approve", RewardCase.status.in_([s.value for s in APPROVED_STATES]))
        .order_by(CaseEvent.id)
    )
    decided = {case_id: date.fromisoformat(str(json.loads(facts)["date"])) for case_id, facts in rows}
    return sorted(case_id for case_id, on in decided.items() if start <= on <= end)


def _notice_no_of(session: Session, case_id: int) -> str:
    for e in reversed(_events(session, case_id)):
        if e.action == "issue_notice":
            return str(e.facts.get("doc_no", ""))
    return ""


@dataclass(frozen=True)
class CaseDates:
    """The dates of a case's steps that a document follows (None: not taken). A step's date is its stated
    `date`; a step that states none (提交申报, 开始审查) took place on the day it was recorded, unless a later
    step is dated before that day (paper work recorded after the fact): then its date is not known (None). The
    公示 is the one the case is in or went through."""

    submitted: date | None = None  # 提交申报 (the latest)
    review: date | None = None  # 开始审查 (the latest)
    notice_start: date | None = None  # 开始公示
    notice_end: date | None = None
    decided: date | None = None  # 批准 / 不予奖励
    funded: date | None = None  # 下达资金
    paid: date | None = None  # the first city payment


def _step_dates(events: list[_Event]) -> list[date | None]:
    """Each step's date (see CaseDates), in the order of `events`."""
    out: list[date | None] = []
    bound: date | None = None  # the earliest date stated by a later step
    for e in reversed(events):
        stated = e.facts.get("date")
        if stated:
            day = date.fromisoformat(str(stated))
            bound = day if bound is None else min(bound, day)
            out.append(day)
        else:
            recorded = e.at.date()
            out.append(recorded if bound is None or recorded <= bound else None)
    return out[::-1]


def case_dates(session: Session, case_id: int) -> CaseDates:
    events = _events(session, case_id)
    days = _step_dates(events)

    def last(*actions: str) -> date | None:
        i = _last(events, set(actions))
        return days[i] if i >= 0 else None

    notice = _current_notice(events)
    paid = [d for d, e in zip(days, events, strict=True) if e.action == "pay" and d is not None]
    return CaseDates(
        submitted=last("submit"),
        review=last("start_review"),
        notice_start=date.fromisoformat(str(notice.facts["date"])) if notice else None,
        notice_end=date.fromisoformat(str(notice.facts["notice_end"])) if notice else None,
        decided=last("approve", "reject"),
        funded=last("issue_notice"),
        paid=min(paid) if paid else None,
    )

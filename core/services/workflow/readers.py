"""What the process reads from a stored case: the officer's roles, the case's events (drafters,
reviewers, the 公示 period and how its end was counted, the decision date, each step's date), the money paid
and approved on each line, its objections and their outcome (replayed from the events), and the plain views
of an event and of a payment.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.domain import workflow as wf
from core.domain.workflow import CaseState, Duty, Role
from core.services import calendar as calendar_svc
from core.services.errors import InputError
from core.services.workflow.results import (
    CITY_PAID,
    OBJECTION_DISMISSED,
    OBJECTION_LAPSED,
    OBJECTION_PENDING,
    OBJECTION_UPHELD,
    PROVINCE_PAID,
    ZERO,
    EventView,
    ObjectionView,
    PaymentView,
)
from core.store.models import Enterprise
from core.store.models_cases import RewardCase
from core.store.models_users import User
from core.store.models_workflow import CaseEvent, CasePayment

_APPROVED_STATES = frozenset(
    {CaseState.APPROVED, CaseState.NOTICE_ISSUED, CaseState.PAID, CaseState.EVALUATED, CaseState.CLOSED}
)


def _roles(session: Session, actor: str) -> frozenset[Role]:
    user = session.scalar(select(User).where(User.name == actor))
    if user is None or not user.active:
        raise InputError(f"用户“{actor}”不存在或已停用，不能办理案件。")
    return frozenset(Role(r) for r in user.roles.split(",") if r)


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


def _enterprise_name(session: Session, case: RewardCase) -> str:
    ent = session.get(Enterprise, case.enterprise_id)
    return ent.name if ent else f"企业 {case.enterprise_id}"


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

"""What the case process hands back: the refusal (`TransitionRefused`, every reason), a step taken
(`StepResult`), a batch's all-or-nothing report, events, payments, money lines, objections and the case's
place in the process (`ProcessView`); with the names of the money lines, the objection outcomes and the keys
of the approver's stated reasons (budget, total limit).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from core.domain import workflow as wf
from core.domain.workflow import CaseState, Facts
from core.services.errors import InputError

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

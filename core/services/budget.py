"""The bureau's money per fiscal year: two lines, the city's reward budget and the provincial matching funds.

For each line: budget, committed (the approved cases of the year), paid, remaining; the provincial line also
shows what was requested of the province (the matching amounts of the approved cases) against what it
allocated (its notice 文号 and date) and what was received. A case belongs to the fiscal year of its decision
date (`reward_case.decided_on`, set when it is approved); its payments count in that same year.

`check_approval` lists why approving a case would take a line below zero; the approve step
(`core.services.workflow`) refuses it then, unless the approver states an `override_reason`, which is recorded
with the step in the case events and the audit trail. A line with no budget set for the year is not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain.money import MoneyError, parse_amount
from core.domain.permissions import Action
from core.domain.workflow import CaseState
from core.services import access, audit, case_records
from core.services.errors import InputError
from core.store.models_budget import CITY, PROVINCE, BudgetLine
from core.store.models_cases import RewardCase
from core.store.models_workflow import CasePayment
from core.store.uow import UnitOfWork

ZERO = Decimal("0.00")
LINE_LABELS = {CITY: "市级奖励资金", PROVINCE: "省级配套资金"}
COMMITTED_STATES = tuple(
    s.value
    for s in (
        CaseState.APPROVED,
        CaseState.NOTICE_ISSUED,
        CaseState.PAID,
        CaseState.EVALUATED,
        CaseState.CLOSED,
    )
)
_PAID_LINE = {CITY: "city_paid", PROVINCE: "province_paid"}
AUDITED_FIELDS = ("amount", "allocated", "notice_no", "notice_date", "notes")
_FIELDS = AUDITED_FIELDS


def _m(v: Decimal | None) -> str | None:
    return None if v is None else f"{v:.2f}"


@dataclass(frozen=True)
class LineStatus:
    year: int
    line: str
    label: str
    is_set: bool
    expected: Decimal  # city: the budget; province: what the city expects
    allocated: Decimal | None  # province: allocated by its notice
    notice_no: str
    notice_date: date | None
    budget: Decimal  # what approvals may use: city budget; province allocated when known, else expected
    committed: Decimal
    paid: Decimal
    remaining: Decimal
    received: Decimal | None  # province only
    cases: int

    @property
    def requested(self) -> Decimal:
        return self.committed

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "year": self.year,
            "line": self.line,
            "label": self.label,
            "set": self.is_set,
            "budget": _m(self.budget),
            "committed": _m(self.committed),
            "paid": _m(self.paid),
            "remaining": _m(self.remaining),
            "cases": self.cases,
        }
        if self.line == PROVINCE:
            out.update(
                {
                    "expected": _m(self.expected),
                    "allocated": _m(self.allocated),
                    "notice_no": self.notice_no,
                    "notice_date": self.notice_date.isoformat() if self.notice_date else None,
                    "requested": _m(self.requested),
                    "received": _m(self.received),
                    "outstanding": _m(self.requested - (self.received or ZERO)),
                }
            )
        return out


@dataclass(frozen=True)
class YearBudget:
    year: int
    city: LineStatus
    province: LineStatus

    def to_json(self) -> dict[str, object]:
        return {"year": self.year, "city": self.city.to_json(), "province": self.province.to_json()}


def _year_bounds(year: int) -> tuple[date, date]:
    if not 2000 <= year <= 2100:
        raise InputError(f"年度“{year}”不合理，应为如 2025 的四位年份。", {"year": "年份"})
    return date(year, 1, 1), date(year, 12, 31)


def _line_row(session: Session, year: int, line: str) -> BudgetLine | None:
    return session.scalar(select(BudgetLine).where(BudgetLine.year == year, BudgetLine.line == line))


def _check_line(line: str) -> str:
    if line not in LINE_LABELS:
        raise InputError(f"资金类别“{line}”无法识别，可选：city（市级奖励资金）、province（省级配套资金）。")
    return line


def _committed_cases(session: Session, year: int, exclude: Iterable[int] = ()) -> list[RewardCase]:
    start, end = _year_bounds(year)
    stmt = select(RewardCase).where(
        RewardCase.status.in_(COMMITTED_STATES),
        RewardCase.decided_on >= start,
        RewardCase.decided_on <= end,
    )
    skip = set(exclude)
    return [c for c in session.scalars(stmt) if c.id not in skip]


def _case_amount(case: RewardCase, line: str) -> Decimal:
    value = case.city_reward if line == CITY else case.province_match
    return value if value is not None else ZERO


def _payments(session: Session, case_ids: list[int], line: str) -> Decimal:
    total = ZERO
    for chunk in range(0, len(case_ids), 500):
        ids = case_ids[chunk : chunk + 500]
        total += sum(
            session.scalars(
                select(CasePayment.amount).where(CasePayment.case_id.in_(ids), CasePayment.line == line)
            ),
            ZERO,
        )
    return total


def _status(session: Session, year: int, line: str, cases: list[RewardCase]) -> LineStatus:
    row = _line_row(session, year, line)
    expected = row.amount if row else ZERO
    allocated = row.allocated if row else None
    budget = allocated if (line == PROVINCE and allocated is not None) else expected
    committed = sum((_case_amount(c, line) for c in cases), ZERO)
    ids = [c.id for c in cases]
    return LineStatus(
        year=year,
        line=line,
        label=LINE_LABELS[line],
        is_set=row is not None,
        expected=expected,
        allocated=allocated,
        notice_no=row.notice_no if row else "",
        notice_date=row.notice_date if row else None,
        budget=budget,
        committed=committed,
        paid=_payments(session, ids, _PAID_LINE[line]),
        remaining=budget - committed,
        received=_payments(session, ids, "province_received") if line == PROVINCE else None,
        cases=len(cases),
    )


def show(uow: UnitOfWork, year: int) -> YearBudget:
    """Both lines of a fiscal year, figures computed from the cases decided that year."""
    session = uow.session
    cases = _committed_cases(session, year)
    return YearBudget(year, _status(session, year, CITY, cases), _status(session, year, PROVINCE, cases))


def set_line(
    uow: UnitOfWork,
    actor: str,
    year: int,
    line: str,
    amount: Decimal | str,
    *,
    allocated: Decimal | str | None = None,
    notice_no: str | None = None,
    notice_date: date | str | None = None,
    notes: str | None = None,
) -> LineStatus:
    """Set a year's line (the city budget; or the provincial amount expected and, once the province's notice
    arrives, the amount allocated with its 文号 and date). Recorded in the audit trail; commits."""
    actor = access.require(uow, actor, Action.BUDGET_SET)
    session = uow.session
    _year_bounds(year)
    _check_line(line)
    try:
        value = parse_amount(amount, "预算金额")
        alloc = parse_amount(allocated, "下达金额") if allocated not in (None, "") else None
    except MoneyError as exc:
        raise InputError(str(exc), {"amount": "金额"}) from None
    if value < ZERO or (alloc is not None and alloc < ZERO):
        raise InputError("预算金额不能为负数。", {"amount": "金额"})
    when: date | None = None
    if notice_date not in (None, ""):
        try:
            when = (
                notice_date if isinstance(notice_date, date) else date.fromisoformat(str(notice_date).strip())
            )
        except ValueError:
            raise InputError(f"下达日期“{notice_date}”应写作 2025-06-30。", {"notice_date": "日期"}) from None
    if line == CITY and (alloc is not None or notice_no or when):
        raise InputError("下达金额、文号和日期只用于省级配套资金。")
    row = _line_row(session, year, line)
    before = audit.snapshot(row, _FIELDS) if row else {}
    if row is None:
        row = BudgetLine(year=year, line=line, amount=value, notice_no="", notes="", updated_by=actor)
        session.add(row)
    row.amount = value
    if allocated is not None:
        row.allocated = alloc
    if notice_no is not None:
        row.notice_no = " ".join(notice_no.split())
    if notice_date is not None:
        row.notice_date = when
    if notes is not None:
        row.notes = notes.strip()
    row.updated_by = actor
    session.flush()
    after = audit.snapshot(row, _FIELDS)
    changes = audit.diff(before, after) if before else audit.created(after)
    if changes:
        audit.record(session, actor, "budget", f"{year}-{line}", "update" if before else "create", changes)
    status = show(uow, year)
    uow.commit()
    return status.city if line == CITY else status.province


def approval_problems(session: Session, cases: Sequence[RewardCase], year: int) -> list[str]:
    """Why approving these cases (together) in fiscal `year` would take a budget line below zero."""
    committed = _committed_cases(session, year, exclude=[c.id for c in cases])
    problems: list[str] = []
    for line in (CITY, PROVINCE):
        row = _line_row(session, year, line)
        if row is None:
            continue
        status = _status(session, year, line, committed)
        asked = sum((_case_amount(c, line) for c in cases), ZERO)
        if asked > ZERO and status.remaining - asked < ZERO:
            what = "本案" if len(cases) == 1 else f"本批 {len(cases)} 件"
            basis = "（按省级下达金额）" if line == PROVINCE and row.allocated is not None else ""
            problems.append(
                f"{year} 年度{LINE_LABELS[line]}预算{basis or ' '}{status.budget:,.2f} 元，已批准 "
                f"{status.committed:,.2f} 元，尚余 {status.remaining:,.2f} 元；{what}需 {asked:,.2f} 元，"
                f"将超出 {asked - status.remaining:,.2f} 元。"
            )
    return problems


def check_approval(uow: UnitOfWork, case_id: int, year: int) -> list[str]:
    """Every budget line approving this case in fiscal `year` would take below zero (empty: fits)."""
    return approval_problems(uow.session, [case_records.load_case(uow.session, case_id)], year)

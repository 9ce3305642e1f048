"""Figures for the 统计 dashboard, aggregated in SQL (GROUP BY on the database, not row by row in Python).

Money figures count the approved cases (批准 and every later state, `core.services.budget.COMMITTED_STATES`) of
the fiscal year of their decision date; case counts by state count the cases of the year (decided that year,
or not decided yet and created that year). `year=None` means all years. `cases_behind` lists the cases behind any figure (the drill-down of a card or a bar).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, distinct, extract, func, select

from core.domain.enums import TitleKind
from core.domain.workflow import CaseState
from core.services.budget import COMMITTED_STATES
from core.store.models import Enterprise, NationalTitle
from core.store.models_cases import RewardCase
from core.store.models_workflow import CasePayment
from core.store.uow import UnitOfWork

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
_STATES = frozenset(s.value for s in CaseState)


def _dec(value: Any) -> Decimal:
    return ZERO if value is None else Decimal(str(value)).quantize(CENT)


@dataclass(frozen=True)
class Amounts:
    """One group's approved amounts: how many cases, city, province."""

    key: str
    label: str
    cases: int
    city: Decimal
    province: Decimal

    @property
    def total(self) -> Decimal:
        return self.city + self.province

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "cases": self.cases,
            "city": f"{self.city:.2f}",
            "province": f"{self.province:.2f}",
        }


@dataclass(frozen=True)
class Dashboard:
    year: int | None
    by_state: tuple[tuple[str, str, int], ...]  # (state, label, cases)
    committed: Amounts
    paid_city: Decimal
    paid_province: Decimal
    by_district: tuple[Amounts, ...]
    by_kind: tuple[Amounts, ...]
    by_month: tuple[Amounts, ...]  # key "01".."12", only months with cases
    titles: tuple[tuple[str, str, int, int], ...]  # (kind, kind label, batch, enterprises with a valid title)

    def to_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "by_state": [{"state": s, "label": lb, "cases": n} for s, lb, n in self.by_state],
            "committed": self.committed.to_json(),
            "paid": {"city": f"{self.paid_city:.2f}", "province": f"{self.paid_province:.2f}"},
            "by_district": [a.to_json() for a in self.by_district],
            "by_kind": [a.to_json() for a in self.by_kind],
            "by_month": [a.to_json() for a in self.by_month],
            "titles": [{"kind": k, "label": lb, "batch": b, "enterprises": n} for k, lb, b, n in self.titles],
        }


def _decided_in(year: int | None) -> Any:
    cond: Any = RewardCase.status.in_(COMMITTED_STATES)
    if year is not None:
        cond = and_(
            cond, RewardCase.decided_on >= date(year, 1, 1), RewardCase.decided_on <= date(year, 12, 31)
        )
    return cond


def _case_year(year: int) -> Any:
    """A case's year: of its decision when decided, else of its creation."""
    when = func.coalesce(RewardCase.decided_on, RewardCase.created_at)
    return and_(when >= date(year, 1, 1), when < date(year + 1, 1, 1))


def _kind_label(kind: str) -> str:
    try:
        return TitleKind(kind).label
    except ValueError:
        return kind


def _grouped(uow: UnitOfWork, key: Any, year: int | None, join_enterprise: bool = False) -> list[Any]:
    stmt: Select[Any] = select(
        key.label("k"),
        func.count(RewardCase.id),
        func.sum(RewardCase.city_reward),
        func.sum(RewardCase.province_match),
    )
    stmt = stmt.select_from(RewardCase)
    if join_enterprise:
        stmt = stmt.join(Enterprise, Enterprise.id == RewardCase.enterprise_id)
    stmt = stmt.where(_decided_in(year)).group_by(key).order_by(key)
    return list(uow.session.execute(stmt))


def _amounts(rows: list[Any], label: Any = str) -> tuple[Amounts, ...]:
    return tuple(Amounts(str(k or ""), label(str(k or "")), int(n), _dec(c), _dec(p)) for k, n, c, p in rows)


def dashboard(uow: UnitOfWork, year: int | None = None) -> Dashboard:
    session = uow.session
    state_stmt = select(RewardCase.status, func.count(RewardCase.id)).group_by(RewardCase.status)
    if year is not None:
        state_stmt = state_stmt.where(_case_year(year))
    counts: dict[str, int] = {str(k): int(n) for k, n in session.execute(state_stmt)}
    order = [s.value for s in CaseState]
    by_state = tuple(
        (s, CaseState(s).label if s in order else s, int(counts[s]))
        for s in sorted(counts, key=lambda s: order.index(s) if s in order else len(order))
    )
    total = session.execute(
        select(
            func.count(RewardCase.id), func.sum(RewardCase.city_reward), func.sum(RewardCase.province_match)
        ).where(_decided_in(year))
    ).one()
    committed = Amounts("all", "合计", int(total[0]), _dec(total[1]), _dec(total[2]))
    paid: dict[str, Any] = dict(
        session.execute(
            select(CasePayment.line, func.sum(CasePayment.amount))
            .join(RewardCase, RewardCase.id == CasePayment.case_id)
            .where(_decided_in(year), CasePayment.line.in_(("city_paid", "province_paid")))
            .group_by(CasePayment.line)
        ).all()
    )
    month_key = extract("month", RewardCase.decided_on)
    by_month = tuple(
        Amounts(f"{int(k):02d}", f"{int(k)}月", int(n), _dec(c), _dec(p))
        for k, n, c, p in _grouped(uow, month_key, year)
        if k is not None
    )
    titles_stmt = (
        select(NationalTitle.kind, NationalTitle.batch, func.count(distinct(NationalTitle.enterprise_id)))
        .where(NationalTitle.status == "valid")
        .group_by(NationalTitle.kind, NationalTitle.batch)
        .order_by(NationalTitle.kind, NationalTitle.batch)
    )
    titles = tuple((k, _kind_label(k), int(b), int(n)) for k, b, n in session.execute(titles_stmt))
    return Dashboard(
        year=year,
        by_state=by_state,
        committed=committed,
        paid_city=_dec(paid.get("city_paid")),
        paid_province=_dec(paid.get("province_paid")),
        by_district=_amounts(_grouped(uow, Enterprise.district, year, join_enterprise=True)),
        by_kind=_amounts(_grouped(uow, RewardCase.title_kind, year), _kind_label),
        by_month=by_month,
        titles=titles,
    )


@dataclass(frozen=True)
class CaseRow:
    id: int
    enterprise: str
    district: str
    kind: str
    state: str
    decided_on: date | None
    city: Decimal | None
    province: Decimal | None


def cases_behind(
    uow: UnitOfWork,
    year: int | None = None,
    *,
    state: str | None = None,
    district: str | None = None,
    kind: str | None = None,
    month: int | None = None,
    limit: int = 5000,
) -> list[CaseRow]:
    """The cases a dashboard figure counts: by `state` (the cases of the year), or the approved cases of
    the year, optionally of one district, title kind or decision month."""
    stmt = select(
        RewardCase.id,
        Enterprise.name,
        Enterprise.district,
        RewardCase.title_kind,
        RewardCase.status,
        RewardCase.decided_on,
        RewardCase.city_reward,
        RewardCase.province_match,
    ).join(Enterprise, Enterprise.id == RewardCase.enterprise_id)
    if state is not None:
        stmt = stmt.where(RewardCase.status == state)
        if year is not None:
            stmt = stmt.where(_case_year(year))
    else:
        stmt = stmt.where(_decided_in(year))
    if district is not None:
        stmt = stmt.where(Enterprise.district == district)
    if kind is not None:
        stmt = stmt.where(RewardCase.title_kind == kind)
    if month is not None:
        stmt = stmt.where(extract("month", RewardCase.decided_on) == month)
    rows = uow.session.execute(stmt.order_by(RewardCase.id).limit(limit))
    return [
        CaseRow(i, n, d, _kind_label(k), CaseState(s).label if s in _STATES else s, on, c, p)
        for i, n, d, k, s, on, c, p in rows
    ]


def years(uow: UnitOfWork) -> list[int]:
    """The years worth offering in the dashboard's year filter: decision years and budget years, newest first."""
    from core.store.models_budget import BudgetLine

    decided = uow.session.scalars(
        select(extract("year", RewardCase.decided_on)).where(RewardCase.decided_on.is_not(None)).distinct()
    )
    found = {int(y) for y in decided if y is not None}
    found.update(int(y) for y in uow.session.scalars(select(BudgetLine.year).distinct()))
    return sorted(found, reverse=True)

"""Reading cases: one case, the filtered list, a case's stored result and the editable values of a case."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import select

from core.domain.text import normalize_name
from core.policy.engine import (
    Failure,
    RewardResult,
    TraceStep,
)
from core.services.case_records import load_case
from core.services.cases.inputs import CaseEdit, CaseQuery, _edit_of
from core.services.cases.readers import _view
from core.services.cases.results import CaseView
from core.store.models import Enterprise, NationalTitle
from core.store.models_cases import RewardCase
from core.store.uow import UnitOfWork


def edit_of(uow: UnitOfWork, case_id: int) -> CaseEdit:
    """The editable values of a case (to fill the editor)."""
    return _edit_of(load_case(uow.session, case_id))


def stored_result(uow: UnitOfWork, case_id: int) -> RewardResult:
    case = load_case(uow.session, case_id)
    return RewardResult(
        eligible=case.eligible,
        failures=tuple(Failure(f["rule"], f["reason"]) for f in json.loads(case.failures)),
        city_reward=case.city_reward if case.city_reward is not None else Decimal("0.00"),
        province_match=case.province_match,
        total=case.total,
        cap=case.cap,
        trace=tuple(TraceStep.from_json(t) for t in json.loads(case.trace)),
        policy_id=case.policy_id,
        policy_sha256=case.policy_sha256,
    )


def get_case(uow: UnitOfWork, case_id: int) -> CaseView:
    return _view(uow.session, load_case(uow.session, case_id))


def list_cases(uow: UnitOfWork, q: CaseQuery | None = None) -> list[CaseView]:
    q = q or CaseQuery()
    session = uow.session
    stmt = (
        select(RewardCase)
        .join(Enterprise, RewardCase.enterprise_id == Enterprise.id)
        .join(NationalTitle, RewardCase.title_id == NationalTitle.id)
    )
    if q.text.strip():
        needle = normalize_name(q.text).lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Enterprise.search_text.like(f"%{needle}%", escape="\\"))
    if q.status:
        stmt = stmt.where(RewardCase.status == q.status)
    if q.kind is not None:
        stmt = stmt.where(RewardCase.title_kind == q.kind.value)
    if q.eligible is not None:
        stmt = stmt.where(RewardCase.eligible.is_(q.eligible))
    if q.year is not None:
        stmt = stmt.where(NationalTitle.recognized_year == q.year)
    if q.frozen is not None:
        stmt = stmt.where(RewardCase.frozen.is_(q.frozen))
    stmt = stmt.order_by(RewardCase.id.desc())
    return [_view(session, c) for c in session.scalars(stmt)]

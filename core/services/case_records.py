"""Reading one reward case: the row or NotFound, its process state, its events. The one place these are
written (cases, workflow, documents and budget all load cases through it), so the messages are the same."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain.workflow import CaseState
from core.services.errors import InputError, NotFound
from core.store.models_cases import RewardCase
from core.store.models_workflow import CaseEvent


def not_found(case_id: int) -> NotFound:
    return NotFound(f"奖励案件（编号 {case_id}）不存在。")


def load_case(session: Session, case_id: int) -> RewardCase:
    """The case, or NotFound."""
    case = session.get(RewardCase, case_id)
    if case is None:
        raise not_found(case_id)
    return case


def state_from(case_id: int, status: str) -> CaseState:
    """A stored status as a process state; InputError for a status the process does not know."""
    try:
        return CaseState(status)
    except ValueError:
        raise InputError(f"案件 {case_id} 的状态“{status}”不在办理流程中。") from None


def case_state(case: RewardCase) -> CaseState:
    return state_from(case.id, case.status)


def state_of(session: Session, case_id: int) -> CaseState:
    """The case's state without loading the row; NotFound for an unknown case."""
    status = session.scalar(select(RewardCase.status).where(RewardCase.id == case_id))
    if status is None:
        raise not_found(case_id)
    return state_from(case_id, status)


def events_of(session: Session, case_id: int) -> list[CaseEvent]:
    """The case's process events, oldest first."""
    return list(session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)))

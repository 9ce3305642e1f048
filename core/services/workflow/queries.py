"""Reading the process of a case: where it stands and what may come next (`process`), its payments,
money lines and objections, and its history in plain Chinese.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from core.domain import workflow as wf
from core.domain.workflow import Role
from core.services import audit
from core.services.case_records import case_state, events_of, load_case
from core.services.workflow.readers import (
    _approved,
    _drafters,
    _event_view,
    _notice,
    _notice_counted,
    _objections,
    _payment_view,
    _reviewers,
    _sum,
)
from core.services.workflow.results import (
    CITY_PAID,
    PROVINCE_PAID,
    PROVINCE_RECEIVED,
    MoneyLines,
    ObjectionView,
    PaymentView,
    ProcessView,
)
from core.store.models_workflow import CasePayment
from core.store.uow import UnitOfWork


def objections(uow: UnitOfWork, case_id: int) -> list[ObjectionView]:
    """The objections recorded on a case during its 公示, oldest first, with their outcome."""
    load_case(uow.session, case_id)
    return _objections(case_id, events_of(uow.session, case_id))


def payments(uow: UnitOfWork, case_id: int) -> list[PaymentView]:
    stmt = select(CasePayment).where(CasePayment.case_id == case_id).order_by(CasePayment.id)
    return [_payment_view(p) for p in uow.session.scalars(stmt)]


def money_lines(uow: UnitOfWork, case_id: int) -> MoneyLines:
    session = uow.session
    case = load_case(session, case_id)
    city, province = _approved(case)
    return MoneyLines(
        city,
        _sum(session, case_id, CITY_PAID),
        province,
        _sum(session, case_id, PROVINCE_RECEIVED),
        _sum(session, case_id, PROVINCE_PAID),
    )


def process(uow: UnitOfWork, case_id: int, roles: Iterable[Role] | None = None) -> ProcessView:
    session = uow.session
    case = load_case(session, case_id)
    events = events_of(session, case_id)
    start, end = _notice(events)
    drafters = _drafters(events)
    return ProcessView(
        case_id=case_id,
        state=case_state(case),
        version=case.version,
        drafter=drafters[0] if drafters else None,
        reviewers=tuple(_reviewers(events)),
        notice_start=start,
        notice_end=end,
        next_steps=tuple(wf.next_steps(case_state(case), roles)),
        events=tuple(_event_view(e) for e in events),
        money=money_lines(uow, case_id),
        notice_counted=_notice_counted(session, events),
    )


def history(uow: UnitOfWork, case_id: int) -> list[str]:
    """The case's history in plain Chinese (the 历史 tab)."""
    load_case(uow.session, case_id)
    return audit.history(uow, "case", case_id)

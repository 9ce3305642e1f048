"""Money on a case's lines after the notice: `record_payment` (city payments, provincial money
received and paid on), checked against what was approved and received and against the dates it must follow,
and `correct_payment`, a reversing record for a wrong one (payments are append-only).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain import clock
from core.domain import workflow as wf
from core.domain.money import MoneyError, parse_amount
from core.domain.workflow import CaseState, Role
from core.services import audit
from core.services.case_records import case_state, events_of, load_case
from core.services.errors import InputError, NotFound
from core.services.workflow.readers import (
    _approved,
    _payment_view,
    _roles,
    _step_dates,
    _sum,
)
from core.services.workflow.results import (
    CITY_PAID,
    LINES,
    PROVINCE_PAID,
    PROVINCE_RECEIVED,
    ZERO,
    PaymentView,
    TransitionRefused,
)
from core.store.models import now
from core.store.models_cases import RewardCase
from core.store.models_workflow import CasePayment
from core.store.uow import UnitOfWork

_PAYMENT_STATES = {
    CITY_PAID: frozenset({CaseState.PAID, CaseState.EVALUATED}),
    PROVINCE_RECEIVED: frozenset({CaseState.NOTICE_ISSUED, CaseState.PAID, CaseState.EVALUATED}),
    PROVINCE_PAID: frozenset({CaseState.NOTICE_ISSUED, CaseState.PAID, CaseState.EVALUATED}),
}


def _check_line(session: Session, case: RewardCase, line: str, amount: Decimal) -> list[str]:
    city, province = _approved(case)
    if line == CITY_PAID:
        return wf.payment_problems(amount, city, _sum(session, case.id, CITY_PAID), "市级奖励")
    received = _sum(session, case.id, PROVINCE_RECEIVED)
    paid = _sum(session, case.id, PROVINCE_PAID)
    if line == PROVINCE_RECEIVED:
        problems = wf.payment_problems(amount, province, received, "省级配套")
        if not problems and received + amount < paid:
            problems.append(f"冲正后到账金额将少于已拨付企业的 {paid:,.2f} 元。")
        return problems
    problems = wf.payment_problems(amount, province, paid, "省级配套")
    if not problems and paid + amount > received:
        problems.append(
            f"省级配套资金已到账 {received:,.2f} 元，已拨付 {paid:,.2f} 元，本次 {amount:,.2f} 元超过到账金额。"
        )
    return problems


def _payment_follows(
    session: Session, case: RewardCase, line: str, amount: Decimal
) -> list[tuple[str, date]]:
    """What a payment on `line` may not be dated before: city money and provincial payments follow the
    funding notice, provincial money's arrival follows the decision; a provincial payment also follows the
    arrival that covers it (the day the money received reaches what is paid out, this payment included)."""
    steps = _step_dates(events_of(session, case.id))
    out: list[tuple[str, date]] = []
    if line == PROVINCE_RECEIVED:
        if "approve" in steps:
            out.append((wf.by_name("approve").label, steps["approve"]))
        return out
    if "issue_notice" in steps:
        out.append((wf.by_name("issue_notice").label, steps["issue_notice"]))
    if line == PROVINCE_PAID and amount > 0:
        rows = session.execute(
            select(CasePayment.line, CasePayment.amount, CasePayment.paid_on).where(
                CasePayment.case_id == case.id, CasePayment.line.in_((PROVINCE_RECEIVED, PROVINCE_PAID))
            )
        ).all()
        needed = sum((r.amount for r in rows if r.line == PROVINCE_PAID), ZERO) + amount
        received = ZERO
        for r in sorted((r for r in rows if r.line == PROVINCE_RECEIVED), key=lambda r: r.paid_on):
            received += r.amount
            if received >= needed:
                out.append((LINES[PROVINCE_RECEIVED], r.paid_on))
                break
    return out


def record_payment(
    uow: UnitOfWork,
    actor: str,
    case_id: int,
    line: str,
    on: date | str,
    amount: Decimal | str,
    voucher: str,
) -> PaymentView:
    """Record money on a line (`city_paid`, `province_received`, `province_paid`). The first city payment is
    the “市级拨付” step (→ 已拨付); later ones and the provincial lines are recorded here."""
    session = uow.session
    if line not in LINES:
        raise InputError(
            f"资金类别“{line}”无法识别，可选：" + "、".join(f"{k}（{v}）" for k, v in LINES.items()) + "。"
        )
    roles = _roles(session, actor)
    case = load_case(session, case_id)
    state = case_state(case)
    reasons: list[str] = []
    if Role.CLERK not in roles:
        reasons.append("登记拨付须由经办人办理。")
    if state not in _PAYMENT_STATES[line]:
        hint = (
            "市级首笔拨付请办理“市级拨付”（转为“已拨付”）。"
            if line == CITY_PAID and state is CaseState.NOTICE_ISSUED
            else ""
        )
        reasons.append(f"案件处于“{state.label}”状态，不能登记{LINES[line]}。{hint}")
    try:
        when = wf.parse_date(on, "拨付日期")
        value = parse_amount(amount, "金额")
    except (MoneyError, ValueError) as exc:
        raise TransitionRefused([*reasons, str(exc)], case_id) from None
    if not voucher.strip():
        reasons.append("须填写凭证号。")
    if not reasons:
        reasons.extend(_check_line(session, case, line, value))
        reasons.extend(
            wf.date_problems(LINES[line], when, clock.today(), _payment_follows(session, case, line, value))
        )
    if reasons:
        raise TransitionRefused(reasons, case_id)
    payment = CasePayment(
        case_id=case_id,
        line=line,
        paid_on=when,
        amount=value,
        voucher=" ".join(voucher.split()),
        reason="",
        actor=actor,
        at=now(),
    )
    session.add(payment)
    session.flush()
    audit.record(
        session,
        actor,
        "case",
        case_id,
        "payment",
        {
            "line": (None, line),
            "date": (None, when),
            "amount": (None, value),
            "voucher": (None, payment.voucher),
        },
    )
    view = _payment_view(payment)
    uow.commit()
    return view


def correct_payment(
    uow: UnitOfWork, actor: str, payment_id: int, reason: str, on: date | str | None = None
) -> PaymentView:
    """Correct a wrong payment with a reversing record (the original stays, as everything does)."""
    session = uow.session
    original = session.get(CasePayment, payment_id)
    if original is None:
        raise NotFound(f"拨付记录（编号 {payment_id}）不存在。")
    roles = _roles(session, actor)
    reasons: list[str] = []
    if Role.CLERK not in roles:
        reasons.append("冲正须由经办人办理。")
    if not reason.strip():
        reasons.append("冲正须填写原因。")
    if original.reverses_id is not None:
        reasons.append("这是一条冲正记录，不能再冲正。")
    if session.scalar(select(CasePayment.id).where(CasePayment.reverses_id == payment_id)) is not None:
        reasons.append(f"拨付记录 {payment_id} 已冲正过。")
    case = load_case(session, original.case_id)
    try:
        when = wf.parse_date(on, "冲正日期") if on else clock.today()
    except ValueError as exc:
        raise TransitionRefused([*reasons, str(exc)], case.id) from None
    if not reasons:
        reasons.extend(_check_line(session, case, original.line, -original.amount))
        reasons.extend(wf.date_problems("冲正", when, clock.today(), [("原拨付", original.paid_on)]))
    if reasons:
        raise TransitionRefused(reasons, case.id)
    correction = CasePayment(
        case_id=case.id,
        line=original.line,
        paid_on=when,
        amount=-original.amount,
        voucher=original.voucher,
        reverses_id=original.id,
        reason=reason.strip(),
        actor=actor,
        at=now(),
    )
    session.add(correction)
    session.flush()
    audit.record(
        session,
        actor,
        "case",
        case.id,
        "correction",
        {
            "line": (None, original.line),
            "amount": (None, correction.amount),
            "reason": (None, correction.reason),
        },
    )
    view = _payment_view(correction)
    uow.commit()
    return view

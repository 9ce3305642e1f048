"""Every date on a case is true: the process through the services on a real SQLite file, with today set.

The issue's own example: on 12-04, with 公示 running 12-04 to 12-10, a decision dated 12-11 was accepted and
the notice, payments and evaluation then had to be post-dated too; an evaluation dated before the payment was
accepted as well. A total above the 奖励总额度 is shown wherever the total appears and approved only with the
approver's recorded reason.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.services import cases as cases_svc
from core.services import exports
from core.services import workflow as svc
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.titles import TitleInput, add_title
from core.store.models_workflow import CaseEvent
from core.store.uow import Database
from tests.in_uow import in_uow
from tests.process import add_officers

SetToday = Callable[[date], None]


_RNG = random.Random(3)


def _case(db: Database, kind: str = "little-giant", city: str | None = None) -> int:
    code = make_code(_RNG, "440605")
    with db.uow() as uow:
        add_enterprise(
            uow,
            EnterpriseInput(code=code, name="佛山市灵动机器人有限公司", district="南海区", field="robotics"),
            actor="wang",
        )
    batch, on = (7, "2025-07-18") if kind == "little-giant" else (9, "2025-06-20")
    with db.uow() as uow:
        add_title(
            uow, TitleInput(enterprise_code=code, kind=kind, batch=batch, recognized_on=on), actor="wang"
        )
    edit = cases_svc.CaseEdit(city_reward=city, override_reason="局长办公会议研究决定" if city else "")
    with db.uow() as uow:
        case_id = cases_svc.create_case(uow, code, kind, edit, today=date(2026, 11, 2), actor="wang").id
    return case_id


def _step(db: Database, actor: str, case_id: int, to: str, **facts: str) -> svc.StepResult:
    with db.uow() as uow:
        return svc.transition(uow, actor, case_id, to, facts)


def _refused(db: Database, actor: str, case_id: int, to: str, **facts: str) -> str:
    with db.uow() as uow, pytest.raises(svc.TransitionRefused) as refused:
        svc.transition(uow, actor, case_id, to, facts)
    return str(refused.value)


@pytest.fixture
def desk(db: Database) -> Database:
    add_officers(db)
    return db


def test_a_decision_cannot_be_post_dated_past_the_public_notice(desk: Database, today: SetToday) -> None:
    today(date(2026, 12, 4))
    case_id = _case(desk)
    _step(desk, "wang", case_id, "submitted")
    _step(desk, "li", case_id, "under_review")
    notice = _step(desk, "li", case_id, "public_notice", date="2026-12-04", period="5")
    assert notice.notice_end == date(2026, 12, 10)
    text = _refused(desk, "zhao", case_id, "approved", date="2026-12-11")
    assert "“批准”的日期 2026-12-11 晚于今天（2026-12-04）" in text
    today(date(2026, 12, 10))  # the last day of 公示: still no decision
    assert "批准日期最早为 2026-12-11" in _refused(desk, "zhao", case_id, "approved", date="2026-12-10")
    today(date(2026, 12, 14))  # the next Monday, recorded as it happened on Friday 12-11
    _step(desk, "zhao", case_id, "approved", date="2026-12-11")
    assert "早于“批准”的日期 2026-12-11" in _refused(
        desk, "wang", case_id, "notice_issued", date="2026-12-10", doc_no="佛工信函〔2026〕3号"
    )
    assert "晚于今天" in _refused(
        desk, "wang", case_id, "notice_issued", date="2026-12-15", doc_no="佛工信函〔2026〕3号"
    )
    _step(desk, "wang", case_id, "notice_issued", date="2026-12-14", doc_no="佛工信函〔2026〕3号")
    assert "早于“下达资金”的日期 2026-12-14" in _refused(
        desk, "wang", case_id, "paid", date="2026-12-11", amount="1000000", voucher="V1"
    )
    _step(desk, "wang", case_id, "paid", date="2026-12-14", amount="1000000", voucher="V1")
    assert "早于“市级拨付”的日期 2026-12-14" in _refused(
        desk, "li", case_id, "evaluated", date="2026-12-13", reason="良好"
    )
    _step(desk, "li", case_id, "evaluated", date="2026-12-14", reason="良好")
    assert "早于“绩效评价”的日期 2026-12-14" in _refused(desk, "zhao", case_id, "closed", date="2026-12-12")


def test_the_public_notice_cannot_start_before_the_review(desk: Database, today: SetToday) -> None:
    today(date(2026, 12, 4))
    case_id = _case(desk)
    _step(desk, "wang", case_id, "submitted", date="2026-11-02")
    _step(desk, "li", case_id, "under_review", date="2026-11-09")
    text = _refused(desk, "li", case_id, "public_notice", date="2026-11-06", period="5")
    assert "“开始公示”的日期 2026-11-06 早于“开始审查”的日期 2026-11-09" in text
    assert "晚于今天" in _refused(desk, "wang", _case(desk), "submitted", date="2026-12-05")


def _paid_case(desk: Database) -> int:
    case_id = _case(desk)
    _step(desk, "wang", case_id, "submitted", date="2026-10-08")
    _step(desk, "li", case_id, "under_review", date="2026-10-09")
    _step(desk, "li", case_id, "public_notice", date="2026-10-12", period="5")
    _step(desk, "zhao", case_id, "approved", date="2026-10-19")
    _step(desk, "wang", case_id, "notice_issued", date="2026-10-26", doc_no="佛工信函〔2026〕4号")
    _step(desk, "wang", case_id, "paid", date="2026-11-02", amount="1000000", voucher="V1")
    return case_id


def _pay_refused(desk: Database, case_id: int, line: str, on: str, amount: str = "500000") -> str:
    with desk.uow() as uow, pytest.raises(svc.TransitionRefused) as refused:
        svc.record_payment(uow, "wang", case_id, line, on, amount, "P")
    return str(refused.value)


def _pay(desk: Database, case_id: int, line: str, on: str, amount: str = "500000") -> svc.PaymentView:
    with desk.uow() as uow:
        return svc.record_payment(uow, "wang", case_id, line, on, amount, "P")


def test_provincial_money_is_paid_on_after_it_arrives(desk: Database, today: SetToday) -> None:
    today(date(2026, 12, 4))
    case_id = _paid_case(desk)
    assert "早于“批准”的日期 2026-10-19" in _pay_refused(desk, case_id, "province_received", "2026-10-18")
    assert "晚于今天" in _pay_refused(desk, case_id, "province_received", "2026-12-05")
    _pay(desk, case_id, "province_received", "2026-11-10")
    _pay(desk, case_id, "province_received", "2026-11-20")
    # the first 500,000 arrived on 11-10: paying it on 11-09 is refused, on 11-10 allowed
    text = _pay_refused(desk, case_id, "province_paid", "2026-11-09")
    assert "“省级配套拨付”的日期 2026-11-09 早于“省级配套资金到账”的日期 2026-11-10" in text
    _pay(desk, case_id, "province_paid", "2026-11-10")
    # the second half is covered only by the arrival of 11-20
    assert "省级配套资金到账”的日期 2026-11-20" in _pay_refused(desk, case_id, "province_paid", "2026-11-15")
    paid = _pay(desk, case_id, "province_paid", "2026-11-21")
    # an evaluation dated before the last payment to the enterprise is refused
    assert "早于“最后一笔拨付”的日期 2026-11-21" in _refused(
        desk, "li", case_id, "evaluated", date="2026-11-20", reason="良好"
    )
    with desk.uow() as uow, pytest.raises(svc.TransitionRefused, match="早于“原拨付”的日期 2026-11-21"):
        svc.correct_payment(uow, "wang", paid.id, "凭证号有误", "2026-11-20")
    with desk.uow() as uow, pytest.raises(svc.TransitionRefused, match="晚于今天"):
        svc.correct_payment(uow, "wang", paid.id, "凭证号有误", "2026-12-05")


def test_objections_are_not_dated_after_today(desk: Database, today: SetToday) -> None:
    today(date(2026, 12, 7))
    case_id = _case(desk)
    _step(desk, "wang", case_id, "submitted", date="2026-12-01")
    _step(desk, "li", case_id, "under_review", date="2026-12-02")
    _step(desk, "li", case_id, "public_notice", date="2026-12-04", period="5")
    with desk.uow() as uow, pytest.raises(svc.TransitionRefused, match="晚于今天（2026-12-07）"):
        svc.record_objection(uow, "li", case_id, "某公司", "2026-12-08", "数据有误")
    with desk.uow() as uow:
        received = svc.record_objection(uow, "li", case_id, "某公司", "2026-12-07", "数据有误")
    with (
        desk.uow() as uow,
        pytest.raises(svc.TransitionRefused, match="“处理异议”的日期 2026-12-08 晚于今天"),
    ):
        svc.resolve_objection(uow, "qian", received.id, False, "经核查不属实", "2026-12-08")


def test_a_total_above_the_cap_shows_everywhere_and_needs_the_approvers_reason(
    desk: Database, today: SetToday, tmp_path: Path
) -> None:
    today(date(2026, 12, 4))
    case_id = _case(desk, "single-champion", city="2000000")
    with desk.uow() as uow:
        view = cases_svc.get_case(uow, case_id)
    assert view.total == Decimal("3500000.00") and view.eligible
    (warning,) = view.warnings
    assert "3,000,000.00" in warning and "超出 500,000.00 元" in warning
    assert view.to_json()["warnings"] == [warning]
    assert any("超过奖励总额度" in t.step and t.value == "500000.00" for t in view.trace)
    with desk.uow() as uow:
        (row,) = exports.ledger_rows(uow)
        exports.export_ledger(uow, tmp_path / "台账.xlsx", actor="wang")
    assert "超出 500,000.00 元" in row.warnings
    sheet = load_workbook(tmp_path / "台账.xlsx").active
    assert any("超出 500,000.00 元" in str(c.value) for r in sheet.iter_rows() for c in r if c.value)

    _step(desk, "wang", case_id, "submitted", date="2026-11-02")
    _step(desk, "li", case_id, "under_review", date="2026-11-03")
    _step(desk, "li", case_id, "public_notice", date="2026-11-04", period="5")
    text = _refused(desk, "zhao", case_id, "approved", date="2026-11-12")
    assert "超出 500,000.00 元" in text and "over_cap_reason" in text
    done = _step(desk, "zhao", case_id, "approved", date="2026-11-12", over_cap_reason="市政府常务会议同意")
    assert done.facts["over_cap_reason"] == "市政府常务会议同意"
    with desk.uow() as uow:
        event = uow.session.get(CaseEvent, max(e.id for e in uow.session.query(CaseEvent).all()))
        assert event is not None and json.loads(event.facts)["over_cap_reason"] == "市政府常务会议同意"


def test_the_approval_form_prints_the_excess_and_the_approvers_reason(
    desk: Database, today: SetToday, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from core.io.pdf.fonts import FontSet
    from core.services import documents

    today(date(2026, 12, 4))
    case_id = _case(desk, "single-champion", city="2000000")
    _step(desk, "wang", case_id, "submitted", date="2026-11-02")
    _step(desk, "li", case_id, "under_review", date="2026-11-03")
    _step(desk, "li", case_id, "public_notice", date="2026-11-04", period="5")
    _step(desk, "zhao", case_id, "approved", date="2026-11-12", over_cap_reason="市政府常务会议同意")
    form = in_uow(
        desk,
        documents.render_documents,
        "approval-form",
        [case_id],
        tmp_path,
        actor="wang",
        fonts=FontSet.bundled(),
    )
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(form.files[0]).pages)
    assert "超出500,000.00元" in text and "合计超过奖励总额度批准，理由：市政府常务会议同意" in text
    assert "2026年11月2日" in text  # the clerk's box dated as the submission states

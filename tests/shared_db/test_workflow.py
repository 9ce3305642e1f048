"""The case process on stored cases (SQLite and PostgreSQL): the whole path, four-eyes in single and batch
steps, objections, payments within what was approved, corrections, and an audit chain that still verifies."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest

from core.services import audit, users
from core.services import cases as cases_svc
from core.services import workflow as svc
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.errors import Conflict
from core.services.titles import TitleInput, add_title
from core.store.uow import Database
from tests.process import dated

PW = "password 123"
RNG = random.Random(11)
NOTICE = {"date": "2025-09-26", "period": "5"}  # 5 working days across National Day: ends 2025-10-09


def _officers(db: Database) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    for name, roles in (
        ("wang", "clerk"),
        ("li", "reviewer"),
        ("zhao", "approver"),
        ("qian", "reviewer,approver"),
        ("all", "clerk,reviewer,approver"),
    ):
        with db.uow() as uow:
            users.add_user(uow, "admin", name, roles, PW)


def _case(db: Database, drafter: str = "wang", name: str = "佛山市灵动机器人有限公司") -> int:
    code = make_code(RNG, "440605")
    with db.uow() as uow:
        add_enterprise(
            uow, EnterpriseInput(code=code, name=name, district="南海区", field="robotics"), actor="wang"
        )
    with db.uow() as uow:
        add_title(
            uow,
            TitleInput(enterprise_code=code, kind="little-giant", batch=7, recognized_on="2025-07-18"),
            actor="wang",
        )
    with db.uow() as uow:
        case = cases_svc.create_case(uow, code, "little-giant", today=date(2025, 9, 1), actor=drafter)
    return case.id


def _step(db: Database, actor: str, case_id: int, to: str, **facts: str) -> svc.StepResult:
    with db.uow() as uow:
        return svc.transition(uow, actor, case_id, to, dated(to, facts))


def _to_notice(db: Database, case_id: int, reviewer: str = "li") -> None:
    _step(db, "wang", case_id, "submitted")
    _step(db, reviewer, case_id, "under_review")
    _step(db, reviewer, case_id, "public_notice", **NOTICE)


@pytest.fixture
def db(shared_db: Database) -> Database:
    _officers(shared_db)
    return shared_db


def test_a_case_goes_the_whole_way_and_its_history_reads_in_chinese(db: Database) -> None:
    case_id = _case(db)
    _step(db, "wang", case_id, "submitted")
    _step(db, "li", case_id, "under_review")
    notice = _step(db, "li", case_id, "public_notice", **NOTICE)
    assert notice.notice_end == date(2025, 10, 9)
    approved = _step(db, "zhao", case_id, "approved", date="2025-10-10")
    assert approved.to_state.label == "已批准"
    with db.uow() as uow:
        frozen = cases_svc.get_case(uow, case_id)
    assert frozen.frozen and frozen.city_reward == Decimal("1000000.00")
    _step(db, "wang", case_id, "notice_issued", date="2025-10-20", doc_no="佛工信函〔2025〕12号")
    _step(db, "wang", case_id, "paid", date="2025-11-03", amount="1000000.00", voucher="市财-001")
    with db.uow() as uow:
        svc.record_payment(uow, "wang", case_id, svc.PROVINCE_RECEIVED, "2025-11-10", "1000000", "省拨-7")
    with db.uow() as uow:
        svc.record_payment(uow, "wang", case_id, svc.PROVINCE_PAID, "2025-11-12", "1000000", "付-9")
    _step(db, "li", case_id, "evaluated", date="2026-03-01", reason="达到绩效目标")
    _step(db, "zhao", case_id, "closed", date="2026-03-05")
    with db.uow() as uow:
        view = svc.process(uow, case_id)
        lines = svc.history(uow, case_id)
        report = audit.verify(uow)
    assert view.state.value == "closed"
    assert [e.action for e in view.events] == [
        "create", "submit", "start_review", "start_notice", "approve", "issue_notice", "pay", "evaluate", "close"
    ]  # fmt: skip
    assert view.money.city_paid == view.money.city_approved == Decimal("1000000.00")
    assert view.money.province_paid == Decimal("1000000.00")
    assert any("wang  提交申报案件" in line and "状态由“申报登记”改为“已申报”" in line for line in lines)
    assert any("公示截止“2025-10-09”" in line for line in lines)
    assert report.ok, report.problem


def test_the_drafter_cannot_review_and_the_reviewer_cannot_approve(db: Database) -> None:
    case_id = _case(db, drafter="all")
    _step(db, "wang", case_id, "submitted")
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="经办（登记）人，不能审核本案"):
        svc.transition(uow, "all", case_id, "under_review")
    _step(db, "qian", case_id, "under_review")
    _step(db, "qian", case_id, "public_notice", **NOTICE)
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="审核过本案，不能再审批本案"):
        svc.transition(uow, "qian", case_id, "approved", {"date": "2025-10-10"})
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="不能审批本案"):
        svc.transition(uow, "all", case_id, "approved", {"date": "2025-10-10"})
    assert _step(db, "zhao", case_id, "approved", date="2025-10-10").to_state.value == "approved"


def test_the_submitter_counts_as_drafter_when_creation_was_not_recorded(db: Database) -> None:
    case_id = _case(db, drafter="wang")
    with db.uow() as uow:
        svc.transition(uow, "all", case_id, "withdrawn", {"reason": "重复申报"})
    # a fresh case submitted by "all": "all" may not review it
    other = _case(db, drafter="wang", name="佛山市第二机器人有限公司")
    _step(db, "wang", other, "submitted")
    with db.uow() as uow:
        assert svc.check_transition(uow, "li", other, "under_review") == []
        assert "不能审核本案" in "".join(svc.check_transition(uow, "wang", other, "under_review"))


def test_role_state_and_facts_refusals_say_why(db: Database) -> None:
    case_id = _case(db)
    with db.uow() as uow, pytest.raises(svc.TransitionRefused) as refused:
        svc.transition(uow, "li", case_id, "submitted")
    assert "须由经办人办理" in str(refused.value) and "审核人" in str(refused.value)
    _step(db, "wang", case_id, "submitted")
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="不能转为“已批准”"):
        svc.transition(uow, "zhao", case_id, "approved", {"date": "2025-10-10"})
    _step(db, "li", case_id, "under_review")
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="须填写：日期、公示期"):
        svc.transition(uow, "li", case_id, "public_notice")
    _step(db, "li", case_id, "public_notice", **NOTICE)
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="2025-10-09（含）届满"):
        svc.transition(uow, "zhao", case_id, "approved", {"date": "2025-10-09"})


def test_batch_is_all_or_nothing_with_a_line_per_case(db: Database) -> None:
    ids = [_case(db, name=f"佛山市批量{i}号机器人有限公司") for i in range(3)]
    for case_id in ids:
        _to_notice(db, case_id)
    # "qian" reviewed nothing yet, but review case 2 so that qian may not approve it
    mixed = _case(db, name="佛山市混合机器人有限公司")
    _to_notice(db, mixed, reviewer="qian")
    with db.uow() as uow:
        report = svc.transition_batch(uow, "qian", [*ids, mixed], "approved", {"date": "2025-10-10"})
    assert not report.applied
    assert [line.ok for line in report.lines] == [True, True, True, False]
    assert "审核过本案" in report.lines[3].message and "本批均未办理" in report.lines[0].message
    with db.uow() as uow:
        assert {svc.process(uow, i).state.value for i in [*ids, mixed]} == {"public_notice"}
    with db.uow() as uow:
        done = svc.transition_batch(uow, "zhao", [*ids, mixed], "approved", {"date": "2025-10-10"})
    assert done.applied and all(line.ok for line in done.lines)
    with db.uow() as uow:
        assert {svc.process(uow, i).state.value for i in [*ids, mixed]} == {"approved"}


def test_objections_upheld_return_to_review_and_others_are_recorded(db: Database) -> None:
    case_id = _case(db)
    _to_notice(db, case_id)
    with db.uow() as uow:
        noted = svc.record_objection(uow, "wang", case_id, "张三", "2025-09-29", "企业名称有误", upheld=False)
    assert isinstance(noted, svc.EventView) and noted.to_state.value == "public_notice"
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="不在公示期"):
        svc.record_objection(uow, "wang", case_id, "李四", "2025-10-10", "太晚了")
    with db.uow() as uow:
        back = svc.record_objection(uow, "li", case_id, "李四", "2025-10-09", "称号已被撤销", upheld=True)
    assert isinstance(back, svc.StepResult) and back.to_state.value == "under_review"


def test_payments_never_exceed_what_was_approved_and_corrections_reverse(db: Database) -> None:
    case_id = _case(db)
    _to_notice(db, case_id)
    _step(db, "zhao", case_id, "approved", date="2025-10-10")
    _step(db, "wang", case_id, "notice_issued", date="2025-10-20", doc_no="佛工信函〔2025〕12号")
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match=r"超出批准金额 0\.01 元"):
        svc.transition(
            uow, "wang", case_id, "paid", {"date": "2025-11-03", "amount": "1000000.01", "voucher": "V"}
        )
    first = _step(db, "wang", case_id, "paid", date="2025-11-03", amount="600000", voucher="V1")
    assert first.to_state.value == "paid"
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match=r"超出批准金额 100,000\.00 元"):
        svc.record_payment(uow, "wang", case_id, svc.CITY_PAID, "2025-11-04", "500000", "V2")
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="超过到账金额"):
        svc.record_payment(uow, "wang", case_id, svc.PROVINCE_PAID, "2025-11-04", "1", "P1")
    with db.uow() as uow:
        [paid] = svc.payments(uow, case_id)
    with db.uow() as uow:
        reversal = svc.correct_payment(uow, "wang", paid.id, "金额录错", "2025-11-05")
    assert reversal.amount == Decimal("-600000.00") and reversal.reverses_id == paid.id
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="已冲正过"):
        svc.correct_payment(uow, "wang", paid.id, "再冲一次")
    with db.uow() as uow:
        svc.record_payment(uow, "wang", case_id, svc.CITY_PAID, "2025-11-06", "1000000", "V3")
    with db.uow() as uow:
        money = svc.money_lines(uow, case_id)
        assert [p.amount for p in svc.payments(uow, case_id)] == [
            Decimal("600000.00"), Decimal("-600000.00"), Decimal("1000000.00")
        ]  # fmt: skip
    assert money.city_paid == Decimal("1000000.00")


def test_withdraw_before_a_decision_void_after_it_with_an_approver(db: Database) -> None:
    early = _case(db)
    assert _step(db, "wang", early, "withdrawn", reason="企业申请撤回").to_state.value == "withdrawn"
    late = _case(db, name="佛山市晚到机器人有限公司")
    _to_notice(db, late)
    _step(db, "zhao", late, "approved", date="2025-10-10")
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="不能撤回"):
        svc.transition(uow, "wang", late, "withdrawn", {"reason": "x"})
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="须由审批人办理"):
        svc.transition(uow, "wang", late, "void", {"reason": "称号被撤销"})
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="须填写：原因"):
        svc.transition(uow, "qian", late, "void")
    assert _step(db, "qian", late, "void", reason="称号被撤销").to_state.value == "void"


def test_a_stale_version_is_refused_with_the_fresh_state(db: Database) -> None:
    case_id = _case(db)
    with db.uow() as uow:
        version = svc.process(uow, case_id).version
    _step(db, "wang", case_id, "submitted")
    with db.uow() as uow, pytest.raises(Conflict, match="已被他人修改（现为“已申报”，wang"):
        svc.transition(uow, "li", case_id, "under_review", expected_version=version)


def test_a_pending_objection_holds_approval_until_a_reviewer_decides_it(db: Database) -> None:
    case_id = _case(db)
    _to_notice(db, case_id)
    with db.uow() as uow:
        noted = svc.record_objection(uow, "wang", case_id, "张三", "2025-09-29", "企业名称有误")
    with db.uow() as uow:
        [pending] = svc.objections(uow, case_id)
    assert pending.id == noted.id and pending.pending and pending.status_label == "待处理"
    assert (pending.objector, pending.content) == ("张三", "企业名称有误")
    assert pending.received_on == date(2025, 9, 29)
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match=r"异议尚未处理（张三（2025-09-29））"):
        svc.transition(uow, "zhao", case_id, "approved", {"date": "2025-10-10"})
    with db.uow() as uow, pytest.raises(svc.TransitionRefused) as refused:
        svc.resolve_objection(uow, "wang", pending.id, False, "无误")
    assert "须由审核人办理" in str(refused.value) and "不能处理本案的异议" in str(refused.value)
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="须填写处理意见"):
        svc.resolve_objection(uow, "li", pending.id, False, "  ")
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="早于“收到异议”的日期"):
        svc.resolve_objection(uow, "li", pending.id, False, "无误", "2025-09-28")
    with db.uow() as uow:
        svc.resolve_objection(uow, "li", pending.id, False, "经核查，企业名称无误", "2025-10-09")
    with db.uow() as uow:
        [done] = svc.objections(uow, case_id)
        lines = svc.history(uow, case_id)
    assert (done.status, done.resolved_by, done.resolved_on) == ("dismissed", "li", date(2025, 10, 9))
    assert done.opinion == "经核查，企业名称无误"
    assert any("异议不成立案件" in line and "经核查，企业名称无误" in line for line in lines)
    with db.uow() as uow, pytest.raises(svc.TransitionRefused, match="该异议已处理（异议不成立）"):
        svc.resolve_objection(uow, "li", pending.id, True, "改判")
    assert _step(db, "zhao", case_id, "approved", date="2025-10-10").to_state.value == "approved"


def test_an_objection_decided_upheld_returns_the_case_and_the_others_lapse(db: Database) -> None:
    case_id = _case(db)
    _to_notice(db, case_id)
    with db.uow() as uow:
        first = svc.record_objection(uow, "li", case_id, "李四", "2025-09-30", "称号已被撤销")
    with db.uow() as uow:
        svc.record_objection(uow, "wang", case_id, "王五", "2025-10-08", "注册地不在本市")
    with db.uow() as uow:
        back = svc.resolve_objection(uow, "li", first.id, True, "经核查属实", "2025-10-13")
    assert isinstance(back, svc.StepResult) and back.to_state.value == "under_review"
    assert back.facts["objection_id"] == first.id and back.facts["date"] == "2025-09-30"
    with db.uow() as uow:
        upheld, lapsed = svc.objections(uow, case_id)
        report = audit.verify(uow)
    assert (upheld.status, upheld.opinion, upheld.resolved_on) == ("upheld", "经核查属实", date(2025, 10, 13))
    assert lapsed.status == "lapsed" and lapsed.status_label == "未单独处理（案件已异议成立，退回审查）"
    assert report.ok, report.problem
    # back in 公示 after another review: the lapsed objection does not hold the approval
    _step(db, "li", case_id, "public_notice", date="2025-10-20", period="5")
    with db.uow() as uow:
        assert svc.check_transition(uow, "zhao", case_id, "approved", {"date": "2025-10-28"}) == []
    # recorded and upheld in one step: listed as upheld, the objection's own text kept
    with db.uow() as uow:
        svc.record_objection(uow, "li", case_id, "赵六", "2025-10-21", "产品不属机器人", upheld=True)
    with db.uow() as uow:
        direct = svc.objections(uow, case_id)[-1]
    assert (direct.status, direct.content, direct.opinion) == ("upheld", "产品不属机器人", "")

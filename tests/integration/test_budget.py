"""Budgets per fiscal year: the figures of both lines from the cases decided that year, the refusal of an
approval beyond the budget, and an approver's override recorded with its reason in the audit trail."""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.services import audit, budget, users
from core.services import cases as cases_svc
from core.services import workflow as svc
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.errors import InputError
from core.services.titles import TitleInput, add_title
from core.store.models_audit import AuditEntry
from core.store.models_workflow import CaseEvent
from core.store.uow import Database
from tests.process import REVIEWED_ON, SUBMITTED_ON

PW = "password 123"
NOTICE = {"date": "2025-09-26", "period": "5"}  # ends 2025-10-09
APPROVE = {"date": "2025-10-10"}
M = Decimal


@pytest.fixture
def desk(db: Database) -> Database:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    for name, roles in (("wang", "clerk"), ("li", "reviewer"), ("zhao", "approver")):
        with db.uow() as uow:
            users.add_user(uow, "admin", name, roles, PW)
    return db


def _notice_case(db: Database, rng: random.Random, name: str) -> int:
    """A little-giant case (city 1,000,000.00 + province 1,000,000.00) in 公示, ready to be approved."""
    code = make_code(rng, "440605")
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
        case_id = cases_svc.create_case(uow, code, "little-giant", today=date(2025, 9, 1), actor="wang").id
        svc.record_created(uow, "wang", case_id)
        uow.commit()
    for actor, to, facts in (
        ("wang", "submitted", {"date": SUBMITTED_ON}),
        ("li", "under_review", {"date": REVIEWED_ON}),
        ("li", "public_notice", NOTICE),
    ):
        with db.uow() as uow:
            svc.transition(uow, actor, case_id, to, facts)
    return case_id


def _cases(db: Database, n: int) -> list[int]:
    rng = random.Random(5)
    names = ["佛山市灵动机器人有限公司", "佛山市云擎智能科技有限公司", "佛山市智造视觉科技有限公司"]
    return [_notice_case(db, rng, names[i]) for i in range(n)]


def _approve(db: Database, case_id: int, **extra: str) -> svc.StepResult:
    with db.uow() as uow:
        return svc.transition(uow, "zhao", case_id, "approved", {**APPROVE, **extra})


def test_both_lines_show_budget_committed_paid_remaining_and_province_received(desk: Database) -> None:
    a, b = _cases(desk, 2)
    with desk.uow() as uow:
        budget.set_line(uow, "admin", 2025, "city", "3000000")
    with desk.uow() as uow:
        budget.set_line(
            uow, "admin", 2025, "province", "2500000",
            allocated="1500000", notice_no="粤工信融资函〔2025〕30号", notice_date="2025-08-15",
        )  # fmt: skip
    _approve(desk, a)
    _approve(desk, b, override_reason="省级下达不足，已另行申请追加")
    with desk.uow() as uow:
        svc.transition(
            uow, "wang", a, "notice_issued", {"date": "2025-10-20", "doc_no": "佛工信函〔2025〕12号"}
        )
    with desk.uow() as uow:
        svc.transition(
            uow, "wang", a, "paid", {"date": "2025-11-03", "amount": "400000", "voucher": "市财-1"}
        )
    with desk.uow() as uow:
        svc.record_payment(uow, "wang", a, svc.PROVINCE_RECEIVED, "2025-11-10", "600000.00", "省拨-7")
    with desk.uow() as uow:
        svc.record_payment(uow, "wang", a, svc.PROVINCE_PAID, "2025-11-12", "250000.00", "付-9")

    with desk.uow() as uow:
        year = budget.show(uow, 2025)
    city, prov = year.city, year.province
    assert (city.budget, city.committed, city.paid, city.remaining) == (
        M("3000000.00"), M("2000000.00"), M("400000.00"), M("1000000.00"),
    )  # fmt: skip
    assert city.cases == 2
    # the province allocated less than expected: approvals count against what it allocated
    assert (prov.expected, prov.allocated, prov.budget) == (M("2500000.00"), M("1500000.00"), M("1500000.00"))
    assert (prov.requested, prov.received, prov.paid) == (M("2000000.00"), M("600000.00"), M("250000.00"))
    assert prov.remaining == M("-500000.00")  # approved with an override would show as overdrawn
    assert year.to_json()["province"] == {
        **year.to_json()["province"],
        "notice_no": "粤工信融资函〔2025〕30号",
        "notice_date": "2025-08-15",
        "outstanding": "1400000.00",
        "requested": "2000000.00",
    }
    with desk.uow() as uow:
        other = budget.show(uow, 2026)
    assert other.city.committed == M("0.00") and not other.city.is_set


def test_approving_beyond_the_budget_is_refused_then_overridden_with_a_recorded_reason(
    desk: Database,
) -> None:
    a, b = _cases(desk, 2)
    with desk.uow() as uow:
        budget.set_line(uow, "admin", 2025, "city", "1500000")
    _approve(desk, a)  # 1,000,000 of 1,500,000
    with desk.uow() as uow:
        assert budget.check_approval(uow, b, 2025) == [
            "2025 年度市级奖励资金预算 1,500,000.00 元，已批准 1,000,000.00 元，尚余 500,000.00 元；"
            "本案需 1,000,000.00 元，将超出 500,000.00 元。"
        ]
        assert budget.check_approval(uow, b, 2026) == []  # no budget set for 2026: not checked
    with pytest.raises(svc.TransitionRefused) as refused:
        _approve(desk, b)
    assert "尚余 500,000.00 元" in str(refused.value) and "超预算批准理由" in str(refused.value)
    with desk.uow() as uow:
        assert svc.process(uow, b).state.value == "public_notice"  # nothing changed

    done = _approve(desk, b, override_reason="市政府常务会议同意先行批准，追加预算另报")
    assert done.to_state.value == "approved"
    assert done.facts["override_reason"] == "市政府常务会议同意先行批准，追加预算另报"
    with desk.uow() as uow:
        event = uow.session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == b, CaseEvent.action == "approve")
        ).one()
        entry = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "case", AuditEntry.entity_id == str(b))
            .order_by(AuditEntry.id.desc()).limit(1)
        ).one()  # fmt: skip
        assert json.loads(event.facts)["override_reason"].startswith("市政府常务会议")
        changes = json.loads(entry.changes)
        assert entry.actor == "zhao" and entry.action == "approve"
        assert changes["override_reason"] == [None, "市政府常务会议同意先行批准，追加预算另报"]
        assert "将超出 500,000.00 元" in changes["budget_problems"][1]
        assert audit.verify(uow).ok
        assert budget.show(uow, 2025).city.remaining == M("-500000.00")


def test_a_batch_approval_counts_the_cases_together(desk: Database) -> None:
    ids = _cases(desk, 2)
    with desk.uow() as uow:
        budget.set_line(uow, "admin", 2025, "province", "1500000")
    with desk.uow() as uow:
        report = svc.transition_batch(uow, "zhao", ids, "approved", APPROVE)
    assert not report.applied
    assert all("本批 2 件需 2,000,000.00 元" in line.message for line in report.lines)
    with desk.uow() as uow:
        assert {svc.process(uow, i).state.value for i in ids} == {"public_notice"}
        ok = svc.transition_batch(
            uow, "zhao", ids, "approved", {**APPROVE, "override_reason": "省里口头同意追加"}
        )
    assert ok.applied


def test_budget_input_is_checked(desk: Database) -> None:
    with desk.uow() as uow, pytest.raises(InputError, match="负数"):
        budget.set_line(uow, "admin", 2025, "city", "-1")
    with desk.uow() as uow, pytest.raises(InputError, match="只用于省级"):
        budget.set_line(uow, "admin", 2025, "city", "1", notice_no="x")
    with desk.uow() as uow, pytest.raises(InputError, match="无法识别"):
        budget.set_line(uow, "admin", 2025, "county", "1")
    with desk.uow() as uow:
        budget.set_line(uow, "admin", 2025, "city", "100")
    with desk.uow() as uow:
        line = budget.set_line(uow, "admin", 2025, "city", "200.5")
        assert line.budget == M("200.50")
        assert [e.action for e in audit.entries_for(uow, "budget", "2025-city")] == ["create", "update"]


def test_budget_migration_matches_the_model(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from core.store.models import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert [d for d in diff if "budget_line" in repr(d)] == []

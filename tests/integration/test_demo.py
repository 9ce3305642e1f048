"""The demo a newcomer sees: a realistic, valid and varied register, and reward cases at every step of the
process made through the real services (officers with separated duties, payments, budgets, audit trail)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from core.domain import uscc
from core.domain.enums import TitleKind, TitleStatus
from core.domain.workflow import CaseState, Duty, by_name
from core.services import audit, budget, demo, stats, users
from core.services import cases as case_svc
from core.services import enterprises as svc
from core.services import titles as tsvc
from core.services import workflow as wf_svc
from core.services.errors import Conflict
from core.services.users import AuthError
from core.store.engine import sqlite_url
from core.store.migrate import open_database
from core.store.models_users import User
from core.store.models_workflow import CaseEvent
from core.store.uow import Database

# The states the issue lists; every one must have cases in the demo.
LISTED = (
    "draft",
    "submitted",
    "under_review",
    "public_notice",
    "approved",
    "notice_issued",
    "paid",
    "evaluated",
    "closed",
    "rejected",
    "withdrawn",
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, demo.DemoReport]]:
    """One full demo for the module (it takes a few seconds), built as `main.py demo` builds it."""
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database, _ = open_database(sqlite_url(path))
    with database.uow() as uow:
        report = demo.load(uow)
    yield database, report
    database.dispose()


def test_demo_set_is_valid_and_varied(demo_db: tuple[Database, demo.DemoReport]) -> None:
    db, report = demo_db
    assert report.enterprises == 200
    with db.uow() as uow:
        ents = svc.search(uow, svc.EnterpriseQuery())
        titles = tsvc.list_titles(uow)
    assert all(uscc.check(e.code).ok for e in ents)
    assert len({e.code for e in ents}) == 200
    assert set(Counter(e.district for e in ents)) == set(demo.DISTRICTS)
    fields = Counter(e.field.value for e in ents)
    assert fields["ai"] and fields["robotics"] and fields["other"]
    kinds = Counter(t.kind for t in titles)
    assert kinds[TitleKind.LITTLE_GIANT] > 20 and kinds[TitleKind.SINGLE_CHAMPION] >= 2
    assert any(t.re_review for t in titles)
    assert any(t.status is TitleStatus.REVOKED and t.status_reason for t in titles)
    assert len({t.batch for t in titles if t.kind is TitleKind.LITTLE_GIANT}) >= 3
    holders = Counter(t.enterprise_id for t in titles if not t.re_review)
    assert any(
        {t.kind for t in titles if t.enterprise_id == ent_id} == set(TitleKind) for ent_id in holders
    ), "an enterprise holding both kinds shows the stacking rule"


def test_demo_cases_cover_every_state_and_the_audit_chain_verifies(
    demo_db: tuple[Database, demo.DemoReport],
) -> None:
    db, report = demo_db
    with db.uow() as uow:
        verified = audit.verify(uow)
        listed = case_svc.list_cases(uow)
        ent_history = audit.history(uow, "enterprise", listed[-1].enterprise_id)
    assert verified.ok, verified.problem
    assert report.cases == len(listed) == 30
    assert {s: n for s, n in Counter(c.status for c in listed).items()} == dict(report.by_state)
    assert set(LISTED) <= {c.status for c in listed}
    # the register is in the audit trail too, under the demo
    assert "演示数据（demo）  新增企业" in ent_history[0]
    # a rejected case with its reason, a withdrawn one with its reason, an override with its reason
    with db.uow() as uow:
        rejected = next(c for c in listed if c.status == "rejected")
        withdrawn = next(c for c in listed if c.status == "withdrawn")
        assert wf_svc.process(uow, rejected.id).events[-1].facts["reason"]
        assert wf_svc.process(uow, withdrawn.id).events[-1].facts["reason"]
    assert any(c.city_reward_source == "override" and c.city_reward_reason for c in listed)
    assert any(not c.eligible and c.status == "draft" and c.failures for c in listed)
    # stacking: the champion case of an enterprise whose little-giant case was rewarded gets the difference
    stacked = [
        c
        for c in listed
        if c.title_kind is TitleKind.SINGLE_CHAMPION and c.city_reward and c.province_match < c.city_reward
    ]
    assert stacked


def test_dashboard_figures_on_the_demo_are_non_zero_for_each_state(
    demo_db: tuple[Database, demo.DemoReport],
) -> None:
    db, report = demo_db
    with db.uow() as uow:
        years = stats.years(uow)
        everything = stats.dashboard(uow, None)
        newest = stats.dashboard(uow, years[0])
        year_budget = budget.show(uow, years[0])
    counts = {state: n for state, _label, n in everything.by_state}
    assert all(counts.get(state, 0) > 0 for state in LISTED), counts
    decided = {state: n for state, _label, n in newest.by_state}
    assert all(decided.get(s, 0) > 0 for s in ("approved", "notice_issued", "paid", "evaluated", "closed"))
    assert newest.committed.cases > 0 and newest.committed.city > 0 and newest.committed.province > 0
    assert newest.paid_city > 0 and newest.paid_province > 0
    assert newest.by_district and newest.by_kind and newest.by_month
    assert years[0] in report.budget_years
    assert year_budget.city.is_set and year_budget.city.committed > 0 and year_budget.city.remaining >= 0
    assert year_budget.province.allocated is not None and year_budget.province.received
    assert year_budget.province.remaining >= 0


def test_demo_steps_are_taken_by_separate_officers_who_cannot_sign_in(
    demo_db: tuple[Database, demo.DemoReport],
) -> None:
    db, _report = demo_db
    with db.uow() as uow:
        events = list(
            uow.session.execute(
                select(CaseEvent.case_id, CaseEvent.actor, CaseEvent.action).order_by(CaseEvent.id)
            )
        )
        officers = set(uow.session.scalars(select(User.name)))
        assert users.needs_first_admin(uow), "first start still asks for an administrator"
    assert set(officers) == {name for name, _, _ in demo.DEMO_OFFICERS}
    by_case: dict[int, list[tuple[str, str]]] = {}
    for case_id, actor, action in events:
        by_case.setdefault(case_id, []).append((actor, action))
    for case_events in by_case.values():
        drafters = {actor for actor, action in case_events if action in ("create", "submit")}
        steps = [
            (actor, by_name(action).duty)
            for actor, action in case_events
            if action not in ("create", "objection")
        ]
        reviewers = {actor for actor, duty in steps if duty is Duty.REVIEW}
        approvers = {actor for actor, duty in steps if duty is Duty.APPROVE}
        assert not drafters & (reviewers | approvers) and not reviewers & approvers
    for name in officers:
        with db.uow() as uow, pytest.raises(AuthError):
            users.authenticate(uow, name, "")
        with db.uow() as uow, pytest.raises(AuthError):
            users.authenticate(uow, name, "!")


def test_demo_is_refused_on_a_database_that_already_has_it(db: Database) -> None:
    with db.uow() as uow:
        demo.load(uow, count=20, cases=False)
    with db.uow() as uow, pytest.raises(Conflict, match="演示数据"):
        demo.load(uow, count=20)


def test_demo_is_refused_where_its_officers_exist(db: Database) -> None:
    with db.uow() as uow:
        users.add_without_password(uow, "admin", "demo_li", "reviewer", "李卫东")
    with db.uow() as uow, pytest.raises(Conflict, match="只生成在空数据库中：此数据库已有用户"):
        demo.load(uow, count=20)
    with db.uow() as uow:
        assert svc.count(uow) == 0, "nothing written"


def test_demo_dates_stay_within_the_policy_and_the_holiday_calendar() -> None:
    assert demo.anchor(date(2026, 6, 30)) == date(2026, 6, 30)
    assert demo.anchor(date(2031, 5, 1)) <= date(2027, 12, 31)  # the policy's end
    early = demo.anchor(date(2025, 4, 1))
    assert early >= date(2025, 3, 9)  # room for the timeline after the policy's start


def test_demo_is_deterministic() -> None:
    assert [e.code for e, _ in demo.generate(30, seed=7)] == [e.code for e, _ in demo.generate(30, seed=7)]


def test_a_demo_state_walk_uses_the_listed_transitions() -> None:
    """The plan names states the process has (guards the demo against a renamed state)."""
    assert {s.value for s in demo.PLAN} <= {s.value for s in CaseState}


def test_demo_notice_numbers_come_from_the_sequence_a_later_notice_continues(
    demo_db: tuple[Database, demo.DemoReport],
) -> None:
    """The demo's funding notices take their 文号 from the bureau's gap-free sequence (1号, 2号 … per year), so
    the first notice an officer issues on the demo database continues after them instead of repeating one."""
    import json
    import re

    from core.services import documents as doc_svc

    db, _ = demo_db
    with db.uow() as uow:
        prefix = doc_svc.get_settings(uow).doc_prefix
        taken: dict[int, list[int]] = {}
        for event in uow.session.scalars(select(CaseEvent).where(CaseEvent.to_state == "notice_issued")):
            found = re.fullmatch(re.escape(prefix) + r"〔(\d{4})〕(\d+)号", json.loads(event.facts)["doc_no"])
            assert found, event.facts
            taken.setdefault(int(found[1]), []).append(int(found[2]))
        following = {year: doc_svc.peek_doc_number(uow, prefix, year) for year in taken}
    assert sum(len(v) for v in taken.values()) >= 3
    for year, numbers in taken.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), (year, numbers)
        assert following[year] == len(numbers) + 1

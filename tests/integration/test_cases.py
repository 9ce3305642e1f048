"""Reward cases on a real SQLite file: create, recompute while editing, freeze, stacking, batch, impact."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from core.domain.enums import TitleKind
from core.policy.registry import SHIPPED_DIR
from core.services import cases as svc
from core.services.demo import make_code
from core.services.enterprises import (
    EnterpriseInput,
    add_enterprise,
    get_enterprise,
    input_from_view,
    update_enterprise,
)
from core.services.errors import Conflict, InputError
from core.services.titles import TitleInput, add_title, revoke_title
from core.store.uow import Database

TODAY = date(2025, 10, 20)
RNG = random.Random(7)


def _enterprise(db: Database, name: str, field: str = "robotics") -> str:
    code = make_code(RNG, "440605")
    with db.uow() as uow:
        add_enterprise(
            uow, EnterpriseInput(code=code, name=name, district="南海区", field=field), actor="system"
        )
    return code


def _title(db: Database, code: str, kind: str, on: str, batch: int = 7, re_review: bool = False) -> int:
    with db.uow() as uow:
        return add_title(
            uow,
            TitleInput(enterprise_code=code, kind=kind, batch=batch, recognized_on=on, re_review=re_review),
            actor="system",
        ).id


def _create(db: Database, code: str, kind: str, **edit: object) -> svc.CaseView:
    with db.uow() as uow:
        return svc.create_case(uow, code, kind, svc.CaseEdit(**edit), today=TODAY, actor="")  # type: ignore[arg-type]  # **edit: the test passes CaseEdit fields by name


def test_create_uses_the_city_schedule_and_stores_exact_amounts(db: Database) -> None:
    code = _enterprise(db, "佛山市灵动机器人有限公司")
    _title(db, code, "little-giant", "2025-07-18")
    case = _create(db, code, "little-giant")
    assert case.status == "draft" and not case.frozen
    assert case.city_reward == Decimal("1000000.00") and case.city_reward_source == "schedule"
    assert case.province_match == Decimal("1000000.00") and case.total == Decimal("2000000.00")
    with db.uow() as uow:
        again = svc.get_case(uow, case.id)
    assert isinstance(again.province_match, Decimal) and again.province_match == Decimal("1000000.00")
    assert again.trace and any("1:1" in t.quote for t in again.trace)


def test_override_needs_a_reason_and_amounts_are_not_rounded(db: Database) -> None:
    code = _enterprise(db, "佛山市天工智能有限公司")
    _title(db, code, "little-giant", "2025-07-18")
    with pytest.raises(InputError) as info:
        _create(db, code, "little-giant", city_reward="800000.00")
    assert "override_reason" in info.value.fields
    with pytest.raises(InputError, match="两位小数"):
        _create(db, code, "little-giant", city_reward="800000.005", override_reason="x")
    case = _create(db, code, "little-giant", city_reward="1234567.89", override_reason="区级叠加")
    assert case.city_reward_source == "override" and case.city_reward == Decimal("1234567.89")
    assert case.province_match == Decimal("1000000.00")


def test_editing_a_draft_recomputes_and_freezing_locks_it(db: Database) -> None:
    code = _enterprise(db, "佛山市星图智能有限公司")
    _title(db, code, "single-champion", "2025-06-01", batch=9)
    case = _create(db, code, "single-champion")
    assert case.province_match == Decimal("1500000.00")
    edit = svc.CaseEdit(city_reward="600000.00", override_reason="财政安排")
    with db.uow() as uow:
        preview = svc.preview_case(uow, case.id, edit, today=TODAY)
    assert preview.province_match == Decimal("600000.00")
    with db.uow() as uow:
        updated = svc.update_case(uow, case.id, edit, expected_version=case.version, today=TODAY, actor="")
    assert updated.province_match == Decimal("600000.00") and updated.total == Decimal("1200000.00")
    with db.uow() as uow, pytest.raises(Conflict):
        svc.update_case(uow, case.id, edit, expected_version=case.version, today=TODAY, actor="")
    with db.uow() as uow:
        frozen = svc.freeze_case(uow, case.id, "2025-11-03", today=TODAY, actor="")
    assert frozen.frozen and frozen.frozen_at is not None and frozen.decided_on == date(2025, 11, 3)
    with db.uow() as uow, pytest.raises(Conflict, match="已定案"):
        svc.update_case(uow, case.id, edit, today=TODAY, actor="")


def test_frozen_case_recomputes_to_the_same_result_after_the_policy_file_changes(
    db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    code = _enterprise(db, "佛山市明曜装备有限公司")
    _title(db, code, "little-giant", "2025-07-18")
    case = _create(db, code, "little-giant")
    with db.uow() as uow:
        svc.freeze_case(uow, case.id, today=TODAY, actor="")
    # an officer installs next year's file with the same id: cap 1,600,000
    from core.policy import registry

    home = registry.user_policy_dir()
    home.mkdir(parents=True, exist_ok=True)
    text = (SHIPPED_DIR / "gd-ai-robotics-2025.toml").read_text(encoding="utf-8")
    (home / "gd-ai-robotics-2025.toml").write_text(
        text.replace('"2000000.00"', '"1600000.00"'), encoding="utf-8"
    )
    with db.uow() as uow:
        check = svc.check_recompute(uow, case.id)
        assert check.same and check.recomputed.province_match == Decimal("1000000.00")
        # a new case under the changed file computes with the new cap
        code2 = _enterprise(db, "佛山市博纳机器人有限公司")
    _title(db, code2, "little-giant", "2025-07-18")
    new = _create(db, code2, "little-giant")
    assert new.province_match == Decimal("800000.00") and new.policy_sha256 != case.policy_sha256


def test_stacking_prior_case_under_the_same_policy_gives_a_top_up(db: Database) -> None:
    code = _enterprise(db, "佛山市凌云自动化有限公司")
    _title(db, code, "little-giant", "2025-07-18")
    _title(db, code, "single-champion", "2025-12-01", batch=9)
    giant = _create(db, code, "little-giant")
    champion = _create(db, code, "single-champion")
    assert giant.province_match == Decimal("1000000.00")
    assert champion.province_match == Decimal("500000.00") and champion.eligible
    assert any("差额奖补" in t.step for t in champion.trace)
    # the earlier draft changes: the later draft's top-up follows
    with db.uow() as uow:
        svc.update_case(
            uow,
            giant.id,
            svc.CaseEdit(city_reward="600000.00", override_reason="减额"),
            today=TODAY,
            actor="",
        )
    with db.uow() as uow:
        assert svc.get_case(uow, champion.id).province_match == Decimal("900000.00")
    with pytest.raises(Conflict, match="只奖励一次"):
        _create(db, code, "little-giant")


def test_ineligible_case_lists_every_reason(db: Database) -> None:
    code = _enterprise(db, "佛山市高明铝材有限公司", field="other")
    tid = _title(db, code, "little-giant", "2023-07-18", batch=5, re_review=True)
    with db.uow() as uow:
        revoke_title(uow, tid, "2025-01-02", "复核未通过", actor="system")
    with db.uow() as uow:
        view = get_enterprise(uow, code)
        update_enterprise(
            uow, view.id, replace(input_from_view(view), reg_status="deregistered"), actor="system"
        )
    case = _create(db, code, "little-giant", exclusion_hits=("tax",))
    assert not case.eligible and case.province_match == 0
    assert [f.rule for f in case.failures] == [
        "first_recognition",
        "recognition_year",
        "title_status",
        "field",
        "active",
        "exclusions",
    ]


def test_batch_preview_lists_who_is_in_and_who_is_out_and_why(db: Database) -> None:
    a = _enterprise(db, "佛山市甲机器人有限公司")
    b = _enterprise(db, "佛山市乙陶瓷有限公司", field="other")
    c = _enterprise(db, "佛山市丙智能有限公司")
    d = _enterprise(db, "佛山市丁智能有限公司")
    _title(db, a, "little-giant", "2025-07-18")
    _title(db, b, "little-giant", "2025-07-18")
    _title(db, c, "little-giant", "2025-07-18", re_review=True)
    _title(db, d, "single-champion", "2025-03-01", batch=9)
    _title(db, d, "little-giant", "2025-07-18")
    _title(db, a, "little-giant", "2024-07-18", batch=6)  # another year: not in this batch
    with db.uow() as uow:
        preview = svc.preview_batch(uow, 2025, today=TODAY)
    included = {(x.enterprise_name, x.kind) for x in preview.included}
    assert included == {
        ("佛山市甲机器人有限公司", TitleKind.LITTLE_GIANT),
        ("佛山市丁智能有限公司", TitleKind.SINGLE_CHAMPION),
    }
    reasons = {x.enterprise_name: " ".join(x.reasons) for x in preview.excluded}
    assert "人工智能或机器人" in reasons["佛山市乙陶瓷有限公司"]
    assert "复核" in reasons["佛山市丙智能有限公司"]
    assert "就高不重复" in reasons["佛山市丁智能有限公司"]
    with db.uow() as uow:
        created = svc.create_batch(uow, 2025, today=TODAY, actor="")
    assert len(created) == 2
    with db.uow() as uow:
        again = svc.preview_batch(uow, 2025, today=TODAY)
        assert not again.included and any("已有奖励案件" in " ".join(x.reasons) for x in again.excluded)
        assert len(svc.list_cases(uow, svc.CaseQuery(year=2025))) == 2
        assert [c.enterprise_name for c in svc.list_cases(uow, svc.CaseQuery(text="甲机器人"))] == [
            "佛山市甲机器人有限公司"
        ]


def test_impact_check_lists_open_cases_whose_amounts_change(db: Database) -> None:
    a = _enterprise(db, "佛山市云擎机器人有限公司")
    b = _enterprise(db, "佛山市海燕机器人有限公司")
    _title(db, a, "little-giant", "2025-07-18")
    _title(db, b, "single-champion", "2025-03-01", batch=9)
    giant = _create(db, a, "little-giant")
    champion = _create(db, b, "single-champion", city_reward="500000.00", override_reason="分期")
    text = (SHIPPED_DIR / "gd-ai-robotics-2025.toml").read_text(encoding="utf-8")
    changed = text.replace('value = "2000000.00"', 'value = "1500000.00"')
    with db.uow() as uow:
        report = svc.impact_check(uow, changed.encode("utf-8"), "new.toml")
    assert report.checked == 2
    assert [(x.case_id, x.old_province, x.new_province) for x in report.changed] == [
        (giant.id, Decimal("1000000.00"), Decimal("750000.00"))
    ]
    assert champion.id not in {x.case_id for x in report.changed}
    with db.uow() as uow, pytest.raises(InputError, match=r"new\.toml"):
        svc.impact_check(
            uow, changed.replace("schema_version = 1", "schema_version = 2").encode(), "new.toml"
        )


def _officers(db: Database) -> None:
    from core.services import users

    with db.uow() as uow:
        users.create_first_admin(uow, "admin", "admin password 1")
    for name, role in (("wang", "clerk"), ("li", "reviewer")):
        with db.uow() as uow:
            users.add_user(uow, "admin", name, role, "officer password 1")


def test_a_clerk_cannot_change_amounts_after_submission_until_the_case_is_returned(db: Database) -> None:
    """Issue 16: amounts, exclusions and the decision date change only in 申报登记; the return shows in the trail."""
    from core.domain.workflow import CaseState
    from core.services import workflow

    code = _enterprise(db, "佛山市灵动机器人有限公司")
    _title(db, code, "little-giant", "2025-07-18")
    _officers(db)
    with db.uow() as uow:
        case = svc.create_case(uow, code, "little-giant", today=TODAY, actor="wang")
    with db.uow() as uow:
        workflow.transition(uow, "wang", case.id, CaseState.SUBMITTED, {})
    for change in ({"city_reward": "1999999.99", "override_reason": "x"}, {"exclusion_hits": ("accident",)}):
        with db.uow() as uow:
            edit = replace(svc.edit_of(uow, case.id), **change)  # type: ignore[arg-type]
            with pytest.raises(Conflict, match="退回补正"):
                svc.update_case(uow, case.id, edit, today=TODAY, actor="wang")
    with db.uow() as uow:
        assert svc.get_case(uow, case.id).city_reward == Decimal("1000000.00")
        with pytest.raises(Conflict, match="退回补正"):
            svc.freeze_case(uow, case.id, today=TODAY, actor="wang")
    with db.uow() as uow:
        workflow.transition(uow, "li", case.id, CaseState.UNDER_REVIEW, {})
    with db.uow() as uow:
        workflow.transition(uow, "li", case.id, CaseState.DRAFT, {"reason": "请按八成核定市级奖励"})
    with db.uow() as uow:
        edit = replace(svc.edit_of(uow, case.id), city_reward="800000.00", override_reason="按八成核定")
        changed = svc.update_case(uow, case.id, edit, today=TODAY, actor="wang")
    assert changed.city_reward == Decimal("800000.00")
    with db.uow() as uow:
        lines = workflow.history(uow, case.id)
    assert any("退回补正" in line for line in lines), lines


def test_only_a_signed_in_clerk_edits_a_case_once_the_database_has_officers(db: Database) -> None:
    from core.services.access import NotPermitted

    code = _enterprise(db, "佛山市灵动机器人有限公司")
    _title(db, code, "little-giant", "2025-07-18")
    _officers(db)
    for actor in ("", "system", "li", "admin", "nobody"):
        with db.uow() as uow, pytest.raises(NotPermitted, match="经办人"):
            svc.create_case(uow, code, "little-giant", today=TODAY, actor=actor)
    with db.uow() as uow:
        case = svc.create_case(uow, code, "little-giant", today=TODAY, actor="wang")
    with db.uow() as uow, pytest.raises(NotPermitted):
        svc.update_case(uow, case.id, svc.edit_of(uow, case.id), today=TODAY, actor="li")


def test_update_with_a_stale_expected_version_is_a_conflict(db: Database) -> None:
    code = _enterprise(db, "佛山市灵动机器人有限公司")
    _title(db, code, "little-giant", "2025-07-18")
    case = _create(db, code, "little-giant")
    with db.uow() as uow:
        first = svc.update_case(
            uow,
            case.id,
            svc.CaseEdit(city_reward="900000", override_reason="a"),
            case.version,
            today=TODAY,
            actor="",
        )
    with db.uow() as uow, pytest.raises(Conflict, match="已被他人修改"):
        svc.update_case(
            uow,
            case.id,
            svc.CaseEdit(city_reward="800000", override_reason="b"),
            case.version,
            today=TODAY,
            actor="",
        )
    with db.uow() as uow:
        assert svc.get_case(uow, case.id).city_reward == first.city_reward == Decimal("900000.00")

"""Every change is in the audit trail, field by field: reward cases (create, edit of a draft with an override
reason, the later drafts it recomputes, recompute, freeze, batch), the bureau's settings, document templates and
policy files; and every kind of entry any service writes reads as plain Chinese in the 历史 view."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from core.domain import clock
from core.domain.enums import ChampionType, Field, RegStatus, Source, TitleKind, TitleStatus
from core.domain.workflow import CaseState, Role
from core.io import templates
from core.io.pdf.model import BureauSettings
from core.policy.engine import EXCLUSION_ITEMS
from core.policy.registry import SHIPPED_DIR
from core.services import (
    audit,
    budget,
    calendar,
    demo,
    documents,
    enterprises,
    imports,
    policies,
    template_edits,
    users,
)
from core.services import cases as case_svc
from core.services import titles as title_svc
from core.services import workflow as wf
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput
from core.services.titles import TitleInput
from core.store.models_audit import AuditEntry
from core.store.uow import Database
from tests.integration.test_import_enterprises import district_file
from tests.integration.test_import_titles import PARAMS, miit_list

TODAY = date(2025, 10, 20)
PW = "password 123"


def _enterprise(
    db: Database, rng: random.Random, name: str, *kinds: tuple[str, int, str], actor: str = ""
) -> str:
    code = make_code(rng, "440605")
    with db.uow() as uow:
        enterprises.add_enterprise(
            uow, EnterpriseInput(code=code, name=name, district="南海区", field="robotics"), actor=actor
        )
    for kind, batch, on in kinds:
        with db.uow() as uow:
            title_svc.add_title(
                uow, TitleInput(enterprise_code=code, kind=kind, batch=batch, recognized_on=on), actor=actor
            )
    return code


def _entries(db: Database, case_id: int) -> list[audit.AuditView]:
    with db.uow() as uow:
        return audit.entries_for(uow, "case", case_id)


def test_case_create_update_recompute_freeze_are_audited_field_by_field(db: Database) -> None:
    rng = random.Random(3)
    code = _enterprise(
        db,
        rng,
        "佛山市灵动机器人有限公司",
        ("little-giant", 6, "2024-07-15"),
        ("single-champion", 9, "2025-04-22"),
    )
    with db.uow() as uow:
        lg = case_svc.create_case(uow, code, "little-giant", today=TODAY, actor="wang")
    with db.uow() as uow:
        sc = case_svc.create_case(uow, code, "single-champion", today=TODAY, actor="wang")
    with db.uow() as uow:
        assert wf.process(uow, lg.id).drafter == "wang"  # a named creator is the drafter
    (created,) = _entries(db, lg.id)
    assert (created.actor, created.action) == ("wang", "create")
    assert created.changes["city_reward"] == [None, "1000000.00"]
    assert created.changes["status"] == [None, "draft"] and created.changes["title_kind"] == [
        None,
        "little-giant",
    ]

    # an override with its reason; the champion case (a later draft: its top-up depends on it) is recomputed
    with db.uow() as uow:
        edit = replace(case_svc.edit_of(uow, lg.id), city_reward="800000.00", override_reason="按八成核定")
        case_svc.update_case(uow, lg.id, edit, today=TODAY, actor="li")
    update = _entries(db, lg.id)[-1]
    assert (update.actor, update.action) == ("li", "update")
    assert update.changes["city_reward"] == ["1000000.00", "800000.00"]
    assert update.changes["city_reward_source"] == ["schedule", "override"]
    assert update.changes["city_reward_reason"] == ["", "按八成核定"]
    assert update.changes["province_match"] == ["1000000.00", "800000.00"]
    recomputed = _entries(db, sc.id)[-1]
    assert (recomputed.actor, recomputed.action) == ("li", "recompute")
    assert recomputed.changes["province_match"] == ["500000.00", "700000.00"]  # 1,500,000 − what the LG got

    # saving the same values again writes nothing; a recompute with nothing new writes nothing
    with db.uow() as uow:
        case_svc.update_case(uow, lg.id, case_svc.edit_of(uow, lg.id), today=TODAY, actor="li")
    with db.uow() as uow:
        case_svc.recompute_case(uow, lg.id, today=TODAY, actor="li")
    assert len(_entries(db, lg.id)) == 2

    with db.uow() as uow:
        case_svc.freeze_case(uow, lg.id, "2025-10-30", today=TODAY, actor="zhao")
    frozen = _entries(db, lg.id)[-1]
    assert (frozen.actor, frozen.action) == ("zhao", "freeze")
    assert frozen.changes["frozen"] == [False, True] and frozen.changes["decided_on"] == [None, "2025-10-30"]

    with db.uow() as uow:
        lines = audit.history(uow, "case", lg.id)
        verified = audit.verify(uow)
    assert verified.ok
    assert "wang  新增案件" in lines[0] and "市级奖励“1,000,000.00 元”" in lines[0]
    assert "称号类别“专精特新“小巨人””" in lines[0] and "状态“申报登记”" in lines[0]
    assert "li  修改案件" in lines[1] and "市级奖励由“1,000,000.00 元”改为“800,000.00 元”" in lines[1]
    assert "市级奖励调整理由由（空）改为“按八成核定”" in lines[1]
    assert "市级奖励依据由“本市奖励标准”改为“调整金额”" in lines[1]
    assert "zhao  定案案件" in lines[2] and "已定案由“否”改为“是”" in lines[2]


def test_a_recompute_that_moves_a_figure_is_audited_and_a_batch_records_its_creator(db: Database) -> None:
    rng = random.Random(4)
    code = _enterprise(db, rng, "佛山市云擎智能科技有限公司", ("little-giant", 7, "2025-07-18"))
    _enterprise(db, rng, "佛山市智造视觉科技有限公司", ("little-giant", 7, "2025-07-18"))
    with db.uow() as uow:
        made = case_svc.create_batch(uow, 2025, today=TODAY, actor="wang")
    assert len(made) == 2
    for view in made:
        assert [(e.actor, e.action) for e in _entries(db, view.id)] == [("wang", "create")]
    # the register changes under the draft: recomputing shows what moved and why
    with db.uow() as uow:
        ent = enterprises.get_enterprise(uow, code)
        enterprises.update_enterprise(
            uow, ent.id, replace(enterprises.input_from_view(ent), reg_status="deregistered"), actor="li"
        )
    case_id = next(v.id for v in made if v.enterprise_code == code)
    with db.uow() as uow:
        case_svc.recompute_case(uow, case_id, today=TODAY, actor="li")
    last = _entries(db, case_id)[-1]
    assert (last.actor, last.action) == ("li", "recompute")
    assert last.changes["eligible"] == [True, False] and last.changes["province_match"] == [
        "1000000.00",
        "0.00",
    ]


def test_a_case_is_drafted_by_the_actor_its_caller_names(db: Database) -> None:
    rng = random.Random(5)
    code = _enterprise(db, rng, "佛山市星图人工智能有限公司", ("little-giant", 7, "2025-07-18"))
    with db.uow() as uow:
        view = case_svc.create_case(uow, code, "little-giant", today=TODAY, actor="wang")
    assert [e.actor for e in _entries(db, view.id)] == ["wang"]
    with db.uow() as uow:
        assert wf.process(uow, view.id).drafter == "wang"
    # without anyone signed in (a script without --user): the system, and no drafter is presumed
    code2 = _enterprise(db, rng, "佛山市海燕无人机有限公司", ("little-giant", 7, "2025-07-18"))
    with db.uow() as uow:
        other = case_svc.create_case(uow, code2, "little-giant", today=TODAY, actor="")
        assert wf.process(uow, other.id).drafter is None
    assert [e.actor for e in _entries(db, other.id)] == ["system"]


def test_bureau_settings_are_audited_with_what_changed(db: Database) -> None:
    with db.uow() as uow:
        current = documents.get_settings(uow)
        documents.save_settings(
            uow, replace(current, doc_prefix="禅工信函", contact_person="陈晓明"), actor="wang"
        )
    with db.uow() as uow:
        documents.save_settings(uow, documents.get_settings(uow), actor="wang")  # nothing changed: no entry
    with db.uow() as uow:
        (entry,) = audit.entries_for(uow, "setting", "bureau")
        (line,) = audit.history(uow, "setting", "bureau")
    assert entry.actor == "wang" and entry.action == "update"
    assert entry.changes == {"doc_prefix": ["佛工信函", "禅工信函"], "contact_person": ["", "陈晓明"]}
    assert "wang  修改发文设置" in line and "文号机关代字由“佛工信函”改为“禅工信函”" in line


def test_template_edits_are_audited(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    text = templates.shipped_text("publicity").replace("公示期为", "本次公示期为")
    with db.uow() as uow, pytest.raises(templates.TemplateError):
        template_edits.save_template(
            uow, "publicity", text.replace("{days}", "{workdays}"), folder, actor="wang"
        )
    with db.uow() as uow:
        assert audit.entries_for(uow, "template", "publicity") == []  # refused: nothing recorded
    with db.uow() as uow:
        template_edits.save_template(uow, "publicity", text, folder, actor="wang")
    with db.uow() as uow:
        assert template_edits.reset_template(uow, "publicity", folder, actor="li")
    with db.uow() as uow:
        assert not template_edits.reset_template(uow, "publicity", folder, actor="li")  # nothing to discard
    assert not (folder / templates.FILES["publicity"]).exists()
    with db.uow() as uow:
        saved, reset = audit.entries_for(uow, "template", "publicity")
        lines = audit.history(uow, "template", "publicity")
    assert (saved.actor, saved.action, saved.changes["in_use"]) == ("wang", "update", ["shipped", "edited"])
    assert saved.changes["sha256"][1] == template_edits._sha(text)
    assert (reset.actor, reset.action, reset.changes["in_use"]) == ("li", "reset", ["edited", "shipped"])
    assert "修改文书模板" in lines[0] and "使用的模板由“随程序提供的模板”改为“修改后的副本”" in lines[0]
    assert "恢复默认文书模板" in lines[1]


def test_policy_files_added_in_settings_are_audited(db: Database, tmp_path: Path) -> None:
    shipped = SHIPPED_DIR / "gd-ai-robotics-2025.toml"
    edited = tmp_path / "省配套政策-修订.toml"
    edited.write_bytes(shipped.read_bytes() + b"\n# \xe4\xbf\xae\xe8\xae\xa2\n")  # same policy, new bytes
    schedule = tmp_path / "禅城区奖励标准.toml"
    schedule.write_text(
        (SHIPPED_DIR / "city-schedule.toml")
        .read_text(encoding="utf-8")
        .replace('id = "city-reward-schedule"', 'id = "chancheng-schedule"'),
        encoding="utf-8",
    )
    with db.uow() as uow:
        replaced = policies.install_policy_file(uow, edited, actor="wang")
    with db.uow() as uow:
        added = policies.install_policy_file(uow, schedule, actor="wang")
    with db.uow() as uow:
        (rep,) = audit.entries_for(uow, "policy", replaced.id)
        (new,) = audit.entries_for(uow, "policy", added.id)
        lines = audit.history(uow, "policy", replaced.id)
    assert rep.action == "replace" and rep.actor == "wang"
    assert rep.changes["file_name"] == ["gd-ai-robotics-2025.toml", "省配套政策-修订.toml"]
    assert rep.changes["sha256"][1] == replaced.sha256 and rep.changes["sha256"][0] != replaced.sha256
    assert new.action == "create" and new.changes["sha256"] == [None, added.sha256]
    assert new.changes["kind"] == [None, "city-schedule"] and new.changes["file_name"] == [
        None,
        schedule.name,
    ]
    assert (
        "wang  替换政策文件" in lines[0]
        and "文件名由“gd-ai-robotics-2025.toml”改为“省配套政策-修订.toml”" in lines[0]
    )
    assert (replaced.path.parent / "gd-ai-robotics-2025.toml.part").exists() is False
    with db.uow() as uow:
        assert audit.verify(uow).ok


# --- every entry any service writes has a label ------------------------------------------------------------


def _exercise_everything(db: Database, tmp_path: Path) -> None:
    """One of each kind of change: the demo (register, officers, budgets, cases through every step) and
    whatever it does not do (imports and undo, accounts, objections upheld, voiding, corrections, overrides,
    settings, templates, policy files)."""
    with db.uow() as uow:
        demo.load(uow)
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW, "管理员")
    with db.uow() as uow:
        users.add_user(uow, "admin", "wang", "clerk,reviewer", PW, "王五")
    with db.uow() as uow:
        users.set_roles(uow, "admin", "wang", "clerk")
    with db.uow() as uow:
        users.set_active(uow, "admin", "wang", False)
    with db.uow() as uow:
        users.set_active(uow, "admin", "wang", True)
    with db.uow() as uow:
        users.reset_password(uow, "admin", "demo_li", PW)
    with db.uow() as uow:
        users.change_password(uow, "demo_li", PW, PW + "x")
    for _ in range(users.MAX_FAILURES):
        with db.uow() as uow, pytest.raises(users.AuthError):
            users.authenticate(uow, "wang", "wrong password")
    # imports and undo
    with db.uow() as uow:
        done = imports.import_enterprises(uow, district_file(tmp_path / "list.xlsx"), actor="wang")
    with db.uow() as uow:
        titles_done = imports.import_titles(uow, miit_list(tmp_path / "miit.xlsx"), PARAMS, actor="wang")
    assert done.batch is not None and titles_done.batch is not None
    with db.uow() as uow:
        imports.undo_import(uow, titles_done.batch, actor="wang")
    # the register by hand
    rng = random.Random(9)
    code = _enterprise(db, rng, "佛山市睿德机器人有限公司", ("little-giant", 7, "2025-07-18"), actor="wang")
    with db.uow() as uow:
        ent = enterprises.get_enterprise(uow, code)
        enterprises.update_enterprise(
            uow, ent.id, replace(enterprises.input_from_view(ent), district="顺德区"), actor="wang"
        )
    with db.uow() as uow:
        (title,) = title_svc.list_titles(uow, title_svc.TitleQuery(text=code))
        title_svc.update_title(
            uow,
            title.id,
            TitleInput(
                enterprise_code=code,
                kind="little-giant",
                batch=7,
                recognized_on="2025-07-18",
                doc_no="x〔2025〕1号",
            ),
            actor="wang",
        )
    with db.uow() as uow:
        title_svc.revoke_title(uow, title.id, "2025-10-01", "复核未通过", actor="wang")
    with db.uow() as uow:
        draft = next(c for c in case_svc.list_cases(uow) if c.status == "draft" and c.eligible)
        draft_title = draft.title_id
    with db.uow() as uow:
        title_svc.revoke_title(uow, draft_title, "2025-10-01", "发生重大安全事故", actor="wang")
    with db.uow() as uow:
        case_svc.recompute_case(uow, draft.id, actor="wang")
    code = _enterprise(db, rng, "佛山市凌云机器人有限公司", ("little-giant", 7, "2025-07-18"), actor="wang")
    # process steps the demo does not take: objection upheld, void, correction, a drafter noted afterwards,
    # approval beyond the budget with the approver's reason
    with db.uow() as uow:
        case_id = case_svc.create_case(uow, code, "little-giant", today=clock.today(), actor=demo.CLERK).id
        wf.record_created(uow, demo.CLERK, case_id)
        uow.commit()
    start = demo.anchor(clock.today()) - timedelta(days=20)
    steps: list[tuple[str, CaseState, dict[str, object]]] = [
        (demo.CLERK, CaseState.SUBMITTED, {"date": start - timedelta(days=10)}),
        (demo.REVIEWER, CaseState.UNDER_REVIEW, {"date": start - timedelta(days=5)}),
        (demo.REVIEWER, CaseState.PUBLIC_NOTICE, {"date": start, "period": 5}),
        (demo.REVIEWER, CaseState.UNDER_REVIEW, {"date": start, "objector": "某公司", "reason": "数据有误"}),
        (demo.REVIEWER, CaseState.PUBLIC_NOTICE, {"date": start, "period": 5}),
    ]
    for actor, to, facts in steps:
        with db.uow() as uow:
            wf.transition(uow, actor, case_id, to, facts)
    year = demo.anchor(clock.today()).year
    with db.uow() as uow:
        budget.set_line(uow, demo.APPROVER, year, "city", "1000000")  # below what is committed now
    with db.uow() as uow:
        wf.transition(
            uow, demo.APPROVER, case_id, CaseState.APPROVED,
            {"date": demo.anchor(clock.today()), "override_reason": "追加预算已报批"},
        )  # fmt: skip
    with db.uow() as uow:
        wf.transition(uow, demo.APPROVER, case_id, CaseState.VOID, {"reason": "企业主动放弃"})
    with db.uow() as uow:
        paid = next(p for c in case_svc.list_cases(uow) if c.status == "paid" for p in wf.payments(uow, c.id))
        wf.correct_payment(uow, demo.CLERK, paid.id, "凭证号录错，冲正后重新登记")
    # settings, templates, policy files: an administrator's (core.domain.permissions)
    with db.uow() as uow:
        documents.save_settings(
            uow, BureauSettings(doc_prefix="禅工信函", default_addressee="各镇街"), actor="admin"
        )
    folder = tmp_path / "templates"
    text = templates.shipped_text("notice") + "\n"
    with db.uow() as uow:
        template_edits.save_template(uow, "notice", text, folder, actor="admin")
    with db.uow() as uow:
        template_edits.reset_template(uow, "notice", folder, actor="admin")
    edited = tmp_path / "policy.toml"
    edited.write_bytes((SHIPPED_DIR / "gd-ai-robotics-2025.toml").read_bytes() + b"\n")
    with db.uow() as uow:
        policies.install_policy_file(uow, edited, actor="admin")
    # the working-day calendar: a year added from the State Council's notice, then replaced
    schedule = {"year": 2027, "doc_no": "国办发明电〔2026〕7号", "holidays": ["2027-01-01"], "workdays": []}
    with db.uow() as uow:
        calendar.import_year(uow, "admin", schedule)
    with db.uow() as uow:
        calendar.import_year(uow, "admin", {**schedule, "workdays": ["2027-02-20"]})


_CODES = {
    *(
        e.value
        for e in (*Field, *RegStatus, *TitleKind, *TitleStatus, *ChampionType, *Source, *CaseState, *Role)
    ),
    *EXCLUSION_ITEMS,
    *wf.LINES,
    "schedule",
    "override",
    "enterprises",
    "titles",
    "shipped",
    "edited",
}


def test_every_kind_of_entry_any_service_writes_reads_as_plain_chinese(db: Database, tmp_path: Path) -> None:
    _exercise_everything(db, tmp_path)
    with db.uow() as uow:
        verified = audit.verify(uow)
        rows = list(uow.session.execute(select(AuditEntry.entity, AuditEntry.action, AuditEntry.changes)))
        seen = {(entity, action) for entity, action, _ in rows}
        fields = {(entity, key) for entity, _a, changes in rows for key in json.loads(changes)}
        samples = {
            (e.entity, e.action): e
            for e in (audit._audit_view(x) for x in uow.session.scalars(select(AuditEntry)))
        }
        who = audit._who(uow.session, {e.actor for e in samples.values()})
    assert verified.ok, verified.problem
    # the run did exercise what the issue names
    actions = {a for _e, a in seen}
    assert {
        "create",
        "update",
        "delete",
        "import",
        "undo",
        "revoke",
        "recompute",
        "freeze",
        "replace",
    } <= actions
    assert {
        "payment",
        "correction",
        "objection",
        "objection_upheld",
        "void",
        "return",
        "set_drafter",
    } <= actions
    assert {"set_password", "lock", "reset"} <= actions
    assert {
        "enterprise",
        "title",
        "case",
        "user",
        "budget",
        "import_batch",
        "setting",
        "template",
        "policy",
        "calendar",
    } <= {e for e, _a in seen}
    assert ("case", "notice_counted") in fields and ("calendar", "holidays") in fields
    assert ("case", "override_reason") in fields
    missing = sorted(
        [f"entity {e}" for e in {e for e, _ in seen} if e not in audit.ENTITY_LABELS]
        + [f"action {a}" for a in actions if a not in audit.ACTION_LABELS]
        + [f"field {e}.{k}" for e, k in fields if audit.field_label(e, k) is None and k not in audit._SKIPPED]
    )
    assert missing == []
    for entry in samples.values():
        line = audit.describe(entry, who[entry.actor])
        quoted = set(re.findall(r"“([^“”]*)”", line))
        assert not quoted & _CODES, (line, quoted & _CODES)  # codes are shown by their Chinese label
        assert not re.search(r"[（；：]\s*[a-z_]+(?:由|“)", line), line  # no raw field name

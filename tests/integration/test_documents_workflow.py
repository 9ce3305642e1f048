"""The documents follow the case process: a numbered notice only for approved cases, by a clerk, moving the cases
to 资金已下达 with its 文号 in the same transaction; the 公示 period from the “开始公示” step; the approval
form's opinions from the steps; the province summary of the cases approved in a period."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from core.io.pdf.fonts import FontSet
from core.services import documents as svc
from core.services import workflow as wf_svc
from core.services.documents import issue, readiness
from core.services.errors import InputError
from core.store.models_documents import IssuedDocument
from core.store.uow import Database
from tests.in_uow import in_uow
from tests.process import NOTICE, add_officers, approve, little_giant_case, state, step, to_public_notice

TODAY = date(2025, 10, 20)
OPTS = svc.RenderOptions(on=TODAY)
RNG = random.Random(23)


@pytest.fixture
def fonts() -> FontSet:
    return FontSet.bundled()


@pytest.fixture(autouse=True)
def officers(db: Database) -> None:
    add_officers(db)


def _case(db: Database, name: str) -> int:
    return little_giant_case(db, RNG, name, TODAY)


def _text(path: Path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


def _events(db: Database, case_id: int) -> list[wf_svc.EventView]:
    with db.uow() as uow:
        return list(wf_svc.process(uow, case_id).events)


def _nothing_issued(db: Database, out: Path) -> None:
    with db.uow() as uow:
        assert svc.list_documents(uow, doc_type="notice") == []
        assert svc.peek_doc_number(uow, "佛工信函", 2025) == 1
    assert not list(out.glob("*.pdf")) and not list(out.glob(".tmp-*"))


# ---------------------------------------------------------------- the funding notice


def test_a_numbered_notice_is_refused_for_a_draft_or_submitted_case(
    db: Database, tmp_path: Path, fonts: FontSet
) -> None:
    drafted = _case(db, "佛山市草稿智能有限公司")
    submitted = _case(db, "佛山市已报智能有限公司")
    step(db, "wang", submitted, "submitted")
    with pytest.raises(InputError) as err:
        in_uow(
            db, svc.render_documents, "notice", [drafted], tmp_path, actor="wang", options=OPTS, fonts=fonts
        )
    assert f"案件 {drafted}（佛山市草稿智能有限公司）处于“申报登记”状态" in str(err.value)
    assert "尚未批准" in str(err.value) and err.value.fields["case"] == str(drafted)
    with pytest.raises(InputError, match=f"案件 {submitted}（佛山市已报智能有限公司）处于“已申报”状态"):
        in_uow(
            db, svc.render_documents, "notice", [submitted], tmp_path, actor="wang", options=OPTS, fonts=fonts
        )
    # One unapproved case in a batch refuses the whole notice.
    ok = _case(db, "佛山市批准智能有限公司")
    approve(db, ok)
    with pytest.raises(InputError, match="“已申报”状态"):
        in_uow(
            db,
            svc.render_documents,
            "notice",
            [ok, submitted],
            tmp_path,
            actor="wang",
            options=OPTS,
            fonts=fonts,
        )
    _nothing_issued(db, tmp_path)
    assert (state(db, drafted), state(db, submitted), state(db, ok)) == ("draft", "submitted", "approved")
    # The draft prints for any eligible case, and moves nothing.
    draft = in_uow(
        db,
        svc.render_documents,
        "notice",
        [drafted, submitted],
        tmp_path / "draft",
        options=replace(OPTS, draft=True),
        fonts=fonts,
        actor="wang",
    )
    assert draft.doc_no.endswith("\u3000\u3000号") and not draft.records
    assert state(db, drafted) == "draft"


def test_issuing_moves_the_approved_cases_with_the_doc_no(
    db: Database, tmp_path: Path, fonts: FontSet
) -> None:
    a = _case(db, "佛山市堃鑫智能装备有限公司")
    b = _case(db, "佛山市淼鑫机器人有限公司")
    approve(db, a)
    approve(db, b)
    issued = in_uow(
        db, svc.render_documents, "notice", [a, b], tmp_path, actor="wang", options=OPTS, fonts=fonts
    )
    assert issued.doc_no == "佛工信函〔2025〕1号"
    for case_id in (a, b):
        assert state(db, case_id) == "notice_issued"
        last = _events(db, case_id)[-1]
        assert last.action == "issue_notice" and last.actor == "wang"
        assert last.facts == {"date": "2025-10-20", "doc_no": "佛工信函〔2025〕1号"}
    with db.uow() as uow:
        history = wf_svc.history(uow, a)
    assert any("佛工信函〔2025〕1号" in line for line in history)

    # The same cases again: the issued notice, identical; no new number, no new step.
    again = in_uow(
        db,
        svc.render_documents,
        "notice",
        [b, a],
        tmp_path / "again",
        actor="wang",
        options=replace(OPTS, on=date(2025, 12, 1)),
    )
    assert again.regenerated and again.doc_no == "佛工信函〔2025〕1号"
    assert again.files[0].read_bytes() == issued.files[0].read_bytes()
    assert [e.action for e in _events(db, a)].count("issue_notice") == 1
    # One of them alone is not that notice: its funds were issued already.
    with pytest.raises(
        InputError, match=f"案件 {a}（.*）处于“资金已下达”状态，资金已下达（文号 佛工信函〔2025〕1号）"
    ):
        in_uow(
            db,
            svc.render_documents,
            "notice",
            [a],
            tmp_path / "alone",
            actor="wang",
            options=OPTS,
            fonts=fonts,
        )
    with db.uow() as uow:
        assert svc.peek_doc_number(uow, "佛工信函", 2025) == 2


@pytest.mark.parametrize("actor", ["li", "zhao", "admin", "", "nobody"])
def test_an_officer_who_may_not_issue_is_refused(
    db: Database, tmp_path: Path, fonts: FontSet, actor: str
) -> None:
    a = _case(db, "佛山市角色智能有限公司")
    approve(db, a)
    expected = {
        "li": "“下达资金”须由经办人办理，您的角色为：审核人。",
        "zhao": "“下达资金”须由经办人办理，您的角色为：审批人。",
        "admin": "“下达资金”须由经办人办理，您的角色为：管理员。",
        "": "签发编号的奖励资金下达通知须先登录，由经办人签发。",
        "nobody": "用户“nobody”不存在或已停用",
    }[actor]
    with pytest.raises(InputError) as err:
        in_uow(db, svc.render_documents, "notice", [a], tmp_path, actor=actor, options=OPTS, fonts=fonts)
    assert expected in str(err.value)
    _nothing_issued(db, tmp_path)
    assert state(db, a) == "approved"


def test_the_notice_date_may_not_precede_the_decision(db: Database, tmp_path: Path, fonts: FontSet) -> None:
    a = _case(db, "佛山市日期智能有限公司")
    approve(db, a, on="2025-10-10")
    early = replace(OPTS, on=date(2025, 10, 9))
    with pytest.raises(InputError, match="“下达资金”的日期 2025-10-09 早于“批准”的日期 2025-10-10"):
        in_uow(db, svc.render_documents, "notice", [a], tmp_path, actor="wang", options=early, fonts=fonts)
    _nothing_issued(db, tmp_path)


def test_a_failure_while_rendering_leaves_neither_number_nor_step(
    db: Database, tmp_path: Path, fonts: FontSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = _case(db, "佛山市失败智能有限公司")
    approve(db, a)
    real = issue.render_pdf

    def broken(doc_type: str, *args: Any) -> bytes:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(issue, "render_pdf", broken)  # where a document is issued
    with pytest.raises(RuntimeError, match="renderer crashed"):
        in_uow(db, svc.render_documents, "notice", [a], tmp_path, actor="wang", options=OPTS, fonts=fonts)
    _nothing_issued(db, tmp_path)
    assert state(db, a) == "approved" and _events(db, a)[-1].action == "approve"

    # A failure after the file is written and the record inserted (the steps refused inside the issuing
    # transaction, e.g. another officer voided the case meanwhile): the file goes, the number comes back.
    monkeypatch.setattr(issue, "render_pdf", real)
    monkeypatch.setattr(
        readiness, "_notice_refusals", lambda *args: []
    )  # the check before the transaction missed it
    step(db, "zhao", a, "void", reason="重复申报")
    with pytest.raises(InputError, match=r"未签发奖励资金下达通知（未编文号）：案件 .*“已作废”"):
        in_uow(db, svc.render_documents, "notice", [a], tmp_path, actor="wang", options=OPTS, fonts=fonts)
    _nothing_issued(db, tmp_path)
    assert state(db, a) == "void"
    monkeypatch.undo()
    with pytest.raises(InputError, match="处于“已作废”状态，不能下达奖励资金"):
        in_uow(db, svc.render_documents, "notice", [a], tmp_path, actor="wang", options=OPTS, fonts=fonts)


def test_a_typed_doc_no_must_match_what_the_app_issued(db: Database, tmp_path: Path, fonts: FontSet) -> None:
    a, b, c = (_case(db, f"佛山市文号{n}智能有限公司") for n in "甲乙丙")
    for case_id in (a, b, c):
        approve(db, case_id)
    in_uow(db, svc.render_documents, "notice", [a], tmp_path, actor="wang", options=OPTS, fonts=fonts)
    # The app's 文号 of case a's notice cannot be stated for case b.
    with db.uow() as uow, pytest.raises(wf_svc.TransitionRefused, match="文号“佛工信函〔2025〕1号”是本系统"):
        wf_svc.transition(
            uow, "wang", b, "notice_issued", {"date": "2025-10-21", "doc_no": "佛工信函〔2025〕1号"}
        )
    # A notice issued outside the app (typed by hand) is recorded as stated...
    step(db, "wang", b, "notice_issued", date="2025-10-21", doc_no="佛工信函〔2025〕2号")
    assert state(db, b) == "notice_issued"
    # ... and the app does not issue that 文号 again.
    third = in_uow(db, svc.render_documents, "notice", [c], tmp_path, actor="wang", options=OPTS, fonts=fonts)
    assert third.doc_no == "佛工信函〔2025〕3号"
    assert _events(db, c)[-1].facts["doc_no"] == "佛工信函〔2025〕3号"


def test_check_documents_tells_the_page_what_saving_would_meet(db: Database) -> None:
    a = _case(db, "佛山市检查智能有限公司")
    b = _case(db, "佛山市通过智能有限公司")
    approve(db, b)
    ready = in_uow(db, svc.check_documents, "notice", [a, b], actor="wang", options=OPTS)
    assert ready.states == {a: svc.S.DRAFT, b: svc.S.APPROVED}
    assert not ready.ok and "“申报登记”状态" in ready.problems[0] and len(ready.problems) == 1
    assert in_uow(db, svc.check_documents, "notice", [b], actor="wang", options=OPTS).ok
    assert in_uow(db, svc.check_documents, "notice", [a], actor="wang", options=replace(OPTS, draft=True)).ok
    assert not in_uow(db, svc.check_documents, "notice", [b], actor="li", options=OPTS).ok
    with db.uow() as uow:
        assert svc.list_documents(uow) == []


# ---------------------------------------------------------------- 公示


def test_publicity_takes_its_period_from_the_start_notice_step(
    db: Database, tmp_path: Path, fonts: FontSet
) -> None:
    a = _case(db, "佛山市公示甲智能有限公司")
    b = _case(db, "佛山市公示乙智能有限公司")
    to_public_notice(db, a)
    approve(db, b)  # past 公示: the same recorded period
    options = svc.RenderOptions(on=date(2025, 9, 25), publicity_start=date(2025, 11, 3), publicity_days=7)
    result = in_uow(
        db, svc.render_documents, "publicity", [a, b], tmp_path, actor="wang", options=options, fonts=fonts
    )
    text = _text(result.files[0])
    assert "公示期为2025年9月26日至2025年10月9日（5个工作日）" in text
    assert result.notes == (
        "公示期取自案件的“开始公示”记录：2025年9月26日至2025年10月9日（5个工作日）。",
        "公示期计算：自2025年9月26日起5个工作日，至2025年10月9日（跳过2025年9月27日周末、2025年10月1日至8日"
        "国庆节、中秋假期；含调休上班日2025年9月28日（星期日））。",
    )
    with db.uow() as uow:
        payload = json.loads(uow.session.scalars(select(IssuedDocument.payload)).one())
    assert (payload["start"], payload["end"], payload["days"]) == ("2025-09-26", "2025-10-09", 5)
    preview = in_uow(db, svc.preview_document, "publicity", [a, b], options=options, fonts=fonts)
    assert preview.startswith(b"%PDF")

    # A proposed list (not yet in 公示) takes the options.
    c = _case(db, "佛山市拟公示智能有限公司")
    proposed = in_uow(
        db, svc.render_documents, "publicity", [c], tmp_path, options=options, fonts=fonts, actor="wang"
    )
    assert "公示期为2025年11月3日至2025年11月11日（7个工作日）" in _text(proposed.files[0])
    assert proposed.notes == (
        "公示期计算：自2025年11月3日起7个工作日，至2025年11月11日（跳过2025年11月8日至9日周末）。",
    )


def test_one_publicity_list_has_one_period(db: Database, tmp_path: Path, fonts: FontSet) -> None:
    a = _case(db, "佛山市同期甲智能有限公司")
    b = _case(db, "佛山市异期乙智能有限公司")
    c = _case(db, "佛山市未公示丙智能有限公司")
    to_public_notice(db, a)
    to_public_notice(db, b, date="2025-10-09", period="7")
    with pytest.raises(InputError) as err:
        in_uow(
            db, svc.render_documents, "publicity", [a, b], tmp_path, options=OPTS, fonts=fonts, actor="wang"
        )
    assert "所选案件的公示期不同" in str(err.value)
    assert f"案件 {a} 为2025年9月26日至2025年10月9日（5个工作日）" in str(err.value)
    # Saturday 2025-10-11 is a make-up workday (调休): 7 working days end on the 16th.
    assert f"案件 {b} 为2025年10月9日至2025年10月16日（7个工作日）" in str(err.value)
    with pytest.raises(InputError, match=f"案件 {c} 尚未开始公示，案件 {a} 已开始公示"):
        in_uow(
            db, svc.render_documents, "publicity", [a, c], tmp_path, options=OPTS, fonts=fonts, actor="wang"
        )
    with pytest.raises(InputError, match=f"案件 {c} 尚未开始公示"):
        in_uow(db, svc.preview_document, "publicity", [a, c], options=OPTS, fonts=fonts)
    # An upheld objection sends the case back to review: it is no longer in that 公示.
    with db.uow() as uow:
        wf_svc.record_objection(uow, "li", b, "某公司", "2025-10-10", "专利权属存在争议", upheld=True)
    assert state(db, b) == "under_review"
    assert in_uow(db, svc.check_documents, "publicity", [b, c], options=OPTS, actor="").ok
    with db.uow() as uow:
        assert svc.list_documents(uow) == []


# ---------------------------------------------------------------- 审批表


def test_the_approval_form_opinions_come_from_the_steps(db: Database, tmp_path: Path, fonts: FontSet) -> None:
    a = _case(db, "佛山市审批智能有限公司")
    with db.uow() as uow:
        blank = svc.opinions_of(uow.session, a)
    assert [(o.stage, o.text, o.name, o.on) for o in blank] == [
        (stage, "", "", None) for stage in svc.DEFAULT_OPINION_STAGES
    ]
    approve(db, a, reviewer="qian")
    # each box is dated as its step states (the paper file's dates), not the day it was recorded
    with db.uow() as uow:
        clerk, review, leader, decision = svc.opinions_of(uow.session, a)
    assert (clerk.name, clerk.on, clerk.text) == ("王珺", date(2025, 9, 15), "申报材料已登记，提交审查。")
    assert (review.name, review.on) == ("qian", date(2025, 9, 26))  # no display name: the sign-in name
    assert (
        review.text
        == "经审查，符合奖励条件，同意列入拟奖励名单，于2025年9月26日至2025年10月9日公示（5个工作日）。"
    )
    assert (leader.text, leader.name, leader.on) == ("", "", None)
    assert (decision.name, decision.on, decision.text) == (
        "赵喆",
        date(2025, 10, 10),
        "同意按上表所列金额给予奖励。",
    )

    form = in_uow(
        db, svc.render_documents, "approval-form", [a], tmp_path, actor="wang", options=OPTS, fonts=fonts
    )
    text = _text(form.files[0])
    assert "签名：赵喆" in text and "日期：2025年10月10日" in text and "签名：王珺" in text
    assert "同意列入拟奖励名单" in text


def test_returned_rejected_and_voided_cases_say_so_on_the_form(db: Database) -> None:
    returned = _case(db, "佛山市退回智能有限公司")
    step(db, "wang", returned, "submitted")
    step(db, "li", returned, "under_review")
    step(db, "li", returned, "draft", reason="缺少审计报告")
    rejected = _case(db, "佛山市不予智能有限公司")
    to_public_notice(db, rejected)
    with db.uow() as uow:
        wf_svc.record_objection(uow, "li", rejected, "张某", "2025-09-29", "员工人数不实")
    step(db, "zhao", rejected, "rejected", date="2025-10-10", reason="经核实不属于机器人领域")
    voided = _case(db, "佛山市作废智能有限公司")
    approve(db, voided)
    step(db, "zhao", voided, "void", reason="企业主动放弃")
    with db.uow() as uow:
        back = svc.opinions_of(uow.session, returned)
        no = svc.opinions_of(uow.session, rejected)
        void = svc.opinions_of(uow.session, voided)
    assert back[0].text == "" and back[1].text == "退回补正：缺少审计报告" and back[1].name == "李彧"
    assert back[3].text == ""
    assert no[1].text.endswith("公示期间收到书面异议1件（异议人：张某），未予采纳。")
    assert no[3].text == "不予奖励：经核实不属于机器人领域" and no[3].on == date(2025, 10, 10)
    assert void[3].text.startswith("同意按上表所列金额给予奖励。（")
    assert "由赵喆作废，原因：企业主动放弃）" in void[3].text
    # Resubmitted after the return: the clerk's box again, the review box waits for the new review.
    step(db, "wang", returned, "submitted")
    with db.uow() as uow:
        again = svc.opinions_of(uow.session, returned)
    assert again[0].name == "王珺" and again[1].text == ""


# ---------------------------------------------------------------- 申请省级配套资金汇总表


def test_the_province_summary_lists_the_cases_approved_in_a_period(
    db: Database, tmp_path: Path, fonts: FontSet
) -> None:
    october = _case(db, "佛山市十月智能有限公司")
    november = _case(db, "佛山市十一月智能有限公司")
    voided = _case(db, "佛山市作废智能有限公司")
    rejected = _case(db, "佛山市驳回智能有限公司")
    pending = _case(db, "佛山市待批智能有限公司")
    approve(db, october)
    approve(db, november, on="2025-11-05")
    approve(db, voided)
    step(db, "zhao", voided, "void", reason="重复申报")
    to_public_notice(db, rejected)
    step(db, "zhao", rejected, "rejected", date="2025-10-10", reason="不符合条件")
    to_public_notice(db, pending, **NOTICE)
    # Past its decision a case still counts (资金已下达).
    in_uow(
        db, svc.render_documents, "notice", [october], tmp_path / "n", actor="wang", options=OPTS, fonts=fonts
    )

    with db.uow() as uow:
        assert svc.approved_in_period(uow, date(2025, 10, 1), date(2025, 10, 31)) == [october]
        assert svc.approved_in_period(uow, date(2025, 10, 1), date(2025, 12, 31)) == [october, november]
        with pytest.raises(InputError, match="早于开始日期"):
            svc.approved_in_period(uow, date(2025, 12, 31), date(2025, 10, 1))

    period = replace(OPTS, on=date(2025, 12, 1), period=(date(2025, 10, 1), date(2025, 12, 31)))
    summary = in_uow(
        db, svc.render_documents, "province-summary", [], tmp_path, actor="wang", options=period, fonts=fonts
    )
    assert summary.records[0].case_ids == (october, november)
    text = _text(summary.files[0])
    assert "案件范围：2025年10月1日至2025年12月31日批准的案件" in text
    assert "佛山市十月智能有限公司" in text and "佛山市十一月智能有限公司" in text
    assert "佛山市作废智能有限公司" not in text and "佛山市驳回智能有限公司" not in text
    assert "2025年度" in text
    sheet = load_workbook(summary.files[1]).active
    assert str(sheet["A2"].value).startswith("案件范围：2025年10月1日至2025年12月31日批准的案件")
    assert sheet["A3"].value.startswith("填报单位") and sheet["F5"].value == 100

    empty = replace(period, period=(date(2026, 1, 1), date(2026, 3, 31)))
    with pytest.raises(InputError, match="2026年1月1日至2026年3月31日没有批准的案件"):
        in_uow(
            db,
            svc.render_documents,
            "province-summary",
            [],
            tmp_path,
            options=empty,
            fonts=fonts,
            actor="wang",
        )
    with pytest.raises(InputError, match="所选案件与2025年10月1日至2025年12月31日批准的案件"):
        in_uow(
            db,
            svc.render_documents,
            "province-summary",
            [october],
            tmp_path,
            options=period,
            fonts=fonts,
            actor="wang",
        )
    # Chosen by hand: a voided case is refused, an undecided one noted.
    with pytest.raises(InputError, match=f"案件 {voided}（佛山市作废智能有限公司）处于“已作废”状态"):
        in_uow(
            db,
            svc.render_documents,
            "province-summary",
            [october, voided],
            tmp_path,
            options=OPTS,
            fonts=fonts,
            actor="wang",
        )
    chosen = in_uow(
        db,
        svc.render_documents,
        "province-summary",
        [october, pending],
        tmp_path,
        options=OPTS,
        fonts=fonts,
        actor="wang",
    )
    assert chosen.notes == (
        f"注意：案件 {pending}（佛山市待批智能有限公司）尚未批准（公示中），列入的是拟奖励金额。",
    )

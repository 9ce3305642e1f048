"""A document's 成文日期 (issue 15): its default fits the document, it is never later than today nor earlier than
the case step it follows (refused, naming both dates and the step), and a date outside the case's own dates is
printed with a warning. Real SQLite file, cases moved by the workflow (tests/process.py: 公示 2025-09-26 to
2025-10-09, approved 2025-10-10), today fixed at 2026-12-04 (tests/conftest.py)."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.domain import clock
from core.io.pdf.fonts import FontSet
from core.services import documents as svc
from core.services.errors import InputError
from core.store.uow import Database
from tests.in_uow import in_uow
from tests.process import (
    APPROVED_ON,
    NOTICE,
    add_officers,
    approve,
    little_giant_case,
    step,
    to_public_notice,
)

RNG = random.Random(1504)
NOTICE_START = date.fromisoformat(NOTICE["date"])
NOTICE_END = date(2025, 10, 9)
DECIDED = date.fromisoformat(APPROVED_ON)


def _case(db: Database, name: str) -> int:
    return little_giant_case(db, RNG, name, date(2025, 9, 1))


def _text(path: Path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.fixture
def fonts() -> FontSet:
    return FontSet.bundled()


@pytest.fixture
def officers(db: Database) -> None:
    add_officers(db)


def test_today_is_the_fixed_test_day() -> None:
    assert clock.today() == date(2026, 12, 4)


def test_each_document_defaults_to_its_own_date(
    db: Database, officers: None, tmp_path: Path, fonts: FontSet
) -> None:
    in_notice = _case(db, "佛山市公示中智能有限公司")
    to_public_notice(db, in_notice)
    approved = _case(db, "佛山市已批准智能有限公司")
    approve(db, approved)
    draft = _case(db, "佛山市草稿智能有限公司")
    today = clock.today()

    # 公示: its own start, not today (the app printed a 公示 dated after its own period).
    ready = in_uow(db, svc.check_documents, "publicity", [in_notice], actor="")
    assert ready.ok and ready.on == NOTICE_START and not ready.warnings
    result = in_uow(
        db, svc.render_documents, "publicity", [in_notice], tmp_path / "p", fonts=fonts, actor="wang"
    )
    assert result.records[0].issued_on == NOTICE_START and not result.warnings
    assert "2025年9月26日" in _text(result.files[0])

    # 审批表: the decision date when decided, else today; one form per case, each its own.
    forms = in_uow(
        db,
        svc.render_documents,
        "approval-form",
        [approved, draft],
        tmp_path / "a",
        fonts=fonts,
        actor="wang",
    )
    assert [r.issued_on for r in forms.records] == [DECIDED, today]
    assert in_uow(db, svc.check_documents, "approval-form", [approved], actor="").on == DECIDED

    # 汇总表: today.
    assert in_uow(db, svc.check_documents, "province-summary", [approved], actor="").on == today

    # 奖励资金下达通知: the day it is issued, which is the date of the cases' “下达资金” step.
    assert in_uow(db, svc.check_documents, "notice", [approved], actor="wang").on == today
    issued = in_uow(db, svc.render_documents, "notice", [approved], tmp_path / "n", actor="wang", fonts=fonts)
    assert issued.records[0].issued_on == today and not issued.warnings
    with db.uow() as uow:
        assert svc.case_dates(uow.session, approved).funded == today


def test_a_draft_notice_defaults_to_the_funding_step_recorded_by_hand(
    db: Database, officers: None, tmp_path: Path, fonts: FontSet
) -> None:
    case = _case(db, "佛山市手工下达智能有限公司")
    approve(db, case)
    step(db, "wang", case, "notice_issued", date="2025-10-15", doc_no="佛工信函〔2025〕99号")
    options = svc.RenderOptions(draft=True)
    assert in_uow(db, svc.check_documents, "notice", [case], options=options, actor="").on == date(
        2025, 10, 15
    )
    result = in_uow(
        db, svc.render_documents, "notice", [case], tmp_path, options=options, fonts=fonts, actor="wang"
    )
    assert "2025年10月15日" in _text(result.files[0]) and not result.warnings


@pytest.mark.parametrize("doc_type", svc.DOC_TYPES)
def test_a_date_later_than_today_is_refused_naming_both_dates(
    db: Database, officers: None, tmp_path: Path, fonts: FontSet, doc_type: str
) -> None:
    case = _case(db, "佛山市未来日期智能有限公司")
    approve(db, case)
    options = svc.RenderOptions(on=date(2026, 12, 5), draft=doc_type == "notice")
    ready = in_uow(db, svc.check_documents, doc_type, [case], actor="wang", options=options)
    assert not ready.ok and any("2026年12月5日" in p and "2026年12月4日" in p for p in ready.problems)
    with pytest.raises(InputError) as err:
        in_uow(
            db, svc.render_documents, doc_type, [case], tmp_path, actor="wang", options=options, fonts=fonts
        )
    assert "成文日期 2026年12月5日 晚于今天 2026年12月4日" in str(err.value)
    with pytest.raises(InputError, match="晚于今天"):
        in_uow(db, svc.preview_document, doc_type, [case], options=options, fonts=fonts)
    assert not list(tmp_path.glob("*.pdf"))
    with db.uow() as uow:
        assert svc.list_documents(uow, case_id=case) == []


def test_a_date_earlier_than_the_step_it_follows_is_refused(
    db: Database, officers: None, tmp_path: Path, fonts: FontSet
) -> None:
    approved = _case(db, "佛山市早于决策智能有限公司")
    approve(db, approved)
    # A notice (even a draft) not before the decision.
    before = svc.RenderOptions(on=date(2025, 10, 9), draft=True)
    with pytest.raises(InputError) as err:
        in_uow(
            db,
            svc.render_documents,
            "notice",
            [approved],
            tmp_path,
            options=before,
            fonts=fonts,
            actor="wang",
        )
    assert "成文日期 2025年10月9日 早于" in str(err.value) and "“批准”的日期 2025年10月10日" in str(err.value)
    # A summary not before the decision of a case it lists as approved.
    with pytest.raises(InputError, match="“批准”的日期 2025年10月10日"):
        in_uow(
            db,
            svc.render_documents,
            "province-summary",
            [approved],
            tmp_path,
            options=svc.RenderOptions(on=date(2025, 10, 1)),
            actor="wang",
        )
    # A 公示 list not before the review began (a case under review since today, 2026-12-04).
    reviewed = _case(db, "佛山市审查中智能有限公司")
    step(db, "wang", reviewed, "submitted", date="2026-12-04")
    step(db, "li", reviewed, "under_review", date="2026-12-04")
    ready = in_uow(
        db,
        svc.check_documents,
        "publicity",
        [reviewed],
        options=svc.RenderOptions(on=date(2026, 12, 1)),
        actor="",
    )
    assert any("“开始审查”的日期 2026年12月4日" in p and "2026年12月1日" in p for p in ready.problems)
    assert in_uow(
        db, svc.check_documents, "publicity", [reviewed], actor=""
    ).ok  # its default (today) is not refused


def test_a_date_outside_the_cases_own_dates_prints_with_a_warning(
    db: Database, officers: None, tmp_path: Path, fonts: FontSet
) -> None:
    case = _case(db, "佛山市公示期外智能有限公司")
    approve(db, case)
    # A 公示 dated after its own period.
    late = svc.RenderOptions(on=date(2025, 10, 20))
    ready = in_uow(db, svc.check_documents, "publicity", [case], options=late, actor="")
    assert ready.ok and ready.on == date(2025, 10, 20)
    assert any("2025年10月20日" in w and "公示期结束日 2025年10月9日" in w for w in ready.warnings)
    result = in_uow(
        db, svc.render_documents, "publicity", [case], tmp_path / "p", options=late, fonts=fonts, actor="wang"
    )
    assert result.warnings == ready.warnings and result.to_json()["warnings"] == list(ready.warnings)
    assert result.files[0].is_file()
    # An approval form dated before the decision it prints.
    early = svc.RenderOptions(on=date(2025, 10, 1))
    form = in_uow(
        db,
        svc.render_documents,
        "approval-form",
        [case],
        tmp_path / "a",
        options=early,
        fonts=fonts,
        actor="wang",
    )
    assert any(
        "填表日期 2025年10月1日" in w and "“部门决策”的日期 2025年10月10日" in w for w in form.warnings
    )
    # Within the case's own dates: no warning.
    assert not in_uow(
        db, svc.check_documents, "publicity", [case], options=svc.RenderOptions(on=NOTICE_START), actor=""
    ).warnings

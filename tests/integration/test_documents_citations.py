"""What is printed cites what was applied: every document takes the policy title and 文号 (and the implementing
rules) from the policy snapshot its case was computed with, never from a constant; the 审批表 prints 适用政策 as
the title and 文号, not the policy's internal id. Real SQLite file, real PDFs read back with pypdf."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.io.pdf.fonts import FontSet
from core.services import documents as svc
from core.store.uow import Database
from tests.in_uow import in_uow
from tests.policy_files import SHIPPED_TITLE, other_policy
from tests.process import add_officers, approve, little_giant_case

TODAY = date(2025, 10, 20)
OPTS = svc.RenderOptions(on=TODAY)
RNG = random.Random(15)
OTHER_ID = "gd-ai-robotics-2026-test"
OTHER_TITLE = "广东省人工智能与机器人产业高质量发展若干措施（试行）"
OTHER_DOC_NO = "粤府办〔2026〕19号"
OTHER_RULES = "广东省人工智能与机器人产业高质量发展专项资金管理办法"
OTHER_RULES_NO = "粤工信规字〔2026〕3号"


def _other_policy() -> None:
    other_policy(OTHER_ID, OTHER_TITLE, OTHER_DOC_NO, OTHER_RULES, OTHER_RULES_NO)


def _case(db: Database, name: str, policy_id: str | None = None) -> int:
    return little_giant_case(db, RNG, name, TODAY, policy_id)


def _text(path: Path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.fixture
def fonts() -> FontSet:
    return FontSet.bundled()


def test_a_case_under_another_policy_cites_that_policy_in_every_document(
    db: Database, tmp_path: Path, fonts: FontSet
) -> None:
    add_officers(db)
    _other_policy()
    case = _case(db, "佛山市堃鑫智能装备有限公司", OTHER_ID)
    approve(db, case)
    cited = f"《{OTHER_TITLE}》（{OTHER_DOC_NO}）"
    rules = f"《{OTHER_RULES}》（{OTHER_RULES_NO}）"
    for doc_type in svc.DOC_TYPES:
        options = svc.RenderOptions(on=TODAY, draft=doc_type == "notice")
        result = in_uow(
            db,
            svc.render_documents,
            doc_type,
            [case],
            tmp_path / doc_type,
            actor="wang",
            options=options,
            fonts=fonts,
        )
        text = _text(result.files[0])
        assert cited in text, doc_type
        assert SHIPPED_TITLE not in text and "粤府办〔2025〕6号" not in text, doc_type
        if doc_type != "approval-form":  # the form's subtitle cites both; its facts cite the policy
            assert rules in text, doc_type
    # The numbered notice and its regeneration from the record cite it too.
    issued = in_uow(
        db, svc.render_documents, "notice", [case], tmp_path / "n", actor="wang", options=OPTS, fonts=fonts
    )
    assert cited in _text(issued.files[0])
    again = in_uow(db, svc.regenerate, issued.records[0].id, tmp_path / "again", fonts)
    assert again.files[0].read_bytes() == issued.files[0].read_bytes()


def test_the_approval_form_prints_the_policy_title_and_number_not_its_id(
    db: Database, tmp_path: Path, fonts: FontSet
) -> None:
    case = _case(db, "佛山市淼鑫智能有限公司")
    result = in_uow(
        db, svc.render_documents, "approval-form", [case], tmp_path, options=OPTS, fonts=fonts, actor=""
    )
    text = _text(result.files[0])
    assert f"适用政策《{SHIPPED_TITLE}》（粤府办〔2025〕6号）" in text
    assert "gd-ai-robotics-2025" not in text


def test_a_list_over_cases_under_two_policies_cites_each_once(
    db: Database, tmp_path: Path, fonts: FontSet
) -> None:
    _other_policy()
    a = _case(db, "佛山市甲智能有限公司")
    b = _case(db, "佛山市乙智能有限公司", OTHER_ID)
    c = _case(db, "佛山市丙智能有限公司")
    result = in_uow(
        db, svc.render_documents, "publicity", [a, b, c], tmp_path, options=OPTS, fonts=fonts, actor=""
    )
    text = _text(result.files[0])
    both = f"《{SHIPPED_TITLE}》（粤府办〔2025〕6号）、《{OTHER_TITLE}》（{OTHER_DOC_NO}）"
    assert both in text
    assert text.count(f"《{SHIPPED_TITLE}》（粤府办〔2025〕6号）") == 1

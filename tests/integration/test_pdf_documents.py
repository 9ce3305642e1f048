"""The four documents, rendered over plain data and read back with pypdf: page size, embedded fonts, text,
geometry (GB/T 9704-2012), page numbers, repeated table heads, reproducible bytes."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.domain.workdays import period_end
from core.io import templates
from core.io.pdf.approval_form import render_approval_form
from core.io.pdf.fonts import FontSet
from core.io.pdf.layout import LEADING, PageSetup, Writer, render
from core.io.pdf.model import (
    ApprovalData,
    BureauSettings,
    CaseLine,
    NoticeData,
    Opinion,
    PublicityData,
    SummaryData,
    TraceStep,
    verification_code,
)
from core.io.pdf.notice import render_notice
from core.io.pdf.province_summary import render_province_summary, write_xlsx
from core.io.pdf.publicity import render_publicity

MM = 72 / 25.4
A4 = (595.28, 841.89)
EXT_B = "\U00020bb7"
NAMES = ("佛山市堃鑫智能装备有限公司", "A&B<智造>有限公司", f"广东喆犇淼{EXT_B}机器人科技股份有限公司")
SETTINGS = BureauSettings(contact_person="张珺", contact_phone="0757-83381234")
# Documents cite the policy their cases were computed under (there is no default citation).
CITE = {
    "policy": "《广东省推动人工智能与机器人产业创新发展若干政策措施》（粤府办〔2025〕6号）",
    "rules": "《广东省推动人工智能与机器人产业创新发展若干政策措施实施细则》（粤工信规字〔2025〕6号）",
}


def lines(n: int = 1) -> tuple[CaseLine, ...]:
    return tuple(
        CaseLine(
            case_id=i,
            enterprise_name=NAMES[(i - 1) % 3],
            district="顺德区",
            title_label="专精特新“小巨人”",
            batch_label="第7批",
            city_reward=Decimal("1000000.00"),
            province_match=Decimal("1000000.00"),
            enterprise_code="914403001922038216",
            recognized_year=2025,
        )
        for i in range(1, n + 1)
    )


@dataclass
class Text:
    x: float  # mm from the left edge of the page
    y: float  # mm from the bottom
    size: float
    text: str
    font: Any


@dataclass
class Page:
    width: float
    height: float
    texts: list[Text]
    plain: str  # extracted text without whitespace


def read(pdf: bytes) -> list[Page]:
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        items: list[Text] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float, items: list[Text] = items) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                items.append(Text(x / MM, y / MM, size * cm[0], text, font))

        raw = page.extract_text(visitor_text=visit)
        pages.append(
            Page(float(page.mediabox.width), float(page.mediabox.height), items, "".join(raw.split()))
        )
    return pages


def all_text(pages: list[Page]) -> str:
    return "".join(p.plain for p in pages)


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet.bundled()


def notice_data(n: int) -> NoticeData:
    return NoticeData(
        SETTINGS, "佛工信函〔2025〕12号", date(2025, 10, 20), lines(n), verification="1A2B3C4D", **CITE
    )


@pytest.fixture(scope="module")
def documents(fonts: FontSet) -> dict[str, bytes]:
    start = date(2025, 9, 30)
    approval = ApprovalData(
        SETTINGS,
        replace(lines(1)[0], city_reward=Decimal("1005000.50"), province_match=Decimal("1000000.00")),
        facts=(("企业名称", NAMES[1]), ("称号", "专精特新“小巨人”（第7批，2025年认定，首次认定）")),
        trace=(
            TraceStep("市级奖励（市决定）", "1,005,000.50 元", "佛山市实施方案 第五条"),
            TraceStep(
                "省级配套 = min(市级奖励 × 1, 总额度 ÷ 2)",
                "1,000,000.00 元",
                "粤府办〔2025〕6号 培育优质企业",
            ),
        ),
        opinions=(
            Opinion("经办人意见", "符合奖励条件。", "李彧", date(2025, 10, 10)),
            Opinion("局领导审批意见"),
        ),
        issued_on=date(2025, 10, 12),
        verification="ABCDEF12",
        **CITE,
    )
    return {
        "notice": render_notice(notice_data(1), fonts),
        "notice-batch": render_notice(notice_data(40), fonts),
        "publicity": render_publicity(
            PublicityData(SETTINGS, lines(3), start, period_end(start, 5), 5, date(2025, 9, 29), **CITE),
            fonts,
        ),
        "approval-form": render_approval_form(approval, fonts),
        "province-summary": render_province_summary(
            SummaryData(SETTINGS, lines(30), date(2025, 11, 3), 2025, **CITE), fonts
        ),
    }


DOCS = ("notice", "notice-batch", "publicity", "approval-form", "province-summary")


@pytest.mark.parametrize("doc", DOCS)
def test_pages_are_a4_with_every_font_embedded(documents: dict[str, bytes], doc: str) -> None:
    pages = read(documents[doc])
    assert pages
    for page in pages:
        assert (page.width, page.height) == pytest.approx(A4, abs=0.1)
        for item in page.texts:
            descriptor = item.font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, item.font["/BaseFont"]  # embedded TrueType
            assert "+" in str(item.font["/BaseFont"])  # a subset, not the whole font


@pytest.mark.parametrize("doc", DOCS)
def test_text_starts_at_the_left_margin_of_28_mm(documents: dict[str, bytes], doc: str) -> None:
    for number, page in enumerate(read(documents[doc]), 1):
        lefts = [t.x for t in page.texts if t.size >= 10]  # not the 8 pt verification code
        if number == 1:  # every document's first page has a line set flush left (addressee, body, label)
            assert min(lefts) == pytest.approx(28, abs=1)
        else:  # a page may hold only a table: its first column sits just inside the rule at 28 mm
            assert 27 <= min(lefts) <= 32
        # Nothing is set above the type area (37 mm from the top) except the letter banner.
        assert max(t.y for t in page.texts if t.size < 20) <= 297 - 37


@pytest.mark.parametrize("doc", DOCS)
def test_a_rare_character_name_and_markup_characters_print_as_written(
    documents: dict[str, bytes], doc: str
) -> None:
    text = all_text(read(documents[doc]))
    if doc != "notice":  # the single notice prints NAMES[0] only
        assert "A&B<智造>有限公司" in text
    if doc != "approval-form":  # the approval form prints NAMES[1] only
        assert "佛山市堃鑫智能装备有限公司" in text
    if doc not in ("notice", "approval-form"):
        assert f"喆犇淼{EXT_B}机器人" in text
    assert "\x00" not in text  # no .notdef glyph anywhere


def test_notice_has_the_letter_furniture_amounts_in_figures_and_uppercase(
    documents: dict[str, bytes],
) -> None:
    pages = read(documents["notice"])
    text = all_text(pages)
    first = pages[0]
    banner = [t for t in first.texts if "佛山市工业和信息化局" in t.text and t.size > 22]
    assert banner  # the red banner, above the type area
    assert "佛工信函〔2025〕12号" in text
    assert "各区经济和科技促进局：" in text
    assert "合计2,000,000.00元（人民币贰佰万元整）" in text
    assert "市级奖励1,000,000.00元（人民币壹佰万元整）" in text
    assert "专账核算" in text and "不得用于发放工资" in text
    assert "2025年10月20日" in text
    assert "（联系人：张珺，电话：0757-83381234）" in text
    assert "校验码1A2B3C4D" in text
    # Letter format: no number on the first page; later pages numbered.
    assert "—1—" not in first.plain
    assert "—2—" in pages[1].plain


def test_batch_notice_attachment_table_repeats_its_head(documents: dict[str, bytes]) -> None:
    pages = read(documents["notice-batch"])
    text = all_text(pages)
    assert "同意对40家企业给予奖励" in text
    assert "人民币捌仟万元整" in text  # 40 × 2,000,000.00
    table_pages = [p for p in pages if "100.00" in p.plain]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "序号企业名称所在区类别市级奖励省级配套合计" in page.plain
    assert "合计40家4000.004000.008000.00" in table_pages[-1].plain


def test_publicity_period_counts_working_days_over_national_day(documents: dict[str, bytes]) -> None:
    pages = read(documents["publicity"])
    text = all_text(pages)
    assert "公示期为2025年9月30日至2025年10月13日（5个工作日）" in text
    assert "加盖本单位公章" in text and "真实姓名" in text
    assert "—1—" in pages[0].plain


def test_approval_form_shows_trace_clauses_opinions_and_uppercase(documents: dict[str, bytes]) -> None:
    text = all_text(read(documents["approval-form"]))
    assert "人民币壹佰万零伍仟元伍角" in text
    assert "粤府办〔2025〕6号培育优质企业" in text
    assert "李彧" in text and "2025年10月10日" in text
    assert "局领导审批意见" in text


def test_province_summary_pdf_and_xlsx_agree(documents: dict[str, bytes], tmp_path: Path) -> None:
    text = all_text(read(documents["province-summary"]))
    assert "914403001922038216" in text
    assert "合计30家3000.003000.00" in text
    path = write_xlsx(SummaryData(SETTINGS, lines(30), date(2025, 11, 3), 2025, **CITE), tmp_path / "s.xlsx")
    ws = load_workbook(path).active
    cells = list(ws.iter_rows(values_only=True))
    assert "申请省级配套资金汇总表" in str(cells[0][0])
    head = cells[2]
    assert head[:3] == ("序号", "企业名称", "统一社会信用代码")
    assert cells[3][1] == NAMES[0]
    assert cells[4][1] == "A&B<智造>有限公司"
    total = cells[3 + 30]
    assert total[0] == "合计" and float(total[5]) == 3000.0 and float(total[6]) == 3000.0


def test_rendering_is_reproducible_byte_for_byte(fonts: FontSet, documents: dict[str, bytes]) -> None:
    assert render_notice(notice_data(1), fonts) == documents["notice"]


def test_body_grid_is_22_lines_of_28_characters(fonts: FontSet) -> None:
    w = Writer(fonts)
    para = "国" * (28 * 30)
    pdf = render([w.p(para, w.styles.plain)], fonts, PageSetup())
    page = read(pdf)[0]
    body = [t for t in page.texts if t.size > 15]
    assert len({round(t.y, 1) for t in body}) == 22
    assert all(len(t.text.strip()) == 28 for t in body)
    ys = sorted({t.y for t in body}, reverse=True)
    assert (ys[0] - ys[1]) * MM == pytest.approx(LEADING, abs=0.05)
    assert "—1—" in page.plain


def test_template_with_an_unknown_placeholder_is_refused_by_name(tmp_path: Path) -> None:
    bad = templates.shipped_text("notice").replace("{enterprise_name}", "{enterprise_nmae}", 1)
    with pytest.raises(templates.TemplateError, match="enterprise_nmae"):
        templates.save_override("notice", bad, tmp_path)
    assert not (tmp_path / "notice.toml").exists()


def test_an_edited_template_is_used(fonts: FontSet, tmp_path: Path) -> None:
    edited = templates.shipped_text("publicity").replace("公示期为", "本次公示期为")
    templates.save_override("publicity", edited, tmp_path)
    start = date(2025, 10, 20)
    pdf = render_publicity(
        PublicityData(SETTINGS, lines(1), start, period_end(start, 5), 5, start, **CITE), fonts, tmp_path
    )
    assert "本次公示期为2025年10月20日至2025年10月24日" in all_text(read(pdf))


def test_verification_code_is_short_and_depends_on_the_record() -> None:
    a = verification_code({"doc_no": "佛工信函〔2025〕12号", "cases": [1, 2]})
    assert len(a) == 8 and a == a.upper()
    assert a == verification_code({"cases": [1, 2], "doc_no": "佛工信函〔2025〕12号"})
    assert a != verification_code({"doc_no": "佛工信函〔2025〕13号", "cases": [1, 2]})


def test_the_contact_line_is_left_out_until_the_bureau_sets_a_contact(fonts: FontSet) -> None:
    start = date(2025, 10, 20)

    def publicity(settings: BureauSettings) -> str:
        data = PublicityData(settings, lines(1), start, period_end(start, 5), 5, start, **CITE)
        return all_text(read(render_publicity(data, fonts)))

    with_contact = publicity(replace(SETTINGS, contact_person="陈晓明", contact_phone="0757-83381234"))
    assert "联系人：陈晓明，电话：0757-83381234。" in with_contact
    unset = publicity(replace(SETTINGS, contact_person="", contact_phone=""))
    assert "联系人" not in unset and "电话：。" not in unset
    assert "公示期为2025年10月20日至2025年10月24日" in unset  # the rest is all there

"""Exports officers open in Excel: layout, formula safety, the ledger, templates, error files, round trip."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from core.domain.enums import Field
from core.services import demo
from core.services import enterprises as ent_svc
from core.services import exports as ex
from core.services import imports as svc
from core.store.uow import Database
from tests.integration.test_import_enterprises import C1, C2, dump, xlsx

EVIL = ('=HYPERLINK("http://x","点我")', "+86 138", "-1+1", "@SUM(A1)")


def _add_evil(db: Database, actor: str = "") -> None:
    with db.uow() as uow:
        ent_svc.add_enterprise(
            uow,
            ent_svc.EnterpriseInput(
                code=C1,
                name="=1+1有限公司",
                notes=EVIL[0],
                contact_phone=EVIL[1],
                address=EVIL[2],
                legal_rep=EVIL[3],
                field="robotics",
                former_names=("佛山市旧名有限公司",),
            ),
            actor=actor,
        )


def test_enterprise_list_layout_and_formula_safety(db: Database, tmp_path: Path) -> None:
    _add_evil(db)
    out = tmp_path / "ents.xlsx"
    with db.uow() as uow:
        report = ex.export_enterprises(
            uow, out, ent_svc.EnterpriseQuery(field=Field.ROBOTICS), actor="system"
        )
    assert report.rows == 1
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "企业名单"
    assert ws["A2"].value == "筛选条件：领域：机器人"
    assert ws["A3"].value == "统一社会信用代码" and ws["A3"].font.bold
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:N4"
    assert ws.column_dimensions["B"].width == 40
    assert ws["A5"].value == "合计（1条）"
    for cell in ws[4]:
        assert cell.data_type != "f"  # nothing became a formula
    texts = {c.value for c in ws[4]}
    assert set(EVIL) | {"=1+1有限公司"} <= texts
    assert ws["B4"].quotePrefix
    # What another reader (calamine, like our own import) sees is the text itself.
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert "=1+1有限公司" in rows[3]


def test_round_trip_export_import_unchanged(db: Database, tmp_path: Path) -> None:
    with db.uow() as uow:
        demo.load(uow, 120)
    _add_evil(db, demo.CLERK)
    out = tmp_path / "all.xlsx"
    with db.uow() as uow:
        assert ex.export_enterprises(uow, out, actor=demo.CLERK).rows == 121  # the demo's officers exist
    before = dump(db)
    with db.uow() as uow:
        report = svc.import_enterprises(uow, out, actor=demo.CLERK)
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 0, 121, ())
    assert dump(db) == before


def test_ledger_amounts_totals_and_filter(db: Database, tmp_path: Path) -> None:
    rows = [
        ex.LedgerRow(
            "甲公司",
            C1,
            "南海区",
            "专精特新“小巨人”",
            "第7批",
            Decimal("500000.00"),
            Decimal("500000.00"),
            Decimal("1000000.00"),
            "已拨付",
            date(2025, 9, 1),
            date(2025, 10, 9),
            date(2025, 11, 3),
            "佛工信函〔2025〕12号",
        ),
        ex.LedgerRow(
            "乙公司",
            C2,
            "顺德区",
            "制造业单项冠军",
            "第9批",
            Decimal("1500000.50"),
            Decimal("1500000.00"),
            Decimal("3000000.50"),
            "已决策",
        ),
    ]
    out = tmp_path / "ledger.xlsx"
    with db.uow() as uow:
        report = ex.export_ledger(uow, out, rows, filter_text="2025年；南海区、顺德区", actor="system")
    assert report.rows == 2
    ws = openpyxl.load_workbook(out).active
    assert ws["A2"].value == "筛选条件：2025年；南海区、顺德区"
    header = [c.value for c in ws[3]]
    assert header[:9] == [
        "序号",
        "企业名称",
        "统一社会信用代码",
        "所在区",
        "称号",
        "批次",
        "市级奖励（元）",
        "省级配套（元）",
        "合计（元）",
    ]
    assert ws["G4"].number_format == "#,##0.00" and ws["G4"].value == 500000
    assert ws["A6"].value == "合计（2条）"
    assert Decimal(str(ws["G6"].value)) == Decimal("2000000.50")
    assert Decimal(str(ws["I6"].value)) == Decimal("4000000.50")
    assert ws["K4"].value.date() == date(2025, 9, 1)


def test_empty_ledger_has_headers(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    with db.uow() as uow:
        assert ex.export_ledger(uow, out, actor="system").rows == 0
    ws = openpyxl.load_workbook(out).active
    assert ws["B3"].value == "企业名称" and ws["A4"].value == "合计（0条）"


def test_templates_import_cleanly(db: Database, tmp_path: Path) -> None:
    ent = ex.write_template("enterprises", tmp_path / "ent.xlsx").path
    tit = ex.write_template("titles", tmp_path / "tit.xlsx").path
    with db.uow() as uow:
        preview = svc.preview_enterprises(uow, ent)
        assert preview.counts["new"] == 1 and preview.issues == () and preview.warnings == ()
        titles = svc.preview_titles(uow, tit, svc.TitleImportParams("little-giant", 7, "2025-07-18"))
        assert titles.missing == () and titles.counts["unmatched"] == 1


def test_error_rows_file_has_a_problem_column(db: Database, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "bad.xlsx",
        [["区县上报表"], ["序号", "企业名称", "统一社会信用代码"], [1, "甲公司", "12345"], [2, "乙公司", C2]],
    )
    with db.uow() as uow:
        preview = svc.preview_enterprises(uow, path)
    out = ex.export_error_rows(preview, tmp_path / "errors.xlsx").path
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == ["序号", "企业名称", "统一社会信用代码", "问题"]
    assert [c.value for c in ws[2]][:3] == ["1", "甲公司", "12345"]
    assert ws["D2"].value.startswith("第3行：统一社会信用代码：") and "18位" in ws["D2"].value
    assert ws.max_row == 2
    # The district fixes the code and sends the file back: the 问题 column is ignored with a warning.
    ws["C2"] = C1
    openpyxl.load_workbook(out)  # still a valid workbook
    wb = openpyxl.load_workbook(out)
    wb.active["C2"] = C1
    wb.save(out)
    with db.uow() as uow:
        again = svc.preview_enterprises(uow, out)
    assert again.counts["new"] == 1 and any("问题" in w for w in again.warnings)
    assert replace(again.rows[0], values={}).code == C1


def test_ledger_from_the_case_register(db: Database, tmp_path: Path) -> None:
    from core.services import cases
    from core.services import titles as title_svc

    with db.uow() as uow:
        ent_svc.add_enterprise(
            uow,
            ent_svc.EnterpriseInput(
                code=C1, name="佛山市甲机器人有限公司", field="robotics", district="南海区"
            ),
            actor="system",
        )
    with db.uow() as uow:
        title_svc.add_title(uow, title_svc.TitleInput(C1, "little-giant", 7, "2025-07-18"), actor="system")
    with db.uow() as uow:
        case = cases.create_case(
            uow,
            C1,
            "little-giant",
            cases.CaseEdit(city_reward="500000.00", override_reason="市里定额"),
            actor="",
        )
    out = tmp_path / "ledger.xlsx"
    with db.uow() as uow:
        report = ex.export_ledger(uow, out, actor="system")
    assert report.rows == 1
    ws = openpyxl.load_workbook(out).active
    row = [c.value for c in ws[4]]
    assert row[1:6] == ["佛山市甲机器人有限公司", C1, "南海区", "专精特新“小巨人”", "第7批"]
    assert Decimal(str(row[6])) == case.city_reward
    assert Decimal(str(row[8])) == case.total


def test_ledger_dates_and_notice_number_come_from_the_case_process(db: Database, tmp_path: Path) -> None:
    import random

    from core.services import budget, users
    from core.services import workflow as wf
    from tests.integration.test_budget import _approve, _notice_case

    with db.uow() as uow:
        users.create_first_admin(uow, "admin", "password 123")
    for name, roles in (("wang", "clerk"), ("li", "reviewer"), ("zhao", "approver")):
        with db.uow() as uow:
            users.add_user(uow, "admin", name, roles, "password 123")
    with db.uow() as uow:
        budget.set_line(uow, "admin", 2025, "city", "3000000")
    with db.uow() as uow:
        budget.set_line(uow, "admin", 2025, "province", "3000000")
    case_id = _notice_case(db, random.Random(5), "佛山市灵动机器人有限公司")
    _approve(db, case_id)
    with db.uow() as uow:
        wf.transition(
            uow, "wang", case_id, "notice_issued", {"date": "2025-10-20", "doc_no": "佛工信函〔2025〕12号"}
        )
    with db.uow() as uow:
        wf.transition(
            uow, "wang", case_id, "paid", {"date": "2025-11-03", "amount": "1000000", "voucher": "市财-1"}
        )
    with db.uow() as uow:
        (row,) = ex.ledger_rows(uow)
    assert row.status == "已拨付" and row.notice_no == "佛工信函〔2025〕12号"
    assert (row.decided_on, row.paid_on) == (date(2025, 10, 10), date(2025, 11, 3))
    assert row.submitted_on is not None


def test_the_ledger_exports_the_cases_a_filter_selects_and_says_which(db: Database, tmp_path: Path) -> None:
    from collections import Counter

    from core.domain.enums import TitleKind
    from core.services import cases

    with db.uow() as uow:
        demo.load(uow)
    with db.uow() as uow:
        listed = cases.list_cases(uow)
    by_state = Counter(c.status for c in listed)
    out = tmp_path / "approved.xlsx"
    query = cases.CaseQuery(status="approved", kind=TitleKind.LITTLE_GIANT)
    with db.uow() as uow:
        report = ex.export_ledger(uow, out, query=query, actor=demo.CLERK)
    expected = [c for c in listed if c.status == "approved" and c.title_kind is TitleKind.LITTLE_GIANT]
    assert 0 < report.rows == len(expected) <= by_state["approved"]
    ws = openpyxl.load_workbook(out).active
    texts = [str(c.value) for row in ws.iter_rows(max_row=3) for c in row if c.value]
    assert any("称号：专精特新“小巨人”；状态：已批准" in t for t in texts), texts
    names = [ws.cell(row=r, column=2).value for r in range(4, 4 + report.rows)]
    assert sorted(names) == sorted(c.enterprise_name for c in expected)

    everything = tmp_path / "all.xlsx"
    with db.uow() as uow:
        assert ex.export_ledger(uow, everything, actor=demo.CLERK).rows == len(listed)
    texts = [
        str(c.value) for row in openpyxl.load_workbook(everything).active.iter_rows(max_row=3) for c in row
    ]
    assert any("全部" in t for t in texts)

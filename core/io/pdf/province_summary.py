"""申请省级配套资金汇总表 (city to province), as PDF and as .xlsx."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from core.io import templates
from core.io.pdf.common import base_values, wan
from core.io.pdf.fonts import FontSet
from core.io.pdf.layout import PageSetup, Writer, fmt_date, render
from core.io.pdf.model import SummaryData

HEAD = ("序号", "企业名称", "统一社会信用代码", "所在区", "类别", "市级奖励", "申请省级配套")
WIDTHS = (9, 37, 35, 14, 31, 15, 15)


def texts(
    data: SummaryData, template_dir: Path | None = None, template: templates.DocumentTemplate | None = None
) -> dict[str, str]:
    if not data.lines:
        raise ValueError("汇总表至少须包含一个案件。")
    tpl = template or templates.load("province-summary", template_dir)
    values = base_values(
        data.settings,
        year=data.year,
        on=data.issued_on,
        policy=data.policy,
        rules=data.rules,
        lines=data.lines,
    )
    return {k: tpl.fill(k, values) for k in ("title", "filler", "note", "signature")}


def rows(data: SummaryData) -> list[list[str]]:
    out = [
        [
            str(i),
            c.enterprise_name,
            c.enterprise_code,
            c.district,
            c.table_label,
            wan(c.city_reward),
            wan(c.province_match),
        ]
        for i, c in enumerate(data.lines, 1)
    ]
    city = sum((c.city_reward for c in data.lines), Decimal(0))
    prov = sum((c.province_match for c in data.lines), Decimal(0))
    out.append(["合计", "", "", "", f"{len(data.lines)}家", wan(city), wan(prov)])
    return out


def story(
    w: Writer,
    data: SummaryData,
    template_dir: Path | None = None,
    template: templates.DocumentTemplate | None = None,
) -> list[Flowable]:
    t = texts(data, template_dir, template)
    s = w.styles
    small = ParagraphStyle("meta", parent=s.cell, fontSize=11)
    scope = [w.p(data.scope, small)] if data.scope else []
    return [
        w.p(t["title"], s.title),
        w.blank(0.5),
        *scope,
        w.p(f"{t['filler']}　　填报日期：{fmt_date(data.issued_on)}", small),
        w.p("单位：万元", ParagraphStyle("unit", parent=s.cell_right, spaceAfter=4)),
        w.table(HEAD, rows(data), WIDTHS, aligns="clcccrr", total_row=True, size=10),
        w.blank(0.4),
        w.p(t["note"], small),
        w.blank(0.6),
        w.p(t["signature"], small),
    ]


def render_province_summary(
    data: SummaryData,
    fonts: FontSet | None = None,
    template_dir: Path | None = None,
    template: templates.DocumentTemplate | None = None,
) -> bytes:
    fonts = fonts or FontSet.default()
    w = Writer(fonts)
    setup = PageSetup(
        verification=data.verification,
        audit_anchor=data.audit_anchor,
        title="申请省级配套资金汇总表",
        author=data.settings.bureau_name,
    )
    return render(story(w, data, template_dir, template), fonts, setup)


def write_xlsx(
    data: SummaryData,
    path: Path,
    template_dir: Path | None = None,
    template: templates.DocumentTemplate | None = None,
) -> Path:
    """The same table as an Excel workbook: title and filler rows above the head, amounts as numbers (万元)."""
    t = texts(data, template_dir, template)
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总表"
    ncol = len(HEAD)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([t["title"]])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws["A1"].font = Font(name="方正小标宋简体", size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 42
    if data.scope:
        ws.append([data.scope])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=ncol)
    ws.append([f"{t['filler']}    填报日期：{fmt_date(data.issued_on)}"])
    filler = ws.max_row
    ws.merge_cells(start_row=filler, start_column=1, end_row=filler, end_column=ncol - 2)
    ws.cell(row=filler, column=ncol, value="单位：万元").alignment = Alignment(horizontal="right")
    ws.append(list(HEAD))
    head_row = ws.max_row
    for r in rows(data):
        values: list[object] = list(r)
        values[5] = Decimal(r[5])
        values[6] = Decimal(r[6])
        if r[0].isdigit():
            values[0] = int(r[0])
        ws.append(values)
    last = ws.max_row
    ws.merge_cells(start_row=last, start_column=1, end_row=last, end_column=2)
    for row in ws.iter_rows(min_row=head_row, max_row=last, max_col=ncol):
        for cell in row:
            cell.border = box
            cell.alignment = Alignment(
                vertical="center", wrap_text=True, horizontal="center" if cell.column != 2 else "left"
            )
            if cell.row == head_row:
                cell.font = Font(name="黑体", bold=True)
            if cell.column >= 6 and cell.row > head_row:
                cell.number_format = "0.00"
                cell.alignment = Alignment(horizontal="right", vertical="center")
    ws.append([])
    ws.append([t["note"]])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=ncol)
    ws.cell(row=ws.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[ws.max_row].height = 45
    ws.append([t["signature"]])
    for i, width in enumerate((6, 40, 22, 10, 24, 12, 14), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    ws.print_title_rows = f"{head_row}:{head_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path

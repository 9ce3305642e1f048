"""审批表 (internal approval form) of one case: the facts, the computation trace with the clause of each step,
the amounts in figures and uppercase, and the review/decision opinions with names, dates and signature boxes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from core.domain.money import fmt_yuan
from core.domain.rmb import to_uppercase
from core.io import templates
from core.io.pdf.common import base_values
from core.io.pdf.fonts import FontSet
from core.io.pdf.layout import AREA_W, PageSetup, Writer, fmt_date, render
from core.io.pdf.model import ApprovalData

LABEL_W = 34 * mm


def texts(
    data: ApprovalData, template_dir: Path | None = None, template: templates.DocumentTemplate | None = None
) -> dict[str, str]:
    tpl = template or templates.load("approval-form", template_dir)
    values = base_values(
        data.settings,
        year=data.issued_on.year,
        on=data.issued_on,
        policy=data.policy,
        rules=data.rules,
        lines=(data.line,),
    )
    values.update(
        enterprise_name=data.line.enterprise_name,
        title_label=data.line.title_label,
        batch_label=data.line.batch_label,
    )
    return {k: tpl.fill(k, values) for k in ("title", "subtitle", "trace_title")}


def _grid(data: list[list[Any]], widths: list[float], heights: list[float | None] | None = None) -> Table:
    table = Table(data, colWidths=widths, rowHeights=heights, repeatRows=0)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def story(
    w: Writer,
    data: ApprovalData,
    template_dir: Path | None = None,
    template: templates.DocumentTemplate | None = None,
) -> list[Flowable]:
    t = texts(data, template_dir, template)
    s = w.styles
    line = data.line
    sub = ParagraphStyle("sub", parent=s.cell_center, fontSize=11)
    meta = f"案件编号：{data.case_no or line.case_id}        填表日期：{fmt_date(data.issued_on)}"
    flow: list[Flowable] = [
        w.p(t["title"], s.title),
        w.p(t["subtitle"], sub),
        w.blank(0.4),
        w.p(meta, s.cell_right),
        w.blank(0.2),
    ]
    label = s.cell_head
    facts = [[w.p(k, label), w.p(v, s.cell)] for k, v in data.facts]
    amounts = [
        ("市级奖励", line.city_reward),
        ("省级配套", line.province_match),
        ("奖励合计", line.total),
    ]
    facts += [[w.p(k, label), w.p(f"{fmt_yuan(v)} 元（{to_uppercase(v)}）", s.cell)] for k, v in amounts]
    flow.append(_grid(facts, [LABEL_W, AREA_W - LABEL_W]))
    heading = ParagraphStyle("heading", parent=s.heading, fontSize=13, leading=22, keepWithNext=1)
    flow += [w.blank(0.4), w.p(t["trace_title"], heading)]
    trace = w.table(
        ("序号", "计算步骤", "结果", "依据"),
        [[str(i), st.step, st.value, st.clause] for i, st in enumerate(data.trace, 1)],
        (10, 62, 34, 50),
        aligns="clrl",
    )
    flow += [trace, w.blank(0.4)]
    opinions: list[list[Any]] = []
    heights: list[float | None] = []
    box_h = 26 * mm
    gap = "\u00a0" * 4
    for op in data.opinions:
        who = op.name or "\u00a0" * 12
        when = fmt_date(op.on) if op.on else f"{gap}年{gap}月{gap}日"
        sign = f"签名：{who}{gap}日期：{when}"
        inner = Table(
            [[w.p(op.text, s.cell)], [w.p(sign, s.cell_right)]],
            colWidths=[AREA_W - LABEL_W - 6],
            rowHeights=[box_h - 9 * mm, 7 * mm],
        )
        inner.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (0, 0), "TOP"),
                    ("VALIGN", (0, 1), (0, 1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        opinions.append([w.p(op.stage, label), inner])
        heights.append(box_h)
    if opinions:
        flow.append(_grid(opinions, [LABEL_W, AREA_W - LABEL_W], heights))
    return flow


def render_approval_form(
    data: ApprovalData,
    fonts: FontSet | None = None,
    template_dir: Path | None = None,
    template: templates.DocumentTemplate | None = None,
) -> bytes:
    fonts = fonts or FontSet.default()
    w = Writer(fonts)
    setup = PageSetup(
        verification=data.verification,
        audit_anchor=data.audit_anchor,
        title="审批表",
        author=data.settings.bureau_name,
    )
    return render(story(w, data, template_dir, template), fonts, setup)

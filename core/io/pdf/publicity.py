"""公示: the notice of the cases proposed for reward, the objection rules and period, and the list."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from core.io import templates
from core.io.pdf.common import base_values, signature_block
from core.io.pdf.fonts import FontSet
from core.io.pdf.layout import PageSetup, Writer, fmt_date, render
from core.io.pdf.model import PublicityData

LIST_HEAD = ("序号", "企业名称", "所在区", "称号类别", "批次")
LIST_WIDTHS = (12, 70, 20, 34, 20)


def texts(
    data: PublicityData, template_dir: Path | None = None, template: templates.DocumentTemplate | None = None
) -> dict[str, object]:
    if not data.lines:
        raise ValueError("公示名单至少须包含一个案件。")
    if data.end < data.start:
        raise ValueError("公示截止日期早于开始日期。")
    tpl = template or templates.load("publicity", template_dir)
    values = base_values(
        data.settings,
        year=data.issued_on.year,
        on=data.issued_on,
        policy=data.policy,
        rules=data.rules,
        lines=data.lines,
    )
    values.update(start_date=fmt_date(data.start), end_date=fmt_date(data.end), days=str(data.days))
    return {
        "title": tpl.fill("title", values),
        "body": tpl.fill_paragraphs("body", values),
        "list_title": tpl.fill("list_title", values),
    }


def story(
    w: Writer,
    data: PublicityData,
    template_dir: Path | None = None,
    template: templates.DocumentTemplate | None = None,
) -> list[Flowable]:
    t = texts(data, template_dir, template)
    s = w.styles
    flow: list[Flowable] = [w.p(str(t["title"]), s.title), w.blank(1)]
    flow += [w.p(par, s.body) for par in cast(list[str], t["body"])]
    flow += [w.blank(2), *signature_block(w, data.settings.signatory, data.issued_on), w.blank(1)]
    flow += [
        w.p(
            str(t["list_title"]),
            ParagraphStyle(
                "list_title", parent=s.title, fontSize=16, leading=28, spaceAfter=6, keepWithNext=1
            ),
        ),
        w.table(
            LIST_HEAD,
            [
                [str(i), c.enterprise_name, c.district, c.title_label, c.batch_label]
                for i, c in enumerate(data.lines, 1)
            ],
            LIST_WIDTHS,
            aligns="clccc",
        ),
    ]
    return flow


def render_publicity(
    data: PublicityData,
    fonts: FontSet | None = None,
    template_dir: Path | None = None,
    template: templates.DocumentTemplate | None = None,
) -> bytes:
    fonts = fonts or FontSet.default()
    w = Writer(fonts)
    setup = PageSetup(
        verification=data.verification,
        audit_anchor=data.audit_anchor,
        title="公示",
        author=data.settings.bureau_name,
    )
    return render(story(w, data, template_dir, template), fonts, setup)

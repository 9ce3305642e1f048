"""奖励资金下达通知 in the letter format of GB/T 9704-2012: red banner and double rules, 文号, title,
addressee, body, 附件 line, signature and date, contact line; the allocation table as the attachment."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak

from core.io import templates
from core.io.pdf.common import allocation_table, base_values, signature_block
from core.io.pdf.fonts import FontSet
from core.io.pdf.layout import PITCH, PageSetup, Writer, render
from core.io.pdf.model import NoticeData


def texts(
    data: NoticeData, template_dir: Path | None = None, template: templates.DocumentTemplate | None = None
) -> dict[str, object]:
    """The filled texts of the notice (title, paragraphs, attachment title, contact): what the PDF prints."""
    if not data.lines:
        raise ValueError("通知至少须包含一个案件。")
    tpl = template or templates.load("notice", template_dir)
    values = base_values(
        data.settings,
        year=data.issued_on.year,
        on=data.issued_on,
        policy=data.policy,
        rules=data.rules,
        lines=data.lines,
        doc_no=data.doc_no,
    )
    first = data.lines[0]
    values.update(
        addressee=data.addressee or data.settings.default_addressee,
        enterprise_name=first.enterprise_name,
        district=first.district,
        title_label=first.title_label,
        batch_label=first.batch_label,
    )
    single = len(data.lines) == 1
    return {
        "title": tpl.fill("title_single" if single else "title_batch", values),
        "addressee": values["addressee"],
        "body": tpl.fill_paragraphs("body_single" if single else "body_batch", values),
        "attachment_title": tpl.fill("attachment_title", values),
        "contact": tpl.fill("contact", values)
        if data.settings.contact_person or data.settings.contact_phone
        else "",
    }


def story(
    w: Writer,
    data: NoticeData,
    template_dir: Path | None = None,
    template: templates.DocumentTemplate | None = None,
) -> list[Flowable]:
    t = texts(data, template_dir, template)
    s = w.styles
    indented = ParagraphStyle("indented", parent=s.plain, leftIndent=2 * PITCH)
    flow: list[Flowable] = [
        w.p(data.doc_no, s.right),
        w.blank(1),
        w.p(str(t["title"]), s.title),
        w.blank(1),
        w.p(f"{t['addressee']}：", s.plain),
    ]
    flow += [w.p(par, s.body) for par in cast(list[str], t["body"])]
    # 附件说明: two characters in; a long name runs on aligned with its first character (GB/T 9704 7.3.4).
    label = ParagraphStyle("att", parent=s.plain, leftIndent=5 * PITCH, firstLineIndent=-3 * PITCH)
    flow += [w.blank(1), w.p(f"附件：{t['attachment_title']}".replace("\n", ""), label)]
    flow += [w.blank(3), *signature_block(w, data.settings.signatory, data.issued_on)]
    if t["contact"]:
        flow.append(w.p(str(t["contact"]), indented))
    flow += [
        PageBreak(),
        w.p("附件", s.heading),
        w.blank(1),
        w.p(str(t["attachment_title"]), s.title),
        w.p("单位：万元", ParagraphStyle("unit", parent=s.cell_right, spaceAfter=4)),
        allocation_table(w, data.lines),
    ]
    return flow


def render_notice(
    data: NoticeData,
    fonts: FontSet | None = None,
    template_dir: Path | None = None,
    template: templates.DocumentTemplate | None = None,
) -> bytes:
    fonts = fonts or FontSet.default()
    w = Writer(fonts)
    flow = story(w, data, template_dir, template)
    setup = PageSetup(
        banner=data.settings.banner_text,
        verification=data.verification,
        audit_anchor=data.audit_anchor,
        number_first_page=False,  # GB/T 9704 10.1: the letter format shows no page number on its first page
        title=data.doc_no,
        author=data.settings.bureau_name,
    )
    return render(flow, fonts, setup)

"""The GB/T 9704-2012 page: A4, type area 156 × 225 mm at 37 mm from the top and 28 mm from the left, body
3号仿宋 on a grid of 22 lines × 28 characters, title 2号小标宋 centred, page numbers `— 1 —` in 4号宋体
(odd pages right, even pages left, one character in), and the letter format's red banner and double rules.

The grid: 28 characters must fill the 156 mm line, so the body's character pitch is 156 mm / 28 = 15.8 pt
(Word does the same with 3号 = 16 pt and its character grid); the leading is 225 mm / 22 = 29 pt.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from core.io.pdf import linebreak
from core.io.pdf.fonts import FontSet, Role
from core.io.pdf.linebreak import CHINESE_CANNOT_END, CHINESE_CANNOT_START

# 行首禁则 and 行尾禁则 (GB/T 15834-2011 5.1.7) for every paragraph, table cells and headings included: see
# core.io.pdf.linebreak (reportlab's CJK breaker knew only a Japanese list and hung a single character).
linebreak.install()

PAGE_W, PAGE_H = A4
TOP = 37 * mm
LEFT = 28 * mm
AREA_W = 156 * mm
AREA_H = 225 * mm
BOTTOM = PAGE_H - TOP - AREA_H  # 35 mm
LINES = 22
CHARS = 28
PITCH = AREA_W / CHARS  # 15.8 pt: 28 characters fill the line
LEADING = int(AREA_H / LINES * 100) / 100  # 28.99 pt (rounded down so that 22 lines fit)
BODY_SIZE = PITCH
TITLE_SIZE = 22.0  # 2号
PAGE_NO_SIZE = 14.0  # 4号
RED = colors.Color(0.89, 0.0, 0.0)  # the banner red
RULE_LEN = 170 * mm  # letter format: double rules 170 mm long, centred
BANNER_TOP = 30 * mm  # letter format: banner's upper edge 30 mm from the top of the page
BOTTOM_RULE = 20 * mm  # letter format: lower double rule 20 mm from the bottom of the page


def fmt_date(day: date) -> str:
    """`2025年3月9日`: Arabic numerals, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def fmt_doc_no(prefix: str, year: int, number: int) -> str:
    """`佛工信函〔2025〕12号`: full year in 〔〕, no leading zeros."""
    return f"{prefix}〔{year}〕{number}号"


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle  # 3号仿宋, first line indented two characters, justified
    plain: ParagraphStyle  # 3号仿宋, no indent (addressee, 附件 lines)
    title: ParagraphStyle  # 2号小标宋, centred
    heading: ParagraphStyle  # 3号黑体 (附件 label, first-level headings)
    right: ParagraphStyle  # 3号仿宋, flush right (文号, signature block)
    cell: ParagraphStyle  # table text
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle  # table heads, 黑体
    small: ParagraphStyle


def make_styles(fonts: FontSet, cell_size: float = 11.0) -> Styles:
    body_font = fonts[Role.BODY].primary
    base = ParagraphStyle(
        "body",
        fontName=body_font,
        fontSize=BODY_SIZE,
        leading=LEADING,
        wordWrap="CJK",
        alignment=TA_JUSTIFY,
        firstLineIndent=2 * PITCH,
        allowWidows=1,
        allowOrphans=1,
    )
    cell = ParagraphStyle(
        "cell",
        fontName=body_font,
        fontSize=cell_size,
        leading=cell_size * 1.3,
        wordWrap="CJK",
        alignment=TA_LEFT,
    )
    return Styles(
        body=base,
        plain=ParagraphStyle("plain", parent=base, firstLineIndent=0, alignment=TA_LEFT),
        title=ParagraphStyle(
            "title",
            parent=base,
            fontName=fonts[Role.TITLE].primary,
            fontSize=TITLE_SIZE,
            leading=LEADING * 1.25,
            alignment=TA_CENTER,
            firstLineIndent=0,
        ),
        heading=ParagraphStyle("heading", parent=base, fontName=fonts[Role.HEI].primary, firstLineIndent=0),
        right=ParagraphStyle("right", parent=base, firstLineIndent=0, alignment=TA_RIGHT),
        cell=cell,
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle(
            "cell_head", parent=cell, fontName=fonts[Role.HEI].primary, alignment=TA_CENTER
        ),
        small=ParagraphStyle(
            "small", parent=cell, fontSize=9, leading=11, textColor=colors.Color(0.35, 0.35, 0.35)
        ),
    )


_SPACE_RUN = re.compile(r"[ \u3000]{2,}|\u3000")


def _keep_spaces(text: str) -> str:
    """Runs of spaces (and the ideographic space) in a template stay as wide as typed: reportlab would fold
    them into one, so they become no-break spaces (an ideographic space counts as two)."""
    return _SPACE_RUN.sub(lambda m: "\u00a0" * sum(2 if ch == "\u3000" else 1 for ch in m.group()), text)


class Writer:
    """Builds flowables from plain text: every piece of text goes through the role's font chain (escaped,
    glyph-by-glyph fallback), so database text never reaches reportlab markup unescaped."""

    def __init__(self, fonts: FontSet, styles: Styles | None = None) -> None:
        self.fonts = fonts
        self.styles = styles or make_styles(fonts)

    @staticmethod
    def _role_of(style: ParagraphStyle) -> Role:
        return {"title": Role.TITLE, "heading": Role.HEI, "cell_head": Role.HEI}.get(style.name, Role.BODY)

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of plain text (escaped, font fallback applied); a newline in `text` breaks the line."""
        style = style or self.styles.body
        chain = self.fonts[self._role_of(style)]
        return Paragraph("<br/>".join(chain.markup(_keep_spaces(line)) for line in text.split("\n")), style)

    def blank(self, lines: float = 1) -> Spacer:
        return Spacer(1, LEADING * lines)

    def table(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float],
        aligns: Sequence[str] = (),
        total_row: bool = False,
        size: float | None = None,
    ) -> Table:
        """A ruled table filling the type area; the head repeats on every page it breaks onto."""
        s = self.styles
        if size is not None:
            s = make_styles(self.fonts, size)
        by_align = {"c": s.cell_center, "r": s.cell_right, "l": s.cell}
        data: list[list[Any]] = [[self.p(h, s.cell_head) for h in head]]
        for row in rows:
            data.append(
                [self.p(v, by_align[aligns[i] if i < len(aligns) else "l"]) for i, v in enumerate(row)]
            )
        scale = AREA_W / (sum(widths_mm) * mm)
        table = Table(data, colWidths=[w * mm * scale for w in widths_mm], repeatRows=1)
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if total_row:
            commands.append(("SPAN", (0, len(data) - 1), (1, len(data) - 1)))
        table.setStyle(TableStyle(commands))
        return table


@dataclass(frozen=True)
class PageSetup:
    """What the page furniture shows: the banner (letter format), page numbers, the verification code."""

    banner: str | None = None  # the issuer banner of the letter format; None for plain documents
    verification: str = ""
    audit_anchor: str = ""  # printed after the verification code: "审计锚点 N:HASH"
    number_first_page: bool = True
    title: str = ""
    author: str = ""


def banner_size(fonts: FontSet, text: str) -> float:
    """The banner's size: 2号 × 1.5 (33 pt) shrunk until it fits the 170 mm rules."""
    size = 33.0
    font = fonts[Role.TITLE].primary
    while size > 16 and float(stringWidth(text, font, size)) > RULE_LEN - 10 * mm:
        size -= 1
    return size


def _double_rule(canvas: Any, y_top: float, thick_first: bool) -> None:
    """Two red rules 170 mm long, centred: 上粗下细 under the banner, 上细下粗 at the foot."""
    x0 = (PAGE_W - RULE_LEN) / 2
    widths = (2.0, 0.6) if thick_first else (0.6, 2.0)
    canvas.setStrokeColor(RED)
    y = y_top
    for i, w in enumerate(widths):
        canvas.setLineWidth(w)
        canvas.line(x0, y - w / 2, x0 + RULE_LEN, y - w / 2)
        if i == 0:
            y -= w + 1.4


def letter_first_frame_top(fonts: FontSet, banner: str) -> float:
    """Distance from the page top to where the letter format's first-page text starts: below the banner,
    4 mm to the red double rule, then 7/8 of a 3号 character."""
    size = banner_size(fonts, banner)
    return float(BANNER_TOP + size + 4 * mm + 4.0 + 16 * 7 / 8)


def _draw_banner(canvas: Any, fonts: FontSet, banner: str) -> None:
    size = banner_size(fonts, banner)
    chain = fonts[Role.TITLE]
    runs = chain.segments(banner)
    total = sum(stringWidth(t, f, size) for f, t in runs)
    # The em box's top sits at 30 mm: CJK glyphs rise about 0.88 em above the baseline.
    y = PAGE_H - BANNER_TOP - 0.88 * size
    x = (PAGE_W - total) / 2
    canvas.setFillColor(RED)
    for font, text in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        x += stringWidth(text, font, size)
    _double_rule(canvas, PAGE_H - BANNER_TOP - size - 4 * mm, thick_first=True)
    _double_rule(canvas, BOTTOM_RULE + 4.0, thick_first=False)
    canvas.setFillColor(colors.black)


def _draw_page_number(canvas: Any, fonts: FontSet, page: int) -> None:
    chain = fonts[Role.SONG]
    text = f"— {page} —"
    # The dashes' upper edge sits 7 mm below the type area.
    y = BOTTOM - 7 * mm - PAGE_NO_SIZE * 0.75
    runs = chain.segments(text)
    width = sum(stringWidth(t, f, PAGE_NO_SIZE) for f, t in runs)
    x = LEFT + AREA_W - PITCH - width if page % 2 else LEFT + PITCH
    for font, run in runs:
        canvas.setFont(font, PAGE_NO_SIZE)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, PAGE_NO_SIZE)


def _draw_verification(canvas: Any, fonts: FontSet, code: str, page: int, anchor: str = "") -> None:
    """The verification code (and the audit anchor) in 8 pt grey at the foot, left, below the type area."""
    text = f"校验码 {code}" + (f"　审计锚点 {anchor}" if anchor else "")
    font = fonts[Role.HEI]
    canvas.setFillColor(colors.Color(0.4, 0.4, 0.4))
    y = 12 * mm
    x = LEFT
    for name, run in font.segments(text):
        canvas.setFont(name, 8)
        canvas.drawString(x, y, run)
        x += stringWidth(run, name, 8)
    canvas.setFillColor(colors.black)


def render(
    story: list[Flowable],
    fonts: FontSet,
    setup: PageSetup,
    out: io.BytesIO | None = None,
) -> bytes:
    """Lay `story` out on GB/T 9704 pages and return the PDF bytes (identical bytes for identical input:
    reportlab's `invariant` mode fixes the dates and ids it would otherwise vary)."""
    buf = out or io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=PAGE_W - LEFT - AREA_W,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=setup.title,
        author=setup.author,
        creator="Subsidy Desk",
        invariant=1,
    )

    def later(canvas: Any, d: Any) -> None:
        _draw_page_number(canvas, fonts, d.page)
        if setup.verification:
            _draw_verification(canvas, fonts, setup.verification, d.page, setup.audit_anchor)

    def first(canvas: Any, d: Any) -> None:
        if setup.banner:
            _draw_banner(canvas, fonts, setup.banner)
        if setup.number_first_page:
            _draw_page_number(canvas, fonts, d.page)
        if setup.verification:
            _draw_verification(canvas, fonts, setup.verification, d.page, setup.audit_anchor)

    def frame(top: float, ident: str) -> Frame:
        return Frame(
            LEFT,
            BOTTOM,
            AREA_W,
            PAGE_H - top - BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=ident,
        )

    first_top = letter_first_frame_top(fonts, setup.banner) if setup.banner else TOP
    doc.addPageTemplates(
        [
            PageTemplate("first", frames=[frame(first_top, "first")], onPage=first),
            PageTemplate("later", frames=[frame(TOP, "later")], onPage=later),
        ]
    )
    doc.build([NextPageTemplate("later"), *story])
    return buf.getvalue()


Builder = Callable[[Writer], list[Flowable]]

__all__ = [
    "AREA_H",
    "AREA_W",
    "BODY_SIZE",
    "CHINESE_CANNOT_END",
    "CHINESE_CANNOT_START",
    "LEADING",
    "LEFT",
    "PITCH",
    "TOP",
    "PageBreak",
    "PageSetup",
    "Styles",
    "Writer",
    "fmt_date",
    "fmt_doc_no",
    "make_styles",
    "render",
]

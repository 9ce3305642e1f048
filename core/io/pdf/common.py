"""What the document modules share: template values, the signature block, the allocation table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Table

from core.domain.money import round_yuan
from core.io.pdf.fonts import Role
from core.io.pdf.layout import PITCH, Writer, fmt_date
from core.io.pdf.model import BureauSettings, CaseLine, amount_values


def base_values(
    settings: BureauSettings,
    *,
    year: int,
    on: date,
    policy: str,
    rules: str,
    lines: tuple[CaseLine, ...],
    doc_no: str = "",
) -> dict[str, str]:
    if not policy.strip() or not rules.strip():
        raise ValueError("文书须引用案件计算所依据的政策及其实施细则（标题和文号），未提供引用，不能生成。")
    values = {
        "bureau_name": settings.bureau_name,
        "city": settings.city,
        "year": str(year),
        "policy": policy,
        "rules": rules,
        "contact_person": settings.contact_person,
        "contact_phone": settings.contact_phone,
        "signatory": settings.signatory,
        "doc_no": doc_no,
        "date": fmt_date(on),
        "case_count": str(len(lines)),
    }
    values.update(amount_values(lines))
    return values


def text_width(w: Writer, text: str, role: Role, size: float) -> float:
    return sum(float(stringWidth(run, font, size)) for font, run in w.fonts[role].segments(text))


def signature_block(w: Writer, signatory: str, on: date) -> list[Flowable]:
    """署名 centred over 成文日期; the date four characters in from the right (GB/T 9704 7.3.5.2)."""
    date_text = fmt_date(on)
    size = w.styles.right.fontSize
    date_w = text_width(w, date_text, Role.BODY, size)
    sig_w = text_width(w, signatory, Role.BODY, size)
    date_indent = 4 * PITCH
    sig_indent = max(0.0, date_indent + (date_w - sig_w) / 2)
    sig_style = ParagraphStyle("sig", parent=w.styles.right, rightIndent=sig_indent)
    date_style = ParagraphStyle("date", parent=w.styles.right, rightIndent=date_indent)
    return [KeepTogether([w.p(signatory, sig_style), w.p(date_text, date_style)])]


def wan(amount: Decimal) -> str:
    """万元 with two decimals and no thousands separators (narrow table columns): `150.00`."""
    return f"{round_yuan(amount / Decimal(10000)):.2f}"


ALLOCATION_HEAD = ("序号", "企业名称", "所在区", "类别", "市级奖励", "省级配套", "合计")
ALLOCATION_WIDTHS = (10, 40, 14, 35, 19, 19, 19)


def allocation_table(w: Writer, lines: Sequence[CaseLine]) -> Table:
    """序号 | 企业名称 | 所在区 | 类别 | 市级奖励 | 省级配套 | 合计, in 万元, with a 合计 row."""
    rows = [
        [
            str(i),
            c.enterprise_name,
            c.district,
            c.table_label,
            wan(c.city_reward),
            wan(c.province_match),
            wan(c.total),
        ]
        for i, c in enumerate(lines, 1)
    ]
    city = sum((c.city_reward for c in lines), Decimal(0))
    prov = sum((c.province_match for c in lines), Decimal(0))
    rows.append(["合计", "", "", f"{len(lines)}家", wan(city), wan(prov), wan(city + prov)])
    return w.table(ALLOCATION_HEAD, rows, ALLOCATION_WIDTHS, aligns="clccrrr", total_row=True)

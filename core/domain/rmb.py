"""RMB amounts in Chinese uppercase (大写), per the PBoC 《正确填写票据和结算凭证的基本规定》.

Rules applied (docs/DOMAIN.md "RMB uppercase"):
- prefix 人民币; digits 壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元角分; 拾 always carries its digit (壹拾);
- 整 after 元 when there are no 角/分; none after 角 (it is optional there; we leave it out); never after 分;
- a run of zeros between non-zero digits of the yuan part is written as one 零, also across 万/亿 boundaries
  (100,000,010.00 → 壹亿零壹拾元整); a zero 万位 before a non-zero 千位 is written 零 too (1,005,000.50 →
  壹佰万零伍仟; 107,000.53 → 壹拾万零柒仟元伍角叁分, the PBoC text's own second form);
- 元位 zero and 角 non-zero: no 零 before 角 (1,005,000.50 → …伍仟元伍角, one of the two forms the rules allow);
- 角 zero with 分 non-zero: 零 is required (16,409.02 → …玖元零贰分);
- below one yuan there is no 元 (0.05 → 人民币伍分); zero is 人民币零元整.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_GROUP_UNITS = ("", "万", "亿")
LIMIT = Decimal("1000000000000")  # 1万亿: beyond any reward; 万亿 needs a compound unit we do not write


def _yuan_part(yuan: int) -> str:
    digits = str(yuan)
    out: list[str] = []
    pending_zero = False
    n = len(digits)
    group_has_digit = False
    for i, ch in enumerate(digits):
        pos = n - 1 - i  # position from the right: 0 = 元位
        d = int(ch)
        if d == 0:
            if out:
                pending_zero = True
        else:
            if pending_zero:
                out.append("零")
                pending_zero = False
            out.append(DIGITS[d] + _SMALL_UNITS[pos % 4])
            group_has_digit = True
        if pos % 4 == 0:
            if group_has_digit and pos > 0:
                out.append(_GROUP_UNITS[pos // 4])
            group_has_digit = False
    return "".join(out)


def to_uppercase(amount: Decimal) -> str:
    """`Decimal("1005000.50")` → `人民币壹佰万零伍仟元伍角`. Raises ValueError for a negative amount, more than
    two decimals, or 1万亿 and above."""
    try:
        if not isinstance(amount, Decimal) or not amount.is_finite():
            raise InvalidOperation
        fen_total = amount * 100
        if fen_total != fen_total.to_integral_value():
            raise ValueError(f"金额最多两位小数：{amount}")
    except InvalidOperation:
        raise ValueError(f"不是有效金额：{amount!r}") from None
    if amount < 0:
        raise ValueError(f"金额不能为负数：{amount}")
    if amount >= LIMIT:
        raise ValueError(f"金额过大（须小于一万亿元）：{amount}")
    total = int(fen_total)
    yuan, rest = divmod(total, 100)
    jiao, fen = divmod(rest, 10)
    if total == 0:
        return "人民币零元整"
    text = ""
    if yuan:
        text = _yuan_part(yuan) + "元"
        if not jiao and not fen:
            return f"人民币{text}整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif yuan and fen:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    return "人民币" + text

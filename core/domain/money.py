"""Money: exact yuan amounts as Decimal with two places. Never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class MoneyError(ValueError):
    """An amount that cannot be accepted as given (not a number, negative, more than two decimals)."""


def parse_amount(value: object, what: str = "金额") -> Decimal:
    """Read an amount exactly. Refuses floats, more than two decimals and negatives instead of rounding."""
    if isinstance(value, (bool, float)):
        raise MoneyError(f'{what}必须以文本或整数给出（如 "1000000.00"），不接受浮点数。')
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        if text.endswith("元"):
            text = text[:-1].strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise MoneyError(f"{what}“{value}”不是数字。") from None
    else:
        raise MoneyError(f"{what}“{value}”不是数字。")
    if not amount.is_finite():
        raise MoneyError(f"{what}“{value}”不是数字。")
    if amount < 0:
        raise MoneyError(f"{what}不能为负数：{value}。")
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise MoneyError(f"{what}最多两位小数（精确到分）：{value}。")
    return amount.quantize(CENT)


def round_yuan(amount: Decimal) -> Decimal:
    """Round a computed amount to the fen, ROUND_HALF_UP (the policy's rounding)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_yuan(amount: Decimal) -> str:
    """`1,500,000.00`"""
    return f"{round_yuan(amount):,.2f}"


def fmt_wan(amount: Decimal) -> str:
    """`150.00` (万元)"""
    return f"{round_yuan(amount / Decimal(10000)):,.2f}"


def to_json(amount: Decimal) -> str:
    """Amounts in JSON are strings with two decimals: `"1000000.00"`."""
    return f"{round_yuan(amount):.2f}"

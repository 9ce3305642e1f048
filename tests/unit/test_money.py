from __future__ import annotations

from decimal import Decimal

import pytest

from core.domain.money import MoneyError, fmt_wan, fmt_yuan, parse_amount, round_yuan, to_json


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1000000.00", "1000000.00"),
        ("1,500,000", "1500000.00"),
        (" 12.5 元", "12.50"),
        (7, "7.00"),
        ("0", "0.00"),
    ],
)
def test_amounts_parse_exactly(raw: object, expected: str) -> None:
    assert parse_amount(raw) == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("12.345", "两位小数"),
        ("-1", "负数"),
        ("abc", "不是数字"),
        (1.5, "浮点数"),
        ("NaN", "不是数字"),
        (None, "不是数字"),
    ],
)
def test_bad_amounts_are_refused_with_the_reason(raw: object, fragment: str) -> None:
    with pytest.raises(MoneyError, match=fragment):
        parse_amount(raw, "市级奖励")


def test_rounding_is_half_up() -> None:
    assert round_yuan(Decimal("0.005")) == Decimal("0.01")
    assert round_yuan(Decimal("2.675")) == Decimal("2.68")


def test_display_forms() -> None:
    assert fmt_yuan(Decimal("1500000")) == "1,500,000.00"
    assert fmt_wan(Decimal("1500000")) == "150.00"
    assert to_json(Decimal("1000000")) == "1000000.00"

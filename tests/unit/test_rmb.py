"""RMB uppercase against every example in docs/DOMAIN.md and the PBoC rules' edge cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.domain.rmb import to_uppercase

DOMAIN_EXAMPLES = [
    ("3000000.00", "人民币叁佰万元整"),
    ("1005000.50", "人民币壹佰万零伍仟元伍角"),
    ("100000010.00", "人民币壹亿零壹拾元整"),
    ("16409.02", "人民币壹万陆仟肆佰零玖元零贰分"),
    ("1409.50", "人民币壹仟肆佰零玖元伍角"),
    ("10.00", "人民币壹拾元整"),
]

EDGE_CASES = [
    ("0.00", "人民币零元整"),
    ("0.05", "人民币伍分"),
    ("0.50", "人民币伍角"),
    ("0.25", "人民币贰角伍分"),
    ("1.00", "人民币壹元整"),
    ("10.05", "人民币壹拾元零伍分"),
    ("15.00", "人民币壹拾伍元整"),
    ("100.00", "人民币壹佰元整"),
    ("101.00", "人民币壹佰零壹元整"),
    ("110.00", "人民币壹佰壹拾元整"),
    ("1010.01", "人民币壹仟零壹拾元零壹分"),
    ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),
    ("10000.00", "人民币壹万元整"),
    ("10001.00", "人民币壹万零壹元整"),
    ("100100.00", "人民币壹拾万零壹佰元整"),
    ("101000.00", "人民币壹拾万零壹仟元整"),  # 万位 zero: 零 written, as in 1,005,000.50
    ("107000.53", "人民币壹拾万零柒仟元伍角叁分"),  # the PBoC text's own second form
    ("325000.00", "人民币叁拾贰万伍仟元整"),
    ("1500000.00", "人民币壹佰伍拾万元整"),
    ("2000000.00", "人民币贰佰万元整"),
    ("6007.14", "人民币陆仟零柒元壹角肆分"),
    ("20000000.00", "人民币贰仟万元整"),
    ("100000000.00", "人民币壹亿元整"),
    ("100000001.00", "人民币壹亿零壹元整"),
    ("100100000.00", "人民币壹亿零壹拾万元整"),
    ("110000000.00", "人民币壹亿壹仟万元整"),
    ("1000000000.00", "人民币壹拾亿元整"),
    ("1000010000.00", "人民币壹拾亿零壹万元整"),
    ("999999999999.99", "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize(("amount", "expected"), DOMAIN_EXAMPLES + EDGE_CASES)
def test_uppercase(amount: str, expected: str) -> None:
    assert to_uppercase(Decimal(amount)) == expected


def test_integer_decimal_without_places_is_accepted() -> None:
    assert to_uppercase(Decimal(3000000)) == "人民币叁佰万元整"


@pytest.mark.parametrize("bad", ["-1.00", "0.001", "1000000000000.00", "NaN"])
def test_refuses_amounts_it_cannot_write(bad: str) -> None:
    with pytest.raises(ValueError):
        to_uppercase(Decimal(bad))

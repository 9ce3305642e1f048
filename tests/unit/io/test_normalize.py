"""Cells as calamine and CSV files hand them over, normalised to what the register stores."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from core.io.normalize import (
    CellError,
    cell_text,
    code_text,
    header_in_wan,
    header_key,
    parse_amount,
    parse_date,
    parse_int,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.0, "1"),
        (13800000001.0, "13800000001"),
        (1214.8, "1214.8"),
        (None, ""),
        ("  广州市\u3000云擎  ", "广州市 云擎"),
        (date(2024, 7, 1), "2024-07-01"),
        (datetime(2024, 7, 1), "2024-07-01"),
        (7, "7"),
    ],
)
def test_cell_text(value: object, expected: str) -> None:
    assert cell_text(value) == expected


def test_code_text_removes_ideographic_space_and_full_width() -> None:
    assert code_text("91440605F\u30006DPKJ6R8J") == "91440605F6DPKJ6R8J"
    assert code_text("９１４４０３") == "914403"
    assert code_text(13800000001.0) == "13800000001"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 7, 15), date(2024, 7, 15)),
        (datetime(2024, 7, 15, 9, 30), date(2024, 7, 15)),
        (45488.0, date(2024, 7, 15)),  # an Excel serial without a date format
        ("45488", date(2024, 7, 15)),
        ("2024年7月", date(2024, 7, 1)),
        ("2024年7月15日", date(2024, 7, 15)),
        ("2024.7.1", date(2024, 7, 1)),
        ("2024/07/01", date(2024, 7, 1)),
        ("2024-7-1", date(2024, 7, 1)),
        ("20240701", date(2024, 7, 1)),
        ("２０２４年７月１日", date(2024, 7, 1)),
    ],
)
def test_parse_date(value: object, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["明年", "2024年13月", 12.0, "", None])
def test_parse_date_refuses(value: object) -> None:
    with pytest.raises(CellError):
        parse_date(value, "认定日期")


@pytest.mark.parametrize(
    ("value", "in_wan", "expected"),
    [
        (1214.8, False, Decimal("1214.80")),
        (1214.8, True, Decimal("12148000.00")),
        ("1,500,000.00", False, Decimal("1500000.00")),
        ("150万元", False, Decimal("1500000.00")),
        ("150.1234", True, Decimal("1501234.00")),
        ("300 元", False, Decimal("300.00")),
        (100, True, Decimal("1000000.00")),
    ],
)
def test_parse_amount_is_exact(value: object, in_wan: bool, expected: Decimal) -> None:
    amount = parse_amount(value, in_wan=in_wan)
    assert amount == expected
    assert isinstance(amount, Decimal)


@pytest.mark.parametrize("value", ["abc", "-5", "1.234", ""])
def test_parse_amount_refuses(value: object) -> None:
    with pytest.raises(CellError):
        parse_amount(value)


def test_headers() -> None:
    assert header_key("2024年营业收入（万元）") == "2024年营业收入"
    assert header_key("*企业 名称") == "企业名称"
    assert header_in_wan("市级奖励（万元）")
    assert not header_in_wan("市级奖励（元）")


def test_parse_int() -> None:
    assert parse_int(6.0, "批次") == 6
    assert parse_int("第7批", "批次") == 7
    assert parse_int("第七批", "批次") == 7
    assert parse_int("十二", "批次") == 12
    assert parse_int("第二十批", "批次") == 20
    with pytest.raises(CellError):
        parse_int("七十十", "批次")
    with pytest.raises(CellError):
        parse_int("新一批", "批次")

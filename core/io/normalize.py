"""Normalisation of spreadsheet cells as officers' files really carry them.

python-calamine returns numbers as float (1.0 for 1), dates as `date`/`datetime`, and leaves undated Excel
serials as numbers; CSV files carry text only. Everything here turns such a value into the text, date or exact
Decimal amount the register needs. Never float for money.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from core.domain.text import collapse_spaces, remove_spaces, to_half_width

Cell = object  # what a reader hands over: str, float, int, bool, date, datetime, time, timedelta or None

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 with Lotus's phantom 1900-02-29 accounted for
_SERIAL_MIN, _SERIAL_MAX = 3_000, 80_000  # 1908 … 2119: a number outside is not a date
_CENT = Decimal("0.01")
_WAN = Decimal(10_000)


class CellError(ValueError):
    """A cell whose value cannot be read as what its column needs; the message is Chinese, for an officer."""


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not remove_spaces(value))


def _number_text(value: float) -> str:
    if value == int(value) and abs(value) < 1e17:
        return str(int(value))
    # repr gives the shortest text that reads back as the same float: 1214.8, not 1214.799999…
    return repr(value)


def cell_text(value: Cell) -> str:
    """The text of a cell as an officer reads it: `1.0` → "1", a date → "2024-07-01", spaces folded."""
    if isinstance(value, str):
        return collapse_spaces(value)  # most cells take its fast path: already folded
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return collapse_spaces(str(value))


def code_text(value: Cell) -> str:
    """An identifier cell (credit code, phone number): number forms undone, no inner spaces (U+3000 too)."""
    return remove_spaces(to_half_width(cell_text(value)))


def header_key(value: Cell) -> str:
    """The comparison form of a header cell: half-width, no spaces, no required-field stars or colons,
    units in brackets removed (`营业收入（万元）` → `营业收入`), `联系人/姓名` → `联系人姓名`."""
    text = remove_spaces(to_half_width(cell_text(value)))
    text = re.sub(r"\([^)]*\)", "", text).replace("/", "").replace("、", "")
    return text.strip("*:：#").strip()


def header_in_wan(value: Cell) -> bool:
    """Whether a header says its amounts are in 万元."""
    return "万元" in cell_text(value)


def serial_to_date(serial: float) -> date:
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        raise CellError(f"数字 {_number_text(serial)} 不像日期。")
    return _EXCEL_EPOCH + timedelta(days=int(serial))


_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(?:(\d{1,2})\s*日?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value: Cell, what: str = "日期") -> date:
    """A date from a cell: a real date, an Excel serial (number or numeric text), `2024年7月` (the 1st),
    `2024年7月15日`, `2024.7.1`, `2024/07/01`, `2024-7-1`, `20240701`."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or value is None:
        raise CellError(f"{what}为空。")
    if isinstance(value, (int, float)):
        try:
            return serial_to_date(float(value))
        except CellError:
            raise CellError(f"{what}“{_number_text(float(value))}”不是有效日期。") from None
    text = to_half_width(cell_text(value)).strip()
    if not text:
        raise CellError(f"{what}为空。")
    m = _YMD.match(text) or _COMPACT.match(text)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        if re.fullmatch(r"\d+(\.0+)?", text):
            return serial_to_date(float(text))
    except (ValueError, CellError):
        pass
    raise CellError(f"{what}“{text}”不是有效日期，请写成 2024-07-15 或 2024年7月15日。")


def parse_amount(value: Cell, *, in_wan: bool = False, what: str = "金额") -> Decimal:
    """An exact amount in yuan. Numbers from calamine are floats: read through their shortest text, so
    1214.8 is Decimal("1214.8"), never 1214.799999…. `in_wan`: the column is in 万元 (× 10,000)."""
    if isinstance(value, bool) or is_blank(value):
        raise CellError(f"{what}为空。")
    if isinstance(value, float):
        text = _number_text(value)
    elif isinstance(value, (int, Decimal)):
        text = str(value)
    else:
        text = to_half_width(cell_text(value)).replace(",", "").replace("，", "").replace("¥", "")
        text = remove_spaces(text)
        for unit, wan in (("万元", True), ("万", True), ("元", False)):
            if text.endswith(unit):
                text = text[: -len(unit)]
                in_wan = in_wan or wan
                break
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError(f"{what}“{cell_text(value)}”不是数字。") from None
    if not amount.is_finite():
        raise CellError(f"{what}“{cell_text(value)}”不是数字。")
    if amount < 0:
        raise CellError(f"{what}不能为负数：{cell_text(value)}。")
    if in_wan:
        amount *= _WAN
    if amount != amount.quantize(_CENT, rounding=ROUND_HALF_UP):
        raise CellError(f"{what}最多精确到分：{cell_text(value)}{'万元' if in_wan else '元'}。")
    return amount.quantize(_CENT)


def parse_int(value: Cell, what: str) -> int:
    """A whole number: 6.0, "6", "第6批" → 6."""
    if isinstance(value, float) and value == int(value):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = to_half_width(cell_text(value))
    m = re.fullmatch(r"第?\s*(\d+|[一二三四五六七八九十]+)\s*批?", text)
    if not m:
        raise CellError(f"{what}“{text}”不是整数。")
    digits = m.group(1)
    return int(digits) if digits.isdigit() else _chinese_number(digits, what)


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _chinese_number(text: str, what: str) -> int:
    """一 … 九十九 (batch numbers written out: 第七批, 第十二批)."""
    if "十" not in text:
        if len(text) == 1:
            return _CN_DIGITS[text]
        raise CellError(f"{what}“{text}”不是整数。")
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        raise CellError(f"{what}“{text}”不是整数。")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)

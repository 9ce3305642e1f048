"""The facts an officer states with a step (`Facts`: date, reason, 公示 period, 文号, amount, voucher,
objector) and how they are read from text and checked (`parse_facts`, `parse_date`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.domain.money import MoneyError, parse_amount
from core.domain.workflow.states import Fact

_DATE_PARTS = re.compile(r"^(\d{4})\D(\d{1,2})\D(\d{1,2})日?$")


@dataclass(frozen=True)
class Facts:
    """The facts an officer states for a transition, parsed; what is not stated is empty/None."""

    reason: str = ""
    date: date | None = None
    period: int | None = None
    doc_no: str = ""
    amount: Decimal | None = None
    voucher: str = ""
    objector: str = ""

    def present(self, fact: Fact) -> bool:
        value = getattr(self, fact.value)
        return value is not None and value != ""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for fact in Fact:
            if self.present(fact):
                value = getattr(self, fact.value)
                out[fact.value] = (
                    value.isoformat()
                    if isinstance(value, date)
                    else f"{value:.2f}"
                    if isinstance(value, Decimal)
                    else value
                )
        return out


def parse_date(value: object, what: str = "日期") -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = _DATE_PARTS.match(text.replace("年", "-").replace("月", "-"))
    try:
        if match is None:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(f"{what}“{value}”不是有效日期，请写成 2025-10-09。") from None


def parse_facts(raw: Mapping[str, object]) -> tuple[Facts, list[str]]:
    """Parse what an officer typed (strings, or typed values); unknown keys and bad values are listed."""
    problems: list[str] = []
    values: dict[str, object] = {}
    known = {f.value for f in Fact}
    for key, value in raw.items():
        if key not in known:
            problems.append(f"未知事项“{key}”。")
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        fact = Fact(key)
        try:
            if fact is Fact.DATE:
                values[key] = parse_date(value)
            elif fact is Fact.PERIOD:
                period = int(str(value).strip())
                if period < 1 or period > 60:
                    raise ValueError
                values[key] = period
            elif fact is Fact.AMOUNT:
                values[key] = parse_amount(value)
            else:
                values[key] = " ".join(str(value).split())
        except MoneyError as exc:
            problems.append(str(exc))
        except ValueError as exc:
            if fact is Fact.PERIOD:
                problems.append(f"公示期“{value}”应为1到60之间的工作日数（广州5个、深圳及省级7个）。")
            else:
                problems.append(str(exc))
    return Facts(**values), problems  # type: ignore[arg-type]  # keys are the Facts fields, checked above

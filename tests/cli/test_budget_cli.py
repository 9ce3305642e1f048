"""`main.py budget set/show`: the year's two lines, headless."""

from __future__ import annotations

from collections.abc import Callable

from tests.cli.conftest import Run


def test_set_and_show_a_years_budget(cli: Callable[..., Run]) -> None:
    made = cli("budget", "set", "2025", "--line", "city", "--amount", "5,000,000", "--json")
    assert made.code == 0, made.err
    assert made.json["budget"] == "5000000.00" and made.json["remaining"] == "5000000.00"
    prov = cli(
        "budget", "set", "2025", "--line", "province", "--amount", "3000000", "--allocated", "2000000",
        "--notice-no", "粤工信融资函〔2025〕30号", "--notice-date", "2025-08-15", "--json",
    )  # fmt: skip
    assert prov.code == 0, prov.err
    shown = cli("budget", "show", "2025", "--json")
    assert shown.code == 0
    p = shown.json["province"]
    assert (p["expected"], p["allocated"], p["budget"], p["requested"], p["received"]) == (
        "3000000.00", "2000000.00", "2000000.00", "0.00", "0.00",
    )  # fmt: skip
    assert p["notice_no"] == "粤工信融资函〔2025〕30号"
    text = cli("budget", "show", "2025")
    assert "市级奖励资金" in text.out and "结余 5,000,000.00" in text.out and "下达 2,000,000.00" in text.out
    bad = cli("budget", "set", "2025", "--line", "city", "--amount", "abc")
    assert bad.code == 2 and "金额" in bad.err
    assert cli("audit", "verify", "--json").json["ok"] is True

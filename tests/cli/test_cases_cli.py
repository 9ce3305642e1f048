"""`main.py --db PATH cases ...` as an officer's script runs it."""

from __future__ import annotations

from collections.abc import Callable

from tests.cli.conftest import Run

CODE = "914403001922038216"


def _register(cli: Callable[..., Run]) -> None:
    r = cli("enterprises", "add", "--code", CODE, "--name", "深圳市示例机器人有限公司", "--field", "robotics")
    assert r.code == 0, r.err
    r = cli(
        "titles",
        "add",
        "--code",
        CODE,
        "--kind",
        "little-giant",
        "--batch",
        "7",
        "--recognized-on",
        "2025-07-18",
    )
    assert r.code == 0, r.err


def test_create_list_show(cli: Callable[..., Run]) -> None:
    _register(cli)
    r = cli(
        "cases",
        "create",
        "--code",
        CODE,
        "--title-kind",
        "little-giant",
        "--city-reward",
        "1000000.00",
        "--decided-on",
        "2025-10-20",
        "--json",
    )
    assert r.code == 0, r.err
    case = r.json
    assert isinstance(case["id"], int) and case["status"] == "draft"
    assert (case["city_reward"], case["province_match"], case["total"], case["cap"]) == (
        "1000000.00",
        "1000000.00",
        "2000000.00",
        "2000000.00",
    )
    listed = cli("cases", "list", "--json").json
    assert [c["id"] for c in listed] == [case["id"]]
    shown = cli("cases", "show", str(case["id"]), "--json").json
    assert shown["status"] == "draft" and shown["eligible"] is True
    assert shown["trace"] and all({"step", "value", "reference"} <= set(t) for t in shown["trace"])
    assert any("粤府办〔2025〕6号" in t["reference"] for t in shown["trace"])


def test_update_freeze_verify(cli: Callable[..., Run]) -> None:
    _register(cli)
    case = cli("cases", "create", "--code", CODE, "--title-kind", "little-giant", "--json").json
    r = cli(
        "cases", "update", str(case["id"]), "--city-reward", "400000.00", "--reason", "预算所限", "--json"
    )
    assert r.code == 0, r.err
    assert r.json["province_match"] == "400000.00" and r.json["city_reward_source"] == "override"
    r = cli("cases", "freeze", str(case["id"]), "--decided-on", "2025-11-01", "--json")
    assert r.code == 0 and r.json["frozen"] is True and r.json["decided_on"] == "2025-11-01"
    r = cli("cases", "verify", str(case["id"]), "--json")
    assert r.code == 0 and r.json["same"] is True
    r = cli("cases", "update", str(case["id"]), "--city-reward", "1.00", "--reason", "x")
    assert r.code == 2 and "已定案" in r.err
    # each change is in the case's history, field by field (no --user: under the system)
    history = cli("audit", "history", "case", str(case["id"]), "--json").json
    assert [line.split("  ")[2].split("（")[0] for line in history] == ["新增案件", "修改案件", "定案案件"]
    assert "市级奖励由“1,000,000.00 元”改为“400,000.00 元”" in history[1]
    assert "市级奖励调整理由由（空）改为“预算所限”" in history[1]
    assert "决定日期由（空）改为“2025-11-01”" in history[2] and "已定案由“否”改为“是”" in history[2]


def test_bad_input_exits_2(cli: Callable[..., Run]) -> None:
    _register(cli)
    r = cli(
        "cases",
        "create",
        "--code",
        CODE,
        "--title-kind",
        "little-giant",
        "--city-reward",
        "12.345",
        "--reason",
        "x",
        "--json",
    )
    assert r.code == 2 and "两位小数" in r.json["error"]
    r = cli("cases", "create", "--code", CODE, "--title-kind", "single-champion", "--json")
    assert r.code == 2 and "没有登记" in r.json["error"]
    r = cli("cases", "show", "999")
    assert r.code == 2 and "不存在" in r.err


def test_batch_preview(cli: Callable[..., Run]) -> None:
    _register(cli)
    r = cli("cases", "batch", "--year", "2025", "--json")
    assert r.code == 0, r.err
    assert len(r.json["included"]) == 1 and r.json["created"] == []
    r = cli("cases", "batch", "--year", "2025", "--create", "--json")
    assert len(r.json["created"]) == 1

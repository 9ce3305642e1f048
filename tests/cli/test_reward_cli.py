"""`main.py reward compute|check-policy` as a batch user runs it: no database, the JSON contract, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.cli.conftest import ROOT, Run

EXAMPLE = {
    "policy": "gd-ai-robotics-2025",
    "title": {"kind": "little-giant", "recognized_on": "2025-07-15", "re_review": False, "status": "valid"},
    "enterprise": {"field": "robotics", "in_city": True, "active": True, "exclusions_cleared": True},
    "city_reward": "1000000.00",
    "decided_on": "2025-10-20",
    "prior_rewards": [{"kind": "little-giant", "province_paid": "0.00"}],
}


def _write(tmp_path: Path, data: Any, name: str = "in.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_issue_example_gives_the_contract_output_without_a_database(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    r = cli(
        "reward",
        "compute",
        "--input",
        _write(tmp_path, EXAMPLE),
        "--json",
        with_db=False,
        env={"SUBSIDY_DESK_HOME": str(home)},
    )
    assert r.code == 0, r.err
    out = r.json
    assert set(out) == {
        "eligible",
        "failures",
        "city_reward",
        "province_match",
        "total",
        "cap",
        "trace",
        "policy",
        "warnings",  # e.g. a total above the 奖励总额度 (issue 15); none here
    }
    assert out["eligible"] is True and out["failures"] == [] and out["warnings"] == []
    assert (out["city_reward"], out["province_match"], out["total"], out["cap"]) == (
        "1000000.00",
        "1000000.00",
        "2000000.00",
        "2000000.00",
    )
    assert out["policy"]["id"] == "gd-ai-robotics-2025" and len(out["policy"]["sha256"]) == 64
    assert all(set(step) == {"step", "value", "reference"} for step in out["trace"])
    assert any("粤府办〔2025〕6号" in step["reference"] for step in out["trace"])
    # no database was opened or created anywhere
    assert not list(home.rglob("*.sqlite")) if home.exists() else True
    assert not list(tmp_path.rglob("*.sqlite"))


def test_bad_amount_exits_2_naming_the_field(cli: Callable[..., Run], tmp_path: Path) -> None:
    r = cli(
        "reward",
        "compute",
        "--input",
        _write(tmp_path, {**EXAMPLE, "city_reward": "1000000.005"}),
        "--json",
        with_db=False,
    )
    assert r.code == 2
    assert r.json["field"] == "city_reward" and "两位小数" in r.json["error"]
    r = cli(
        "reward", "compute", "--input", _write(tmp_path, {**EXAMPLE, "decided_on": "20251020"}), with_db=False
    )
    assert r.code == 2 and "decided_on" in r.err


def test_other_policy_file_changes_the_arithmetic(cli: Callable[..., Run], tmp_path: Path) -> None:
    data = {**EXAMPLE, "policy": "gd-ai-robotics-2025-combined-cap", "city_reward": "1500000.00"}
    policy = ROOT / "tests" / "golden" / "policies" / "combined-cap.toml"
    r = cli(
        "reward",
        "compute",
        "--input",
        _write(tmp_path, data),
        "--policy",
        str(policy),
        "--json",
        with_db=False,
    )
    assert r.code == 0, r.err
    assert r.json["province_match"] == "500000.00" and r.json["total"] == "2000000.00"
    # default policy (half-cap) for the same city reward
    r = cli(
        "reward",
        "compute",
        "--input",
        _write(tmp_path, {**EXAMPLE, "city_reward": "1500000.00"}),
        "--json",
        with_db=False,
    )
    assert r.json["province_match"] == "1000000.00"


def test_check_policy_names_file_and_key(cli: Callable[..., Run], tmp_path: Path) -> None:
    good = ROOT / "resources" / "policies" / "gd-ai-robotics-2025.toml"
    r = cli("reward", "check-policy", str(good), "--json", with_db=False)
    assert r.code == 0 and r.json["id"] == "gd-ai-robotics-2025"
    bad = tmp_path / "next-year.toml"
    bad.write_text(
        good.read_text(encoding="utf-8").replace('value = "2000000.00"', "value = 2000000.5"),
        encoding="utf-8",
    )
    r = cli("reward", "check-policy", str(bad), with_db=False)
    assert r.code == 2
    assert "next-year.toml" in r.err and "titles.little-giant.cap.value" in r.err

"""Golden reward cases as data (OpenFisca style): one JSON file per case in tests/golden/reward/.

A file holds `description`, optional `policy_file` (a variant in tests/golden/policies/), `input` in the shape of
`main.py reward compute --input`, and either `output` (the expected figures: eligible, the failed rule ids in
order, city_reward, province_match, total, cap) or `error: {"field": ...}` for an input that must be refused
with that field named. The expected figures are worked out by hand from docs/DOMAIN.md, never by running the engine.
A domain expert adds a case by adding a file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.cli.reward import compute_payload
from core.policy.engine import RewardInputError

HERE = Path(__file__).parent
CASES = sorted((HERE / "reward").glob("*.json"))
AMOUNTS = ("city_reward", "province_match", "total", "cap")


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) <= {"description", "policy_file", "input", "output", "error"}, path.name
    assert ("output" in data) != ("error" in data), f"{path.name}: either output or error"
    return data


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path: Path) -> None:
    case = _load(path)
    policy_file = HERE / "policies" / case["policy_file"] if "policy_file" in case else None
    if "error" in case:
        with pytest.raises(RewardInputError) as info:
            compute_payload(case["input"], policy_file)
        assert info.value.field == case["error"]["field"], str(info.value)
        return
    expected = case["output"]
    got = compute_payload(case["input"], policy_file)
    assert got["eligible"] is expected["eligible"], got["failures"]
    assert [f["rule"] for f in got["failures"]] == [f["rule"] for f in expected["failures"]]
    for want, have in zip(expected["failures"], got["failures"], strict=True):
        if "reason" in want:
            assert want["reason"] in have["reason"]
    for key in AMOUNTS:
        assert got[key] == expected[key], f"{key}: expected {expected[key]}, got {got[key]}"
    assert got["policy"]["id"] == case["input"].get("policy", "gd-ai-robotics-2025")
    assert len(got["policy"]["sha256"]) == 64
    # every computed step cites the policy it rests on
    assert got["trace"] and all(step["reference"] for step in got["trace"])

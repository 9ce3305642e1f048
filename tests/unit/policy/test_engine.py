"""The engine's reasons and trace as an officer reads them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.domain.enums import Field, TitleKind, TitleStatus
from core.policy.engine import (
    EnterpriseFacts,
    PriorReward,
    RewardInput,
    RewardInputError,
    TitleFacts,
    compute,
    parse_reward_input,
)
from core.policy.registry import default_policy

POLICY = default_policy()


def test_every_failed_rule_is_listed_with_a_chinese_reason_and_shown_in_the_trace() -> None:
    inp = RewardInput(
        title=TitleFacts(
            TitleKind.LITTLE_GIANT, date(2023, 5, 1), re_review=True, status=TitleStatus.REVOKED
        ),
        enterprise=EnterpriseFacts(
            Field.OTHER, in_city=False, active=False, exclusions_cleared=False, exclusion_hits=("accident",)
        ),
        city_reward=None,
        decided_on=date(2028, 1, 1),
        prior_rewards=(PriorReward(TitleKind.LITTLE_GIANT, Decimal("1.00")),),
    )
    result = compute(POLICY, inp)
    assert [f.rule for f in result.failures] == [
        "first_recognition",
        "recognition_year",
        "title_status",
        "field",
        "in_city",
        "active",
        "exclusions",
        "city_reward",
        "decision_date",
        "already_rewarded",
    ]
    reasons = " ".join(f.reason for f in result.failures)
    assert "复核" in reasons and "2023" in reasons and "已撤销" in reasons and "重大安全" in reasons
    failed_steps = [t for t in result.trace if t.value.startswith("不符合")]
    assert len(failed_steps) == len(result.failures)
    assert result.province_match == 0


def test_trace_cites_the_clause_for_each_arithmetic_step() -> None:
    inp = RewardInput(
        TitleFacts(TitleKind.SINGLE_CHAMPION, date(2025, 6, 1)),
        EnterpriseFacts(Field.AI),
        Decimal("2000000.00"),
        date(2025, 10, 20),
        (PriorReward(TitleKind.LITTLE_GIANT, Decimal("1000000.00")),),
    )
    result = compute(POLICY, inp)
    assert result.eligible and result.province_match == Decimal("500000.00")
    steps = {t.step: t for t in result.trace}
    half = next(t for t in result.trace if "一半" in t.step)
    assert half.value == "1500000.00" and half.reference.startswith("粤府办〔2025〕6号")
    top_up = next(t for t in result.trace if "差额奖补" in t.step)
    assert top_up.value == "500000.00" and "推定" in top_up.reference
    assert result.trace[-1].value == "2500000.00" and "合计" in result.trace[-1].step
    assert any("1:1" in t.quote for t in steps.values())


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"city_reward": "12.345"}, "city_reward"),
        ({"city_reward": -5}, "city_reward"),
        ({"city_reward": True}, "city_reward"),
        ({"title": {"kind": "little-giant", "recognized_on": "2025-02-30"}}, "title.recognized_on"),
        (
            {"title": {"kind": "little-giant", "recognized_on": "2025-02-03", "status": "gone"}},
            "title.status",
        ),
        ({"prior_rewards": {"kind": "little-giant"}}, "prior_rewards"),
        ({"enterprise": {"field": "robotics", "exclusion_hits": ["fraud"]}}, "enterprise.exclusion_hits[0]"),
    ],
)
def test_bad_input_names_the_field(patch: dict[str, object], field: str) -> None:
    data: dict[str, object] = {
        "title": {"kind": "little-giant", "recognized_on": "2025-07-15"},
        "enterprise": {"field": "robotics"},
        "city_reward": "1000000.00",
        "decided_on": "2025-10-20",
        **patch,
    }
    with pytest.raises(RewardInputError) as info:
        parse_reward_input(data)
    assert info.value.field == field
    assert field in str(info.value)


def test_amounts_in_a_built_input_are_checked_not_rounded() -> None:
    inp = RewardInput(
        TitleFacts(TitleKind.LITTLE_GIANT, date(2025, 7, 1)),
        EnterpriseFacts(Field.AI),
        Decimal("1.005"),
        date(2025, 10, 1),
    )
    with pytest.raises(RewardInputError, match="city_reward"):
        compute(POLICY, inp)

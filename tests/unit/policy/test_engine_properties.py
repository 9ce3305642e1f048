"""Properties of the reward arithmetic that hold for every amount, title and prior reward (hypothesis)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.enums import Field, TitleKind
from core.policy.engine import (
    EnterpriseFacts,
    PriorReward,
    RewardInput,
    TitleFacts,
    compute,
    parse_reward_input,
)
from core.policy.loader import load_policy, parse_policy
from core.policy.model import Policy
from core.policy.registry import SHIPPED_DIR

ROOT = Path(__file__).resolve().parents[3]
HALF = load_policy(SHIPPED_DIR / "gd-ai-robotics-2025.toml")
COMBINED = load_policy(ROOT / "tests" / "golden" / "policies" / "combined-cap.toml")
INDEPENDENT = load_policy(ROOT / "tests" / "golden" / "policies" / "independent.toml")
CAPS = {TitleKind.SINGLE_CHAMPION: Decimal("3000000.00"), TitleKind.LITTLE_GIANT: Decimal("2000000.00")}

amounts = st.integers(min_value=0, max_value=600_000_000).map(lambda fen: Decimal(fen) / 100)
kinds = st.sampled_from(list(TitleKind))
policies = st.sampled_from([HALF, COMBINED])


def _input(kind: TitleKind, city: Decimal, priors: tuple[PriorReward, ...] = ()) -> RewardInput:
    return RewardInput(
        title=TitleFacts(kind=kind, recognized_on=date(2025, 7, 15)),
        enterprise=EnterpriseFacts(field=Field.ROBOTICS),
        city_reward=city,
        decided_on=date(2025, 10, 20),
        prior_rewards=priors,
    )


@given(policies, kinds, amounts)
def test_province_never_exceeds_city_times_ratio(policy: Policy, kind: TitleKind, city: Decimal) -> None:
    result = compute(policy, _input(kind, city))
    assert result.province_match <= city * 1  # the ratio is 1:1 in both files
    assert result.total == result.city_reward + result.province_match


@given(kinds, amounts)
def test_half_cap_province_at_most_half_the_cap(kind: TitleKind, city: Decimal) -> None:
    result = compute(HALF, _input(kind, city))
    assert result.province_match <= CAPS[kind] / 2
    assert result.cap == CAPS[kind]


@given(kinds, amounts)
def test_combined_cap_total_within_cap_unless_city_alone_exceeds_it(kind: TitleKind, city: Decimal) -> None:
    result = compute(COMBINED, _input(kind, city))
    assert result.city_reward + result.province_match <= max(CAPS[kind], city)


@given(policies, kinds, amounts, amounts)
def test_cumulative_province_under_top_up_never_exceeds_the_highest_titles_maximum(
    policy: Policy, first: TitleKind, city_first: Decimal, city_second: Decimal
) -> None:
    second = next(k for k in TitleKind if k is not first)
    a = compute(policy, _input(first, city_first))
    b = compute(policy, _input(second, city_second, (PriorReward(first, a.province_match),)))
    highest_max = max(CAPS.values()) / 2  # with ratio 1:1 the province's maximum is cap/2 in both modes
    assert a.province_match + b.province_match <= highest_max
    # and never less than what the second title alone would have earned (the top-up makes up the difference)
    alone = compute(policy, _input(second, city_second))
    assert a.province_match + b.province_match >= alone.province_match


@given(kinds, amounts, amounts)
def test_independent_stacking_rewards_each_title_on_its_own(
    first: TitleKind, paid: Decimal, city: Decimal
) -> None:
    second = next(k for k in TitleKind if k is not first)
    with_prior = compute(INDEPENDENT, _input(second, city, (PriorReward(first, paid),)))
    alone = compute(INDEPENDENT, _input(second, city))
    assert with_prior.province_match == alone.province_match


@settings(max_examples=50)
@given(policies, kinds, amounts, st.lists(st.tuples(kinds, amounts), max_size=2))
def test_same_inputs_same_result(
    policy: Policy, kind: TitleKind, city: Decimal, priors: list[tuple[TitleKind, Decimal]]
) -> None:
    inp = _input(kind, city, tuple(PriorReward(k, p) for k, p in priors))
    reloaded = load_policy(_path(policy))
    assert compute(policy, inp) == compute(policy, inp) == compute(reloaded, inp)


def _path(policy: Policy) -> Path:
    name = policy.header.source
    shipped = SHIPPED_DIR / name
    return shipped if shipped.exists() else ROOT / "tests" / "golden" / "policies" / name


@given(kinds, amounts)
def test_an_ineligible_case_gets_no_provincial_match(kind: TitleKind, city: Decimal) -> None:
    inp = _input(kind, city)
    late = RewardInput(inp.title, inp.enterprise, inp.city_reward, date(2028, 1, 1))
    result = compute(HALF, late)
    assert not result.eligible and result.province_match == 0
    assert [f.rule for f in result.failures][-1] == "decision_date"


@settings(max_examples=50)
@given(policies, kinds, amounts, st.lists(st.tuples(kinds, amounts), max_size=2))
def test_a_frozen_case_recomputes_to_the_same_result(
    policy: Policy, kind: TitleKind, city: Decimal, priors: list[tuple[TitleKind, Decimal]]
) -> None:
    """What freezing stores (the input as JSON, the policy file's bytes) computes to the same figures and trace."""
    inp = _input(kind, city, tuple(PriorReward(k, p) for k, p in priors))
    frozen = json.dumps(compute(policy, inp).to_json(with_quotes=True), ensure_ascii=False)
    stored_input = json.dumps(inp.to_json())
    snapshot = _path(policy).read_bytes()
    again = compute(
        parse_policy(snapshot, policy.header.source), parse_reward_input(json.loads(stored_input))
    )
    assert json.dumps(again.to_json(with_quotes=True), ensure_ascii=False) == frozen

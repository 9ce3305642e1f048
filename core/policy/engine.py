"""The reward engine: pure `compute(policy, RewardInput) -> RewardResult`, with every failed rule and a trace.

Rules (DOMAIN.md "Eligibility checks"); every failure is listed, not just the first:
  title_kind          the policy covers this title kind
  national_level      recognised by MIIT (national), not a provincial 专精特新 title
  first_recognition   first recognition (a re-review counts only if the policy says so)
  recognition_year    recognition year within the policy's eligible years
  title_status        the title is valid (not revoked / expired)
  field               the enterprise's field is one the policy counts (AI, robotics, both)
  in_city             registered in this city
  active              not deregistered
  exclusions          the officer's exclusion checklist is cleared
  city_reward         the city reward is decided and positive
  decision_date       the decision date lies within the policy's validity
  already_rewarded    (enterprise, title kind) rewarded at most once per policy
  stacking            highest-with-top-up: nothing left to top up after the province already paid

Arithmetic (DOMAIN.md "Reward arithmetic"), amounts rounded to 0.01 with the policy's rounding:
  matched  = city × ratio
  half-cap:     province = min(matched, cap / 2)
  combined-cap: province = max(0, min(matched, cap − city))
  highest-with-top-up: province = max(0, province − province already paid under this policy for other titles)
  total = city + province. An ineligible case gets province 0 (total = city).

The input (`RewardInput`) and how its JSON is read live in `core.policy.reward_input`; their names are
re-exported here.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from core.domain.enums import TitleStatus
from core.policy.model import Policy, Reference, TitleRule
from core.policy.reward_input import (
    EXCLUSION_ITEMS,
    EnterpriseFacts,
    PriorReward,
    RewardInput,
    RewardInputError,
    TitleFacts,
    check_amount,
    parse_reward_input,
)

__all__ = [
    "CENT",
    "EXCLUSION_ITEMS",
    "RULE_IDS",
    "ZERO",
    "EnterpriseFacts",
    "Failure",
    "PriorReward",
    "RewardInput",
    "RewardInputError",
    "RewardResult",
    "TitleFacts",
    "TraceStep",
    "cap_warnings",
    "check_amount",
    "compute",
    "param_date",
    "parse_reward_input",
]

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


RULE_IDS = (
    "title_kind",
    "national_level",
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
    "stacking",
)


@dataclass(frozen=True)
class Failure:
    rule: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "reason": self.reason}


@dataclass(frozen=True)
class TraceStep:
    step: str
    value: str
    reference: str
    quote: str = ""

    def to_json(self, with_quote: bool = False) -> dict[str, str]:
        out = {"step": self.step, "value": self.value, "reference": self.reference}
        if with_quote:
            out["quote"] = self.quote
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TraceStep:
        return cls(str(data["step"]), str(data["value"]), str(data["reference"]), str(data.get("quote", "")))


@dataclass(frozen=True)
class RewardResult:
    eligible: bool
    failures: tuple[Failure, ...]
    city_reward: Decimal
    province_match: Decimal
    total: Decimal
    cap: Decimal
    trace: tuple[TraceStep, ...]
    policy_id: str
    policy_sha256: str
    province_before_stacking: Decimal = ZERO

    @property
    def warnings(self) -> tuple[str, ...]:
        return cap_warnings(self.total, self.cap, self.eligible)

    def to_json(self, with_quotes: bool = False) -> dict[str, Any]:
        """The headless contract's output shape (amounts as strings with two decimals)."""
        return {
            "eligible": self.eligible,
            "failures": [f.to_json() for f in self.failures],
            "city_reward": _s(self.city_reward),
            "province_match": _s(self.province_match),
            "total": _s(self.total),
            "cap": _s(self.cap),
            "trace": [t.to_json(with_quotes) for t in self.trace],
            "policy": {"id": self.policy_id, "sha256": self.policy_sha256},
            "warnings": list(self.warnings),
        }


def cap_warnings(
    total: Decimal, cap: Decimal, eligible: bool = True, kind_label: str = ""
) -> tuple[str, ...]:
    """A total above the policy's 奖励总额度 is shown wherever the total appears (editor, list, trace, approval
    form, ledger, JSON): allowed only with the approver's recorded reason. Under half-cap the province's match
    stops at cap/2, so a city reward above cap/2 takes the total past the limit."""
    if not eligible or cap <= 0 or total <= cap:
        return ()
    what = f"{kind_label}奖励总额度" if kind_label else "奖励总额度"
    return (
        f"合计 {total:,.2f} 元超过本政策{what} {cap:,.2f} 元，超出 {total - cap:,.2f} 元"
        "（超出部分由市级自行承担；批准须由审批人填写理由）。",
    )


def _s(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.2f} 元"


# ---------------------------------------------------------------------------------------------- compute


@dataclass
class _Run:
    policy: Policy
    failures: list[Failure] = field(default_factory=list)
    trace: list[TraceStep] = field(default_factory=list)

    def step(self, text: str, value: str, ref: Reference | str) -> None:
        if isinstance(ref, Reference):
            self.trace.append(TraceStep(text, value, ref.cite(), ref.quote))
        else:
            self.trace.append(TraceStep(text, value, ref))

    def check(self, rule: str, ok: bool, what: str, reason: str, ref: Reference | str) -> None:
        if ok:
            self.step(what, "符合", ref)
        else:
            self.failures.append(Failure(rule, reason))
            self.step(what, f"不符合：{reason}", ref)


def _rounding(policy: Policy, on: date) -> str:
    mode = policy.rounding.value_on(on)
    return {"ROUND_HALF_UP": decimal.ROUND_HALF_UP}[mode]


def param_date(policy: Policy, decided_on: date) -> date:
    """The date the parameters are read on: the decision date, kept within the policy's validity."""
    on = max(decided_on, policy.valid_from)
    if policy.valid_until is not None:
        on = min(on, policy.valid_until)
    return on


def compute(policy: Policy, inp: RewardInput) -> RewardResult:
    """Eligibility, city reward, provincial match, total, cap and the trace. Pure: same inputs, same result."""
    for i, prior in enumerate(inp.prior_rewards):
        check_amount(prior.province_paid, f"prior_rewards[{i}].province_paid")
    if inp.city_reward is not None:
        check_amount(inp.city_reward, "city_reward")
    run = _Run(policy)
    on = param_date(policy, inp.decided_on)
    rule = policy.title_rule(inp.title.kind)
    run.step("适用政策", f"{policy.header.title}（{policy.doc_no}）", policy.clause)
    _check_title(run, rule, inp, on)
    _check_enterprise(run, rule, inp, on)
    _check_reward_and_date(run, inp)
    city = inp.city_reward
    if rule is None:
        amount = city if city is not None else ZERO
        run.step("不符合奖励条件，省级配套", _s(ZERO), policy.clause)
        return _result(run, amount, ZERO, ZERO, ZERO)

    # arithmetic
    city_amt = city if city is not None else ZERO
    cap, before = _match(run, rule, city_amt, on)
    province = _stack(run, inp, before, on)
    if run.failures:
        run.step(f"不符合奖励条件（{len(run.failures)} 项），省级配套", _s(ZERO), policy.clause)
        return _result(run, city_amt, ZERO, cap, before)
    total = city_amt + province
    run.step(f"合计 = 市级 {_yuan(city_amt)} + 省级 {_yuan(province)}", _s(total), policy.clause)
    if total > cap:
        run.step(
            f"注意：合计超过奖励总额度 {_yuan(cap)}（{rule.label}），超出部分由市级自行承担，须审批人说明理由",
            _s(total - cap),
            rule.cap.ref,
        )
    return _result(run, city_amt, province, cap, before)


def _rules_ref(policy: Policy) -> str:
    return f"{policy.implementing_rules} 申报条件"


def _check_title(run: _Run, rule: TitleRule | None, inp: RewardInput, on: date) -> None:
    """Steps 1–2: the title's kind and level, first recognition, year and status."""
    policy = run.policy
    kind = inp.title.kind
    covered = "、".join(r.label for r in policy.titles)
    rules_ref = _rules_ref(policy)
    # 1. title kind, national level
    run.check(
        "title_kind",
        rule is not None,
        f"称号类别：{kind.label}",
        f"本政策不奖励{kind.label}称号，仅限：{covered}。",
        policy.clause,
    )
    run.check(
        "national_level",
        inp.title.national,
        "称号须为工业和信息化部认定的国家级称号",
        "该称号不是国家级（工业和信息化部认定）称号，省级专精特新企业不在奖励范围。",
        policy.clause,
    )
    # 2. first recognition, year, status
    year = inp.title.recognized_on.year
    if rule is not None:
        counts = rule.re_review_counts.value_on(on)
        run.check(
            "first_recognition",
            counts or not inp.title.re_review,
            "首次获评（复核通过的不属首次获评）",
            "该称号为复核通过，不是首次获评，本政策只奖励首次获评的企业。",
            rule.re_review_counts.ref,
        )
        years = rule.eligible_years.value_on(on)
        shown = "、".join(str(y) for y in years)
        run.check(
            "recognition_year",
            year in years,
            f"认定年份 {year} 年须在可奖励年份（{shown}年）内",
            f"认定年份为 {year} 年，不在可奖励年份（{shown}年）内。",
            rule.eligible_years.ref,
        )
    run.check(
        "title_status",
        inp.title.status is TitleStatus.VALID,
        f"称号状态：{inp.title.status.label}",
        f"称号状态为“{inp.title.status.label}”，须为有效称号。",
        rules_ref,
    )


def _check_enterprise(run: _Run, rule: TitleRule | None, inp: RewardInput, on: date) -> None:
    """Steps 3–5: the enterprise's field, registration in the city, existence and the exclusions."""
    policy = run.policy
    rules_ref = _rules_ref(policy)
    # 3. field
    if rule is not None:
        fields = rule.fields.value_on(on)
        run.check(
            "field",
            inp.enterprise.field in fields,
            f"企业所属领域：{inp.enterprise.field.label}",
            f"企业所属领域为“{inp.enterprise.field.label}”，须属人工智能或机器人领域。",
            rule.fields.ref,
        )
    # 4. city, registration
    run.check(
        "in_city",
        inp.enterprise.in_city,
        "企业在本市登记注册",
        "企业不在本市登记注册，应由其注册地的地市奖励。",
        policy.clause,
    )
    run.check("active", inp.enterprise.active, "企业存续（未注销）", "企业已注销。", rules_ref)
    # 5. exclusions
    hits = "；".join(EXCLUSION_ITEMS[h] for h in inp.enterprise.exclusion_hits)
    run.check(
        "exclusions",
        inp.enterprise.exclusions_cleared,
        "负面情形核查（经营异常/失信、重大事故、偷漏税、淘汰限制类产品）",
        f"负面情形核查未通过：{hits}。" if hits else "负面情形核查未通过（经办人未确认排除清单）。",
        rules_ref,
    )


def _check_reward_and_date(run: _Run, inp: RewardInput) -> None:
    """Steps 6–8: the city reward, the decision date within the policy's validity, once per title kind."""
    policy = run.policy
    kind = inp.title.kind
    # 6. city reward
    city = inp.city_reward
    if city is None:
        run.check("city_reward", False, "市级奖励金额", "市级奖励金额尚未确定。", policy.clause)
    else:
        run.check(
            "city_reward",
            city > 0,
            f"市级奖励金额已确定且大于零：{_yuan(city)}",
            "市级奖励金额须大于零（省级按地市奖励资金配套，地市不奖励则省级不配套）。",
            policy.clause,
        )
    # 7. decision date
    until = policy.valid_until
    in_force = inp.decided_on >= policy.valid_from and (until is None or inp.decided_on <= until)
    period = f"{policy.valid_from.isoformat()} 至 {until.isoformat() if until else '（长期）'}"
    run.check(
        "decision_date",
        in_force,
        f"决定日期 {inp.decided_on.isoformat()} 须在政策有效期（{period}）内",
        f"决定日期 {inp.decided_on.isoformat()} 不在政策有效期（{period}）内。",
        policy.validity,
    )
    # 8. at most once per (enterprise, title kind)
    # A prior entry of the same kind with nothing paid (e.g. an earlier case that came to nothing) does not count.
    same = [p for p in inp.prior_rewards if p.kind is kind and p.province_paid > 0]
    run.check(
        "already_rewarded",
        not same,
        "同一称号未按本政策获得过奖励",
        f"该企业已按本政策获得{kind.label}称号的省级配套（{_yuan(same[0].province_paid) if same else ''}），同一称号不重复奖励。",
        policy.clause,
    )


def _match(run: _Run, rule: TitleRule, city_amt: Decimal, on: date) -> tuple[Decimal, Decimal]:
    """The provincial match before stacking, by the policy's matching mode; returns (cap, match)."""
    policy = run.policy
    rounding = _rounding(policy, on)
    cap = rule.cap.value_on(on)
    ratio = rule.matching_ratio.value_on(on)
    mode = policy.matching_mode.value_on(on)
    run.step("市级奖励（地市先行奖励）", _s(city_amt), policy.clause)
    run.step(f"奖励总额度上限（{rule.label}）", _s(cap), rule.cap.ref)
    matched = (city_amt * ratio).quantize(CENT, rounding=rounding)
    run.step(
        f"按地市奖励资金 1:{ratio.normalize():f} 计算配套：{_yuan(city_amt)} × {ratio.normalize():f}",
        _s(matched),
        rule.matching_ratio.ref,
    )
    if mode == "half-cap":
        limit = (cap / 2).quantize(CENT, rounding=rounding)
        run.step(f"省级配套不超过奖励总额度的一半：{_yuan(cap)} ÷ 2", _s(limit), policy.matching_mode.ref)
        province = min(matched, limit)
        run.step(f"省级配套 = min({_s(matched)}, {_s(limit)})", _s(province), policy.matching_mode.ref)
    else:
        limit = cap - city_amt
        run.step(
            f"省级配套不超过奖励总额度减市级奖励：{_yuan(cap)} − {_yuan(city_amt)}",
            _s(limit),
            policy.matching_mode.ref,
        )
        province = max(ZERO, min(matched, limit))
        run.step(
            f"省级配套 = max(0, min({_s(matched)}, {_s(limit)}))", _s(province), policy.matching_mode.ref
        )
    return cap, province


def _stack(run: _Run, inp: RewardInput, before: Decimal, on: date) -> Decimal:
    """Stacking with other titles' provincial match under this policy: the match after it."""
    policy = run.policy
    kind = inp.title.kind
    province = before
    stacking = policy.stacking.value_on(on)
    others = [p for p in inp.prior_rewards if p.kind is not kind]
    if others:
        paid = sum((p.province_paid for p in others), ZERO)
        kinds = "、".join(p.kind.label for p in others)
        if stacking == "highest-with-top-up":
            run.step(f"本政策下已获省级配套（{kinds}）", _s(paid), policy.stacking.ref)
            province = max(ZERO, before - paid)
            run.step(
                f"就高不重复、差额奖补：省级配套 = max(0, {_s(before)} − {_s(paid)})",
                _s(province),
                policy.stacking.ref,
            )
            run.check(
                "stacking",
                province > 0 or before == 0,
                "差额奖补后仍有应配套金额",
                f"该企业已按本政策获得省级配套 {_yuan(paid)}（{kinds}），不低于本称号应配套的 {_yuan(before)}；"
                "就高不重复，本称号不再配套。",
                policy.stacking.ref,
            )
        else:
            run.step(f"各称号分别奖励，不扣减已获配套（{kinds}）", _s(province), policy.stacking.ref)
    return province


def _result(run: _Run, city: Decimal, province: Decimal, cap: Decimal, before: Decimal) -> RewardResult:
    return RewardResult(
        eligible=not run.failures,
        failures=tuple(run.failures),
        city_reward=city,
        province_match=province,
        total=city + province,
        cap=cap,
        trace=tuple(run.trace),
        policy_id=run.policy.id,
        policy_sha256=run.policy.sha256,
        province_before_stacking=before,
    )

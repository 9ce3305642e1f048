"""What the reward engine takes (`RewardInput`: the title's and the enterprise's facts, the city reward,
the decision date, prior rewards under the same policy) and how the headless contract's JSON input is read
and checked (`parse_reward_input`, raising `RewardInputError` with the path of the bad value); with the
exclusion checklist's items (`EXCLUSION_ITEMS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from core.domain.enums import Field, TitleKind, TitleStatus
from core.domain.money import MoneyError, parse_amount

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


EXCLUSION_ITEMS: dict[str, str] = {
    "abnormal": "列入经营异常名录或严重失信主体名单",
    "accident": "近三年发生重大安全（含网络、数据安全）、质量或环境事故",
    "tax": "存在偷漏税行为",
    "catalogue": "产品属于淘汰类或限制类目录",
}


class RewardInputError(ValueError):
    """An input the engine refuses: `field` is the path of the offending key (e.g. `title.recognized_on`)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}：{message}")


@dataclass(frozen=True)
class TitleFacts:
    kind: TitleKind
    recognized_on: date
    re_review: bool = False
    status: TitleStatus = TitleStatus.VALID
    national: bool = True


@dataclass(frozen=True)
class EnterpriseFacts:
    field: Field
    in_city: bool = True
    active: bool = True
    exclusions_cleared: bool = True
    exclusion_hits: tuple[str, ...] = ()  # keys of EXCLUSION_ITEMS, for the reason text


@dataclass(frozen=True)
class PriorReward:
    """A reward this enterprise already received under the same policy."""

    kind: TitleKind
    province_paid: Decimal


@dataclass(frozen=True)
class RewardInput:
    title: TitleFacts
    enterprise: EnterpriseFacts
    city_reward: Decimal | None  # None: not decided yet
    decided_on: date
    prior_rewards: tuple[PriorReward, ...] = ()
    policy_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The headless contract's input shape; `parse_reward_input(x.to_json()) == x`."""
        out: dict[str, Any] = {
            "title": {
                "kind": self.title.kind.value,
                "recognized_on": self.title.recognized_on.isoformat(),
                "re_review": self.title.re_review,
                "status": self.title.status.value,
                "national": self.title.national,
            },
            "enterprise": {
                "field": self.enterprise.field.value,
                "in_city": self.enterprise.in_city,
                "active": self.enterprise.active,
                "exclusions_cleared": self.enterprise.exclusions_cleared,
                "exclusion_hits": list(self.enterprise.exclusion_hits),
            },
            "city_reward": None if self.city_reward is None else f"{self.city_reward:.2f}",
            "decided_on": self.decided_on.isoformat(),
            "prior_rewards": [
                {"kind": p.kind.value, "province_paid": f"{p.province_paid:.2f}"} for p in self.prior_rewards
            ],
        }
        if self.policy_id is not None:
            out = {"policy": self.policy_id, **out}
        return out


def _req(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise RewardInputError(_path(where, key), "缺少此项")
    return data[key]


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _obj(value: Any, where: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RewardInputError(where or "输入", "应为 JSON 对象 {...}")
    for key in value:
        if key not in allowed:
            raise RewardInputError(_path(where, key), f"未知的项；此处允许：{', '.join(allowed)}")
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise RewardInputError(where, f"应为 true 或 false，实际为 {value!r}")
    return value


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise RewardInputError(where, f'应为日期，写成 "2025-10-20"，实际为 {value!r}')


def _enum(enum: Any, value: Any, where: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = " / ".join(m.value for m in enum)
        raise RewardInputError(where, f"应为 {allowed} 之一，实际为 {value!r}") from None


def _amount(value: Any, where: str) -> Decimal:
    try:
        return parse_amount(value, "金额")
    except MoneyError as exc:
        raise RewardInputError(where, str(exc)) from None


def parse_reward_input(data: Any) -> RewardInput:
    """Read the headless contract's input object strictly; the error names the offending field."""
    root = _obj(data, "", ("policy", "title", "enterprise", "city_reward", "decided_on", "prior_rewards"))
    policy_id = root.get("policy")
    if policy_id is not None and (not isinstance(policy_id, str) or not policy_id.strip()):
        raise RewardInputError(
            "policy", f'应为政策标识文本（如 "gd-ai-robotics-2025"），实际为 {policy_id!r}'
        )
    t = _obj(_req(root, "title", ""), "title", ("kind", "recognized_on", "re_review", "status", "national"))
    title = TitleFacts(
        kind=_enum(TitleKind, _req(t, "kind", "title"), "title.kind"),
        recognized_on=_date(_req(t, "recognized_on", "title"), "title.recognized_on"),
        re_review=_bool(t.get("re_review", False), "title.re_review"),
        status=_enum(TitleStatus, t.get("status", "valid"), "title.status"),
        national=_bool(t.get("national", True), "title.national"),
    )
    e = _obj(
        _req(root, "enterprise", ""),
        "enterprise",
        ("field", "in_city", "active", "exclusions_cleared", "exclusion_hits"),
    )
    hits_raw = e.get("exclusion_hits", [])
    if not isinstance(hits_raw, list):
        raise RewardInputError("enterprise.exclusion_hits", f"应为列表，取值于 {', '.join(EXCLUSION_ITEMS)}")
    for i, hit in enumerate(hits_raw):
        if hit not in EXCLUSION_ITEMS:
            raise RewardInputError(
                f"enterprise.exclusion_hits[{i}]", f"应为 {' / '.join(EXCLUSION_ITEMS)} 之一，实际为 {hit!r}"
            )
    cleared = _bool(e.get("exclusions_cleared", not hits_raw), "enterprise.exclusions_cleared")
    if cleared and hits_raw:
        raise RewardInputError("enterprise.exclusions_cleared", "列有排除项（exclusion_hits）时不能为 true")
    enterprise = EnterpriseFacts(
        field=_enum(Field, _req(e, "field", "enterprise"), "enterprise.field"),
        in_city=_bool(e.get("in_city", True), "enterprise.in_city"),
        active=_bool(e.get("active", True), "enterprise.active"),
        exclusions_cleared=cleared,
        exclusion_hits=tuple(hits_raw),
    )
    city_raw = _req(root, "city_reward", "")
    city = None if city_raw is None else _amount(city_raw, "city_reward")
    priors_raw = root.get("prior_rewards", [])
    if not isinstance(priors_raw, list):
        raise RewardInputError("prior_rewards", '应为列表 [{"kind": ..., "province_paid": "0.00"}]')
    priors: list[PriorReward] = []
    for i, item in enumerate(priors_raw):
        where = f"prior_rewards[{i}]"
        p = _obj(item, where, ("kind", "province_paid"))
        priors.append(
            PriorReward(
                kind=_enum(TitleKind, _req(p, "kind", where), f"{where}.kind"),
                province_paid=_amount(_req(p, "province_paid", where), f"{where}.province_paid"),
            )
        )
    return RewardInput(
        title=title,
        enterprise=enterprise,
        city_reward=city,
        decided_on=_date(_req(root, "decided_on", ""), "decided_on"),
        prior_rewards=tuple(priors),
        policy_id=policy_id.strip() if isinstance(policy_id, str) else None,
    )


def check_amount(value: Decimal, where: str) -> Decimal:
    """Refuse (do not round) an amount with more than two decimals or a negative one."""
    return _amount(value, where)

"""What an officer types for a case and how it is checked: the edit of a draft (`CaseEdit`: city reward
or the schedule's, the override reason, decision date, exclusions, notes), the list filter (`CaseQuery`),
and `_resolve`, which turns an edit into the values a case is computed with (`_Draft`), taking the city's
reward schedule unless overridden with a reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.domain.enums import TitleKind, parse_enum
from core.domain.money import MoneyError, parse_amount
from core.policy.engine import (
    EXCLUSION_ITEMS,
)
from core.services.cases.results import SOURCE_OVERRIDE, SOURCE_SCHEDULE
from core.services.errors import InputError
from core.services.policies import (
    current_schedule,
)
from core.store.models_cases import RewardCase


@dataclass(frozen=True)
class CaseEdit:
    """What an officer edits on a draft. `city_reward` None = take the city's schedule; text or Decimal =
    an override (then `override_reason` is required unless it equals the schedule amount)."""

    city_reward: str | Decimal | None = None
    override_reason: str = ""
    decided_on: date | str | None = None
    exclusion_hits: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class CaseQuery:
    text: str = ""
    status: str | None = None
    kind: TitleKind | None = None
    eligible: bool | None = None
    year: int | None = None  # recognition year of the title
    frozen: bool | None = None


def _amount(value: str | Decimal, what: str, key: str) -> Decimal:
    try:
        return parse_amount(value, what)
    except MoneyError as exc:
        raise InputError(str(exc), {key: str(exc)}) from None


def _date(value: date | str | None, key: str, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{what}“{value}”不是有效日期，请写成 2025-10-20。", {key: "日期无效"}) from None


def _hits(items: tuple[str, ...]) -> tuple[str, ...]:
    for item in items:
        if item not in EXCLUSION_ITEMS:
            raise InputError(
                f"未知的负面情形“{item}”，可选：{'、'.join(EXCLUSION_ITEMS)}。", {"exclusion_hits": item}
            )
    return tuple(dict.fromkeys(items))


def _schedule_amount(kind: TitleKind, on: date) -> tuple[Decimal | None, str | None]:
    loaded = current_schedule()
    if loaded is None:
        return None, None
    found = loaded.schedule.amount(kind, on)
    return (found[0] if found else None), loaded.schedule.sha256


@dataclass(frozen=True)
class _Draft:
    city_reward: Decimal | None
    source: str
    reason: str
    schedule_sha: str | None
    decided_on: date | None
    hits: tuple[str, ...]
    notes: str


def _resolve(kind: TitleKind, edit: CaseEdit, today: date, require_reason: bool = True) -> _Draft:
    decided = _date(edit.decided_on, "decided_on", "决定日期")
    on = decided or today
    schedule_amount, schedule_sha = _schedule_amount(kind, on)
    reason = edit.override_reason.strip()
    if edit.city_reward is None or (isinstance(edit.city_reward, str) and not edit.city_reward.strip()):
        city, source = schedule_amount, SOURCE_SCHEDULE
        reason = ""
    else:
        city = _amount(edit.city_reward, "市级奖励金额", "city_reward")
        if schedule_amount is not None and city == schedule_amount:
            source, reason = SOURCE_SCHEDULE, ""
        else:
            source = SOURCE_OVERRIDE
            if not reason and require_reason:
                shown = f"{schedule_amount:,.2f} 元" if schedule_amount is not None else "（未设定）"
                raise InputError(
                    f"市级奖励金额与本市奖励标准（{shown}）不同，须填写调整理由。",
                    {"override_reason": "必填"},
                )
    return _Draft(city, source, reason, schedule_sha, decided, _hits(edit.exclusion_hits), edit.notes.strip())


def _kind(value: str | TitleKind) -> TitleKind:
    if isinstance(value, TitleKind):
        return value
    try:
        return parse_enum(TitleKind, value, "称号类别")
    except ValueError as exc:
        raise InputError(str(exc), {"title_kind": str(exc)}) from None


def _edit_of(case: RewardCase) -> CaseEdit:
    return CaseEdit(
        city_reward=case.city_reward if case.city_reward_source == SOURCE_OVERRIDE else None,
        override_reason=case.city_reward_reason,
        decided_on=case.decided_on,
        exclusion_hits=tuple(json.loads(case.exclusion_hits)),
        notes=case.notes,
    )

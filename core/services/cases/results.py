"""What the case use cases hand back: a case as stored (`CaseView`), the check that a frozen case
recomputes to the same figures, a batch preview (who would get a case and who is out, and why) and a policy
file's impact on open cases; with the case statuses and city-reward sources they use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from core.domain.enums import TitleKind
from core.policy.engine import (
    Failure,
    RewardResult,
    TraceStep,
    cap_warnings,
)

DRAFT = "draft"


# Statuses of cases that no longer count as a reward (the workflow issue defines the full set).
CLOSED_WITHOUT_REWARD = frozenset({"withdrawn", "void", "voided", "rejected"})


SOURCE_SCHEDULE = "schedule"


SOURCE_OVERRIDE = "override"


@dataclass(frozen=True)
class CaseView:
    id: int
    enterprise_id: int
    enterprise_code: str
    enterprise_name: str
    district: str
    title_id: int
    title_kind: TitleKind
    title_batch: int
    recognized_on: date
    policy_id: str
    policy_sha256: str
    city_reward: Decimal | None
    city_reward_source: str
    city_reward_reason: str
    province_match: Decimal
    total: Decimal
    cap: Decimal
    eligible: bool
    failures: tuple[Failure, ...]
    trace: tuple[TraceStep, ...]
    exclusion_hits: tuple[str, ...]
    status: str
    decided_on: date | None
    frozen: bool
    frozen_at: datetime | None
    notes: str
    created_at: datetime
    updated_at: datetime
    version: int

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the officer must see beside the total (e.g. a total above the policy's 奖励总额度)."""
        return cap_warnings(self.total, self.cap, self.eligible, self.title_kind.label)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "enterprise": {
                "id": self.enterprise_id,
                "code": self.enterprise_code,
                "name": self.enterprise_name,
                "district": self.district,
            },
            "title": {
                "id": self.title_id,
                "kind": self.title_kind.value,
                "batch": self.title_batch,
                "recognized_on": self.recognized_on.isoformat(),
            },
            "policy": {"id": self.policy_id, "sha256": self.policy_sha256},
            "city_reward": None if self.city_reward is None else f"{self.city_reward:.2f}",
            "city_reward_source": self.city_reward_source,
            "city_reward_reason": self.city_reward_reason,
            "province_match": f"{self.province_match:.2f}",
            "total": f"{self.total:.2f}",
            "cap": f"{self.cap:.2f}",
            "eligible": self.eligible,
            "failures": [f.to_json() for f in self.failures],
            "trace": [t.to_json() for t in self.trace],
            "exclusion_hits": list(self.exclusion_hits),
            "decided_on": self.decided_on.isoformat() if self.decided_on else None,
            "frozen": self.frozen,
            "frozen_at": self.frozen_at.isoformat(timespec="seconds") if self.frozen_at else None,
            "notes": self.notes,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "updated_at": self.updated_at.isoformat(timespec="seconds"),
            "version": self.version,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class RecomputeCheck:
    case_id: int
    same: bool
    stored: RewardResult
    recomputed: RewardResult


@dataclass(frozen=True)
class BatchLine:
    title_id: int
    enterprise_id: int
    enterprise_code: str
    enterprise_name: str
    district: str
    kind: TitleKind
    recognized_on: date
    city_reward: Decimal | None
    province_match: Decimal
    total: Decimal
    reasons: tuple[str, ...] = ()  # why excluded (empty when included)

    def to_json(self) -> dict[str, Any]:
        return {
            "title_id": self.title_id,
            "code": self.enterprise_code,
            "name": self.enterprise_name,
            "district": self.district,
            "kind": self.kind.value,
            "recognized_on": self.recognized_on.isoformat(),
            "city_reward": None if self.city_reward is None else f"{self.city_reward:.2f}",
            "province_match": f"{self.province_match:.2f}",
            "total": f"{self.total:.2f}",
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class BatchPreview:
    year: int
    policy_id: str
    included: tuple[BatchLine, ...]
    excluded: tuple[BatchLine, ...]

    @property
    def province_total(self) -> Decimal:
        return sum((line.province_match for line in self.included), Decimal("0.00"))

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "policy": self.policy_id,
            "included": [line.to_json() for line in self.included],
            "excluded": [line.to_json() for line in self.excluded],
            "province_total": f"{self.province_total:.2f}",
        }


@dataclass(frozen=True)
class ImpactLine:
    case_id: int
    enterprise_name: str
    kind: TitleKind
    old_eligible: bool
    new_eligible: bool
    old_province: Decimal
    new_province: Decimal
    old_total: Decimal
    new_total: Decimal

    def to_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "name": self.enterprise_name,
            "kind": self.kind.value,
            "old": {
                "eligible": self.old_eligible,
                "province_match": f"{self.old_province:.2f}",
                "total": f"{self.old_total:.2f}",
            },
            "new": {
                "eligible": self.new_eligible,
                "province_match": f"{self.new_province:.2f}",
                "total": f"{self.new_total:.2f}",
            },
        }


@dataclass(frozen=True)
class ImpactReport:
    policy_id: str
    old_sha256: tuple[str, ...]
    new_sha256: str
    checked: int
    changed: tuple[ImpactLine, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy_id,
            "new_sha256": self.new_sha256,
            "checked": self.checked,
            "changed": [line.to_json() for line in self.changed],
        }

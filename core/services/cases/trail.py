"""What the audit trail records of a case (`AUDITED_FIELDS`, field by field before → after) and the
`create` case event that names its drafter for separation of duties.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from core.services import audit
from core.store.models import now
from core.store.models_cases import RewardCase
from core.store.models_workflow import CaseEvent

# What the audit trail records of a case (trace, failures and inputs are stored with the case itself).
AUDITED_FIELDS = (
    "enterprise_id",
    "title_id",
    "title_kind",
    "policy_id",
    "policy_sha256",
    "city_reward",
    "city_reward_source",
    "city_reward_reason",
    "province_match",
    "total",
    "cap",
    "eligible",
    "exclusion_hits",
    "status",
    "decided_on",
    "frozen",
    "notes",
)


def _snapshot(case: RewardCase) -> dict[str, Any]:
    values = audit.snapshot(case, AUDITED_FIELDS)
    values["exclusion_hits"] = json.loads(case.exclusion_hits)
    return values


def _audit_change(
    session: Session, actor: str, case: RewardCase, action: str, before: dict[str, Any]
) -> None:
    """One entry with the fields that changed (none changed: no entry)."""
    changes = audit.diff(before, _snapshot(case))
    if changes:
        audit.record(session, actor, "case", case.id, action, changes)


def note_drafter(session: Session, actor: str, case: RewardCase) -> None:
    """Record `actor` as the case's drafter (a `create` case event), for separation of duties."""
    session.add(
        CaseEvent(
            case_id=case.id,
            action="create",
            from_state=case.status,
            to_state=case.status,
            actor=actor,
            at=now(),
            facts="{}",
        )
    )
    session.flush()

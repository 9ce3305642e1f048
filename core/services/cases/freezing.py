"""定案: freezing a case's amounts, trace, inputs and policy hash (by hand, or in the approval step),
and the check that a frozen case recomputes to the same figures from its stored policy snapshot.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from core.domain import clock
from core.domain.enums import TitleKind
from core.domain.permissions import Action
from core.policy.engine import (
    compute,
    parse_reward_input,
)
from core.policy.model import Policy
from core.services import access
from core.services.case_records import load_case
from core.services.cases.computing import _recompute_draft
from core.services.cases.editing import _require_draft
from core.services.cases.inputs import _edit_of, _resolve
from core.services.cases.queries import stored_result
from core.services.cases.readers import _view
from core.services.cases.results import CaseView, RecomputeCheck
from core.services.cases.trail import _audit_change, _snapshot
from core.services.errors import Conflict
from core.services.policies import (
    policy_from_snapshot,
)
from core.store.models import now
from core.store.uow import UnitOfWork


def freeze_case(
    uow: UnitOfWork,
    case_id: int,
    decided_on: date | str | None = None,
    today: date | None = None,
    *,
    actor: str,
) -> CaseView:
    """Decide: recompute once more with the decision date, then freeze amounts, trace, inputs and policy hash
    (audited as "freeze" with what the last recomputation changed). By hand (`cases freeze`) only a draft, by
    an officer allowed `Action.CASE_EDIT`; the approval step freezes through `freeze_on_approval`."""
    actor = access.require(uow, actor, Action.CASE_EDIT)
    case = load_case(uow.session, case_id)
    if not case.frozen:
        _require_draft(case)
    return freeze_on_approval(uow, case_id, decided_on, today, actor=actor)


def freeze_on_approval(
    uow: UnitOfWork,
    case_id: int,
    decided_on: date | str | None = None,
    today: date | None = None,
    *,
    actor: str,
) -> CaseView:
    """The freeze of the approval step (core.services.workflow checks the approver's role and duties)."""
    session = uow.session
    case = load_case(session, case_id)
    if case.frozen:
        raise Conflict(f"奖励案件 {case_id} 已定案。")
    today = today or clock.today()
    before = _snapshot(case)
    edit = replace(_edit_of(case), decided_on=decided_on or case.decided_on or today)
    _recompute_draft(session, case, _resolve(TitleKind(case.title_kind), edit, today), today)
    case.frozen = True
    case.frozen_at = now()
    session.flush()
    _audit_change(session, actor, case, "freeze", before)
    view = _view(session, case)
    uow.commit()
    return view


def check_recompute(uow: UnitOfWork, case_id: int) -> RecomputeCheck:
    """Recompute from the stored inputs under the stored policy snapshot (by hash) and compare."""
    session = uow.session
    case = load_case(session, case_id)
    policy: Policy = policy_from_snapshot(session, case.policy_sha256)
    again = compute(policy, parse_reward_input(json.loads(case.inputs)))
    stored = stored_result(uow, case_id)
    same = (
        again.eligible == stored.eligible
        and again.failures == stored.failures
        and again.province_match == stored.province_match
        and again.total == stored.total
        and again.cap == stored.cap
        and tuple(t.to_json() for t in again.trace) == tuple(t.to_json() for t in stored.trace)
        and again.policy_sha256 == stored.policy_sha256
    )
    return RecomputeCheck(case_id, same, stored, again)

"""New cases: what a new case would compute to, and creating a draft case for an enterprise's title
(audited; a named officer is recorded as its drafter).
"""

from __future__ import annotations

import json
from datetime import date

from core.domain import clock
from core.domain.enums import TitleKind
from core.domain.permissions import Action
from core.policy.engine import (
    RewardResult,
)
from core.policy.registry import DEFAULT_POLICY_ID
from core.services import access, audit
from core.services.cases.computing import _compute_for, _store_result
from core.services.cases.inputs import CaseEdit, _kind, _resolve
from core.services.cases.readers import _enterprise_by_code, _open_same_kind, _title_for, _view
from core.services.cases.results import DRAFT, CaseView
from core.services.cases.trail import _snapshot, note_drafter
from core.services.errors import Conflict, InputError
from core.services.policies import (
    current_policy,
    current_schedule,
    snapshot_policy,
    snapshot_schedule,
)
from core.store.models import NationalTitle
from core.store.models_cases import RewardCase
from core.store.uow import UnitOfWork


def preview_new_case(
    uow: UnitOfWork,
    code: str,
    title_kind: str | TitleKind,
    edit: CaseEdit | None = None,
    policy_id: str = DEFAULT_POLICY_ID,
    today: date | None = None,
) -> RewardResult:
    """What a new case would compute to (nothing is written)."""
    session = uow.session
    kind = _kind(title_kind)
    ent = _enterprise_by_code(session, code)
    title = _title_for(session, ent, kind)
    today = today or clock.today()
    draft = _resolve(kind, edit or CaseEdit(), today, require_reason=False)
    return _compute_for(session, current_policy(policy_id), title, ent, draft, None, today)[1]


def create_case(
    uow: UnitOfWork,
    code: str,
    title_kind: str | TitleKind,
    edit: CaseEdit | None = None,
    policy_id: str = DEFAULT_POLICY_ID,
    today: date | None = None,
    title_id: int | None = None,
    *,
    actor: str,
) -> CaseView:
    """A draft case for this enterprise's latest valid title of the kind (or `title_id`), computed now.
    Audited with its values; a named officer (not the system) is recorded as the case's drafter. `actor` must
    be allowed `Action.CASE_EDIT` (empty: the window's signed-in officer)."""
    actor = access.require(uow, actor, Action.CASE_EDIT)
    session = uow.session
    kind = _kind(title_kind)
    ent = _enterprise_by_code(session, code)
    if title_id is not None:
        title = session.get(NationalTitle, title_id)
        if title is None or title.enterprise_id != ent.id or title.kind != kind.value:
            raise InputError("所选称号不属于该企业或类别不符。", {"title_id": "无效"})
    else:
        title = _title_for(session, ent, kind)
    loaded = current_policy(policy_id)
    existing = _open_same_kind(session, ent.id, kind, loaded.policy.id, None)
    if existing is not None:
        raise Conflict(
            f"“{ent.name}”的{kind.label}称号已有奖励案件（编号 {existing.id}），同一称号按本政策只奖励一次。"
        )
    today = today or clock.today()
    draft = _resolve(kind, edit or CaseEdit(), today)
    inp, result = _compute_for(session, loaded, title, ent, draft, None, today)
    snapshot_policy(session, loaded)
    schedule = current_schedule()
    if schedule is not None:
        snapshot_schedule(session, schedule)
    case = RewardCase(
        enterprise_id=ent.id,
        title_id=title.id,
        title_kind=kind.value,
        policy_id=loaded.policy.id,
        city_reward=draft.city_reward,
        city_reward_source=draft.source,
        city_reward_reason=draft.reason,
        schedule_sha256=draft.schedule_sha,
        exclusion_hits=json.dumps(list(draft.hits)),
        status=DRAFT,
        decided_on=draft.decided_on,
        notes=draft.notes,
    )
    _store_result(case, result, inp)
    session.add(case)
    session.flush()
    audit.record(session, actor, "case", case.id, "create", audit.created(_snapshot(case)))
    drafter = audit.actor_or_system(actor)
    if drafter != audit.SYSTEM:
        note_drafter(session, drafter, case)
    view = _view(session, case)
    uow.commit()
    return view

"""Changing a draft: the live preview of an edit, saving an edit (recomputing this case and the
enterprise's later drafts, audited), and recomputing with the policy file and register facts now in force.
Only a case in 申报登记 changes.
"""

from __future__ import annotations

from datetime import date

from core.domain import clock
from core.domain.enums import TitleKind
from core.domain.permissions import Action
from core.policy.engine import (
    RewardResult,
)
from core.services import access
from core.services.case_records import load_case
from core.services.cases.computing import _compute_for, _later_drafts, _recompute_draft
from core.services.cases.inputs import CaseEdit, _edit_of, _resolve
from core.services.cases.queries import edit_of, stored_result
from core.services.cases.readers import _view
from core.services.cases.results import DRAFT, CaseView
from core.services.cases.trail import _audit_change, _snapshot
from core.services.errors import Conflict
from core.services.policies import (
    current_policy,
)
from core.store.models import Enterprise, NationalTitle
from core.store.models_cases import RewardCase
from core.store.uow import UnitOfWork


def _require_draft(case: RewardCase) -> None:
    if case.status != DRAFT:
        from core.domain.workflow import CaseState

        raise Conflict(
            f"奖励案件 {case.id} 状态为“{CaseState(case.status).label}”：金额、负面情形与决定日期只能在"
            f"“{CaseState.DRAFT.label}”中修改。须先由审核人退回补正（审查中的案件：cases transition {case.id} "
            "--to draft --reason 原因），退回记入办理记录，再修改。"
        )


def preview_case(uow: UnitOfWork, case_id: int, edit: CaseEdit, today: date | None = None) -> RewardResult:
    """What a draft would compute to with these edits (live recompute in the editor; nothing is written).
    An override reason is not required to preview, only to save."""
    session = uow.session
    case = load_case(session, case_id)
    if case.frozen:
        return stored_result(uow, case_id)
    today = today or clock.today()
    draft = _resolve(TitleKind(case.title_kind), edit, today, require_reason=False)
    ent = session.get(Enterprise, case.enterprise_id)
    title = session.get(NationalTitle, case.title_id)
    assert ent is not None and title is not None
    return _compute_for(session, current_policy(case.policy_id), title, ent, draft, case.id, today)[1]


def update_case(
    uow: UnitOfWork,
    case_id: int,
    edit: CaseEdit,
    expected_version: int | None = None,
    today: date | None = None,
    *,
    actor: str,
    action: str = "update",
) -> CaseView:
    """Save a draft's edits and recompute it (and this enterprise's later drafts, whose top-up depends on it).
    Audited: this case's changed fields under `action`, each later draft whose figures moved as "recompute".
    Only a case in 申报登记 changes: from 已申报 on it must first be returned (退回补正), which the trail shows.
    `expected_version`: the version the officer opened (another officer's save since → Conflict)."""
    actor = access.require(uow, actor, Action.CASE_EDIT)
    session = uow.session
    case = load_case(session, case_id)
    if case.frozen:
        raise Conflict(f"奖励案件 {case_id} 已定案（金额与计算依据已冻结），不能再修改。")
    if expected_version is not None and case.version != expected_version:
        raise Conflict(
            f"奖励案件 {case_id} 已被他人修改（打开时版本 {expected_version}，现为 {case.version}），"
            "请重新打开后再编辑。"
        )
    _require_draft(case)
    today = today or clock.today()
    before = _snapshot(case)
    _recompute_draft(session, case, _resolve(TitleKind(case.title_kind), edit, today), today)
    _audit_change(session, actor, case, action, before)
    for later in _later_drafts(session, case):
        before_later = _snapshot(later)
        _recompute_draft(session, later, _resolve(TitleKind(later.title_kind), _edit_of(later), today), today)
        _audit_change(session, actor, later, "recompute", before_later)
    view = _view(session, case)
    uow.commit()
    return view


def recompute_case(uow: UnitOfWork, case_id: int, today: date | None = None, *, actor: str) -> CaseView:
    """Recompute a draft with the policy file and register facts now in force (audited as "recompute" when
    a figure moved)."""
    edit = edit_of(uow, case_id)
    return update_case(uow, case_id, edit, today=today, actor=actor, action="recompute")

"""Reward cases: one enterprise, one of its titles, one policy; the city reward, the computed amounts and the
trace. Drafts recompute as they are edited; freezing keeps amounts, trace, inputs and the policy hash, and a
frozen case recomputes to the same figures from the stored policy snapshot however the file changes later.

Facts the engine gets from the register: the title (kind, recognition date, re-review, status) and the
enterprise (field; `active` from its registration status; `in_city` is true: the register holds this city's
enterprises). The city reward defaults to the city's reward schedule (resources/policies/city-schedule.toml or
an officer's file) for the title kind, and may be overridden with a reason. Prior rewards for stacking are this
enterprise's earlier cases (lower id) under the same policy id that are eligible and not withdrawn/void/rejected.

Every write is audited in its own transaction (`core.services.audit`), field by field before → after
(`AUDITED_FIELDS`): create, update of a draft (city reward, override reason, decision date, exclusions), the
recomputation of this enterprise's later drafts that an update causes, recompute, and freezing (定案). Each use
case takes the officer as `actor` (the CLI's --user; in the window the signed-in officer stands in for an
empty actor). Creating a case as a named officer also records them as its drafter (a `create` case event),
whom separation of duties then keeps from reviewing or approving it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain import clock, uscc
from core.domain.enums import Field, RegStatus, TitleKind, TitleStatus, parse_enum
from core.domain.money import MoneyError, parse_amount
from core.domain.permissions import Action
from core.domain.text import normalize_name
from core.policy.engine import (
    EXCLUSION_ITEMS,
    EnterpriseFacts,
    Failure,
    PriorReward,
    RewardInput,
    RewardResult,
    TitleFacts,
    TraceStep,
    cap_warnings,
    compute,
    parse_reward_input,
)
from core.policy.loader import parse_policy
from core.policy.model import Policy, PolicyError
from core.policy.registry import DEFAULT_POLICY_ID
from core.services import access, audit, case_records
from core.services.errors import Conflict, InputError
from core.services.policies import (
    LoadedPolicy,
    current_policy,
    current_schedule,
    policy_from_snapshot,
    snapshot_policy,
    snapshot_schedule,
)
from core.store.models import Enterprise, NationalTitle, now
from core.store.models_cases import RewardCase
from core.store.models_workflow import CaseEvent
from core.store.uow import UnitOfWork

DRAFT = "draft"
# Statuses of cases that no longer count as a reward (the workflow issue defines the full set).
CLOSED_WITHOUT_REWARD = frozenset({"withdrawn", "void", "voided", "rejected"})
SOURCE_SCHEDULE = "schedule"
SOURCE_OVERRIDE = "override"
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


# ---------------------------------------------------------------------------------------------- helpers


_load_case = case_records.load_case


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


def _facts(
    title: NationalTitle, ent: Enterprise, hits: tuple[str, ...]
) -> tuple[TitleFacts, EnterpriseFacts]:
    return (
        TitleFacts(
            kind=TitleKind(title.kind),
            recognized_on=title.recognized_on,
            re_review=title.re_review,
            status=TitleStatus(title.status),
            national=True,
        ),
        EnterpriseFacts(
            field=Field(ent.field),
            in_city=True,
            active=ent.reg_status == RegStatus.ACTIVE.value,
            exclusions_cleared=not hits,
            exclusion_hits=hits,
        ),
    )


def _priors(
    session: Session, enterprise_id: int, policy_id: str, before_id: int | None
) -> tuple[PriorReward, ...]:
    stmt = (
        select(RewardCase)
        .where(RewardCase.enterprise_id == enterprise_id, RewardCase.policy_id == policy_id)
        .order_by(RewardCase.id)
    )
    if before_id is not None:
        stmt = stmt.where(RewardCase.id < before_id)
    return tuple(
        PriorReward(TitleKind(c.title_kind), c.province_match)
        for c in session.scalars(stmt)
        if c.eligible and c.status not in CLOSED_WITHOUT_REWARD
    )


def _schedule_amount(kind: TitleKind, on: date) -> tuple[Decimal | None, str | None]:
    loaded = current_schedule()
    if loaded is None:
        return None, None
    found = loaded.schedule.amount(kind, on)
    return (found[0] if found else None), loaded.schedule.sha256


def _title_for(session: Session, ent: Enterprise, kind: TitleKind) -> NationalTitle:
    titles = list(
        session.scalars(
            select(NationalTitle)
            .where(NationalTitle.enterprise_id == ent.id, NationalTitle.kind == kind.value)
            .order_by(NationalTitle.recognized_on.desc(), NationalTitle.id.desc())
        )
    )
    if not titles:
        raise InputError(f"“{ent.name}”没有登记{kind.label}称号，请先登记称号。", {"title_kind": "无此称号"})
    valid = [t for t in titles if t.status == TitleStatus.VALID.value]
    return valid[0] if valid else titles[0]


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


def _store_result(case: RewardCase, result: RewardResult, inp: RewardInput) -> None:
    case.province_match = result.province_match
    case.total = result.total
    case.cap = result.cap
    case.eligible = result.eligible
    case.failures = json.dumps([f.to_json() for f in result.failures], ensure_ascii=False)
    case.trace = json.dumps([t.to_json(with_quote=True) for t in result.trace], ensure_ascii=False)
    case.inputs = json.dumps(inp.to_json(), ensure_ascii=False)
    case.policy_sha256 = result.policy_sha256


def _view(session: Session, case: RewardCase) -> CaseView:
    ent = session.get(Enterprise, case.enterprise_id)
    title = session.get(NationalTitle, case.title_id)
    assert ent is not None and title is not None
    return CaseView(
        id=case.id,
        enterprise_id=ent.id,
        enterprise_code=ent.code,
        enterprise_name=ent.name,
        district=ent.district,
        title_id=title.id,
        title_kind=TitleKind(case.title_kind),
        title_batch=title.batch,
        recognized_on=title.recognized_on,
        policy_id=case.policy_id,
        policy_sha256=case.policy_sha256,
        city_reward=case.city_reward,
        city_reward_source=case.city_reward_source,
        city_reward_reason=case.city_reward_reason,
        province_match=case.province_match,
        total=case.total,
        cap=case.cap,
        eligible=case.eligible,
        failures=tuple(Failure(f["rule"], f["reason"]) for f in json.loads(case.failures)),
        trace=tuple(TraceStep.from_json(t) for t in json.loads(case.trace)),
        exclusion_hits=tuple(json.loads(case.exclusion_hits)),
        status=case.status,
        decided_on=case.decided_on,
        frozen=case.frozen,
        frozen_at=case.frozen_at,
        notes=case.notes,
        created_at=case.created_at,
        updated_at=case.updated_at,
        version=case.version,
    )


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


def _compute_for(
    session: Session,
    loaded: LoadedPolicy,
    title: NationalTitle,
    ent: Enterprise,
    draft: _Draft,
    before_id: int | None,
    today: date,
) -> tuple[RewardInput, RewardResult]:
    tfacts, efacts = _facts(title, ent, draft.hits)
    inp = RewardInput(
        title=tfacts,
        enterprise=efacts,
        city_reward=draft.city_reward,
        decided_on=draft.decided_on or today,
        prior_rewards=_priors(session, ent.id, loaded.policy.id, before_id),
        policy_id=loaded.policy.id,
    )
    return inp, compute(loaded.policy, inp)


def _open_same_kind(
    session: Session, ent_id: int, kind: TitleKind, policy_id: str, exclude: int | None
) -> RewardCase | None:
    stmt = select(RewardCase).where(
        RewardCase.enterprise_id == ent_id,
        RewardCase.title_kind == kind.value,
        RewardCase.policy_id == policy_id,
        RewardCase.status.not_in(CLOSED_WITHOUT_REWARD),
    )
    if exclude is not None:
        stmt = stmt.where(RewardCase.id != exclude)
    return session.scalars(stmt).first()


def _enterprise_by_code(session: Session, code: str) -> Enterprise:
    ent = session.scalar(select(Enterprise).where(Enterprise.code == uscc.normalize(code)))
    if ent is None:
        raise InputError(
            f"企业库中没有统一社会信用代码为 {uscc.normalize(code)} 的企业。", {"code": "企业不存在"}
        )
    return ent


# ---------------------------------------------------------------------------------------------- use cases


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


def _kind(value: str | TitleKind) -> TitleKind:
    if isinstance(value, TitleKind):
        return value
    try:
        return parse_enum(TitleKind, value, "称号类别")
    except ValueError as exc:
        raise InputError(str(exc), {"title_kind": str(exc)}) from None


def create_case(
    uow: UnitOfWork,
    code: str,
    title_kind: str | TitleKind,
    edit: CaseEdit | None = None,
    policy_id: str = DEFAULT_POLICY_ID,
    today: date | None = None,
    title_id: int | None = None,
    *,
    actor: str = "",
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
    drafter = audit.actor_or_signed_in(actor)
    if drafter != audit.SYSTEM:
        note_drafter(session, drafter, case)
    view = _view(session, case)
    uow.commit()
    return view


def _require_draft(case: RewardCase) -> None:
    if case.status != DRAFT:
        from core.domain.workflow import CaseState

        raise Conflict(
            f"奖励案件 {case.id} 状态为“{CaseState(case.status).label}”：金额、负面情形与决定日期只能在"
            f"“{CaseState.DRAFT.label}”中修改。须先由审核人退回补正（审查中的案件：cases transition {case.id} "
            "--to draft --reason 原因），退回记入办理记录，再修改。"
        )


def _edit_of(case: RewardCase) -> CaseEdit:
    return CaseEdit(
        city_reward=case.city_reward if case.city_reward_source == SOURCE_OVERRIDE else None,
        override_reason=case.city_reward_reason,
        decided_on=case.decided_on,
        exclusion_hits=tuple(json.loads(case.exclusion_hits)),
        notes=case.notes,
    )


def edit_of(uow: UnitOfWork, case_id: int) -> CaseEdit:
    """The editable values of a case (to fill the editor)."""
    return _edit_of(_load_case(uow.session, case_id))


def preview_case(uow: UnitOfWork, case_id: int, edit: CaseEdit, today: date | None = None) -> RewardResult:
    """What a draft would compute to with these edits (live recompute in the editor; nothing is written).
    An override reason is not required to preview, only to save."""
    session = uow.session
    case = _load_case(session, case_id)
    if case.frozen:
        return stored_result(uow, case_id)
    today = today or clock.today()
    draft = _resolve(TitleKind(case.title_kind), edit, today, require_reason=False)
    ent = session.get(Enterprise, case.enterprise_id)
    title = session.get(NationalTitle, case.title_id)
    assert ent is not None and title is not None
    return _compute_for(session, current_policy(case.policy_id), title, ent, draft, case.id, today)[1]


def _recompute_draft(session: Session, case: RewardCase, draft: _Draft, today: date) -> None:
    ent = session.get(Enterprise, case.enterprise_id)
    title = session.get(NationalTitle, case.title_id)
    assert ent is not None and title is not None
    loaded = current_policy(case.policy_id)
    inp, result = _compute_for(session, loaded, title, ent, draft, case.id, today)
    snapshot_policy(session, loaded)
    case.city_reward = draft.city_reward
    case.city_reward_source = draft.source
    case.city_reward_reason = draft.reason
    case.schedule_sha256 = draft.schedule_sha
    case.decided_on = draft.decided_on
    case.exclusion_hits = json.dumps(list(draft.hits))
    case.notes = draft.notes
    _store_result(case, result, inp)
    session.flush()


def _later_drafts(session: Session, case: RewardCase) -> list[RewardCase]:
    return list(
        session.scalars(
            select(RewardCase)
            .where(
                RewardCase.enterprise_id == case.enterprise_id,
                RewardCase.policy_id == case.policy_id,
                RewardCase.id > case.id,
                RewardCase.frozen.is_(False),
            )
            .order_by(RewardCase.id)
        )
    )


def update_case(
    uow: UnitOfWork,
    case_id: int,
    edit: CaseEdit,
    expected_version: int | None = None,
    today: date | None = None,
    *,
    actor: str = "",
    action: str = "update",
) -> CaseView:
    """Save a draft's edits and recompute it (and this enterprise's later drafts, whose top-up depends on it).
    Audited: this case's changed fields under `action`, each later draft whose figures moved as "recompute".
    Only a case in 申报登记 changes: from 已申报 on it must first be returned (退回补正), which the trail shows.
    `expected_version`: the version the officer opened (another officer's save since → Conflict)."""
    actor = access.require(uow, actor, Action.CASE_EDIT)
    session = uow.session
    case = _load_case(session, case_id)
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


def recompute_case(uow: UnitOfWork, case_id: int, today: date | None = None, *, actor: str = "") -> CaseView:
    """Recompute a draft with the policy file and register facts now in force (audited as "recompute" when
    a figure moved)."""
    edit = edit_of(uow, case_id)
    return update_case(uow, case_id, edit, today=today, actor=actor, action="recompute")


def freeze_case(
    uow: UnitOfWork,
    case_id: int,
    decided_on: date | str | None = None,
    today: date | None = None,
    *,
    actor: str = "",
) -> CaseView:
    """Decide: recompute once more with the decision date, then freeze amounts, trace, inputs and policy hash
    (audited as "freeze" with what the last recomputation changed). By hand (`cases freeze`) only a draft, by
    an officer allowed `Action.CASE_EDIT`; the approval step freezes through `freeze_on_approval`."""
    actor = access.require(uow, actor, Action.CASE_EDIT)
    case = _load_case(uow.session, case_id)
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
    case = _load_case(session, case_id)
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


def stored_result(uow: UnitOfWork, case_id: int) -> RewardResult:
    case = _load_case(uow.session, case_id)
    return RewardResult(
        eligible=case.eligible,
        failures=tuple(Failure(f["rule"], f["reason"]) for f in json.loads(case.failures)),
        city_reward=case.city_reward if case.city_reward is not None else Decimal("0.00"),
        province_match=case.province_match,
        total=case.total,
        cap=case.cap,
        trace=tuple(TraceStep.from_json(t) for t in json.loads(case.trace)),
        policy_id=case.policy_id,
        policy_sha256=case.policy_sha256,
    )


def check_recompute(uow: UnitOfWork, case_id: int) -> RecomputeCheck:
    """Recompute from the stored inputs under the stored policy snapshot (by hash) and compare."""
    session = uow.session
    case = _load_case(session, case_id)
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


def get_case(uow: UnitOfWork, case_id: int) -> CaseView:
    return _view(uow.session, _load_case(uow.session, case_id))


def list_cases(uow: UnitOfWork, q: CaseQuery | None = None) -> list[CaseView]:
    q = q or CaseQuery()
    session = uow.session
    stmt = (
        select(RewardCase)
        .join(Enterprise, RewardCase.enterprise_id == Enterprise.id)
        .join(NationalTitle, RewardCase.title_id == NationalTitle.id)
    )
    if q.text.strip():
        needle = normalize_name(q.text).lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Enterprise.search_text.like(f"%{needle}%", escape="\\"))
    if q.status:
        stmt = stmt.where(RewardCase.status == q.status)
    if q.kind is not None:
        stmt = stmt.where(RewardCase.title_kind == q.kind.value)
    if q.eligible is not None:
        stmt = stmt.where(RewardCase.eligible.is_(q.eligible))
    if q.year is not None:
        stmt = stmt.where(NationalTitle.recognized_year == q.year)
    if q.frozen is not None:
        stmt = stmt.where(RewardCase.frozen.is_(q.frozen))
    stmt = stmt.order_by(RewardCase.id.desc())
    return [_view(session, c) for c in session.scalars(stmt)]


def preview_batch(
    uow: UnitOfWork,
    year: int,
    kind: TitleKind | None = None,
    policy_id: str = DEFAULT_POLICY_ID,
    today: date | None = None,
) -> BatchPreview:
    """Who would get a case for the titles recognised in `year`, and who is out and why. Titles are taken
    higher title first (单项冠军 before 小巨人), so stacking within the batch follows the policy."""
    session = uow.session
    loaded = current_policy(policy_id)
    today = today or clock.today()
    stmt = (
        select(NationalTitle, Enterprise)
        .join(Enterprise, NationalTitle.enterprise_id == Enterprise.id)
        .where(NationalTitle.recognized_year == year)
    )
    if kind is not None:
        stmt = stmt.where(NationalTitle.kind == kind.value)
    rows = sorted(
        session.execute(stmt).all(),
        key=lambda r: (
            r[0].kind != TitleKind.SINGLE_CHAMPION.value,
            r[0].recognized_on,
            r[1].name_norm,
            r[0].id,
        ),
    )
    batch_priors: dict[int, list[PriorReward]] = {}
    included: list[BatchLine] = []
    excluded: list[BatchLine] = []
    for title, ent in rows:
        tkind = TitleKind(title.kind)
        draft = _resolve(tkind, CaseEdit(), today)
        existing = _open_same_kind(session, ent.id, tkind, loaded.policy.id, None)
        tfacts, efacts = _facts(title, ent, ())
        inp = RewardInput(
            title=tfacts,
            enterprise=efacts,
            city_reward=draft.city_reward,
            decided_on=today,
            prior_rewards=_priors(session, ent.id, loaded.policy.id, None)
            + tuple(batch_priors.get(ent.id, [])),
            policy_id=loaded.policy.id,
        )
        result = compute(loaded.policy, inp)
        line = BatchLine(
            title_id=title.id,
            enterprise_id=ent.id,
            enterprise_code=ent.code,
            enterprise_name=ent.name,
            district=ent.district,
            kind=tkind,
            recognized_on=title.recognized_on,
            city_reward=draft.city_reward,
            province_match=result.province_match,
            total=result.total,
        )
        if existing is not None:
            excluded.append(replace(line, reasons=(f"已有奖励案件（编号 {existing.id}）。",)))
        elif not result.eligible:
            excluded.append(replace(line, reasons=tuple(f.reason for f in result.failures)))
        else:
            included.append(line)
            batch_priors.setdefault(ent.id, []).append(PriorReward(tkind, result.province_match))
    return BatchPreview(year, loaded.policy.id, tuple(included), tuple(excluded))


def create_batch(
    uow: UnitOfWork,
    year: int,
    kind: TitleKind | None = None,
    policy_id: str = DEFAULT_POLICY_ID,
    today: date | None = None,
    *,
    actor: str = "",
) -> list[CaseView]:
    """Create draft cases for everyone the preview includes (one commit per case, in preview order; each
    audited as its own creation, the officer recorded as drafter)."""
    preview = preview_batch(uow, year, kind, policy_id, today)
    out: list[CaseView] = []
    for line in preview.included:
        out.append(
            create_case(
                uow,
                line.enterprise_code,
                line.kind,
                CaseEdit(),
                policy_id,
                today,
                title_id=line.title_id,
                actor=actor,
            )
        )
    return out


def impact_check(uow: UnitOfWork, data: bytes, source: str = "<新政策文件>") -> ImpactReport:
    """Open (not frozen) cases under this policy id whose figures would change under the given file."""
    try:
        policy = parse_policy(data, source)
    except PolicyError as exc:
        raise InputError(str(exc), {exc.key or "file": exc.expected}) from None
    session = uow.session
    cases = list(
        session.scalars(
            select(RewardCase)
            .where(RewardCase.policy_id == policy.id, RewardCase.frozen.is_(False))
            .where(RewardCase.status.not_in(CLOSED_WITHOUT_REWARD))
            .order_by(RewardCase.id)
        )
    )
    changed: list[ImpactLine] = []
    for case in cases:
        inp = parse_reward_input(json.loads(case.inputs))
        new = compute(policy, inp)
        if (new.eligible, new.province_match, new.total) != (case.eligible, case.province_match, case.total):
            ent = session.get(Enterprise, case.enterprise_id)
            changed.append(
                ImpactLine(
                    case_id=case.id,
                    enterprise_name=ent.name if ent else "",
                    kind=TitleKind(case.title_kind),
                    old_eligible=case.eligible,
                    new_eligible=new.eligible,
                    old_province=case.province_match,
                    new_province=new.province_match,
                    old_total=case.total,
                    new_total=new.total,
                )
            )
    return ImpactReport(
        policy_id=policy.id,
        old_sha256=tuple(sorted({c.policy_sha256 for c in cases})),
        new_sha256=policy.sha256,
        checked=len(cases),
        changed=tuple(changed),
    )

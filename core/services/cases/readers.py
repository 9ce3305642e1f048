"""What the case use cases read from the register and the store: a case (through
`core.services.case_records`), the title a new case is for, an open case for the same title kind, an
enterprise by its 统一社会信用代码, the enterprise's earlier rewards under the same policy (for stacking), and
the plain view of a stored case.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain import uscc
from core.domain.enums import TitleKind, TitleStatus
from core.policy.engine import (
    Failure,
    PriorReward,
    TraceStep,
)
from core.services.cases.results import CLOSED_WITHOUT_REWARD, CaseView
from core.services.errors import InputError
from core.store.models import Enterprise, NationalTitle
from core.store.models_cases import RewardCase


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

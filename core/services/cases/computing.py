"""Computing a case's figures with the policy engine: the facts it gets from the register, the
computation for a draft, storing the result with the case (amounts, failures, trace, inputs, policy hash),
and recomputing a draft and this enterprise's later drafts.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain.enums import Field, RegStatus, TitleKind, TitleStatus
from core.policy.engine import (
    EnterpriseFacts,
    RewardInput,
    RewardResult,
    TitleFacts,
    compute,
)
from core.services.cases.inputs import _Draft
from core.services.cases.readers import _priors
from core.services.policies import (
    LoadedPolicy,
    current_policy,
    snapshot_policy,
)
from core.store.models import Enterprise, NationalTitle
from core.store.models_cases import RewardCase


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


def _store_result(case: RewardCase, result: RewardResult, inp: RewardInput) -> None:
    case.province_match = result.province_match
    case.total = result.total
    case.cap = result.cap
    case.eligible = result.eligible
    case.failures = json.dumps([f.to_json() for f in result.failures], ensure_ascii=False)
    case.trace = json.dumps([t.to_json(with_quote=True) for t in result.trace], ensure_ascii=False)
    case.inputs = json.dumps(inp.to_json(), ensure_ascii=False)
    case.policy_sha256 = result.policy_sha256


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

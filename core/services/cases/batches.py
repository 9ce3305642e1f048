"""A year's batch: who would get a case for the titles recognised in the year and who is out and why,
and creating the draft cases the preview includes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from core.domain import clock
from core.domain.enums import TitleKind
from core.policy.engine import (
    PriorReward,
    RewardInput,
    compute,
)
from core.policy.registry import DEFAULT_POLICY_ID
from core.services.cases.computing import _facts
from core.services.cases.creating import create_case
from core.services.cases.inputs import CaseEdit, _resolve
from core.services.cases.readers import _open_same_kind, _priors
from core.services.cases.results import BatchLine, BatchPreview, CaseView
from core.services.policies import (
    current_policy,
)
from core.store.models import Enterprise, NationalTitle
from core.store.uow import UnitOfWork


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
    actor: str,
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

"""A new policy file's impact: the open (not frozen) cases under its policy id whose figures would
change under it.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from core.domain.enums import TitleKind
from core.policy.engine import (
    compute,
    parse_reward_input,
)
from core.policy.loader import parse_policy
from core.policy.model import PolicyError
from core.services.cases.results import CLOSED_WITHOUT_REWARD, ImpactLine, ImpactReport
from core.services.errors import InputError
from core.store.models import Enterprise
from core.store.models_cases import RewardCase
from core.store.uow import UnitOfWork


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

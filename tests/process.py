"""Officers and the case process for tests that need cases in a given state (documents: integration, UI, CLI).

Cases are moved by the real workflow service, so every step is checked as in the app: a clerk (wang) submits, a
reviewer (li) reviews and starts the 公示, an approver (zhao) decides. The 公示 of NOTICE runs across National
Day 2025 and ends on 2025-10-09; APPROVED_ON is the next day.
"""

from __future__ import annotations

import random
from datetime import date

from core.services import cases, users
from core.services import workflow as wf_svc
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.titles import TitleInput, add_title
from core.store.uow import Database

PW = "password 123"
OFFICERS = (
    ("wang", "clerk", "王珺"),
    ("li", "reviewer", "李彧"),
    ("zhao", "approver", "赵喆"),
    ("qian", "reviewer", ""),  # no display name: printed under the sign-in name
)
NOTICE = {"date": "2025-09-26", "period": "5"}  # 5 working days across National Day: ends 2025-10-09
APPROVED_ON = "2025-10-10"
# the paper file was submitted and its review begun before the 公示 (steps are dated, never after today)
SUBMITTED_ON = "2025-09-15"
REVIEWED_ON = "2025-09-22"
PAPER_DATES = {"submitted": SUBMITTED_ON, "under_review": REVIEWED_ON}


def dated(to: str, facts: dict[str, str]) -> dict[str, str]:
    """The facts of a step, with the paper file's date for 提交申报 / 开始审查 when the test states none (a
    case recorded today but submitted and reviewed on paper before its 公示 in 2025)."""
    if to in PAPER_DATES and "date" not in facts:
        return {**facts, "date": PAPER_DATES[to]}
    return facts


def add_officers(db: Database) -> None:
    """An administrator and the officers of OFFICERS (password PW)."""
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    for name, roles, shown in OFFICERS:
        with db.uow() as uow:
            users.add_user(uow, "admin", name, roles, PW, display_name=shown)


def step(db: Database, actor: str, case_id: int, to: str, **facts: str) -> wf_svc.StepResult:
    with db.uow() as uow:
        return wf_svc.transition(uow, actor, case_id, to, dated(to, facts))


def to_public_notice(db: Database, case_id: int, reviewer: str = "li", **notice: str) -> None:
    step(db, "wang", case_id, "submitted")
    step(db, reviewer, case_id, "under_review")
    step(db, reviewer, case_id, "public_notice", **(notice or NOTICE))


def approve(db: Database, case_id: int, on: str = APPROVED_ON, reviewer: str = "li") -> None:
    """Submitted, reviewed, publicised (NOTICE) and approved by zhao on `on`."""
    to_public_notice(db, case_id, reviewer)
    step(db, "zhao", case_id, "approved", date=on)


def state(db: Database, case_id: int) -> str:
    with db.uow() as uow:
        return wf_svc.process(uow, case_id).state.value


def little_giant_case(
    db: Database, rng: random.Random, name: str, today: date, policy_id: str | None = None
) -> int:
    """A draft little-giant case (batch 7, recognised 2025-07-18) of a new robotics enterprise in 顺德区,
    registered and drafted by the clerk wang (the officers of OFFICERS must exist)."""
    code = make_code(rng, "440606")
    with db.uow() as uow:
        add_enterprise(
            uow, EnterpriseInput(code=code, name=name, district="顺德区", field="robotics"), actor="wang"
        )
    with db.uow() as uow:
        add_title(
            uow,
            TitleInput(enterprise_code=code, kind="little-giant", batch=7, recognized_on="2025-07-18"),
            actor="wang",
        )
    extra = {} if policy_id is None else {"policy_id": policy_id}
    with db.uow() as uow:
        return cases.create_case(uow, code, "little-giant", today=today, actor="wang", **extra).id

"""The case process as data (粤工信规字〔2025〕6号 第三条): states, transitions, who may take them, what they need.

One table, `TRANSITIONS`: each row names the states it leaves from, the state it goes to, the roles allowed to
take it, the facts it requires and the duty it performs (separation of duties: the officer who drafted a case
can neither review nor approve it; the officer who reviewed it cannot approve it). Everything here is a pure
function over plain values; `core.services.workflow` applies it to stored cases. Nothing is ever deleted: a
case leaves the process by 撤回 (before a decision) or 作废 (after one, by an approver, with a reason).

The package: `states` (roles, states, facts, duties), `table` (the transitions), `facts` (what an officer
states with a step), `dates` (the date context and the rule for dated steps) and `checks`.
"""

from __future__ import annotations

from core.domain.workflow.checks import check, duty_conflicts, payment_problems
from core.domain.workflow.dates import FOLLOWS, CaseContext, date_problems, notice_end
from core.domain.workflow.facts import Facts, parse_date, parse_facts
from core.domain.workflow.states import CaseState, Duty, Fact, Role, parse_roles, parse_state
from core.domain.workflow.table import TRANSITIONS, S, Transition, allowed, by_name, find, next_steps

__all__ = [
    "FOLLOWS",
    "TRANSITIONS",
    "CaseContext",
    "CaseState",
    "Duty",
    "Fact",
    "Facts",
    "Role",
    "S",
    "Transition",
    "allowed",
    "by_name",
    "check",
    "date_problems",
    "duty_conflicts",
    "find",
    "next_steps",
    "notice_end",
    "parse_date",
    "parse_facts",
    "parse_roles",
    "parse_state",
    "payment_problems",
]

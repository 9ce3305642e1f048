"""The table of the process (`TRANSITIONS`): each step's source states, target, the roles that may take
it, the facts it requires and its duty; and looking steps up (by edge, by name, what comes next, what a set
of roles may do).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.domain.workflow.states import _DECIDED, CaseState, Duty, Fact, Role


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[CaseState]
    target: CaseState
    roles: frozenset[Role]
    facts: tuple[Fact, ...]
    duty: Duty
    optional: tuple[
        Fact, ...
    ] = ()  # facts the officer may state (a date to record paper work after the fact)


def _t(
    name: str,
    label: str,
    sources: Iterable[CaseState],
    target: CaseState,
    roles: Iterable[Role],
    facts: Iterable[Fact],
    duty: Duty,
    optional: Iterable[Fact] = (),
) -> Transition:
    return Transition(
        name, label, frozenset(sources), target, frozenset(roles), tuple(facts), duty, tuple(optional)
    )


S = CaseState


_BEFORE_DECISION = (S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE)


# The process. (from, to) pairs are unique, so `--to STATE` names the transition.
TRANSITIONS: tuple[Transition, ...] = (
    _t("submit", "提交申报", [S.DRAFT], S.SUBMITTED, [Role.CLERK], [], Duty.HANDLE, [Fact.DATE]),
    _t(
        "start_review",
        "开始审查",
        [S.SUBMITTED],
        S.UNDER_REVIEW,
        [Role.REVIEWER],
        [],
        Duty.REVIEW,
        [Fact.DATE],
    ),
    _t("return", "退回补正", [S.UNDER_REVIEW], S.DRAFT, [Role.REVIEWER], [Fact.REASON], Duty.REVIEW),
    _t(
        "start_notice",
        "开始公示",
        [S.UNDER_REVIEW],
        S.PUBLIC_NOTICE,
        [Role.REVIEWER],
        [Fact.DATE, Fact.PERIOD],
        Duty.REVIEW,
    ),
    _t(
        "objection_upheld",
        "异议成立，退回审查",
        [S.PUBLIC_NOTICE],
        S.UNDER_REVIEW,
        [Role.REVIEWER],
        [Fact.DATE, Fact.OBJECTOR, Fact.REASON],
        Duty.REVIEW,
    ),
    _t("approve", "批准", [S.PUBLIC_NOTICE], S.APPROVED, [Role.APPROVER], [Fact.DATE], Duty.APPROVE),
    _t(
        "reject",
        "不予奖励",
        [S.UNDER_REVIEW, S.PUBLIC_NOTICE],
        S.REJECTED,
        [Role.APPROVER],
        [Fact.DATE, Fact.REASON],
        Duty.APPROVE,
    ),
    _t(
        "issue_notice",
        "下达资金",
        [S.APPROVED],
        S.NOTICE_ISSUED,
        [Role.CLERK],
        [Fact.DATE, Fact.DOC_NO],
        Duty.HANDLE,
    ),
    _t(
        "pay",
        "市级拨付",
        [S.NOTICE_ISSUED],
        S.PAID,
        [Role.CLERK],
        [Fact.DATE, Fact.AMOUNT, Fact.VOUCHER],
        Duty.HANDLE,
    ),
    _t(
        "evaluate",
        "绩效评价",
        [S.PAID],
        S.EVALUATED,
        [Role.REVIEWER],
        [Fact.DATE, Fact.REASON],
        Duty.EVALUATE,
    ),
    _t("close", "办结", [S.EVALUATED], S.CLOSED, [Role.APPROVER], [Fact.DATE], Duty.APPROVE),
    _t("withdraw", "撤回", _BEFORE_DECISION, S.WITHDRAWN, [Role.CLERK], [Fact.REASON], Duty.HANDLE),
    _t(
        "void",
        "作废",
        sorted(_DECIDED),
        S.VOID,
        [Role.APPROVER],
        [Fact.REASON],
        Duty.APPROVE,
    ),
)


_BY_EDGE: dict[tuple[CaseState, CaseState], Transition] = {}


for _tr in TRANSITIONS:
    for _src in _tr.sources:
        if (_src, _tr.target) in _BY_EDGE:  # pragma: no cover - guards the table itself
            raise AssertionError(f"duplicate transition {_src} → {_tr.target}")
        _BY_EDGE[(_src, _tr.target)] = _tr


def find(state: CaseState, to: CaseState) -> Transition | None:
    return _BY_EDGE.get((state, to))


def by_name(name: str) -> Transition:
    for tr in TRANSITIONS:
        if tr.name == name:
            return tr
    raise KeyError(name)


def next_steps(state: CaseState, roles: Iterable[Role] | None = None) -> list[Transition]:
    """The transitions leaving `state` (those these roles may take, when roles are given), in table order."""
    held = None if roles is None else frozenset(roles)
    return [t for t in TRANSITIONS if state in t.sources and (held is None or t.roles & held)]


def allowed(state: CaseState, to: CaseState, roles: Iterable[Role]) -> bool:
    """The process leads from `state` to `to` and one of these roles may take that step."""
    tr = find(state, to)
    return tr is not None and bool(tr.roles & frozenset(roles))


def _roles_text(roles: Iterable[Role]) -> str:
    return "或".join(r.label for r in sorted(roles, key=list(Role).index))

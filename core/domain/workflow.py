"""The case process as data (粤工信规字〔2025〕6号 第三条): states, transitions, who may take them, what they need.

One table, `TRANSITIONS`: each row names the states it leaves from, the state it goes to, the roles allowed to
take it, the facts it requires and the duty it performs (separation of duties: the officer who drafted a case
can neither review nor approve it; the officer who reviewed it cannot approve it). Everything here is a pure
function over plain values; `core.services.workflow` applies it to stored cases. Nothing is ever deleted: a
case leaves the process by 撤回 (before a decision) or 作废 (after one, by an approver, with a reason).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from core.domain.money import MoneyError, parse_amount
from core.domain.workdays import PACKAGE_ONLY, WorkCalendar, WorkdayCalendarError, period_end


class Role(StrEnum):
    CLERK = "clerk"
    REVIEWER = "reviewer"
    APPROVER = "approver"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"clerk": "经办人", "reviewer": "审核人", "approver": "审批人", "admin": "管理员"}[self.value]


class CaseState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    PUBLIC_NOTICE = "public_notice"
    APPROVED = "approved"
    REJECTED = "rejected"
    NOTICE_ISSUED = "notice_issued"
    PAID = "paid"
    EVALUATED = "evaluated"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    VOID = "void"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def decided(self) -> bool:
        """A decision (approve or reject) has been taken: withdrawal is no longer possible, only voiding."""
        return self in _DECIDED

    @property
    def final(self) -> bool:
        return self in (CaseState.CLOSED, CaseState.WITHDRAWN, CaseState.VOID)


_STATE_LABELS = {
    CaseState.DRAFT: "申报登记",
    CaseState.SUBMITTED: "已申报",
    CaseState.UNDER_REVIEW: "审查中",
    CaseState.PUBLIC_NOTICE: "公示中",
    CaseState.APPROVED: "已批准",
    CaseState.REJECTED: "不予奖励",
    CaseState.NOTICE_ISSUED: "资金已下达",
    CaseState.PAID: "已拨付",
    CaseState.EVALUATED: "已绩效评价",
    CaseState.CLOSED: "已办结",
    CaseState.WITHDRAWN: "已撤回",
    CaseState.VOID: "已作废",
}
_DECIDED = frozenset(
    {CaseState.APPROVED, CaseState.REJECTED, CaseState.NOTICE_ISSUED, CaseState.PAID, CaseState.EVALUATED}
)


class Fact(StrEnum):
    """What a transition may require the officer to state."""

    REASON = "reason"
    DATE = "date"
    PERIOD = "period"
    DOC_NO = "doc_no"
    AMOUNT = "amount"
    VOUCHER = "voucher"
    OBJECTOR = "objector"

    @property
    def label(self) -> str:
        return {
            "reason": "原因/意见",
            "date": "日期",
            "period": "公示期（工作日数）",
            "doc_no": "文号",
            "amount": "金额",
            "voucher": "凭证号",
            "objector": "异议人",
        }[self.value]


class Duty(StrEnum):
    """The kind of act, for separation of duties."""

    HANDLE = "handle"  # 经办：drafting, submitting, documents, payments
    REVIEW = "review"  # 审核
    APPROVE = "approve"  # 审批 (decisions, voiding)
    EVALUATE = "evaluate"


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

_DOC_NO = re.compile(r"^\S+〔(19|20)\d{2}〕[1-9]\d*号$")
_DATE_PARTS = re.compile(r"^(\d{4})\D(\d{1,2})\D(\d{1,2})日?$")


def parse_state(text: str) -> CaseState:
    """A state from its code (`under_review`, `under-review`) or its Chinese label (`审查中`)."""
    value = text.strip()
    for state in CaseState:
        if value in (state.value, state.value.replace("_", "-"), state.label):
            return state
    raise ValueError(
        f"状态“{text}”无法识别，可选：" + "、".join(f"{s.value}（{s.label}）" for s in CaseState) + "。"
    )


def parse_roles(text: str | Iterable[str]) -> frozenset[Role]:
    parts = text.replace("，", ",").split(",") if isinstance(text, str) else list(text)
    roles: set[Role] = set()
    for part in parts:
        value = part.strip()
        if not value:
            continue
        for role in Role:
            if value in (role.value, role.label):
                roles.add(role)
                break
        else:
            allowed = "、".join(f"{r.value}（{r.label}）" for r in Role)
            raise ValueError(f"角色“{value}”无法识别，可选：{allowed}。")
    return frozenset(roles)


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


def notice_end(start: date, working_days: int, calendar: WorkCalendar | None = None) -> date:
    """The last day of a 公示 of `working_days` working days starting on `start` (counted when a working day),
    on the official holiday calendar with its 调休 make-up workdays (`calendar`: the stored one, with the years
    an administrator added; by default the package's years alone)."""
    return period_end(start, working_days, calendar or PACKAGE_ONLY)


@dataclass(frozen=True)
class Facts:
    """The facts an officer states for a transition, parsed; what is not stated is empty/None."""

    reason: str = ""
    date: date | None = None
    period: int | None = None
    doc_no: str = ""
    amount: Decimal | None = None
    voucher: str = ""
    objector: str = ""

    def present(self, fact: Fact) -> bool:
        value = getattr(self, fact.value)
        return value is not None and value != ""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for fact in Fact:
            if self.present(fact):
                value = getattr(self, fact.value)
                out[fact.value] = (
                    value.isoformat()
                    if isinstance(value, date)
                    else f"{value:.2f}"
                    if isinstance(value, Decimal)
                    else value
                )
        return out


def parse_date(value: object, what: str = "日期") -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = _DATE_PARTS.match(text.replace("年", "-").replace("月", "-"))
    try:
        if match is None:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(f"{what}“{value}”不是有效日期，请写成 2025-10-09。") from None


def parse_facts(raw: Mapping[str, object]) -> tuple[Facts, list[str]]:
    """Parse what an officer typed (strings, or typed values); unknown keys and bad values are listed."""
    problems: list[str] = []
    values: dict[str, object] = {}
    known = {f.value for f in Fact}
    for key, value in raw.items():
        if key not in known:
            problems.append(f"未知事项“{key}”。")
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        fact = Fact(key)
        try:
            if fact is Fact.DATE:
                values[key] = parse_date(value)
            elif fact is Fact.PERIOD:
                period = int(str(value).strip())
                if period < 1 or period > 60:
                    raise ValueError
                values[key] = period
            elif fact is Fact.AMOUNT:
                values[key] = parse_amount(value)
            else:
                values[key] = " ".join(str(value).split())
        except MoneyError as exc:
            problems.append(str(exc))
        except ValueError as exc:
            if fact is Fact.PERIOD:
                problems.append(f"公示期“{value}”应为1到60之间的工作日数（广州5个、深圳及省级7个）。")
            else:
                problems.append(str(exc))
    return Facts(**values), problems  # type: ignore[arg-type]  # keys are the Facts fields, checked above


@dataclass(frozen=True)
class CaseContext:
    """What a check needs to know about the case beyond its state (all optional)."""

    notice_start: date | None = None
    notice_end: date | None = None
    approved_amount: Decimal | None = None  # the city reward approved for this case
    paid_amount: Decimal = Decimal("0.00")  # city payments so far (net of corrections)
    decided_on: date | None = None
    today: date | None = None  # no step may be dated after it (None: not checked)
    # the date of the latest step of each kind taken on the case (action name → its stated date, or the day it
    # was recorded when it states none): a step may not be dated before the step it follows
    step_dates: Mapping[str, date] = field(default_factory=dict)
    last_payment_on: date | None = None  # the latest payment to the enterprise (city or provincial money)
    calendar: WorkCalendar | None = None  # the working-day calendar (core.services.calendar.load)


def check(
    state: CaseState,
    to: CaseState,
    roles: Iterable[Role],
    facts: Facts | None = None,
    context: CaseContext | None = None,
) -> list[str]:
    """Every reason this transition cannot be taken now, in plain Chinese; empty when it can."""
    held = frozenset(roles)
    facts = facts or Facts()
    context = context or CaseContext()
    tr = find(state, to)
    if tr is None:
        options = next_steps(state)
        if state.final:
            hint = f"案件已{state.label}，不能再变更状态。"
        elif not options:
            hint = ""
        else:
            hint = "当前可办理：" + "、".join(f"{t.label}（→{t.target.label}）" for t in options) + "。"
        if to is CaseState.WITHDRAWN and state.decided:
            hint = "已作出决定的案件不能撤回，如确有需要请由审批人作废（须填写原因）。"
        elif to is CaseState.VOID and not state.decided and not state.final:
            hint = "尚未作出决定的案件不能作废，可由经办人撤回。"
        return [f"案件处于“{state.label}”状态，不能转为“{to.label}”。{hint}"]
    reasons: list[str] = []
    if not tr.roles & held:
        have = _roles_text(held) if held else "无任何角色"
        reasons.append(f"“{tr.label}”须由{_roles_text(tr.roles)}办理，您的角色为：{have}。")
    missing = [f.label for f in tr.facts if not facts.present(f)]
    if missing:
        reasons.append(f"“{tr.label}”须填写：{'、'.join(missing)}。")
    reasons.extend(_fact_rules(tr, facts, context))
    return reasons


# The steps a dated step follows (its date may not be earlier than theirs): submitted ≤ review ≤ 公示 start <
# 公示 end < decision ≤ notice ≤ city payment ≤ … ≤ evaluation ≤ close. 批准 after the 公示 end and 绩效评价 after
# the last payment are checked with the case's context in `_dating_rules`.
FOLLOWS: dict[str, tuple[str, ...]] = {
    "start_review": ("submit",),
    "start_notice": ("start_review",),
    "objection_upheld": ("start_notice",),
    "approve": ("start_notice",),
    "reject": ("start_review", "start_notice"),
    "issue_notice": ("approve",),
    "pay": ("issue_notice",),
    "evaluate": ("pay",),
    "close": ("evaluate",),
}


def date_problems(
    step: str, when: date, today: date | None, earlier: Iterable[tuple[str, date]]
) -> list[str]:
    """The rule for every dated step: not later than today (back-dating paper work is allowed, post-dating is
    not) and not earlier than the steps it follows (`earlier`: their labels and dates). Each refusal names
    both dates and the step they belong to."""
    out: list[str] = []
    if today is not None and when > today:
        out.append(
            f"“{step}”的日期 {when} 晚于今天（{today}）：只能登记已经办理的事项，不能预填以后的日期"
            "（纸质办理的可按实际日期补录）。"
        )
    for label, on in earlier:
        if when < on:
            out.append(f"“{step}”的日期 {when} 早于“{label}”的日期 {on}，须为 {on} 或之后。")
    return out


def _dating_rules(tr: Transition, when: date, ctx: CaseContext) -> list[str]:
    earlier = [
        (by_name(name).label, ctx.step_dates[name])
        for name in FOLLOWS.get(tr.name, ())
        if name in ctx.step_dates
    ]
    if tr.name == "evaluate" and ctx.last_payment_on is not None:
        earlier.append(("最后一笔拨付", ctx.last_payment_on))
    out = date_problems(tr.label, when, ctx.today, earlier)
    if tr.name == "approve" and ctx.notice_end is not None and when <= ctx.notice_end:
        out.append(
            f"“{tr.label}”的日期 {when} 未在公示期届满之后：公示期 {ctx.notice_start} 至 {ctx.notice_end}（含）届满，"
            f"批准日期最早为 {ctx.notice_end + timedelta(days=1)}。"
        )
    if tr.name == "objection_upheld" and ctx.notice_end is not None and when > ctx.notice_end:
        out.append(f"异议日期 {when} 晚于公示截止日 {ctx.notice_end}，公示期外的异议不能退回审查。")
    return out


def _fact_rules(tr: Transition, facts: Facts, ctx: CaseContext) -> list[str]:
    out: list[str] = []
    when = facts.date
    if when is not None:
        out.extend(_dating_rules(tr, when, ctx))
    if tr.name == "start_notice" and when is not None and facts.period is not None:
        try:
            notice_end(when, facts.period, ctx.calendar)
        except WorkdayCalendarError as exc:
            out.append(str(exc))
    if tr.name == "issue_notice" and facts.doc_no and not _DOC_NO.match(facts.doc_no):
        out.append(
            f"文号“{facts.doc_no}”格式不对，应如 佛工信函〔2025〕12号（年份写全，用六角括号〔〕，序号不加0）。"
        )
    if tr.name == "pay" and facts.amount is not None:
        out.extend(payment_problems(facts.amount, ctx.approved_amount, ctx.paid_amount, "市级奖励"))
    return out


def payment_problems(amount: Decimal, approved: Decimal | None, paid_so_far: Decimal, line: str) -> list[str]:
    """A payment (negative: a reversing correction) must keep the line's total between 0 and what was approved."""
    if amount == 0:
        return ["拨付金额不能为0。"]
    if approved is None:
        return [f"{line}尚无批准金额，不能拨付。"]
    after = paid_so_far + amount
    if after > approved:
        return [
            f"{line}批准 {approved:,.2f} 元，已拨付 {paid_so_far:,.2f} 元，"
            f"本次 {amount:,.2f} 元将超出批准金额 {after - approved:,.2f} 元。"
        ]
    if after < 0:
        return [f"冲正金额 {-amount:,.2f} 元超过{line}已拨付的 {paid_so_far:,.2f} 元。"]
    return []


def duty_conflicts(
    tr: Transition, actor: str, drafter: str | None, reviewers: Iterable[str] = ()
) -> list[str]:
    """Separation of duties: the drafter can neither review nor approve; a reviewer cannot approve."""
    out: list[str] = []
    if tr.duty in (Duty.REVIEW, Duty.APPROVE) and drafter is not None and actor == drafter:
        act = "审核" if tr.duty is Duty.REVIEW else "审批"
        out.append(f"您（{actor}）是本案的经办（登记）人，不能{act}本案（“{tr.label}”须由他人办理）。")
    if tr.duty is Duty.APPROVE and actor in set(reviewers):
        out.append(f"您（{actor}）审核过本案，不能再审批本案（“{tr.label}”须由另一位审批人办理）。")
    return out

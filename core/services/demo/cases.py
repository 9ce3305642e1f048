"""The demo's reward cases, made through the real services as real officers would: the demo officers, the plan
of states the cases end in, the timeline's anchor date, the titles the cases are for (`_candidates`) and the
walk of each case from draft to its state with its payments and budgets (`_Cases`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any

from core.domain.enums import Field, RegStatus, TitleKind, TitleStatus
from core.domain.workdays import WorkdayCalendarError, add_working_days, period_end
from core.domain.workflow import CaseState
from core.services import audit, budget, users, workflow
from core.services import cases as cases_svc
from core.services import documents as documents_svc
from core.services.demo.register import DemoTitle
from core.services.enterprises import EnterpriseInput
from core.services.policies import current_policy
from core.store.uow import UnitOfWork

# The demo's officers: accounts without a password (see the module docstring).
CLERK, CLERK2, REVIEWER, APPROVER = "demo_chen", "demo_huang", "demo_li", "demo_zhou"
DEMO_OFFICERS = (
    (CLERK, "陈晓明", "clerk"),
    (CLERK2, "黄丽芳", "clerk"),
    (REVIEWER, "李卫东", "reviewer"),
    (APPROVER, "周建国", "approver"),
)
S = CaseState
# The states the demo's cases end in, in the order the candidate titles take them (29 cases, plus a draft
# for a revoked title that shows an ineligible case with its reasons).
PLAN: tuple[CaseState, ...] = (
    *[S.CLOSED] * 3,
    *[S.EVALUATED] * 2,
    *[S.PAID] * 4,
    *[S.NOTICE_ISSUED] * 3,
    *[S.APPROVED] * 3,
    *[S.PUBLIC_NOTICE] * 3,
    *[S.UNDER_REVIEW] * 3,
    *[S.SUBMITTED] * 3,
    *[S.DRAFT] * 3,
    S.REJECTED,
    S.WITHDRAWN,
)
# Days before the anchor date on which the 公示 of the first case of each state began (later cases of a
# state a week apart): the further along, the longer ago.
_NOTICE_DAYS_AGO = {
    S.CLOSED: 230,
    S.EVALUATED: 190,
    S.PAID: 140,
    S.NOTICE_ISSUED: 80,
    S.APPROVED: 40,
    S.PUBLIC_NOTICE: 2,
    S.REJECTED: 60,
}
_DECIDED = frozenset({S.APPROVED, S.NOTICE_ISSUED, S.PAID, S.EVALUATED, S.CLOSED})
_SPAN = 260  # days the timeline needs before the anchor
NOTICE_PERIOD = 5  # working days of 公示


_ROLE_LABELS = {"clerk": "经办人", "reviewer": "审核人", "approver": "审批人"}


def anchor(today: date) -> date:
    """The date the demo's timeline ends on: `today`, kept within the policy's validity (with room for the
    timeline after its start) and within the years the holiday calendar knows (a 公示 counts working days)."""
    policy = current_policy().policy
    on = today
    if policy.valid_until is not None:
        on = min(on, policy.valid_until)
    on = max(on, policy.valid_from + timedelta(days=_SPAN))
    for _ in range(5):
        try:
            add_working_days(on, 2 * NOTICE_PERIOD)
            return on
        except WorkdayCalendarError:  # a year the calendar does not know yet: end in the last one it knows
            on = date(on.year - 1, 12, 10)
    return on


@dataclass(frozen=True)
class _Planned:
    case_id: int
    target: CaseState
    notice_start: date | None  # when its 公示 began (states that reach it)
    city: Decimal | None
    province: Decimal


def _drafter(n: int) -> str:
    return CLERK if n % 2 == 0 else CLERK2


@dataclass
class _Made:
    by_state: dict[str, int] = field(default_factory=dict)
    budget_years: set[int] = field(default_factory=set)


class _Cases:
    """The demo's officers, budgets and cases, step by step through the services."""

    def __init__(self, uow: UnitOfWork, today: date) -> None:
        self.uow = uow
        self.end = anchor(today)
        self.voucher = 0

    # -- the steps ---------------------------------------------------------------------------------------

    def step(self, actor: str, case_id: int, to: CaseState, **facts: object) -> None:
        workflow.transition(self.uow, actor, case_id, to, facts)

    def pay(self, case_id: int, line: str, on: date, amount: Decimal) -> None:
        workflow.record_payment(self.uow, CLERK, case_id, line, on, amount, self._voucher(on))

    def run(
        self,
        rows: Sequence[tuple[EnterpriseInput, list[DemoTitle]]],
        ent_values: Sequence[Mapping[str, Any]],
        title_ids: Sequence[int],
    ) -> _Made:
        # the contact line of the demo's notices and public-notice lists (设置 → 发文设置): saved while the
        # database has no officers yet (an administrator's setting once it has)
        settings = documents_svc.get_settings(self.uow)
        documents_svc.save_settings(
            self.uow,
            replace(settings, contact_person="陈晓明", contact_phone="0757-83381234"),
            actor=audit.DEMO,
        )
        for name, display, role in DEMO_OFFICERS:
            users.add_without_password(self.uow, audit.DEMO, name, role, display)
        picked, ineligible = _candidates(rows, ent_values, title_ids)
        made = _Made()
        planned: list[_Planned] = []
        seen: dict[CaseState, int] = {}
        for n, ((code, kind, title_id), target) in enumerate(zip(picked, PLAN, strict=False)):
            view = cases_svc.create_case(
                self.uow, code, kind, today=self.end, title_id=title_id, actor=_drafter(n)
            )
            # the timeline: each state's cases a week apart, the first one furthest back
            k = seen.get(target, 0)
            seen[target] = k + 1
            ago = _NOTICE_DAYS_AGO.get(target)
            start = self.end - timedelta(days=ago + 7 * k) if ago is not None else None
            planned.append(_Planned(view.id, target, start, view.city_reward, view.province_match))
        if ineligible is not None:  # a draft for a revoked title: its reasons show in the editor
            code, kind, title_id = ineligible
            cases_svc.create_case(self.uow, code, kind, today=self.end, title_id=title_id, actor=CLERK)
            made.by_state[S.DRAFT.value] = 1
        self.budgets(planned, made)
        for n, plan in enumerate(planned):
            self.walk(plan.case_id, plan.target, plan.notice_start, n)
            made.by_state[plan.target.value] = made.by_state.get(plan.target.value, 0) + 1
        return made

    def budgets(self, planned: Sequence[_Planned], made: _Made) -> None:
        """A budget for every year with decisions: the city's with a margin, the province's as allocated."""
        zero = Decimal("0.00")
        by_year: dict[int, tuple[Decimal, Decimal]] = {}
        for plan in planned:
            if plan.target in _DECIDED and plan.notice_start is not None:
                year = self._approve_on(plan.notice_start).year
                city, province = by_year.get(year, (zero, zero))
                by_year[year] = (city + (plan.city or zero), province + plan.province)
        million = Decimal("1000000")
        for year, (city, province) in sorted(by_year.items()):
            city_budget = ((city * Decimal("1.25")) / million).to_integral_value(ROUND_CEILING) * million
            budget.set_line(
                self.uow, APPROVER, year, "city", city_budget, notes="市级先进制造业发展专项资金（演示）"
            )
            budget.set_line(
                self.uow,
                APPROVER,
                year,
                "province",
                province,
                allocated=province,
                notice_no=f"粤财工〔{year}〕{38 + year % 10}号",
                notice_date=date(year, 3, 20),
                notes="省级人工智能与机器人产业配套资金（演示）",
            )
            made.budget_years.add(year)

    def _approve_on(self, notice_start: date) -> date:
        return add_working_days(period_end(notice_start, NOTICE_PERIOD), 3)

    def walk(self, case_id: int, target: CaseState, start: date | None, n: int) -> None:
        """Take the case from draft to `target` (a realistic path, with a few twists along the way)."""
        drafter = _drafter(n)
        if target is S.DRAFT:
            self._keep_draft(drafter, case_id, n)
            return
        self._edit_before_submit(drafter, case_id, target, n)
        # a case that went on to 公示 was submitted two weeks and reviewed one week before it (steps are dated
        # in order, never after today); the others were submitted and reviewed today
        dated = {"date": start - timedelta(days=14)} if start is not None else {}
        self.step(drafter, case_id, S.SUBMITTED, **dated)
        if target is S.SUBMITTED:
            return
        if target is S.WITHDRAWN:
            self.step(drafter, case_id, S.WITHDRAWN, reason="企业因股权变更申请撤回，变更完成后重新申报。")
            return
        reviewed = {"date": start - timedelta(days=7)} if start is not None else {}
        self.step(REVIEWER, case_id, S.UNDER_REVIEW, **reviewed)
        if target is S.UNDER_REVIEW:
            return
        assert start is not None
        if target is S.REJECTED:
            self.step(
                APPROVER,
                case_id,
                S.REJECTED,
                date=start,
                reason="经核查，企业近三年发生一般以上安全生产事故，不符合奖励条件，不予奖励。",
            )
            return
        self.step(REVIEWER, case_id, S.PUBLIC_NOTICE, date=start, period=NOTICE_PERIOD)
        if target is S.PUBLIC_NOTICE:
            if n % 3 == 0:  # an objection received and looked into, not upheld
                workflow.record_objection(
                    self.uow,
                    REVIEWER,
                    case_id,
                    "佛山市某智能装备有限公司（实名）",
                    start + timedelta(days=1),
                    "反映该企业申报产品的市场占有率数据有误；经核实，数据来源于行业协会统计，异议不成立。",
                )
            return
        approved = self._approve_on(start)
        self.step(APPROVER, case_id, S.APPROVED, date=approved)
        if target is S.APPROVED:
            return
        self._issue_and_pay(case_id, target, approved, n)

    def _keep_draft(self, drafter: str, case_id: int, n: int) -> None:
        """A case left in draft: every third one was returned once for more documents."""
        if n % 3 == 0:  # returned once for more documents
            self.step(drafter, case_id, S.SUBMITTED)
            self.step(REVIEWER, case_id, S.UNDER_REVIEW)
            self.step(REVIEWER, case_id, S.DRAFT, reason="请补充企业2024年度审计报告及研发投入专项审计报告。")

    def _edit_before_submit(self, drafter: str, case_id: int, target: CaseState, n: int) -> None:
        """The edits some cases get before they are submitted: an exclusion found (to be rejected), a city
        reward decided below the schedule."""
        if target is S.REJECTED:  # an exclusion found on the register check: ineligible, then rejected
            edit = cases_svc.edit_of(self.uow, case_id)
            cases_svc.update_case(
                self.uow, case_id, replace(edit, exclusion_hits=("accident",)), today=self.end, actor=drafter
            )
        if target is S.PAID and n % 4 == 2:  # a city reward decided below the schedule, with its reason
            edit = cases_svc.edit_of(self.uow, case_id)
            cases_svc.update_case(
                self.uow,
                case_id,
                replace(
                    edit,
                    city_reward="800000.00",
                    override_reason="企业承诺的项目投资尚未全部到位，经局长办公会议研究按八成核定市级奖励。",
                ),
                today=self.end,
                actor=drafter,
            )

    def _issue_and_pay(self, case_id: int, target: CaseState, approved: date, n: int) -> None:
        """An approved case on to `target`: the notice issued, the city reward paid, the provincial match
        received and paid, the evaluation, the close."""
        issued = approved + timedelta(days=10)
        # numbered from the bureau's own sequence, so a notice issued later in the app continues after them
        prefix = documents_svc.get_settings(self.uow).doc_prefix
        number = documents_svc.next_doc_number(self.uow.session, prefix, issued.year)
        self.step(CLERK, case_id, S.NOTICE_ISSUED, date=issued, doc_no=f"{prefix}〔{issued.year}〕{number}号")
        if target is S.NOTICE_ISSUED:
            return
        view = cases_svc.get_case(self.uow, case_id)
        assert view.city_reward is not None
        paid = issued + timedelta(days=12)
        self.step(CLERK, case_id, S.PAID, date=paid, amount=view.city_reward, voucher=self._voucher(paid))
        received = paid + timedelta(days=20)
        if target is S.PAID:
            if n % 2 == 0:  # the provincial match has arrived, not paid on yet
                self.pay(case_id, "province_received", received, view.province_match)
            return
        self.pay(case_id, "province_received", received, view.province_match)
        self.pay(case_id, "province_paid", received + timedelta(days=5), view.province_match)
        evaluated = paid + timedelta(days=60)
        self.step(
            REVIEWER,
            case_id,
            S.EVALUATED,
            date=evaluated,
            reason="企业完成承诺的研发投入和产值目标，奖励资金专账核算、按规定使用，绩效评价为良好。",
        )
        if target is S.EVALUATED:
            return
        self.step(APPROVER, case_id, S.CLOSED, date=evaluated + timedelta(days=10))

    def _voucher(self, on: date) -> str:
        self.voucher += 1
        return f"记{on.year}-{on.month:02d}-{self.voucher:04d}"


_ELIGIBLE_BATCHES = {TitleKind.LITTLE_GIANT: (6, 7), TitleKind.SINGLE_CHAMPION: (8, 9)}


def _candidates(
    rows: Sequence[tuple[EnterpriseInput, list[DemoTitle]]],
    ent_values: Sequence[Mapping[str, Any]],
    title_ids: Sequence[int],
) -> tuple[list[tuple[str, TitleKind, int]], tuple[str, TitleKind, int] | None]:
    """The titles the demo's cases are for: first recognitions of the policy's years, valid, of enterprises in
    AI or robotics that are still registered; an enterprise holding both kinds (stacking: the little giant's
    case first, closed; the champion's later, approved); and a revoked title for an ineligible draft."""
    ids = iter(title_ids)  # in the order the titles were generated
    eligible: list[tuple[str, TitleKind, int]] = []
    both: list[tuple[str, TitleKind, int]] = []
    ineligible: tuple[str, TitleKind, int] | None = None
    for (ent, titles), values in zip(rows, ent_values, strict=True):
        code = str(values["code"])
        mine: list[tuple[str, TitleKind, int]] = []
        for t in titles:
            title_id = next(ids)
            if t.status is TitleStatus.REVOKED and ineligible is None:
                ineligible = (code, t.kind, title_id)
            fits = (
                ent.field != Field.OTHER.value
                and ent.reg_status == RegStatus.ACTIVE.value
                and t.status is TitleStatus.VALID
                and not t.re_review
                and t.batch in _ELIGIBLE_BATCHES[t.kind]
            )
            if fits:
                mine.append((code, t.kind, title_id))
        if len(mine) == 2 and not both:
            both = sorted(mine, key=lambda m: m[1] is TitleKind.SINGLE_CHAMPION)
        elif mine:
            eligible.append(mine[0])
    picked = eligible[: len(PLAN)]
    if both:
        picked = [both[0], *picked[: len(PLAN) - 2]]
        first_approved = PLAN.index(S.APPROVED)
        picked.insert(first_approved, both[1])
    return picked, ineligible

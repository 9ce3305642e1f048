"""The 成文日期 (the printed date) of a document: the one the officer gives, else the document's own default
(`_default_on`); refused when it is later than today or earlier than the case step the document follows, warned
about when it lies outside the case's own dates (`_dating`, issue 15)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from core.domain import clock
from core.io.pdf.layout import fmt_date
from core.services.documents.case_data import CaseFacts, _case_name
from core.services.documents.kinds import APPROVED_STATES, LABELS
from core.services.documents.process_facts import CaseDates, _publicity_period, _state_of, case_dates
from core.services.documents.results import PublicityPeriod, RenderOptions, _Refusal


@dataclass(frozen=True)
class _Dating:
    """The 成文日期 of the document(s), why it is refused, what it should warn about."""

    on: date  # the date of the document (of the first approval form)
    per_case: dict[int, date]  # approval forms: each case's form's date
    problems: list[_Refusal]
    warnings: list[str]
    publicity: PublicityPeriod | None = None


def _default_on(doc_type: str, dates: dict[int, CaseDates], publicity: PublicityPeriod | None) -> date:
    """The 成文日期 a document takes when the officer gives none (never later than today):

    - 公示: its own 公示 start (the recorded period, or a proposed list's first day);
    - 奖励资金下达通知: the date of the cases' “下达资金” step when they all have the same one (a notice issued
      outside the app, printed again as a draft), else today, the day it is issued (its “下达资金” date);
    - 审批表: the case's decision date (批准 / 不予奖励) if decided, else today;
    - 申请省级配套资金汇总表: today (it is sent when made).
    """
    today = clock.today()
    if doc_type == "publicity" and publicity is not None:
        return min(publicity.start, today)
    if doc_type == "notice":
        funded = {d.funded for d in dates.values()}
        if len(funded) == 1 and None not in funded:
            return min(funded.pop() or today, today)
    if doc_type == "approval-form" and len(dates) == 1:
        decided = next(iter(dates.values())).decided
        if decided is not None:
            return min(decided, today)
    return today


def _dating(
    session: Session, doc_type: str, facts: Sequence[CaseFacts], opts: RenderOptions, numbered: bool
) -> _Dating:
    """The 成文日期 and its checks (issue 15: dates run forward and never past today):

    - refused: a date later than today; a date earlier than the case step the document follows: a notice
      before the decision (for a numbered notice the workflow's own check of “下达资金” says so), a 公示 before
      the review began (开始审查), a summary before the decision of a case it lists as approved;
    - warned (printed anyway, the officer sees why): a date outside the case's own dates: a 公示 dated after
      its own period ends, a notice dated otherwise than its “下达资金” step or after a payment, an approval form
      dated before the submission or before the decision it prints, a period's summary dated before the
      period ends.
    The approval form has no lower bound that refuses: it is filled on paper at any point after the submission.
    """
    today = clock.today()
    dates = {f.line.case_id: case_dates(session, f.line.case_id) for f in facts}
    problems: list[_Refusal] = []
    publicity = None
    if doc_type == "publicity":
        provisional = opts.on or min(opts.publicity_start or today, today)
        try:
            publicity = _publicity_period(session, facts, opts, provisional)
        except _Refusal as refusal:
            problems.append(refusal)
    per_case: dict[int, date] = {}
    if doc_type == "approval-form":
        for cid, d in dates.items():
            per_case[cid] = opts.on or _default_on(doc_type, {cid: d}, None)
    on = opts.on or (per_case[next(iter(per_case))] if per_case else _default_on(doc_type, dates, publicity))
    checks = _DateChecks(LABELS[doc_type], on, {f.line.case_id: _case_name(f) for f in facts}, problems)
    if on > today:
        problems.append(
            _Refusal(
                f"{checks.label}的成文日期 {fmt_date(on)} 晚于今天 {fmt_date(today)}：文书的成文日期不能晚于今天（纸质已发的可按实际日期补录）。"
            )
        )
    for cid, d in dates.items():
        _check_case(checks, session, doc_type, cid, d, per_case.get(cid), numbered)
    _check_own_period(checks, doc_type, publicity, opts)
    return _Dating(on, per_case, problems, checks.warnings, publicity)


@dataclass
class _DateChecks:
    """The refusals and warnings collected about one document's 成文日期 `on` (see `_dating`)."""

    label: str  # the document's label
    on: date
    names: dict[int, str]  # each case as the messages name it
    problems: list[_Refusal]
    warnings: list[str] = field(default_factory=list)

    def refuse(self, cid: int, step: str, when: date | None) -> None:
        """Refused: dated before the case's `step` (taken on `when`)."""
        if when is not None and self.on < when:
            self.problems.append(
                _Refusal(
                    f"{self.label}的成文日期 {fmt_date(self.on)} 早于{self.names[cid]}“{step}”的日期 {fmt_date(when)}。",
                    cid,
                )
            )

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)


def _check_case(
    checks: _DateChecks,
    session: Session,
    doc_type: str,
    cid: int,
    d: CaseDates,
    day: date | None,
    numbered: bool,
) -> None:
    """The 成文日期 against one case's own dates (`day`: the date of its approval form)."""
    name, on = checks.names[cid], checks.on
    if doc_type == "notice":
        if not numbered:
            checks.refuse(cid, "批准", d.decided)
        if d.funded is not None and on != d.funded:
            checks.warn(
                f"注意：成文日期 {fmt_date(on)} 与{name}“下达资金”的日期 {fmt_date(d.funded)} 不一致。"
            )
        if d.paid is not None and on > d.paid:
            checks.warn(
                f"注意：成文日期 {fmt_date(on)} 晚于{name}“拨付”的日期 {fmt_date(d.paid)}（通知应在拨付之前）。"
            )
    elif doc_type == "publicity":
        checks.refuse(cid, "开始审查", d.review)
    elif doc_type == "province-summary":
        if _state_of(session, cid) in APPROVED_STATES:
            checks.refuse(cid, "批准", d.decided)
    elif doc_type == "approval-form":
        assert day is not None
        if d.submitted is not None and day < d.submitted:
            checks.warn(
                f"注意：{name}审批表的填表日期 {fmt_date(day)} 早于“提交申报”的日期 {fmt_date(d.submitted)}。"
            )
        elif d.decided is not None and day < d.decided:
            checks.warn(
                f"注意：{name}审批表的填表日期 {fmt_date(day)} 早于表中“部门决策”的日期 "
                f"{fmt_date(d.decided)}。"
            )


def _check_own_period(
    checks: _DateChecks, doc_type: str, publicity: PublicityPeriod | None, opts: RenderOptions
) -> None:
    """The 成文日期 against the document's own period: a 公示's, a period's summary's."""
    on = checks.on
    if publicity is not None and on > publicity.end:
        checks.warn(
            f"注意：公示的成文日期 {fmt_date(on)} 晚于其公示期结束日 {fmt_date(publicity.end)}"
            f"（公示期 {publicity.text}）。"
        )
    if doc_type == "province-summary" and opts.period is not None and on < opts.period[1]:
        checks.warn(
            f"注意：汇总表的成文日期 {fmt_date(on)} 早于其汇总期间的结束日 {fmt_date(opts.period[1])}。"
        )

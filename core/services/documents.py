"""Printed documents: bureau settings (发文设置), rendering, issuing with a 文号, records, regeneration.

- `render_documents` prints a document for cases to a folder. A notice is *issued*: it takes the next 文号 of
  the bureau's prefix and year and is recorded with the data it was printed from; rendering the same cases'
  notice again regenerates the issued one from that record (same 文号, date and content), never a new number.
  Other documents are recorded too (type, cases, SHA-256, who, when, verification code), without a 文号.
  `draft=True` prints a notice with the number left blank and records nothing.
- The 文号 number is taken as the first statement of the writing transaction and the record is inserted in the
  same transaction, so two officers issuing at once get consecutive numbers and a failure gives it back.
- Case data comes through `case_source` (default: core.services.cases); documents are built over plain data
  (core.io.pdf.model) and rendered by core.io.pdf.

The documents follow the case process (core.domain.workflow, core.services.workflow):
- 奖励资金下达通知: a numbered notice is issued only for cases in “已批准”, by an officer whose role may take
  “下达资金” (经办人). The 文号, the record and every case's step “下达资金” (→ 资金已下达, with that 文号 and the
  notice's date as its facts) are one transaction: the 文号 is used if and only if the cases moved; a refused
  step, a failed rendering or a failed write leaves neither. The number skips a 文号 an officer already typed by
  hand on a case's “下达资金” step (a notice issued outside the app), so one 文号 never names two letters.
  Drafts (no 文号, no record, no step) print for any eligible case, as previews do.
- 公示: for cases in (or past) 公示, the period is the one the reviewer recorded with “开始公示” (start date,
  working days, computed end), not the options; the options only serve a proposed list of cases not yet in 公示.
  One list has one period: cases with different periods, or some in 公示 and some not, are refused.
- 审批表: the opinions come from the case's steps (the clerk's submission, the reviewer's outcome, the approver's
  decision, with the officers' display names and dates); a step not taken leaves its box empty to be signed on
  paper, as does 分管领导意见 (no step of the app's process stands for it).
- 申请省级配套资金汇总表: for chosen cases, or for the cases approved in a period (`approved_in_period`: the
  “批准” decision date, cases still standing: not voided since), the period printed on it.
- Cases that were rejected, withdrawn or voided are refused on a notice, a 公示 list and a summary.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.domain import clock
from core.domain.permissions import Action
from core.domain.workdays import WorkdayCalendarError, next_working_day
from core.domain.workflow import CaseState
from core.io import templates
from core.io.pdf import model as m
from core.io.pdf.approval_form import render_approval_form
from core.io.pdf.fonts import FontSet, MissingGlyphError
from core.io.pdf.layout import fmt_date, fmt_doc_no
from core.io.pdf.notice import render_notice
from core.io.pdf.province_summary import render_province_summary, write_xlsx
from core.io.pdf.publicity import render_publicity
from core.io.templates import TemplateError
from core.paths import data_dir
from core.services import access, case_records
from core.services import calendar as calendar_svc
from core.services.errors import Conflict, InputError, NotFound
from core.store.models_cases import RewardCase
from core.store.models_documents import BureauSetting, DocSequence, IssuedDocument
from core.store.models_users import User
from core.store.models_workflow import CaseEvent
from core.store.uow import Database, FlushOnCommit, UnitOfWork

DOC_TYPES = ("notice", "publicity", "approval-form", "province-summary")
LABELS = {
    "notice": "奖励资金下达通知",
    "publicity": "公示",
    "approval-form": "审批表",
    "province-summary": "申请省级配套资金汇总表",
}
DEFAULT_OPINION_STAGES = ("经办人意见", "科室审核意见", "分管领导意见", "局领导审批意见")
DEFAULT_PUBLICITY_DAYS = 5

S = CaseState
# Cases that stand approved: listed by a period's summary; “已批准” alone may be issued a numbered notice.
APPROVED_STATES = frozenset({S.APPROVED, S.NOTICE_ISSUED, S.PAID, S.EVALUATED, S.CLOSED})
_BEFORE_DECISION = frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE})
_IN_OR_PAST_PUBLICITY = frozenset({S.PUBLIC_NOTICE} | APPROVED_STATES)
_NO_REWARD = frozenset({S.REJECTED, S.WITHDRAWN, S.VOID})


def template_dir_default() -> Path:
    """Where the admin's edited copies of the templates live (data folder/templates)."""
    return data_dir() / "templates"


def _templates(template_dir: Path | None) -> Path:
    return template_dir if template_dir is not None else template_dir_default()


# ---------------------------------------------------------------- settings


def get_settings(uow: UnitOfWork) -> m.BureauSettings:
    """The bureau's settings; keys never saved keep their defaults."""
    stored = {row.key: row.value for row in uow.session.scalars(select(BureauSetting))}
    defaults = m.BureauSettings()
    return m.BureauSettings(
        **{f.name: stored.get(f.name, getattr(defaults, f.name)) for f in fields(defaults)}
    )


def save_settings(uow: UnitOfWork, settings: m.BureauSettings, actor: str = "") -> m.BureauSettings:
    """Save the bureau's settings; the fields that changed (from what was in effect, defaults included) are
    audited as one "setting bureau" entry under `actor` (empty: the signed-in officer, else the system)."""
    from core.services import audit  # imported here: the rest of this module is another area's

    errors: dict[str, str] = {}
    for key in ("bureau_name", "banner_text", "doc_prefix", "city", "signatory"):
        if not str(getattr(settings, key)).strip():
            errors[key] = "必填"
    prefix = settings.doc_prefix.strip()
    if any(ch in prefix for ch in "〔〕[]()（）0123456789号"):
        errors["doc_prefix"] = "文号前缀只写机关代字，如“佛工信函”，年份和序号由程序加上"
    if errors:
        raise InputError(f"发文设置有{len(errors)}处需要修改：{next(iter(errors.values()))}", errors)
    session = uow.session
    who = access.require(uow, actor, Action.DOCUMENT_SETTINGS)
    before = get_settings(uow).to_json()
    for f in fields(settings):
        value = str(getattr(settings, f.name)).strip()
        row = session.get(BureauSetting, f.name)
        if row is None:
            session.add(BureauSetting(key=f.name, value=value, updated_by=who))
        elif row.value != value:
            row.value = value
            row.updated_by = who
    session.flush()
    changes = audit.diff(before, get_settings(uow).to_json())
    if changes:
        audit.record(session, who, "setting", "bureau", "update", changes)
    uow.commit()
    return get_settings(uow)


# ---------------------------------------------------------------- case data


@dataclass(frozen=True)
class CaseFacts:
    """What the documents need of one case."""

    line: m.CaseLine
    facts: tuple[tuple[str, str], ...]
    trace: tuple[m.TraceStep, ...]
    eligible: bool
    problems: tuple[str, ...] = ()  # why it cannot be rewarded (ineligible, no city reward)
    policy: str = ""  # 《title》（文号） of the policy snapshot the case was computed under
    rules: str = ""  # 《title》（文号） of that policy's implementing rules


CaseSource = Callable[[UnitOfWork, int], CaseFacts]


def case_facts_from_cases(uow: UnitOfWork, case_id: int) -> CaseFacts:
    """The adapter over core.services.cases (imported here so this module loads without it)."""
    from core.services import cases
    from core.services.policies import policy_from_snapshot

    view = cases.get_case(uow, case_id)
    policy = policy_from_snapshot(uow.session, view.policy_sha256)  # what the amounts were computed under
    batch = f"第{view.title_batch}批"
    problems = [f.reason for f in view.failures]
    if view.city_reward is None:
        problems.append("市级奖励金额未确定")
    line = m.CaseLine(
        case_id=view.id,
        enterprise_name=view.enterprise_name,
        district=view.district,
        title_label=view.title_kind.label,
        batch_label=batch,
        city_reward=view.city_reward if view.city_reward is not None else Decimal("0.00"),
        province_match=view.province_match,
        enterprise_code=view.enterprise_code,
        recognized_year=view.recognized_on.year,
    )
    facts = (
        ("企业名称", view.enterprise_name),
        ("统一社会信用代码", view.enterprise_code),
        ("所在区", view.district or "—"),
        (
            "称号",
            f"{view.title_kind.label}（{batch}，{view.recognized_on.year}年{view.recognized_on.month}月认定）",
        ),
        ("适用政策", policy.citation),
        (
            "市级奖励来源",
            "按市奖励标准" if view.city_reward_source == "schedule" else f"调整：{view.city_reward_reason}",
        ),
        (
            "资格审查",
            "全部通过" if view.eligible else "未通过：" + "；".join(f.reason for f in view.failures),
        ),
        ("案件状态", _state_label(view.status)),
        *(("额度提示", w) for w in view.warnings),  # a total above the 奖励总额度, and by how much
    )
    trace = tuple(m.TraceStep(t.step, t.value, t.reference) for t in view.trace)
    return CaseFacts(
        line,
        facts,
        trace,
        view.eligible and view.city_reward is not None,
        tuple(problems),
        policy.citation,
        policy.rules_citation,
    )


def citations(facts: Sequence[CaseFacts]) -> tuple[str, str]:
    """(policy, rules) as a document over these cases cites them: each case's own policy snapshot. Cases
    computed under different policies are one document citing each policy (and each set of rules) once, in
    the order of the cases, joined with “、”; a case without a citation is refused (InputError)."""
    missing = [f.line.case_id for f in facts if not f.policy or not f.rules]
    if missing:
        raise InputError(f"案件 {_ids_text(missing)} 没有可引用的政策依据（政策快照），不能生成文书。")
    policy = "、".join(dict.fromkeys(f.policy for f in facts))
    rules = "、".join(dict.fromkeys(f.rules for f in facts))
    return policy, rules


def _state_label(status: str) -> str:
    try:
        return CaseState(status).label
    except ValueError:
        return status


# ---------------------------------------------------------------- the case process (what the documents read)


@dataclass(frozen=True)
class _Event:
    """A step of a case (core.store.models_workflow.CaseEvent) as plain values."""

    action: str
    actor: str
    at: datetime
    facts: dict[str, Any]


_state_of = case_records.state_of


def _events(session: Session, case_id: int) -> list[_Event]:
    rows = case_records.events_of(session, case_id)
    return [_Event(r.action, r.actor, r.at, json.loads(r.facts or "{}")) for r in rows]


def _case_name(f: CaseFacts) -> str:
    return f"案件 {f.line.case_id}（{f.line.enterprise_name}）"


def _ids_text(ids: Sequence[int]) -> str:
    return "、".join(str(i) for i in ids)


class _Refusal(Exception):
    """One reason a document cannot be printed for these cases (collected by `_plan`)."""

    def __init__(self, text: str, case_id: int | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.case_id = case_id


@dataclass(frozen=True)
class PublicityPeriod:
    start: date
    end: date
    days: int
    from_records: bool  # the cases' “开始公示” step (else the options: a proposed list)
    counted: str = ""  # how the end was counted (core.domain.workdays.PeriodCount.text)

    @property
    def text(self) -> str:
        return f"{fmt_date(self.start)}至{fmt_date(self.end)}（{self.days}个工作日）"


def _current_notice(events: list[_Event]) -> _Event | None:
    """The “开始公示” step of the 公示 the case is in or went through: the latest one, unless the case went back
    to review after it (an objection upheld, returned for correction)."""
    for e in reversed(events):
        if e.action in ("objection_upheld", "return"):
            return None
        if e.action == "start_notice":
            return e
    return None


def _publicity_period(
    session: Session, facts: Sequence[CaseFacts], opts: RenderOptions, on: date
) -> PublicityPeriod:
    """The one period of a 公示 list (module docstring); raises `_Refusal` naming the cases otherwise."""
    recorded: dict[tuple[date, date, int], list[int]] = {}
    counted: dict[tuple[date, date, int], str] = {}
    proposed: list[int] = []
    for f in facts:
        cid = f.line.case_id
        state = _state_of(session, cid)
        if state in _NO_REWARD:
            raise _Refusal(f"{_case_name(f)}处于“{state.label}”状态，不能列入公示名单。", cid)
        if state not in _IN_OR_PAST_PUBLICITY:
            proposed.append(cid)
            continue
        event = _current_notice(_events(session, cid))
        if event is None:
            raise _Refusal(
                f"{_case_name(f)}处于“{state.label}”状态，但没有“开始公示”的记录，无法确定公示期。", cid
            )
        key = (
            date.fromisoformat(str(event.facts["date"])),
            date.fromisoformat(str(event.facts["notice_end"])),
            int(event.facts["period"]),
        )
        recorded.setdefault(key, []).append(cid)
        counted.setdefault(key, str(event.facts.get("notice_counted", "")))
    if recorded and proposed:
        started = sorted(i for ids in recorded.values() for i in ids)
        raise _Refusal(
            f"案件 {_ids_text(proposed)} 尚未开始公示，案件 {_ids_text(started)} 已开始公示；同一公示名单的案件"
            "须同一公示期，请分开生成（尚未公示的案件可单独生成拟公示名单）。",
            proposed[0],
        )
    if len(recorded) > 1:
        parts = "；".join(
            f"案件 {_ids_text(ids)} 为{PublicityPeriod(*key, True).text}" for key, ids in recorded.items()
        )
        raise _Refusal(
            f"所选案件的公示期不同（{parts}），同一公示名单的案件须同一公示期，请按公示期分别生成。",
            next(iter(recorded.values()))[0],
        )
    calendar = calendar_svc.load_session(session)
    if recorded:
        key = next(iter(recorded))
        (start, end, days) = key
        try:  # recorded when the 公示 started; counted again for a 公示 recorded before that was kept
            how = counted[key] or calendar.count(start, days).text
        except WorkdayCalendarError:
            how = ""
        return PublicityPeriod(start, end, days, True, how)
    if opts.publicity_days < 1:
        raise InputError("公示期至少为1个工作日。", {"days": "至少1"})
    start = next_working_day(opts.publicity_start or on, calendar)
    how_counted = calendar.count(start, opts.publicity_days)
    return PublicityPeriod(start, how_counted.end, opts.publicity_days, False, how_counted.text)


def _display_names(session: Session, names: set[str]) -> dict[str, str]:
    """Officers' display names where they have one (else their sign-in name)."""
    rows = session.execute(select(User.name, User.display_name).where(User.name.in_(sorted(names))))
    return {name: shown or name for name, shown in rows}


def _last(events: list[_Event], actions: set[str]) -> int:
    """Index of the last step among `actions` (-1: none)."""
    for i in range(len(events) - 1, -1, -1):
        if events[i].action in actions:
            return i
    return -1


def opinions_of(session: Session, case_id: int) -> tuple[m.Opinion, ...]:
    """The approval form's four boxes from the case's steps (module docstring): the clerk's submission (unless
    the case was returned since), the reviewer's outcome since that submission (公示, returned, objection upheld),
    the approver's decision (and a later voiding); empty boxes for steps not taken."""
    events = _events(session, case_id)
    names = _display_names(session, {e.actor for e in events})

    def opinion(stage: str, text: str, e: _Event, on: date | None = None) -> m.Opinion:
        # the day the step states (paper work recorded afterwards), else the day it was recorded
        stated = e.facts.get("date")
        when = on or (date.fromisoformat(str(stated)) if stated else e.at.date())
        return m.Opinion(stage, text, names.get(e.actor, e.actor), when)

    clerk_stage, review_stage, leader_stage, decision_stage = DEFAULT_OPINION_STAGES
    out = {stage: m.Opinion(stage) for stage in DEFAULT_OPINION_STAGES}
    submitted = _last(events, {"submit"})
    if submitted >= 0 and _last(events, {"return"}) < submitted:
        out[clerk_stage] = opinion(clerk_stage, "申报材料已登记，提交审查。", events[submitted])
    reviewed = _last(events, {"start_notice", "return", "objection_upheld"})
    if reviewed > submitted:  # a resubmission after a return waits for a new review
        e = events[reviewed]
        f = e.facts
        if e.action == "start_notice":
            start, end = date.fromisoformat(str(f["date"])), date.fromisoformat(str(f["notice_end"]))
            text = (
                f"经审查，符合奖励条件，同意列入拟奖励名单，于{fmt_date(start)}至{fmt_date(end)}公示"
                f"（{f['period']}个工作日）。"
            )
            objections = [x for x in events[reviewed + 1 :] if x.action == "objection"]
            if objections:
                who = "、".join(dict.fromkeys(str(x.facts.get("objector", "")) for x in objections))
                text += f"公示期间收到书面异议{len(objections)}件（异议人：{who}），未予采纳。"
        elif e.action == "return":
            text = f"退回补正：{f.get('reason', '')}"
        else:
            text = f"公示期间异议成立（异议人：{f.get('objector', '')}），退回审查：{f.get('reason', '')}"
        out[review_stage] = opinion(review_stage, text, e)
    decided = _last(events, {"approve", "reject"})
    if decided >= 0:
        e = events[decided]
        f = e.facts
        if e.action == "approve":
            text = "同意按上表所列金额给予奖励。"
            if f.get("override_reason"):
                text += f"超出预算批准，理由：{f['override_reason']}。"
            if f.get("over_cap_reason"):
                text += f"合计超过奖励总额度批准，理由：{f['over_cap_reason']}。"
        else:
            text = f"不予奖励：{f.get('reason', '')}"
        voided = _last(events, {"void"})
        if voided > decided:
            v = events[voided]
            text += f"（{fmt_date(v.at.date())}由{names.get(v.actor, v.actor)}作废，原因：{v.facts.get('reason', '')}）"
        on = date.fromisoformat(str(f["date"])) if f.get("date") else None
        out[decision_stage] = opinion(decision_stage, text, e, on)
    del leader_stage  # no step of the app's process stands for it: signed on paper
    return tuple(out[stage] for stage in DEFAULT_OPINION_STAGES)


def approved_in_period(uow: UnitOfWork, start: date, end: date) -> list[int]:
    """The cases approved from `start` to `end` (inclusive, by the “批准” step's decision date) that still
    stand approved (已批准 or later: not voided since; a rejected or withdrawn case was never approved), by id."""
    if end < start:
        raise InputError(f"期间的结束日期 {end} 早于开始日期 {start}。", {"to": "早于开始日期"})
    rows = uow.session.execute(
        select(CaseEvent.case_id, CaseEvent.facts)
        .join(RewardCase, RewardCase.id == CaseEvent.case_id)
        .where(CaseEvent.action == "approve", RewardCase.status.in_([s.value for s in APPROVED_STATES]))
        .order_by(CaseEvent.id)
    )
    decided = {case_id: date.fromisoformat(str(json.loads(facts)["date"])) for case_id, facts in rows}
    return sorted(case_id for case_id, on in decided.items() if start <= on <= end)


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    doc_type: str
    case_ids: tuple[int, ...]
    doc_no: str
    issued_on: date
    file_name: str
    file_sha256: str
    verification: str
    issued_by: str
    issued_at: datetime
    audit_anchor: str = ""  # the audit chain's end at issue, "N:HASH" (printed beside the code)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.doc_type,
            "cases": list(self.case_ids),
            "doc_no": self.doc_no,
            "issued_on": self.issued_on.isoformat(),
            "file_name": self.file_name,
            "sha256": self.file_sha256,
            "verification": self.verification,
            "issued_by": self.issued_by,
            "issued_at": self.issued_at.isoformat(timespec="seconds"),
            "audit_anchor": self.audit_anchor,
        }


@dataclass(frozen=True)
class RenderResult:
    files: tuple[Path, ...]
    doc_no: str
    records: tuple[DocumentRecord, ...]
    regenerated: bool = False  # printed again from an issued record
    same_as_issued: bool = True  # the regenerated file has the recorded SHA-256 (same fonts on this machine)
    notes: tuple[str, ...] = ()  # what the document took from the case records, for the officer
    warnings: tuple[str, ...] = ()  # its 成文日期 lies outside the case's own dates (printed anyway)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [str(f) for f in self.files],
            "doc_no": self.doc_no,
            "verification": [r.verification for r in self.records],
            "records": [r.to_json() for r in self.records],
            "regenerated": self.regenerated,
            "same_as_issued": self.same_as_issued,
            "notes": list(self.notes),
            "warnings": list(self.warnings),
        }


def _ids_key(case_ids: Sequence[int]) -> str:
    return "," + ",".join(str(i) for i in sorted(case_ids)) + ","


def _record(row: IssuedDocument) -> DocumentRecord:
    return DocumentRecord(
        id=row.id,
        doc_type=row.doc_type,
        case_ids=tuple(int(x) for x in row.case_ids.strip(",").split(",") if x),
        doc_no=row.doc_no or "",
        issued_on=row.issued_on,
        file_name=row.file_name,
        file_sha256=row.file_sha256,
        verification=row.verification,
        issued_by=row.issued_by,
        issued_at=row.issued_at,
        audit_anchor=_anchor_in(row.payload),
    )


def _anchor_in(payload: str) -> str:
    try:
        value = json.loads(payload).get("audit_anchor", "")
    except (ValueError, AttributeError):
        return ""
    return value if isinstance(value, str) else ""


def list_documents(
    uow: UnitOfWork, case_id: int | None = None, doc_type: str | None = None
) -> list[DocumentRecord]:
    stmt = select(IssuedDocument)
    if case_id is not None:
        stmt = stmt.where(IssuedDocument.case_ids.like(f"%,{case_id},%"))
    if doc_type is not None:
        stmt = stmt.where(IssuedDocument.doc_type == doc_type)
    return [_record(r) for r in uow.session.scalars(stmt.order_by(IssuedDocument.id))]


def find_by_verification(uow: UnitOfWork, code: str) -> list[DocumentRecord]:
    """The records a verification code printed on a page belongs to (normally one)."""
    code = code.strip().upper()
    rows = list(uow.session.scalars(select(IssuedDocument).where(IssuedDocument.verification == code)))
    for row in rows:
        _check_payload(uow.session, row)  # a record edited after issue vouches for nothing
    return [_record(r) for r in rows]


def next_doc_number(session: Session, prefix: str, year: int) -> int:
    """Take the next number of (prefix, year). Call it first in the transaction that inserts the record:
    the UPDATE takes the row (PostgreSQL) or the database (SQLite) write lock until commit or rollback."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:
        from sqlalchemy.dialects.postgresql import insert as dialect_insert  # type: ignore[assignment]
    session.execute(
        dialect_insert(DocSequence).values(prefix=prefix, year=year, next_no=1).on_conflict_do_nothing()
    )
    taken = session.execute(
        update(DocSequence)
        .where(DocSequence.prefix == prefix, DocSequence.year == year)
        .values(next_no=DocSequence.next_no + 1)
        .returning(DocSequence.next_no)
    ).scalar_one()
    return int(taken) - 1


def peek_doc_number(uow: UnitOfWork, prefix: str, year: int) -> int:
    """The number the next issued notice of (prefix, year) will get (for display; not reserved)."""
    row = uow.session.get(DocSequence, (prefix, year))
    return row.next_no if row else 1


# ---------------------------------------------------------------- payloads (what a record prints from)


def _line_json(line: m.CaseLine) -> dict[str, Any]:
    return line.to_json()


def _line_from(data: dict[str, Any]) -> m.CaseLine:
    return m.CaseLine(
        case_id=int(data["case_id"]),
        enterprise_name=str(data["enterprise_name"]),
        district=str(data["district"]),
        title_label=str(data["title_label"]),
        batch_label=str(data["batch_label"]),
        city_reward=Decimal(str(data["city_reward"])),
        province_match=Decimal(str(data["province_match"])),
        enterprise_code=str(data.get("enterprise_code", "")),
        recognized_year=data.get("recognized_year"),
    )


def _settings_from(data: dict[str, Any]) -> m.BureauSettings:
    return m.BureauSettings(**{f.name: str(data[f.name]) for f in fields(m.BureauSettings) if f.name in data})


# Records issued before payloads carried their citations were all printed citing the 2025 policy (the PDF
# model's constants then): regenerating such a record prints what it printed. New payloads always carry theirs.
_RECORDED_BEFORE_CITATIONS = (
    "《广东省推动人工智能与机器人产业创新发展若干政策措施》（粤府办〔2025〕6号）",
    "《广东省推动人工智能与机器人产业创新发展若干政策措施实施细则》（粤工信规字〔2025〕6号）",
)


def _build(doc_type: str, p: dict[str, Any]) -> Any:
    """The document data a payload describes."""
    settings = _settings_from(p["settings"])
    lines = tuple(_line_from(x) for x in p["lines"])
    on = date.fromisoformat(p["issued_on"])
    code = p.get("verification", "")
    anchor = str(p.get("audit_anchor", "")) if code else ""
    policy = str(p.get("policy") or _RECORDED_BEFORE_CITATIONS[0])
    rules = str(p.get("rules") or _RECORDED_BEFORE_CITATIONS[1])
    if doc_type == "notice":
        return m.NoticeData(
            settings,
            p["doc_no"],
            on,
            lines,
            p.get("addressee", ""),
            verification=code,
            audit_anchor=anchor,
            policy=policy,
            rules=rules,
        )
    if doc_type == "publicity":
        return m.PublicityData(
            settings,
            lines,
            date.fromisoformat(p["start"]),
            date.fromisoformat(p["end"]),
            int(p["days"]),
            on,
            verification=code,
            audit_anchor=anchor,
            policy=policy,
            rules=rules,
        )
    if doc_type == "approval-form":
        return m.ApprovalData(
            settings,
            lines[0],
            tuple((str(k), str(v)) for k, v in p["facts"]),
            tuple(m.TraceStep(str(s), str(v), str(c)) for s, v, c in p["trace"]),
            tuple(
                m.Opinion(
                    str(o["stage"]),
                    str(o["text"]),
                    str(o["name"]),
                    date.fromisoformat(o["on"]) if o["on"] else None,
                )
                for o in p["opinions"]
            ),
            on,
            case_no=str(p.get("case_no", "")),
            verification=code,
            audit_anchor=anchor,
            policy=policy,
            rules=rules,
        )
    period = p.get("period")
    return m.SummaryData(
        settings,
        lines,
        on,
        int(p["year"]),
        verification=code,
        audit_anchor=anchor,
        period=(date.fromisoformat(period[0]), date.fromisoformat(period[1])) if period else None,
        policy=policy,
        rules=rules,
    )


def _template(
    doc_type: str, payload: dict[str, Any], template_dir: Path | None
) -> templates.DocumentTemplate:
    """The template a record was printed with (kept in its payload), else the current one."""
    stored = payload.get("template")
    if isinstance(stored, dict):
        return templates.DocumentTemplate(doc_type, "发文记录", {str(k): str(v) for k, v in stored.items()})
    return templates.load(doc_type, template_dir)


def _render(doc_type: str, data: Any, fonts: FontSet | None, template: templates.DocumentTemplate) -> bytes:
    if doc_type == "notice":
        return render_notice(data, fonts, template=template)
    if doc_type == "publicity":
        return render_publicity(data, fonts, template=template)
    if doc_type == "approval-form":
        return render_approval_form(data, fonts, template=template)
    return render_province_summary(data, fonts, template=template)


def _write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _safe_name(text: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in text)


# ---------------------------------------------------------------- rendering


@dataclass(frozen=True)
class RenderOptions:
    on: date | None = None  # the 成文日期 (default: the document's own, see `_default_on`)
    addressee: str = ""  # notice: default from the settings
    publicity_start: date | None = None  # proposed 公示 list: default the first working day from `on`
    publicity_days: int = DEFAULT_PUBLICITY_DAYS  # proposed 公示 list only (see the module docstring)
    draft: bool = False  # notice: print without a number, record nothing, move no case
    period: tuple[date, date] | None = None  # province summary: the cases approved in this period


@dataclass(frozen=True)
class Readiness:
    """What saving (issuing, recording) a document for these cases would meet; see `check_documents`."""

    states: dict[int, CaseState]
    problems: tuple[str, ...]  # why it would be refused (nothing issued, numbered or recorded)
    notes: tuple[str, ...]  # what the document will take from the case records
    regenerates: bool = False  # a notice already issued for exactly these cases: printed again as issued
    publicity: PublicityPeriod | None = None
    on: date | None = None  # the 成文日期 it would print: the one given, else the document's default
    warnings: tuple[str, ...] = ()  # that date lies outside the case's own dates (saving is not refused)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Plan:
    problems: list[_Refusal]
    notes: list[str]
    publicity: PublicityPeriod | None = None
    opinions: dict[int, tuple[m.Opinion, ...]] | None = None
    dating: _Dating | None = None


def _issued_notice(session: Session, ids: Sequence[int]) -> IssuedDocument | None:
    return session.scalars(
        select(IssuedDocument).where(
            IssuedDocument.doc_type == "notice", IssuedDocument.case_ids == _ids_key(ids)
        )
    ).first()


def _notice_no_of(session: Session, case_id: int) -> str:
    for e in reversed(_events(session, case_id)):
        if e.action == "issue_notice":
            return str(e.facts.get("doc_no", ""))
    return ""


def _notice_refusals(
    uow: UnitOfWork, facts: Sequence[CaseFacts], actor: str, on: date, settings: m.BureauSettings
) -> list[_Refusal]:
    """Why a numbered notice cannot be issued now for these cases by `actor`: states first, then the
    workflow's own check of “下达资金” (role, date after the decision, separation of duties)."""
    from core.services import workflow as wf_svc  # the workflow loads the case services: only when issuing

    session = uow.session
    out: list[_Refusal] = []
    approved: list[CaseFacts] = []
    for f in facts:
        cid = f.line.case_id
        state = _state_of(session, cid)
        if state is S.APPROVED:
            approved.append(f)
            continue
        if state in _BEFORE_DECISION:
            why = "尚未批准，只能打印不编文号的草稿；批准后方可签发编号的奖励资金下达通知"
        elif state in _NO_REWARD:
            why = "不能下达奖励资金"
        else:
            no = _notice_no_of(session, cid)
            why = (
                f"资金已下达（文号 {no or '未记录'}），不能再编新的文号；"
                "重印原通知请选择该通知所列的同一批案件，或在发文记录中重新生成"
            )
        out.append(_Refusal(f"{_case_name(f)}处于“{state.label}”状态，{why}。", cid))
    if not actor:
        out.append(_Refusal("签发编号的奖励资金下达通知须先登录，由经办人签发。"))
        return out
    probe = fmt_doc_no(settings.doc_prefix, on.year, peek_doc_number(uow, settings.doc_prefix, on.year))
    step = {"date": on.isoformat(), "doc_no": probe}
    by_reason: dict[str, list[CaseFacts]] = {}
    for f in approved:
        try:
            reasons = wf_svc.check_transition(uow, actor, f.line.case_id, S.NOTICE_ISSUED, step)
        except InputError as exc:  # an unknown or disabled officer
            reasons = [str(exc)]
        for reason in reasons:
            by_reason.setdefault(reason, []).append(f)
    for reason, cases in by_reason.items():
        who = (
            _case_name(cases[0]) if len(cases) == 1 else f"案件 {_ids_text([c.line.case_id for c in cases])}"
        )
        text = reason if len(cases) == len(approved) and len(approved) > 1 else f"{who}：{reason}"
        out.append(_Refusal(text, cases[0].line.case_id))
    return out


# ---------------------------------------------------------------- 成文日期 (the printed date)


@dataclass(frozen=True)
class CaseDates:
    """The dates of a case's steps that a document follows (None: not taken). A step's date is its stated
    `date`; a step that states none (提交申报, 开始审查) took place on the day it was recorded, unless a later
    step is dated before that day (paper work recorded after the fact): then its date is not known (None). The
    公示 is the one the case is in or went through."""

    submitted: date | None = None  # 提交申报 (the latest)
    review: date | None = None  # 开始审查 (the latest)
    notice_start: date | None = None  # 开始公示
    notice_end: date | None = None
    decided: date | None = None  # 批准 / 不予奖励
    funded: date | None = None  # 下达资金
    paid: date | None = None  # the first city payment


def _step_dates(events: list[_Event]) -> list[date | None]:
    """Each step's date (see CaseDates), in the order of `events`."""
    out: list[date | None] = []
    bound: date | None = None  # the earliest date stated by a later step
    for e in reversed(events):
        stated = e.facts.get("date")
        if stated:
            day = date.fromisoformat(str(stated))
            bound = day if bound is None else min(bound, day)
            out.append(day)
        else:
            recorded = e.at.date()
            out.append(recorded if bound is None or recorded <= bound else None)
    return out[::-1]


def case_dates(session: Session, case_id: int) -> CaseDates:
    events = _events(session, case_id)
    days = _step_dates(events)

    def last(*actions: str) -> date | None:
        i = _last(events, set(actions))
        return days[i] if i >= 0 else None

    notice = _current_notice(events)
    paid = [d for d, e in zip(days, events, strict=True) if e.action == "pay" and d is not None]
    return CaseDates(
        submitted=last("submit"),
        review=last("start_review"),
        notice_start=date.fromisoformat(str(notice.facts["date"])) if notice else None,
        notice_end=date.fromisoformat(str(notice.facts["notice_end"])) if notice else None,
        decided=last("approve", "reject"),
        funded=last("issue_notice"),
        paid=min(paid) if paid else None,
    )


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
    names = {f.line.case_id: _case_name(f) for f in facts}
    problems: list[_Refusal] = []
    warnings: list[str] = []
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
    label = LABELS[doc_type]
    if on > today:
        problems.append(
            _Refusal(
                f"{label}的成文日期 {fmt_date(on)} 晚于今天 {fmt_date(today)}：文书的成文日期不能晚于今天（纸质已发的可按实际日期补录）。"
            )
        )

    def refuse(cid: int, step: str, when: date | None, on: date = on) -> None:
        if when is not None and on < when:
            problems.append(
                _Refusal(
                    f"{label}的成文日期 {fmt_date(on)} 早于{names[cid]}“{step}”的日期 {fmt_date(when)}。", cid
                )
            )

    def warn(text: str) -> None:
        if text not in warnings:
            warnings.append(text)

    for cid, d in dates.items():
        name = names[cid]
        if doc_type == "notice":
            if not numbered:
                refuse(cid, "批准", d.decided)
            if d.funded is not None and on != d.funded:
                warn(f"注意：成文日期 {fmt_date(on)} 与{name}“下达资金”的日期 {fmt_date(d.funded)} 不一致。")
            if d.paid is not None and on > d.paid:
                warn(
                    f"注意：成文日期 {fmt_date(on)} 晚于{name}“拨付”的日期 {fmt_date(d.paid)}（通知应在拨付之前）。"
                )
        elif doc_type == "publicity":
            refuse(cid, "开始审查", d.review)
        elif doc_type == "province-summary":
            if _state_of(session, cid) in APPROVED_STATES:
                refuse(cid, "批准", d.decided)
        elif doc_type == "approval-form":
            day = per_case[cid]
            if d.submitted is not None and day < d.submitted:
                warn(
                    f"注意：{name}审批表的填表日期 {fmt_date(day)} 早于“提交申报”的日期 {fmt_date(d.submitted)}。"
                )
            elif d.decided is not None and day < d.decided:
                warn(
                    f"注意：{name}审批表的填表日期 {fmt_date(day)} 早于表中“部门决策”的日期 "
                    f"{fmt_date(d.decided)}。"
                )
    if publicity is not None and on > publicity.end:
        warn(
            f"注意：公示的成文日期 {fmt_date(on)} 晚于其公示期结束日 {fmt_date(publicity.end)}"
            f"（公示期 {publicity.text}）。"
        )
    if doc_type == "province-summary" and opts.period is not None and on < opts.period[1]:
        warn(f"注意：汇总表的成文日期 {fmt_date(on)} 早于其汇总期间的结束日 {fmt_date(opts.period[1])}。")
    return _Dating(on, per_case, problems, warnings, publicity)


def _plan(
    uow: UnitOfWork,
    doc_type: str,
    facts: Sequence[CaseFacts],
    settings: m.BureauSettings,
    actor: str,
    opts: RenderOptions,
) -> _Plan:
    """Every reason saving would be refused, and what the document takes from the case records; the
    成文日期 (`_dating`)."""
    session = uow.session
    numbered = doc_type == "notice" and not opts.draft
    dating = _dating(session, doc_type, facts, opts, numbered)
    on = dating.on
    problems: list[_Refusal] = list(dating.problems)
    notes: list[str] = []
    if doc_type != "approval-form":
        for f in facts:
            if not f.eligible:
                why = "；".join(f.problems) or "未通过资格审查"
                problems.append(
                    _Refusal(f"{_case_name(f)}不能列入{LABELS[doc_type]}：{why}。", f.line.case_id)
                )
    publicity = None
    opinions = None
    if doc_type == "notice" and not opts.draft:
        problems += _notice_refusals(uow, facts, actor, on, settings)
    elif doc_type == "publicity":
        publicity = dating.publicity
        if publicity is not None and publicity.from_records:
            notes.append(f"公示期取自案件的“开始公示”记录：{publicity.text}。")
        if publicity is not None and publicity.counted:
            notes.append(f"公示期计算：{publicity.counted}。")
    elif doc_type == "province-summary":
        for f in facts:
            state = _state_of(session, f.line.case_id)
            if state in _NO_REWARD:
                problems.append(
                    _Refusal(
                        f"{_case_name(f)}处于“{state.label}”状态，不能列入{LABELS[doc_type]}。",
                        f.line.case_id,
                    )
                )
            elif state not in APPROVED_STATES:
                notes.append(f"注意：{_case_name(f)}尚未批准（{state.label}），列入的是拟奖励金额。")
    elif doc_type == "approval-form":
        opinions = {f.line.case_id: opinions_of(session, f.line.case_id) for f in facts}
    return _Plan(problems, notes, publicity, opinions, dating)


def _select(uow: UnitOfWork, doc_type: str, ids: list[int], opts: RenderOptions) -> list[int]:
    """The cases: as given, or a summary's cases approved in `opts.period` (then given ids must be those)."""
    if opts.period is None:
        return ids
    if doc_type != "province-summary":
        raise InputError("按期间选取案件只适用于申请省级配套资金汇总表。", {"period": "不适用"})
    start, end = opts.period
    picked = approved_in_period(uow, start, end)
    if not picked:
        raise InputError(
            f"{fmt_date(start)}至{fmt_date(end)}没有批准的案件（已作废的不计）。",
            {"period": "无案件"},
        )
    if ids and ids != picked:
        raise InputError(
            f"所选案件与{fmt_date(start)}至{fmt_date(end)}批准的案件（{_ids_text(picked)}）不一致，"
            "请按期间重新选取或不指定期间。",
            {"period": "不一致"},
        )
    return picked


def _refuse(plan: _Plan) -> None:
    if plan.problems:
        first = next((p.case_id for p in plan.problems if p.case_id is not None), None)
        raise InputError("".join(p.text for p in plan.problems), {"case": str(first)} if first else {})


def check_documents(
    db: Database,
    doc_type: str,
    case_ids: Sequence[int],
    *,
    actor: str = "",
    options: RenderOptions | None = None,
    case_source: CaseSource | None = None,
) -> Readiness:
    """What `render_documents` would meet for these cases, without printing or changing anything: each case's
    state, every reason it would refuse, the notes (e.g. the 公示 period from the records), the 成文日期 it would
    print (the given one, else the document's default) and the warnings about that date. For the 文书 page."""
    opts = options or RenderOptions()
    if doc_type not in DOC_TYPES:
        raise InputError(f"未知的文书类型“{doc_type}”，可选：{'、'.join(DOC_TYPES)}。", {"type": "未知"})
    ids = sorted(set(case_ids))
    source = case_source or case_facts_from_cases
    with db.uow() as uow:
        states = {i: _state_of(uow.session, i) for i in ids}
        issued = _issued_notice(uow.session, ids) if doc_type == "notice" and not opts.draft and ids else None
        if issued is not None:
            return Readiness(
                states,
                (),
                ("该批案件的通知已发出，保存将按发文记录重印（文号、日期与内容不变）。",),
                True,
                on=issued.issued_on,
            )
        try:
            ids = _select(uow, doc_type, ids, opts)
        except InputError as exc:
            return Readiness(states, (str(exc),), ())
        if not ids:
            return Readiness(states, ("请至少选择一个案件。",), ())
        plan = _plan(uow, doc_type, [source(uow, i) for i in ids], get_settings(uow), actor, opts)
    assert plan.dating is not None
    return Readiness(
        states,
        tuple(p.text for p in plan.problems),
        tuple(plan.notes),
        False,
        plan.publicity,
        plan.dating.on,
        tuple(plan.dating.warnings),
    )


def render_documents(
    db: Database,
    doc_type: str,
    case_ids: Sequence[int],
    out_dir: Path,
    *,
    actor: str = "",
    options: RenderOptions | None = None,
    fonts: FontSet | None = None,
    template_dir: Path | None = None,
    case_source: CaseSource | None = None,
) -> RenderResult:
    """Print `doc_type` for the cases into `out_dir` (see the module docstring). Raises InputError for an
    unknown type, no case, a case the document or the process does not allow, a refused “下达资金” or an
    unprintable character (nothing issued, numbered, moved or recorded), NotFound for an unknown case."""
    opts = options or RenderOptions()
    if doc_type not in DOC_TYPES:
        raise InputError(f"未知的文书类型“{doc_type}”，可选：{'、'.join(DOC_TYPES)}。", {"type": "未知"})
    ids = sorted(set(case_ids))
    if not ids and opts.period is None:
        raise InputError("请至少选择一个案件。", {"case": "必填"})
    source = case_source or case_facts_from_cases
    template_dir = _templates(template_dir)
    try:
        with db.uow() as uow:
            if (
                doc_type != "notice" or opts.draft
            ):  # a numbered notice is the 下达资金 step: the workflow checks it
                access.require(uow, actor, Action.DOCUMENT_RENDER)
            settings = get_settings(uow)
            if doc_type == "notice" and not opts.draft:
                existing = _issued_notice(uow.session, ids)
                if existing is not None:
                    return _regenerate(existing, out_dir, fonts, template_dir)
            ids = _select(uow, doc_type, ids, opts)
            facts = [source(uow, i) for i in ids]
            plan = _plan(uow, doc_type, facts, settings, actor, opts)
        _refuse(plan)
        assert plan.dating is not None
        on, warnings = plan.dating.on, tuple(plan.dating.warnings)
        if doc_type == "approval-form":
            assert plan.opinions is not None
            payloads = [
                _approval_payload(
                    settings, f, plan.dating.per_case[f.line.case_id], plan.opinions[f.line.case_id]
                )
                for f in facts
            ]
            results = [
                _issue(db, "approval-form", p, [f.line.case_id], out_dir, actor, fonts, template_dir)
                for p, f in zip(payloads, facts, strict=True)
            ]
            return RenderResult(
                tuple(p for r in results for p in r[0]),
                "",
                tuple(r[1] for r in results if r[1]),
                warnings=warnings,
            )
        payload = _payload(doc_type, settings, facts, on, opts, plan.publicity)
        moves = None
        if doc_type == "notice" and not opts.draft:
            moves = _NoticeStep(actor, ids, on)
        files, record = _issue(
            db, doc_type, payload, ids, out_dir, actor, fonts, template_dir, opts.draft, moves
        )
        return RenderResult(
            tuple(files),
            record.doc_no if record else payload.get("doc_no", ""),
            (record,) if record else (),
            notes=tuple(plan.notes),
            warnings=warnings,
        )
    except MissingGlyphError as exc:
        raise InputError(str(exc), {"char": exc.char}) from None
    except (TemplateError, WorkdayCalendarError) as exc:
        raise InputError(str(exc)) from None


def preview_document(
    db: Database,
    doc_type: str,
    case_ids: Sequence[int],
    *,
    options: RenderOptions | None = None,
    fonts: FontSet | None = None,
    template_dir: Path | None = None,
    case_source: CaseSource | None = None,
) -> bytes:
    """The PDF as it would print, without a 文号 and without a record (the 文书 page's preview): a notice as a
    draft (for any eligible case), a 公示 with its period, an approval form (the first case) with its
    opinions. A notice already issued for exactly these cases previews as issued. Dated as saving would date
    it (`_dating`): a refused 成文日期 is refused here too; its warnings come with `check_documents`."""
    opts = options or RenderOptions()
    if doc_type not in DOC_TYPES:
        raise InputError(f"未知的文书类型“{doc_type}”，可选：{'、'.join(DOC_TYPES)}。", {"type": "未知"})
    ids = sorted(set(case_ids))
    if not ids and opts.period is None:
        raise InputError("请至少选择一个案件。", {"case": "必填"})
    source = case_source or case_facts_from_cases
    template_dir = _templates(template_dir)
    try:
        with db.uow() as uow:
            if doc_type == "notice":
                existing = _issued_notice(uow.session, ids)
                if existing is not None:
                    payload = json.loads(existing.payload)
                    return _render(
                        "notice", _build("notice", payload), fonts, _template("notice", payload, None)
                    )
            settings = get_settings(uow)
            ids = _select(uow, doc_type, ids, opts)
            facts = [source(uow, i) for i in (ids[:1] if doc_type == "approval-form" else ids)]
            dating = _dating(uow.session, doc_type, facts, opts, numbered=False)
            if dating.problems:
                refusal = dating.problems[0]
                raise InputError(
                    "".join(p.text for p in dating.problems),
                    {"case": str(refusal.case_id)} if refusal.case_id is not None else {},
                )
            on = dating.on
            if doc_type == "approval-form":
                payload = _approval_payload(settings, facts[0], on, opinions_of(uow.session, ids[0]))
            else:
                payload = _payload(doc_type, settings, facts, on, replace(opts, draft=True), dating.publicity)
        payload["verification"] = ""
        return _render(doc_type, _build(doc_type, payload), fonts, templates.load(doc_type, template_dir))
    except MissingGlyphError as exc:
        raise InputError(str(exc), {"char": exc.char}) from None
    except (TemplateError, WorkdayCalendarError) as exc:
        raise InputError(str(exc)) from None


def problems_of(
    db: Database, case_ids: Sequence[int], case_source: CaseSource | None = None
) -> dict[int, str]:
    """Why each case cannot be listed in a notice, publicity or summary (empty for the printable ones)."""
    source = case_source or case_facts_from_cases
    out: dict[int, str] = {}
    with db.uow() as uow:
        for i in case_ids:
            f = source(uow, i)
            if not f.eligible:
                out[i] = "；".join(f.problems) or "未通过资格审查"
    return out


def _payload(
    doc_type: str,
    settings: m.BureauSettings,
    facts: Sequence[CaseFacts],
    on: date,
    opts: RenderOptions,
    publicity: PublicityPeriod | None = None,
) -> dict[str, Any]:
    p: dict[str, Any] = {
        "type": doc_type,
        "settings": settings.to_json(),
        "lines": [_line_json(f.line) for f in facts],
        "issued_on": on.isoformat(),
    }
    p["policy"], p["rules"] = citations(facts)
    if doc_type == "notice":
        p["addressee"] = opts.addressee or settings.default_addressee
        p["doc_no"] = f"{settings.doc_prefix}〔{on.year}〕\u3000\u3000号" if opts.draft else ""
    elif doc_type == "publicity":
        assert publicity is not None
        p.update(start=publicity.start.isoformat(), end=publicity.end.isoformat(), days=publicity.days)
    elif doc_type == "province-summary":
        p["year"] = opts.period[1].year if opts.period else on.year
        if opts.period:
            p["period"] = [opts.period[0].isoformat(), opts.period[1].isoformat()]
    return p


def _approval_payload(
    settings: m.BureauSettings, f: CaseFacts, on: date, opinions: Sequence[m.Opinion]
) -> dict[str, Any]:
    return {
        "type": "approval-form",
        "settings": settings.to_json(),
        "lines": [_line_json(f.line)],
        "issued_on": on.isoformat(),
        "policy": citations([f])[0],
        "rules": citations([f])[1],
        "case_no": str(f.line.case_id),
        "facts": [list(x) for x in f.facts],
        "trace": [[t.step, t.value, t.clause] for t in f.trace],
        "opinions": [
            {"stage": o.stage, "text": o.text, "name": o.name, "on": o.on.isoformat() if o.on else ""}
            for o in opinions
        ],
    }


def _file_stem(doc_type: str, payload: dict[str, Any], draft: bool) -> str:
    label = LABELS[doc_type]
    if doc_type == "notice":
        return _safe_name(f"{label}-{'草稿' if draft else payload['doc_no']}")
    ids = "-".join(str(x["case_id"]) for x in payload["lines"][:5])
    more = f"等{len(payload['lines'])}件" if len(payload["lines"]) > 5 else ""
    return _safe_name(f"{label}-案件{ids}{more}-{payload['verification']}")


@dataclass(frozen=True)
class _NoticeStep:
    """“下达资金” for every case of a notice, taken in the notice's transaction once its record is in."""

    actor: str
    ids: Sequence[int]
    on: date

    def __call__(self, uow: UnitOfWork, doc_no: str) -> None:
        from core.services import workflow as wf_svc

        facts = {"date": self.on.isoformat(), "doc_no": doc_no}
        report = wf_svc.transition_batch(FlushOnCommit(uow), self.actor, self.ids, S.NOTICE_ISSUED, facts)
        if not report.applied:
            refused = report.refused
            raise InputError(
                "未签发奖励资金下达通知（未编文号）："
                + "".join(f"案件 {line.case_id}：{line.message}" for line in refused),
                {"case": str(refused[0].case_id)},
            )


def _typed_by_hand(session: Session, doc_no: str) -> bool:
    """An officer already stated this 文号 on a case's “下达资金” (a notice issued outside the app)."""
    stated = session.scalars(
        select(CaseEvent.facts).where(CaseEvent.action == "issue_notice", CaseEvent.facts.contains(doc_no))
    )
    return any(json.loads(text).get("doc_no") == doc_no for text in stated)


def _issue(
    db: Database,
    doc_type: str,
    payload: dict[str, Any],
    ids: Sequence[int],
    out_dir: Path,
    actor: str,
    fonts: FontSet | None,
    template_dir: Path | None,
    draft: bool = False,
    moves: Callable[[UnitOfWork, str], None] | None = None,
) -> tuple[list[Path], DocumentRecord | None]:
    """Number (a notice), render, write, record and move the cases (`moves`) in one transaction; a failure
    leaves no number used, no record, no step and no file. The record stores (and the page prints) the audit
    chain's end at issue, its anchor; the issue is audited with the record's hashes."""
    from core.services import audit

    tpl = templates.load(doc_type, template_dir)
    payload["template"] = dict(tpl.texts)
    if draft:
        payload["verification"] = ""
        pdf = _render(doc_type, _build(doc_type, payload), fonts, tpl)
        path = out_dir / f"{_file_stem(doc_type, payload, True)}.pdf"
        _write_atomic(path, pdf)
        return [path], None
    written: list[Path] = []
    try:
        with db.uow() as uow:
            session = uow.session
            settings = payload["settings"]
            year = date.fromisoformat(payload["issued_on"]).year
            number: int | None = None
            if doc_type == "notice":
                while True:
                    number = next_doc_number(session, settings["doc_prefix"], year)
                    payload["doc_no"] = fmt_doc_no(settings["doc_prefix"], year, number)
                    if not _typed_by_hand(session, payload["doc_no"]):
                        break
            payload["audit_anchor"] = audit.anchor_of(session)  # the chain's end before this document
            payload["verification"] = m.verification_code(
                {k: v for k, v in payload.items() if k != "verification"}
            )
            data = _build(doc_type, payload)
            pdf = _render(doc_type, data, fonts, tpl)
            stem = _file_stem(doc_type, payload, False)
            path = out_dir / f"{stem}.pdf"
            _write_atomic(path, pdf)
            written.append(path)
            if doc_type == "province-summary":
                written.append(write_xlsx(data, out_dir / f"{stem}.xlsx", template=tpl))
            row = IssuedDocument(
                doc_type=doc_type,
                case_ids=_ids_key(ids),
                doc_no=payload.get("doc_no") or None,
                doc_prefix=settings["doc_prefix"] if number else "",
                doc_year=year if number else None,
                doc_number=number,
                issued_on=date.fromisoformat(payload["issued_on"]),
                payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
                file_name=path.name,
                file_sha256=hashlib.sha256(pdf).hexdigest(),
                verification=payload["verification"],
                issued_by=actor,
            )
            session.add(row)
            session.flush()
            audit.record(session, actor, "document", row.id, "issue", _issued_fields(row))
            if moves is not None:
                moves(uow, payload["doc_no"])
            record = _record(row)
            uow.commit()
    except IntegrityError:
        for p in written:
            p.unlink(missing_ok=True)
        raise Conflict(f"文号 {payload.get('doc_no')} 已被使用，请重试。") from None
    except BaseException:
        for p in written:
            p.unlink(missing_ok=True)
        raise
    return written, record


def _issued_fields(row: IssuedDocument) -> dict[str, Any]:
    """What the trail records of an issued document: enough for `audit verify` to see its record edited and
    for `payload_problem` to see its stored payload replaced (its SHA-256)."""
    from core.services import audit, audit_state

    return audit.created(
        {
            "doc_type": row.doc_type,
            "doc_no": row.doc_no,
            "case_ids": [int(x) for x in row.case_ids.strip(",").split(",") if x],
            "issued_on": row.issued_on,
            "verification": row.verification,
            "file_sha256": row.file_sha256,
            "payload_sha256": audit_state.payload_sha256(row.payload),
            "audit_anchor": json.loads(row.payload).get("audit_anchor"),
        }
    )


class TamperedRecord(Conflict):
    """An issued document's stored record no longer matches what was printed: not reprinted, not vouched for."""


def payload_problem(session: Session, row: IssuedDocument) -> str | None:
    """Why an issued document's stored payload can no longer be trusted (None: it is what was printed): it is
    not JSON, its verification code is not the code of its content, or its SHA-256 is not the one the audit
    trail recorded when it was issued."""
    from core.services import audit, audit_state

    what = f"文书记录 {row.id}" + (f"（{row.doc_no}）" if row.doc_no else " ")
    try:
        payload = json.loads(row.payload)
    except ValueError:
        return f"{what}的印制数据已损坏（不是有效的 JSON）。"
    if not isinstance(payload, dict):
        return f"{what}的印制数据已损坏。"
    code = m.verification_code({k: v for k, v in payload.items() if k != "verification"})
    if payload.get("verification") != row.verification or code != row.verification:
        return (
            f"{what}的印制数据在发文后被改动：其内容的校验码为 {code}，与发文时的校验码 {row.verification} 不符。"
            "不能据此重新生成或核验，请以纸质文书和审计记录为准。"
        )
    recorded = audit.last_values(session, "document", row.id).get("payload_sha256")
    if recorded is not None and recorded != audit_state.payload_sha256(row.payload):
        return (
            f"{what}的印制数据与审计记录中发文时的哈希不符（发文后被改动）。"
            "不能据此重新生成或核验，请以纸质文书和审计记录为准。"
        )
    return None


def _check_payload(session: Session, row: IssuedDocument) -> None:
    problem = payload_problem(session, row)
    if problem:
        raise TamperedRecord(problem)


def _regenerate(
    row: IssuedDocument, out_dir: Path, fonts: FontSet | None, template_dir: Path | None
) -> RenderResult:
    payload = json.loads(row.payload)
    data = _build(row.doc_type, payload)
    tpl = _template(row.doc_type, payload, template_dir)
    pdf = _render(row.doc_type, data, fonts, tpl)
    path = out_dir / (row.file_name or f"{_file_stem(row.doc_type, payload, False)}.pdf")
    _write_atomic(path, pdf)
    files = [path]
    if row.doc_type == "province-summary":
        files.append(write_xlsx(data, path.with_suffix(".xlsx"), template=tpl))
    same = hashlib.sha256(pdf).hexdigest() == row.file_sha256
    return RenderResult(
        tuple(files), row.doc_no or "", (_record(row),), regenerated=True, same_as_issued=same
    )


def regenerate(
    db: Database,
    record_id: int,
    out_dir: Path,
    fonts: FontSet | None = None,
    template_dir: Path | None = None,
) -> RenderResult:
    """Print an issued document again from its record (its date, 文号 and data, not today's)."""
    template_dir = _templates(template_dir)
    with db.uow() as uow:
        row = uow.session.get(IssuedDocument, record_id)
        if row is None:
            raise NotFound(f"文书记录（编号 {record_id}）不存在。")
        _check_payload(uow.session, row)
        try:
            return _regenerate(row, out_dir, fonts, template_dir)
        except MissingGlyphError as exc:
            raise InputError(str(exc), {"char": exc.char}) from None


def render_plain(
    doc_type: str, data: Any, fonts: FontSet | None = None, template_dir: Path | None = None
) -> bytes:
    """Render document data without recording anything (previews)."""
    try:
        return _render(doc_type, data, fonts, templates.load(doc_type, _templates(template_dir)))
    except MissingGlyphError as exc:
        raise InputError(str(exc), {"char": exc.char}) from None


__all__ = [
    "APPROVED_STATES",
    "DOC_TYPES",
    "CaseFacts",
    "DocumentRecord",
    "PublicityPeriod",
    "Readiness",
    "RenderOptions",
    "RenderResult",
    "approved_in_period",
    "check_documents",
    "find_by_verification",
    "get_settings",
    "list_documents",
    "next_doc_number",
    "opinions_of",
    "preview_document",
    "problems_of",
    "regenerate",
    "render_documents",
    "render_plain",
    "save_settings",
]

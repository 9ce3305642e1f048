"""Whether a document can be saved (issued, recorded) for some cases, and why not: every reason it would be
refused and what it takes from the case records (`_plan`), a numbered notice's own refusals (the cases' states
and the workflow's check of “下达资金”), the cases a period's summary lists; `check_documents` for the 文书
page and `problems_of`, why each case cannot be listed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from core.io.pdf import model as m
from core.io.pdf.layout import fmt_date, fmt_doc_no
from core.services.documents.case_data import CaseFacts, CaseSource, _case_name, case_facts_from_cases
from core.services.documents.dating import _Dating, _dating
from core.services.documents.kinds import (
    _BEFORE_DECISION,
    _NO_REWARD,
    APPROVED_STATES,
    DOC_TYPES,
    LABELS,
    S,
    _ids_text,
)
from core.services.documents.process_facts import (
    _notice_no_of,
    _state_of,
    approved_in_period,
    opinions_of,
)
from core.services.documents.records import _issued_notice, peek_doc_number
from core.services.documents.results import PublicityPeriod, Readiness, RenderOptions, _Refusal
from core.services.documents.settings import get_settings
from core.services.errors import InputError
from core.store.uow import UnitOfWork


@dataclass(frozen=True)
class _Plan:
    problems: list[_Refusal]
    notes: list[str]
    publicity: PublicityPeriod | None = None
    opinions: dict[int, tuple[m.Opinion, ...]] | None = None
    dating: _Dating | None = None


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


def _known_type(doc_type: str) -> None:
    if doc_type not in DOC_TYPES:
        raise InputError(f"未知的文书类型“{doc_type}”，可选：{'、'.join(DOC_TYPES)}。", {"type": "未知"})


def check_documents(
    uow: UnitOfWork,
    doc_type: str,
    case_ids: Sequence[int],
    *,
    actor: str,
    options: RenderOptions | None = None,
    case_source: CaseSource | None = None,
) -> Readiness:
    """What `render_documents` would meet for these cases, without printing or changing anything: each case's
    state, every reason it would refuse, the notes (e.g. the 公示 period from the records), the 成文日期 it would
    print (the given one, else the document's default) and the warnings about that date. For the 文书 page."""
    opts = options or RenderOptions()
    _known_type(doc_type)
    ids = sorted(set(case_ids))
    source = case_source or case_facts_from_cases
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


def problems_of(
    uow: UnitOfWork, case_ids: Sequence[int], case_source: CaseSource | None = None
) -> dict[int, str]:
    """Why each case cannot be listed in a notice, publicity or summary (empty for the printable ones)."""
    source = case_source or case_facts_from_cases
    out: dict[int, str] = {}
    for i in case_ids:
        f = source(uow, i)
        if not f.eligible:
            out[i] = "；".join(f.problems) or "未通过资格审查"
    return out

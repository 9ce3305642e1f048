"""Printing documents: `render_documents` (render, number, record and, for a numbered notice, move the cases,
committed on the caller's unit of work), `preview_document` (the PDF as it would print, nothing recorded) and
`regenerate` (an issued document again from its record), with the one place a document is issued (`_issue`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.domain.permissions import Action
from core.domain.workdays import WorkdayCalendarError
from core.io import templates
from core.io.pdf import model as m
from core.io.pdf.fonts import FontSet, MissingGlyphError
from core.io.pdf.layout import fmt_doc_no
from core.io.pdf.province_summary import write_xlsx
from core.io.templates import TemplateError
from core.services import access
from core.services.documents.case_data import CaseFacts, CaseSource, case_facts_from_cases
from core.services.documents.dating import _dating
from core.services.documents.kinds import S
from core.services.documents.payload import _approval_payload, _build, _file_stem, _payload, _template
from core.services.documents.printing import render_pdf, write_atomic
from core.services.documents.process_facts import opinions_of
from core.services.documents.readiness import _known_type, _Plan, _plan, _refuse, _select
from core.services.documents.records import (
    _check_payload,
    _ids_key,
    _issued_fields,
    _issued_notice,
    _record,
    _typed_by_hand,
    next_doc_number,
)
from core.services.documents.results import DocumentRecord, RenderOptions, RenderResult
from core.services.documents.settings import _templates, get_settings
from core.services.errors import Conflict, InputError, NotFound
from core.store.models_documents import IssuedDocument
from core.store.uow import FlushOnCommit, UnitOfWork


@contextmanager
def _printing_errors() -> Iterator[None]:
    """A character the fonts cannot print, a template that does not load, a period the calendar cannot count:
    an InputError with the reason."""
    try:
        yield
    except MissingGlyphError as exc:
        raise InputError(str(exc), {"char": exc.char}) from None
    except (TemplateError, WorkdayCalendarError) as exc:
        raise InputError(str(exc)) from None


def _cases_given(doc_type: str, case_ids: Sequence[int], opts: RenderOptions) -> list[int]:
    """The cases asked for, sorted; InputError for an unknown type or no case (and no period)."""
    _known_type(doc_type)
    ids = sorted(set(case_ids))
    if not ids and opts.period is None:
        raise InputError("请至少选择一个案件。", {"case": "必填"})
    return ids


def render_documents(
    uow: UnitOfWork,
    doc_type: str,
    case_ids: Sequence[int],
    out_dir: Path,
    *,
    actor: str,
    options: RenderOptions | None = None,
    fonts: FontSet | None = None,
    template_dir: Path | None = None,
    case_source: CaseSource | None = None,
) -> RenderResult:
    """Print `doc_type` for the cases into `out_dir` (see the package docstring). Raises InputError for an
    unknown type, no case, a case the document or the process does not allow, a refused “下达资金” or an
    unprintable character (nothing issued, numbered, moved or recorded), NotFound for an unknown case. Each
    document issued is committed on `uow` (one approval form per case: one commit each)."""
    opts = options or RenderOptions()
    ids = _cases_given(doc_type, case_ids, opts)
    source = case_source or case_facts_from_cases
    template_dir = _templates(template_dir)
    numbered = doc_type == "notice" and not opts.draft
    with _printing_errors():
        if not numbered:  # a numbered notice is the 下达资金 step: the workflow checks it
            access.require(uow, actor, Action.DOCUMENT_RENDER)
        settings = get_settings(uow)
        if numbered:
            existing = _issued_notice(uow.session, ids)
            if existing is not None:
                return _regenerate(existing, out_dir, fonts, template_dir)
        ids = _select(uow, doc_type, ids, opts)
        facts = [source(uow, i) for i in ids]
        plan = _plan(uow, doc_type, facts, settings, actor, opts)
        _refuse(plan)
        assert plan.dating is not None
        if doc_type == "approval-form":
            return _issue_approval_forms(uow, settings, facts, plan, out_dir, actor, fonts, template_dir)
        on = plan.dating.on
        payload = _payload(doc_type, settings, facts, on, opts, plan.publicity)
        moves = _NoticeStep(actor, ids, on) if numbered else None
        files, record = _issue(
            uow, doc_type, payload, ids, out_dir, actor, fonts, template_dir, opts.draft, moves
        )
        return RenderResult(
            tuple(files),
            record.doc_no if record else payload.get("doc_no", ""),
            (record,) if record else (),
            notes=tuple(plan.notes),
            warnings=tuple(plan.dating.warnings),
        )


def _issue_approval_forms(
    uow: UnitOfWork,
    settings: m.BureauSettings,
    facts: Sequence[CaseFacts],
    plan: _Plan,
    out_dir: Path,
    actor: str,
    fonts: FontSet | None,
    template_dir: Path,
) -> RenderResult:
    """One approval form per case, each issued (and committed) as its own record."""
    assert plan.opinions is not None and plan.dating is not None
    payloads = [
        _approval_payload(settings, f, plan.dating.per_case[f.line.case_id], plan.opinions[f.line.case_id])
        for f in facts
    ]
    results = [
        _issue(uow, "approval-form", p, [f.line.case_id], out_dir, actor, fonts, template_dir)
        for p, f in zip(payloads, facts, strict=True)
    ]
    return RenderResult(
        tuple(p for r in results for p in r[0]),
        "",
        tuple(r[1] for r in results if r[1]),
        warnings=tuple(plan.dating.warnings),
    )


def preview_document(
    uow: UnitOfWork,
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
    ids = _cases_given(doc_type, case_ids, opts)
    source = case_source or case_facts_from_cases
    template_dir = _templates(template_dir)
    with _printing_errors():
        if doc_type == "notice":
            existing = _issued_notice(uow.session, ids)
            if existing is not None:
                payload = json.loads(existing.payload)
                return render_pdf(
                    "notice", _build("notice", payload), fonts, _template("notice", payload, None)
                )
        payload = _preview_payload(uow, doc_type, ids, opts, source)
        payload["verification"] = ""
        return render_pdf(doc_type, _build(doc_type, payload), fonts, templates.load(doc_type, template_dir))


def _preview_payload(
    uow: UnitOfWork, doc_type: str, ids: list[int], opts: RenderOptions, source: CaseSource
) -> dict[str, Any]:
    """The payload a preview prints, dated as saving would date it (a refused 成文日期: InputError)."""
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
        return _approval_payload(settings, facts[0], on, opinions_of(uow.session, ids[0]))
    return _payload(doc_type, settings, facts, on, replace(opts, draft=True), dating.publicity)


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


def _issue(
    uow: UnitOfWork,
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
    """Number (a notice), render, write, record and move the cases (`moves`), committed at once on `uow`; a
    failure rolls back and leaves no number used, no record, no step and no file. The record stores (and the
    page prints) the audit chain's end at issue, its anchor; the issue is audited with the record's hashes."""
    from core.services import audit

    tpl = templates.load(doc_type, template_dir)
    payload["template"] = dict(tpl.texts)
    if draft:
        payload["verification"] = ""
        pdf = render_pdf(doc_type, _build(doc_type, payload), fonts, tpl)
        path = out_dir / f"{_file_stem(doc_type, payload, True)}.pdf"
        write_atomic(path, pdf)
        return [path], None
    written: list[Path] = []
    try:
        session = uow.session
        row = _print_and_add(session, doc_type, payload, ids, out_dir, actor, fonts, tpl, written)
        audit.record(session, actor, "document", row.id, "issue", _issued_fields(row))
        if moves is not None:
            moves(uow, payload["doc_no"])
        record = _record(row)
        uow.commit()
    except IntegrityError:
        uow.rollback()
        for p in written:
            p.unlink(missing_ok=True)
        raise Conflict(f"文号 {payload.get('doc_no')} 已被使用，请重试。") from None
    except BaseException:
        uow.rollback()
        for p in written:
            p.unlink(missing_ok=True)
        raise
    return written, record


def _print_and_add(
    session: Session,
    doc_type: str,
    payload: dict[str, Any],
    ids: Sequence[int],
    out_dir: Path,
    actor: str,
    fonts: FontSet | None,
    tpl: templates.DocumentTemplate,
    written: list[Path],
) -> IssuedDocument:
    """Number (a notice), anchor and code the payload, render and write its files (each added to `written` as
    soon as it exists) and add its record (flushed, not committed)."""
    from core.services import audit

    settings = payload["settings"]
    year = date.fromisoformat(payload["issued_on"]).year
    number = _take_number(session, payload, settings["doc_prefix"], year) if doc_type == "notice" else None
    payload["audit_anchor"] = audit.anchor_of(session)  # the chain's end before this document
    payload["verification"] = m.verification_code({k: v for k, v in payload.items() if k != "verification"})
    data = _build(doc_type, payload)
    pdf = render_pdf(doc_type, data, fonts, tpl)
    stem = _file_stem(doc_type, payload, False)
    path = out_dir / f"{stem}.pdf"
    write_atomic(path, pdf)
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
    return row


def _take_number(session: Session, payload: dict[str, Any], prefix: str, year: int) -> int:
    """The next 文号 number of (prefix, year) that no officer already typed by hand (its 文号 set in `payload`)."""
    while True:
        number = next_doc_number(session, prefix, year)
        payload["doc_no"] = fmt_doc_no(prefix, year, number)
        if not _typed_by_hand(session, payload["doc_no"]):
            return number


def _regenerate(
    row: IssuedDocument, out_dir: Path, fonts: FontSet | None, template_dir: Path | None
) -> RenderResult:
    payload = json.loads(row.payload)
    data = _build(row.doc_type, payload)
    tpl = _template(row.doc_type, payload, template_dir)
    pdf = render_pdf(row.doc_type, data, fonts, tpl)
    path = out_dir / (row.file_name or f"{_file_stem(row.doc_type, payload, False)}.pdf")
    write_atomic(path, pdf)
    files = [path]
    if row.doc_type == "province-summary":
        files.append(write_xlsx(data, path.with_suffix(".xlsx"), template=tpl))
    same = hashlib.sha256(pdf).hexdigest() == row.file_sha256
    return RenderResult(
        tuple(files), row.doc_no or "", (_record(row),), regenerated=True, same_as_issued=same
    )


def regenerate(
    uow: UnitOfWork,
    record_id: int,
    out_dir: Path,
    fonts: FontSet | None = None,
    template_dir: Path | None = None,
) -> RenderResult:
    """Print an issued document again from its record (its date, 文号 and data, not today's)."""
    template_dir = _templates(template_dir)
    row = uow.session.get(IssuedDocument, record_id)
    if row is None:
        raise NotFound(f"文书记录（编号 {record_id}）不存在。")
    _check_payload(uow.session, row)
    try:
        return _regenerate(row, out_dir, fonts, template_dir)
    except MissingGlyphError as exc:
        raise InputError(str(exc), {"char": exc.char}) from None

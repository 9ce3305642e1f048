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

from core.domain.workdays import WorkdayCalendarError, next_working_day, period_end
from core.io import templates
from core.io.pdf import model as m
from core.io.pdf.approval_form import render_approval_form
from core.io.pdf.fonts import FontSet, MissingGlyphError
from core.io.pdf.layout import fmt_doc_no
from core.io.pdf.notice import render_notice
from core.io.pdf.province_summary import render_province_summary, write_xlsx
from core.io.pdf.publicity import render_publicity
from core.io.templates import TemplateError
from core.paths import data_dir
from core.services.errors import Conflict, InputError, NotFound
from core.store.models_documents import BureauSetting, DocSequence, IssuedDocument
from core.store.uow import Database, UnitOfWork

DOC_TYPES = ("notice", "publicity", "approval-form", "province-summary")
LABELS = {
    "notice": "奖励资金下达通知",
    "publicity": "公示",
    "approval-form": "审批表",
    "province-summary": "申请省级配套资金汇总表",
}
DEFAULT_OPINION_STAGES = ("经办人意见", "科室审核意见", "分管领导意见", "局领导审批意见")
DEFAULT_PUBLICITY_DAYS = 5


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
    who = audit.actor_or_signed_in(actor)
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


CaseSource = Callable[[UnitOfWork, int], CaseFacts]


def case_facts_from_cases(uow: UnitOfWork, case_id: int) -> CaseFacts:
    """The adapter over core.services.cases (imported here so this module loads without it)."""
    from core.services import cases

    view = cases.get_case(uow, case_id)
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
        ("适用政策", view.policy_id),
        (
            "市级奖励来源",
            "按市奖励标准" if view.city_reward_source == "schedule" else f"调整：{view.city_reward_reason}",
        ),
        (
            "资格审查",
            "全部通过" if view.eligible else "未通过：" + "；".join(f.reason for f in view.failures),
        ),
        ("案件状态", view.status),
    )
    trace = tuple(m.TraceStep(t.step, t.value, t.reference) for t in view.trace)
    return CaseFacts(line, facts, trace, view.eligible and view.city_reward is not None, tuple(problems))


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
        }


@dataclass(frozen=True)
class RenderResult:
    files: tuple[Path, ...]
    doc_no: str
    records: tuple[DocumentRecord, ...]
    regenerated: bool = False  # printed again from an issued record
    same_as_issued: bool = True  # the regenerated file has the recorded SHA-256 (same fonts on this machine)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [str(f) for f in self.files],
            "doc_no": self.doc_no,
            "verification": [r.verification for r in self.records],
            "records": [r.to_json() for r in self.records],
            "regenerated": self.regenerated,
            "same_as_issued": self.same_as_issued,
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
    )


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
    return [
        _record(r)
        for r in uow.session.scalars(select(IssuedDocument).where(IssuedDocument.verification == code))
    ]


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


def _build(doc_type: str, p: dict[str, Any]) -> Any:
    """The document data a payload describes."""
    settings = _settings_from(p["settings"])
    lines = tuple(_line_from(x) for x in p["lines"])
    on = date.fromisoformat(p["issued_on"])
    code = p.get("verification", "")
    if doc_type == "notice":
        return m.NoticeData(settings, p["doc_no"], on, lines, p.get("addressee", ""), verification=code)
    if doc_type == "publicity":
        return m.PublicityData(
            settings,
            lines,
            date.fromisoformat(p["start"]),
            date.fromisoformat(p["end"]),
            int(p["days"]),
            on,
            verification=code,
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
        )
    return m.SummaryData(settings, lines, on, int(p["year"]), verification=code)


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
    on: date | None = None  # the printed date (default: today)
    addressee: str = ""  # notice: default from the settings
    publicity_start: date | None = None  # default: the first working day from `on`
    publicity_days: int = DEFAULT_PUBLICITY_DAYS
    opinions: tuple[m.Opinion, ...] = ()  # approval form: default four empty boxes
    draft: bool = False  # notice: print without a number and record nothing


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
    unknown type, no case, an ineligible case or an unprintable character, NotFound for an unknown case."""
    opts = options or RenderOptions()
    if doc_type not in DOC_TYPES:
        raise InputError(f"未知的文书类型“{doc_type}”，可选：{'、'.join(DOC_TYPES)}。", {"type": "未知"})
    ids = sorted(set(case_ids))
    if not ids:
        raise InputError("请至少选择一个案件。", {"case": "必填"})
    source = case_source or case_facts_from_cases
    on = opts.on or date.today()
    template_dir = _templates(template_dir)
    try:
        with db.uow() as uow:
            settings = get_settings(uow)
            if doc_type == "notice" and not opts.draft:
                existing = uow.session.scalars(
                    select(IssuedDocument).where(
                        IssuedDocument.doc_type == "notice", IssuedDocument.case_ids == _ids_key(ids)
                    )
                ).first()
                if existing is not None:
                    return _regenerate(existing, out_dir, fonts, template_dir)
            facts = [source(uow, i) for i in ids]
        if doc_type != "approval-form":
            bad = [f for f in facts if not f.eligible]
            if bad:
                f = bad[0]
                raise InputError(
                    f"案件 {f.line.case_id}（{f.line.enterprise_name}）不能列入{LABELS[doc_type]}："
                    f"{'；'.join(f.problems) or '未通过资格审查'}。",
                    {"case": str(f.line.case_id)},
                )
        if doc_type == "approval-form":
            payloads = [_approval_payload(settings, f, on, opts) for f in facts]
            results = [
                _issue(db, "approval-form", p, [f.line.case_id], out_dir, actor, fonts, template_dir)
                for p, f in zip(payloads, facts, strict=True)
            ]
            return RenderResult(
                tuple(p for r in results for p in r[0]), "", tuple(r[1] for r in results if r[1])
            )
        payload = _payload(doc_type, settings, facts, on, opts)
        files, record = _issue(db, doc_type, payload, ids, out_dir, actor, fonts, template_dir, opts.draft)
        return RenderResult(
            tuple(files), record.doc_no if record else payload.get("doc_no", ""), (record,) if record else ()
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
    """The PDF as it would print, without a 文号 and without a record (the 文书 page's preview). A notice
    already issued for exactly these cases previews as issued; an approval form previews the first case."""
    opts = options or RenderOptions()
    if doc_type not in DOC_TYPES:
        raise InputError(f"未知的文书类型“{doc_type}”，可选：{'、'.join(DOC_TYPES)}。", {"type": "未知"})
    ids = sorted(set(case_ids))
    if not ids:
        raise InputError("请至少选择一个案件。", {"case": "必填"})
    source = case_source or case_facts_from_cases
    on = opts.on or date.today()
    template_dir = _templates(template_dir)
    try:
        with db.uow() as uow:
            if doc_type == "notice":
                existing = uow.session.scalars(
                    select(IssuedDocument).where(
                        IssuedDocument.doc_type == "notice", IssuedDocument.case_ids == _ids_key(ids)
                    )
                ).first()
                if existing is not None:
                    payload = json.loads(existing.payload)
                    return _render(
                        "notice", _build("notice", payload), fonts, _template("notice", payload, None)
                    )
            settings = get_settings(uow)
            facts = [source(uow, i) for i in (ids[:1] if doc_type == "approval-form" else ids)]
        if doc_type == "approval-form":
            payload = _approval_payload(settings, facts[0], on, opts)
        else:
            payload = _payload(doc_type, settings, facts, on, replace(opts, draft=True))
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
    doc_type: str, settings: m.BureauSettings, facts: list[CaseFacts], on: date, opts: RenderOptions
) -> dict[str, Any]:
    p: dict[str, Any] = {
        "type": doc_type,
        "settings": settings.to_json(),
        "lines": [_line_json(f.line) for f in facts],
        "issued_on": on.isoformat(),
    }
    if doc_type == "notice":
        p["addressee"] = opts.addressee or settings.default_addressee
        p["doc_no"] = f"{settings.doc_prefix}〔{on.year}〕\u3000\u3000号" if opts.draft else ""
    elif doc_type == "publicity":
        if opts.publicity_days < 1:
            raise InputError("公示期至少为1个工作日。", {"days": "至少1"})
        start = next_working_day(opts.publicity_start or on)
        p.update(
            start=start.isoformat(),
            end=period_end(start, opts.publicity_days).isoformat(),
            days=opts.publicity_days,
        )
    elif doc_type == "province-summary":
        p["year"] = on.year
    return p


def _approval_payload(
    settings: m.BureauSettings, f: CaseFacts, on: date, opts: RenderOptions
) -> dict[str, Any]:
    opinions = opts.opinions or tuple(m.Opinion(s) for s in DEFAULT_OPINION_STAGES)
    return {
        "type": "approval-form",
        "settings": settings.to_json(),
        "lines": [_line_json(f.line)],
        "issued_on": on.isoformat(),
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
) -> tuple[list[Path], DocumentRecord | None]:
    """Number (a notice), render, write and record in one transaction; a failure leaves no number used."""
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
                number = next_doc_number(session, settings["doc_prefix"], year)
                payload["doc_no"] = fmt_doc_no(settings["doc_prefix"], year, number)
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
    "DOC_TYPES",
    "CaseFacts",
    "DocumentRecord",
    "RenderOptions",
    "RenderResult",
    "find_by_verification",
    "get_settings",
    "list_documents",
    "next_doc_number",
    "preview_document",
    "problems_of",
    "regenerate",
    "render_documents",
    "render_plain",
    "save_settings",
]

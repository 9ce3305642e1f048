"""The preview of a district's enterprise list: every row classified against the register (new, changed,
unchanged, an error, a totals line or a repeated row skipped), blank cells keeping what the register holds;
and `import_enterprises`, the preview committed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.domain.enums import Field, RegStatus
from core.domain.text import normalize_name
from core.services.enterprises import checked_enterprise, search_text_for
from core.services.errors import InputError
from core.services.gc_pause import gc_paused
from core.services.imports.columns import ENTERPRISE_SHOWN, ENTERPRISE_STORED, IN_CHUNK
from core.services.imports.commit import commit_preview
from core.services.imports.reading import (
    _district_from_titles,
    _is_total_row,
    _load,
    _mapped,
    _row_texts,
    column_name,
    file_sha256,
    seen_before,
)
from core.services.imports.results import (
    Cancel,
    FieldChange,
    ImportCancelled,
    ImportReport,
    Preview,
    PreviewRow,
    Progress,
    RowIssue,
    RowStatus,
)
from core.services.imports.vocabulary import (
    ENTERPRISE_ALIASES,
    ENTERPRISE_LABELS,
    ENTERPRISE_REQUIRED,
    IGNORED_HEADERS,
    map_field_value,
    map_status_value,
)
from core.store.fast import rows_fast
from core.store.models import Enterprise
from core.store.uow import UnitOfWork


def _where_in(session: Session, column: Any, values: Sequence[str]) -> list[tuple[Any, ...] | None]:
    """The WHERE clauses that find `values` in an enterprise column: chunks of IN lists; or none at all (one
    scan, filtered by the caller) when the register is not much larger than the list. A first import into a
    small register then costs one cheap query instead of 2 × 20 IN queries of 500 bound values each."""
    distinct = set(values)
    if not distinct:
        return []
    register = int(session.scalar(select(func.count(Enterprise.id))) or 0)
    if register <= 2 * len(distinct):
        return [None]
    unique = sorted(distinct)
    return [(column.in_(unique[start : start + IN_CHUNK]),) for start in range(0, len(unique), IN_CHUNK)]


def _existing_enterprises(session: Session, codes: Sequence[str]) -> dict[str, dict[str, Any]]:
    names = ("id", "version", *ENTERPRISE_STORED)
    cols = [getattr(Enterprise, c) for c in names]
    at = names.index("code")
    wanted = set(codes)
    out: dict[str, dict[str, Any]] = {}
    for where in _where_in(session, Enterprise.code, codes):
        stmt = select(*cols) if where is None else select(*cols).where(*where)
        for row in rows_fast(session, stmt):  # plain ints and texts: the driver's rows will do
            if row[at] in wanted:
                out[row[at]] = dict(zip(names, row, strict=True))
    return out


def _names_in_register(session: Session, name_norms: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    wanted = set(name_norms)
    out: dict[str, list[tuple[str, str]]] = {}
    cols = (Enterprise.name_norm, Enterprise.code, Enterprise.name)
    for where in _where_in(session, Enterprise.name_norm, name_norms):
        stmt = select(*cols) if where is None else select(*cols).where(*where)
        for norm, code, name in session.execute(stmt):
            if norm in wanted:
                out.setdefault(norm, []).append((code, name))
    return out


def _display(field_name: str, value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if field_name == "field" and text in {f.value for f in Field}:
        return Field(text).label
    if field_name == "reg_status" and text in {s.value for s in RegStatus}:
        return RegStatus(text).label
    if field_name == "former_names":
        return "；".join(n for n in text.splitlines() if n)
    return text


_KEPT_WHEN_BLANK = (
    "field_reason",
    "address",
    "legal_rep",
    "contact_person",
    "contact_phone",
    "notes",
    "code_override_reason",
)


def _merged_input(
    texts: Mapping[str, str], existing: Mapping[str, Any] | None, district: str | None
) -> tuple[dict[str, str], tuple[str, ...]]:
    """A row's field texts (folded by cell_text) over what the register holds, for `checked_enterprise`:
    blank cells keep the stored value; the file's 曾用名 is added to the stored ones."""
    get = texts.get
    former_file = get("former_names", "")
    if existing is None:  # a new enterprise (most rows of a first import): nothing stored to fall back on
        merged = dict(texts)
        merged["district"] = get("district", "") or (district or "")
        merged["field"] = map_field_value(get("field", "")) or Field.OTHER.value
        merged["reg_status"] = map_status_value(get("reg_status", "")) or RegStatus.ACTIVE.value
        return merged, ((former_file,) if former_file else ())

    ex = existing  # the stored values: every column of ENTERPRISE_STORED, text or None
    former = tuple(n for n in (ex["former_names"] or "").splitlines() if n)
    if former_file:
        former = (*former, former_file)
    name = get("name", "") or ex["name"] or ""
    if name != ex["name"] and normalize_name(name) == ex["name_norm"]:
        name = ex["name"]  # （集团） written as (集团) is the same name, not a rename
    merged = {
        "code": get("code", ""),
        "name": name,
        "district": get("district", "") or ex["district"] or (district or ""),
        "field": map_field_value(get("field", "")) or ex["field"] or Field.OTHER.value,
        "reg_status": map_status_value(get("reg_status", "")) or ex["reg_status"] or RegStatus.ACTIVE.value,
    }
    for key in _KEPT_WHEN_BLANK:
        merged[key] = get(key, "") or ex[key] or ""
    return merged, former


@gc_paused()
def preview_enterprises(
    uow: UnitOfWork,
    path: Path,
    sheet: str | None = None,
    mapping: Mapping[int, str | None] | None = None,
    cancel: Cancel | None = None,
    progress: Progress | None = None,
) -> Preview:
    """Read and classify every row against the register; writes nothing."""
    path = Path(path)
    table, sheets, missing = _load(path, sheet, ENTERPRISE_ALIASES, ENTERPRISE_REQUIRED, mapping)
    warnings: list[str] = []
    base = dict(
        kind="enterprises",
        file_name=path.name,
        sha256=file_sha256(path),
        sheet=table.sheet.name,
        sheets=tuple(sheets),
        header_row=table.header_row,
        headers=tuple(c.header for c in table.columns),
        columns=table.columns,
    )
    if missing:
        return Preview(**base, rows=(), warnings=(), missing=tuple(missing))  # type: ignore[arg-type]
    unknown = [
        c.header for c in table.columns if c.field is None and c.header and c.header not in IGNORED_HEADERS
    ]
    if unknown:
        warnings.append(f"以下列未导入（未识别或无对应字段）：{'、'.join(unknown)}。")
    warnings.extend(seen_before(uow.session, str(base["sha256"])))
    district_default: str | None = None
    if "district" not in table.fields:
        district_default = _district_from_titles(table)
        if district_default:
            warnings.append(f"文件没有“所在区”列；按表格标题，新增企业的所在区记为“{district_default}”。")
        else:
            warnings.append("文件没有“所在区”列（“镇街”不是所在区）；新增企业的所在区为空。")

    mapped = _mapped(table)
    parsed = [(excel_row, row, _row_texts(mapped, row, ("code",))) for excel_row, row in table.data_rows()]
    session = uow.session
    existing = _existing_enterprises(session, [t["code"] for _, _, t in parsed if t.get("code")])

    rows: list[PreviewRow] = []
    first_by_code: dict[str, tuple[int, dict[str, Any]]] = {}
    first_by_name: dict[str, tuple[int, str]] = {}
    pending_names: list[tuple[int, str, str]] = []  # (index into rows, name_norm, code)
    total = len(parsed)
    for n, (excel_row, row, texts) in enumerate(parsed, start=1):
        if cancel is not None and cancel():
            raise ImportCancelled("已取消预览。")
        if progress is not None and n % IN_CHUNK == 0:
            progress(n, total)
        cells = row
        code = texts.get("code", "")
        if len(code) != 18 and _is_total_row(row):  # a row with a credit code is no totals line
            rows.append(
                PreviewRow(
                    excel_row,
                    RowStatus.SKIPPED,
                    "",
                    texts.get("name", ""),
                    cells,
                    notes=("合计行，已跳过。",),
                )
            )
            continue
        current = existing.get(code)
        merged, former_in = _merged_input(
            texts, current, None if current and current["district"] else district_default
        )
        try:
            values = checked_enterprise(merged, former_in)
        except InputError as exc:
            issues = tuple(
                RowIssue(excel_row, column_name(table, f, ENTERPRISE_LABELS), msg)
                for f, msg in exc.fields.items()
            ) or (RowIssue(excel_row, "", str(exc)),)
            rows.append(
                PreviewRow(excel_row, RowStatus.ERROR, code, texts.get("name", ""), cells, issues=issues)
            )
            continue
        code = str(values["code"])
        if code in first_by_code:
            first_row, first_values = first_by_code[code]
            if first_values == values:
                rows.append(
                    PreviewRow(
                        excel_row,
                        RowStatus.SKIPPED,
                        code,
                        str(values["name"]),
                        cells,
                        notes=(f"与第{first_row}行重复，已跳过。",),
                    )
                )
            else:
                msg = f"与第{first_row}行的统一社会信用代码相同但内容不同，请核对后只保留一行。"
                rows.append(
                    PreviewRow(
                        excel_row,
                        RowStatus.ERROR,
                        code,
                        str(values["name"]),
                        cells,
                        issues=(RowIssue(excel_row, column_name(table, "code", ENTERPRISE_LABELS), msg),),
                    )
                )
            continue
        first_by_code[code] = (excel_row, values)
        notes: list[str] = []
        norm = str(values["name_norm"])
        if norm in first_by_name and first_by_name[norm][1] != code:
            notes.append(f"与第{first_by_name[norm][0]}行企业名称相同但信用代码不同，请确认。")
        first_by_name.setdefault(norm, (excel_row, code))
        if current is None:
            rows.append(
                PreviewRow(
                    excel_row,
                    RowStatus.NEW,
                    code,
                    str(values["name"]),
                    cells,
                    notes=tuple(notes),
                    values=values,
                )
            )
            pending_names.append((len(rows) - 1, norm, code))
            continue
        if values["name"] != current["name"]:
            former = [x for x in str(values["former_names"]).splitlines() if x]
            if current["name"] not in former:
                former.insert(0, str(current["name"]))
            values["former_names"] = "\n".join(former)
            values["search_text"] = search_text_for(
                str(values["name"]), former, code, str(values["district"])
            )
        changes = tuple(
            FieldChange(f, ENTERPRISE_LABELS[f], _display(f, current[f]), _display(f, values[f]))
            for f in ENTERPRISE_SHOWN
            if (current[f] or "") != (values[f] or "")
        )
        status = (
            RowStatus.CHANGED
            if changes or current["search_text"] != values["search_text"]
            else RowStatus.UNCHANGED
        )
        if status is RowStatus.CHANGED:
            pending_names.append((len(rows), norm, code))
        rows.append(
            PreviewRow(
                excel_row,
                status,
                code,
                str(values["name"]),
                cells,
                changes=changes,
                notes=tuple(notes),
                target_id=int(current["id"]),
                values={**values, "_version": current["version"]} if status is RowStatus.CHANGED else {},
            )
        )
    same = _names_in_register(session, [n for _, n, _ in pending_names])
    for idx, norm, code in pending_names:
        others = [(c, nm) for c, nm in same.get(norm, []) if c != code]
        if others:
            r = rows[idx]
            extra = tuple(f"企业库中已有同名企业：{nm}（{c}），请确认是否重复。" for c, nm in others)
            rows[idx] = PreviewRow(
                r.row,
                r.status,
                r.code,
                r.name,
                r.raw,
                r.changes,
                r.issues,
                r.notes + extra,
                r.target_id,
                r.candidates,
                r.values,
            )
    if progress is not None:
        progress(total, total)
    for r in rows:
        if r.notes:
            warnings.extend(f"第{r.row}行：{note}" for note in r.notes)
    return Preview(**base, rows=tuple(rows), warnings=tuple(warnings), missing=())  # type: ignore[arg-type]


def import_enterprises(
    uow: UnitOfWork,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[int, str | None] | None = None,
    actor: str | None = None,
    dry_run: bool = False,
    cancel: Cancel | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the valid rows of an enterprise list in one transaction (nothing at all on `dry_run`)."""
    preview = preview_enterprises(uow, path, sheet, mapping, cancel)
    return commit_preview(uow, preview, actor=actor, dry_run=dry_run, cancel=cancel, progress=progress)

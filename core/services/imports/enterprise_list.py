"""The preview of a district's enterprise list: every row classified against the register (new, changed,
unchanged, an error, a totals line or a repeated row skipped), blank cells keeping what the register holds;
and `import_enterprises`, the preview committed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.domain.enums import Field, RegStatus
from core.domain.text import normalize_name
from core.io.excel_read import Table
from core.io.table import TextRow
from core.services.enterprises import checked_enterprise, search_text_for
from core.services.errors import InputError
from core.services.gc_pause import gc_paused
from core.services.imports.columns import ENTERPRISE_SHOWN, ENTERPRISE_STORED, IN_CHUNK
from core.services.imports.commit import commit_preview
from core.services.imports.reading import column_name, preview_head, read_list, seen_before, watched
from core.services.imports.results import (
    Cancel,
    FieldChange,
    ImportReport,
    Preview,
    PreviewRow,
    Progress,
    RowIssue,
    RowStatus,
)
from core.services.imports.vocabulary import (
    ENTERPRISE_LABELS,
    ENTERPRISE_WORDS,
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
    read = read_list(path, ENTERPRISE_WORDS, sheet, mapping)
    head = preview_head("enterprises", path, read)
    if read.missing:
        return head
    session, table = uow.session, read.table
    district_default = _district_from_titles(table) if "district" not in table.fields else None
    warnings = [
        *_unread_columns(table),
        *seen_before(session, read.sha256),
        *_district_notes(table, district_default),
    ]
    texts = read.rows()
    existing = _existing_enterprises(session, [r.texts["code"] for r in texts if r.texts.get("code")])
    rows = _Classifier(table, existing, district_default)
    for text_row in watched(texts, cancel, progress):
        rows.add(text_row)
    _note_names_in_register(session, rows)
    if progress is not None:
        progress(len(texts), len(texts))
    warnings.extend(f"第{r.row}行：{note}" for r in rows.rows for note in r.notes)
    return replace(head, rows=tuple(rows.rows), warnings=tuple(warnings))


def _unread_columns(table: Table) -> list[str]:
    unknown = [
        c.header for c in table.columns if c.field is None and c.header and c.header not in IGNORED_HEADERS
    ]
    return [f"以下列未导入（未识别或无对应字段）：{'、'.join(unknown)}。"] if unknown else []


_TITLE_DISTRICT = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}市)?([\u4e00-\u9fff]{1,4}区)")


def _district_from_titles(table: Table) -> str | None:
    """The district a list's title names (佛山市南海区…), for a list without a 所在区 column."""
    for line in table.title_lines:
        m = _TITLE_DISTRICT.match(line.replace(" ", ""))
        if m:
            return m.group(1)
    return None


def _district_notes(table: Table, district_default: str | None) -> list[str]:
    if "district" in table.fields:
        return []
    if district_default:
        return [f"文件没有“所在区”列；按表格标题，新增企业的所在区记为“{district_default}”。"]
    return ["文件没有“所在区”列（“镇街”不是所在区）；新增企业的所在区为空。"]


class _Classifier:
    """Classifies the rows of one list in file order, remembering the codes and names seen so far (a repeated
    row is skipped, a code repeated with other content is an error) and the rows whose name may already be
    in the register under another code (`pending`: index into `rows`, name_norm, code)."""

    def __init__(
        self, table: Table, existing: Mapping[str, dict[str, Any]], district_default: str | None
    ) -> None:
        self.table = table
        self.existing = existing
        self.district_default = district_default
        self.rows: list[PreviewRow] = []
        self.pending: list[tuple[int, str, str]] = []
        self.first_by_code: dict[str, tuple[int, dict[str, Any]]] = {}
        self.first_by_name: dict[str, tuple[int, str]] = {}

    def add(self, r: TextRow) -> None:
        code = r.texts.get("code", "")
        if r.total and len(code) != 18:  # a row with a credit code is no totals line
            self.rows.append(
                PreviewRow(
                    r.row,
                    RowStatus.SKIPPED,
                    "",
                    r.texts.get("name", ""),
                    r.cells,
                    notes=("合计行，已跳过。",),
                )
            )
            return
        current = self.existing.get(code)
        merged, former_in = _merged_input(
            r.texts, current, None if current and current["district"] else self.district_default
        )
        try:
            values = checked_enterprise(merged, former_in)
        except InputError as exc:
            self.rows.append(self._invalid(r, code, exc))
            return
        code = str(values["code"])
        if code in self.first_by_code:
            self.rows.append(self._repeated(r, code, values))
            return
        self.first_by_code[code] = (r.row, values)
        notes = self._same_name_in_file(r.row, str(values["name_norm"]), code)
        if current is None:
            self.pending.append((len(self.rows), str(values["name_norm"]), code))
            self.rows.append(
                PreviewRow(
                    r.row, RowStatus.NEW, code, str(values["name"]), r.cells, notes=notes, values=values
                )
            )
            return
        compared = _compared(r, current, values, notes)
        if compared.status is RowStatus.CHANGED:
            self.pending.append((len(self.rows), str(values["name_norm"]), code))
        self.rows.append(compared)

    def _invalid(self, r: TextRow, code: str, exc: InputError) -> PreviewRow:
        issues = tuple(
            RowIssue(r.row, column_name(self.table, f, ENTERPRISE_LABELS), msg)
            for f, msg in exc.fields.items()
        ) or (RowIssue(r.row, "", str(exc)),)
        return PreviewRow(r.row, RowStatus.ERROR, code, r.texts.get("name", ""), r.cells, issues=issues)

    def _repeated(self, r: TextRow, code: str, values: Mapping[str, Any]) -> PreviewRow:
        """A second row with a code already seen: skipped when it says the same, an error otherwise."""
        first_row, first_values = self.first_by_code[code]
        name = str(values["name"])
        if first_values == values:
            notes = (f"与第{first_row}行重复，已跳过。",)
            return PreviewRow(r.row, RowStatus.SKIPPED, code, name, r.cells, notes=notes)
        msg = f"与第{first_row}行的统一社会信用代码相同但内容不同，请核对后只保留一行。"
        issue = RowIssue(r.row, column_name(self.table, "code", ENTERPRISE_LABELS), msg)
        return PreviewRow(r.row, RowStatus.ERROR, code, name, r.cells, issues=(issue,))

    def _same_name_in_file(self, row: int, norm: str, code: str) -> tuple[str, ...]:
        first = self.first_by_name.setdefault(norm, (row, code))
        if first[1] != code:
            return (f"与第{first[0]}行企业名称相同但信用代码不同，请确认。",)
        return ()


def _compared(
    r: TextRow, current: Mapping[str, Any], values: dict[str, Any], notes: tuple[str, ...]
) -> PreviewRow:
    """A row of an enterprise the register holds: changed (its new values, with the version read) or not."""
    code = str(values["code"])
    if values["name"] != current["name"]:  # a rename: the old name joins the former names
        former = [x for x in str(values["former_names"]).splitlines() if x]
        if current["name"] not in former:
            former.insert(0, str(current["name"]))
        values["former_names"] = "\n".join(former)
        values["search_text"] = search_text_for(str(values["name"]), former, code, str(values["district"]))
    changes = tuple(
        FieldChange(f, ENTERPRISE_LABELS[f], _display(f, current[f]), _display(f, values[f]))
        for f in ENTERPRISE_SHOWN
        if (current[f] or "") != (values[f] or "")
    )
    changed = bool(changes) or current["search_text"] != values["search_text"]
    return PreviewRow(
        r.row,
        RowStatus.CHANGED if changed else RowStatus.UNCHANGED,
        code,
        str(values["name"]),
        r.cells,
        changes=changes,
        notes=notes,
        target_id=int(current["id"]),
        values={**values, "_version": current["version"]} if changed else {},
    )


def _note_names_in_register(session: Session, rows: _Classifier) -> None:
    """A note on each new or renamed row whose name the register already holds under another code."""
    same = _names_in_register(session, [norm for _, norm, _ in rows.pending])
    for idx, norm, code in rows.pending:
        others = [(c, nm) for c, nm in same.get(norm, []) if c != code]
        if others:
            r = rows.rows[idx]
            extra = tuple(f"企业库中已有同名企业：{nm}（{c}），请确认是否重复。" for c, nm in others)
            rows.rows[idx] = replace(r, notes=r.notes + extra)


def import_enterprises(
    uow: UnitOfWork,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[int, str | None] | None = None,
    actor: str,
    dry_run: bool = False,
    cancel: Cancel | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the valid rows of an enterprise list in one transaction (nothing at all on `dry_run`)."""
    preview = preview_enterprises(uow, path, sheet, mapping, cancel)
    return commit_preview(uow, preview, actor=actor, dry_run=dry_run, cancel=cancel, progress=progress)

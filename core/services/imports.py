"""Importing officers' spreadsheets: enterprise lists from districts, title lists from MIIT.

Every import has a preview (nothing written) and a commit in ONE transaction: a failure or a cancel in the
middle leaves the database exactly as it was. A committed import is recorded as a batch (who, when, file,
sha256, counts) with the values each row replaced, so `undo_import` can restore them as a whole. Before a
commit or an undo writes, a SQLite database file is copied to its backups/ folder (`backup_before_writing`;
not for a preview or a dry run): here, once, so the CLI and the window get the same copy.

Blank cells never erase what the register holds: a district's list without 地址 does not wipe addresses.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, cast

from rapidfuzz import fuzz, process
from sqlalchemy import Table as SaTable
from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.domain import uscc
from core.domain.enums import Field, RegStatus, TitleKind
from core.domain.permissions import Action
from core.domain.text import normalize_name, to_half_width
from core.domain.titles import KindClue, batch_year_warning, detect_kind, kind_conflict
from core.io import excel_read
from core.io.excel_read import Column, ReadError, Table
from core.io.normalize import CellError, cell_text, cell_texts, is_blank, parse_date
from core.services import access, audit, backup
from core.services import titles as title_svc
from core.services.enterprises import AUDITED_FIELDS as ENTERPRISE_AUDITED
from core.services.enterprises import checked_enterprise, search_text_for
from core.services.errors import Conflict, InputError, NotFound, ServiceError
from core.services.gc_pause import gc_paused
from core.services.titles import TitleInput, validate_title  # the same checks as titles.add_title
from core.store.fast import insert_fast, rows_fast
from core.store.models import Enterprise, NationalTitle, now
from core.store.models_imports import ImportBatch, ImportChange
from core.store.uow import UnitOfWork

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

# ------------------------------------------------------------------------------------------ vocabulary

ENTERPRISE_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("统一社会信用代码", "社会信用代码", "信用代码", "统一信用代码", "统一代码", "USCC"),
    "name": ("企业名称", "单位名称", "公司名称", "企业全称", "单位全称", "名称", "企业"),
    "district": (
        "所在区",
        "区县",
        "所属区域",
        "所属区",
        "所在区县",
        "所属区县",
        "区",
        "所在地区",
        "所属地区",
        "地区",
    ),
    "field": ("领域", "行业领域", "所属领域", "产业领域", "所属行业领域"),
    "field_reason": ("领域认定理由", "领域理由", "认定理由"),
    "former_names": ("曾用名", "原名称", "企业曾用名"),
    "address": ("地址", "注册地址", "企业地址", "通讯地址", "经营地址", "注册地"),
    "legal_rep": ("法定代表人", "法人代表", "法人"),
    "contact_person": ("联系人", "联系人姓名", "企业联系人"),
    "contact_phone": ("联系电话", "手机", "手机号码", "联系方式", "电话", "联系人电话", "联系人手机"),
    "reg_status": ("登记状态", "经营状态", "企业状态"),
    "notes": ("备注", "说明"),
    "code_override_reason": ("校验位说明", "信用代码校验说明"),
}
TITLE_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ENTERPRISE_ALIASES["code"],
    "name": ENTERPRISE_ALIASES["name"],
    "region": ("地区", "省份", "所在地区", "所属地区", "省", "省区市", "所在省份", "所在地"),
    "product": ("产品名称", "产品", "主导产品", "单项冠军产品", "冠军产品", "主营产品"),
    "recognized_on": ("认定日期", "认定时间"),
    "notes": ("备注",),
}
IGNORED_HEADERS = ("序号", "编号", "序", "No", "NO.")
TOTAL_WORDS = ("合计", "总计", "小计")

ENTERPRISE_LABELS: dict[str, str] = {
    "code": "统一社会信用代码",
    "name": "企业名称",
    "district": "所在区",
    "field": "领域",
    "field_reason": "领域认定理由",
    "former_names": "曾用名",
    "address": "地址",
    "legal_rep": "法定代表人",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "reg_status": "登记状态",
    "notes": "备注",
    "code_override_reason": "校验位说明",
}
TITLE_LABELS: dict[str, str] = {
    "code": "统一社会信用代码",
    "name": "企业名称",
    "region": "地区",
    "product": "产品名称",
    "recognized_on": "认定日期",
    "notes": "备注",
}
ENTERPRISE_REQUIRED = ("code", "name")
TITLE_REQUIRED = ("name",)

# The stored columns an enterprise import writes (search_text and name_norm follow from them).
_STORED = (
    "code",
    "code_override_reason",
    "name",
    "name_norm",
    "former_names",
    "district",
    "address",
    "legal_rep",
    "contact_person",
    "contact_phone",
    "field",
    "field_reason",
    "reg_status",
    "notes",
    "search_text",
)
_SHOWN = tuple(f for f in _STORED if f not in ("name_norm", "search_text"))
_TITLE_STORED = (
    "enterprise_id",
    "kind",
    "champion_type",
    "product",
    "batch",
    "recognized_on",
    "recognized_year",
    "doc_no",
    "re_review",
    "status",
    "source",
    "expires_on",
)
_CHUNK = 500  # bound values per IN list, rows between progress reports
_WRITE_CHUNK = 2000  # rows written per statement (and between a cancel's checks: ~0.1 s)


_FIELD_VALUES = frozenset(f.value for f in Field)


@functools.lru_cache(maxsize=256)
def map_field_value(text: str) -> str:
    """人工智能 → ai, 工业机器人 → robotics, 人工智能与机器人 → both, 其他 → other; unknown text is returned as
    given for validation to reject with the list of choices."""
    t = to_half_width(text).strip()
    if not t:
        return ""
    low = t.lower()
    if low in _FIELD_VALUES:
        return low
    has_ai = "人工智能" in t or low in ("ai", "a.i.") or "ai+" in low or "+ai" in low
    has_robot = any(w in t for w in ("机器人", "无人机", "无人船"))
    if has_ai and has_robot:
        return Field.BOTH.value
    if has_robot:
        return Field.ROBOTICS.value
    if has_ai:
        return Field.AI.value
    if t in ("其他", "其它", "否", "无"):
        return Field.OTHER.value
    return t


def map_status_value(text: str) -> str:
    t = text.strip()
    if t in ("存续", "在业", "开业", "正常", "在营", "在营（开业）企业", "存续（在营、开业、在册）"):
        return RegStatus.ACTIVE.value
    if t in ("注销", "已注销", "吊销", "吊销，未注销", "吊销，已注销"):
        return RegStatus.DEREGISTERED.value
    return t


AuditItem = audit.Item


# ------------------------------------------------------------------------------------------ results


class FileUnreadable(InputError):
    """The file cannot be read at all, or has no recognisable header (CLI exit 2)."""


class KindRequired(InputError):
    """A title list whose kind is neither stated nor readable from its heading, sheet or file name."""


class KindContradicted(InputError):
    """The stated kind contradicts the list's own heading and the officer has not confirmed it."""


class ImportCancelled(ServiceError):
    """The officer cancelled; nothing was written."""


class RowStatus(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ERROR = "error"
    SKIPPED = "skipped"  # a totals row, a repeated row, a row outside the stated region
    UNMATCHED = "unmatched"  # title lists: no enterprise found

    @property
    def label(self) -> str:
        return {
            "new": "新增",
            "changed": "修改",
            "unchanged": "无变化",
            "error": "有错误",
            "skipped": "跳过",
            "unmatched": "未匹配",
        }[self.value]


@dataclass(frozen=True)
class RowIssue:
    row: int  # the row number Excel shows
    column: str  # the header as written in the file (or the expected header when the column is missing)
    message: str

    def to_json(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Candidate:
    enterprise_id: int
    code: str
    name: str
    score: float

    def to_json(self) -> dict[str, object]:
        return {"id": self.enterprise_id, "code": self.code, "name": self.name, "score": round(self.score, 1)}


@dataclass(slots=True)
class PreviewRow:
    """One row of a preview. Read-only by convention, not frozen: a frozen dataclass costs 1.6 µs more to
    build, which is 5 % of a 10,000-row preview."""

    row: int
    status: RowStatus
    code: str
    name: str
    raw: Sequence[object] = field(compare=False, repr=False)  # the row's cells as read, in file order
    changes: tuple[FieldChange, ...] = ()
    issues: tuple[RowIssue, ...] = ()
    notes: tuple[str, ...] = ()  # warnings about this row
    target_id: int | None = None  # the enterprise the row updates / the title's enterprise
    candidates: tuple[Candidate, ...] = ()  # title lists: close names for an unmatched row
    values: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    product: str = ""

    @property
    def cells(self) -> tuple[str, ...]:
        """The row's cells as text, in file order (for the error file and the preview table)."""
        return tuple(cell_text(v) for v in self.raw)


@dataclass(frozen=True)
class Preview:
    kind: str  # "enterprises" | "titles"
    file_name: str
    sha256: str
    sheet: str
    sheets: tuple[str, ...]
    header_row: int
    headers: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[PreviewRow, ...]
    warnings: tuple[str, ...]
    missing: tuple[str, ...]  # required columns not found (nothing can be imported until mapped)
    params: Mapping[str, object] = field(default_factory=dict)  # title lists: what the officer stated
    # title lists: the kind imported, what the list itself says (None: nothing readable), what the officer
    # stated ("" for nothing), and the warning when the two disagree ("" when they do not)
    title_kind: str = ""
    kind_clue: KindClue | None = None
    kind_stated: str = ""
    kind_conflict: str = ""

    def kind_json(self) -> dict[str, object]:
        clue = self.kind_clue
        return {
            "kind": self.title_kind,
            "stated": self.kind_stated or None,
            "detected": clue.kind.value if clue else None,
            "source": clue.source if clue else ("stated" if self.kind_stated else None),
            "source_text": clue.text if clue else None,
            "source_row": clue.row if clue else None,
            "description": clue.describe() if clue else "",
            "conflict": self.kind_conflict or None,
        }

    @functools.cached_property
    def _tally(self) -> Counter[RowStatus]:
        return Counter(r.status for r in self.rows)

    def count(self, status: RowStatus) -> int:
        return self._tally[status]

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in RowStatus}

    @property
    def issues(self) -> tuple[RowIssue, ...]:
        return tuple(i for r in self.rows for i in r.issues)

    @property
    def considered(self) -> int:
        """Data rows, totals and repeated rows not counted."""
        return len(self.rows) - self.count(RowStatus.SKIPPED)


@dataclass(frozen=True)
class Unmatched:
    row: int
    name: str
    candidates: tuple[Candidate, ...]

    def to_json(self) -> dict[str, object]:
        return {"row": self.row, "name": self.name, "candidates": [c.to_json() for c in self.candidates]}


@dataclass(frozen=True)
class ImportReport:
    kind: str
    rows: int
    created: int
    updated: int
    unchanged: int
    skipped: int
    errors: tuple[RowIssue, ...]
    warnings: tuple[str, ...]
    batch: int | None
    dry_run: bool
    unmatched: tuple[Unmatched, ...] = ()
    backup: Path | None = None  # the copy of the database taken before writing (SQLite files)
    title_kind: Mapping[str, object] = field(default_factory=dict)  # title lists: Preview.kind_json()

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "backup": str(self.backup) if self.backup else None,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "errors": [e.to_json() for e in self.errors],
            "warnings": list(self.warnings),
            "batch": self.batch,
            "dry_run": self.dry_run,
        }
        if self.kind == "titles":
            out["unmatched"] = [u.to_json() for u in self.unmatched]
            out["title_kind"] = dict(self.title_kind)
        return out


@dataclass(frozen=True)
class TitleImportParams:
    """What the officer states once for a whole MIIT list. `kind` "" (not stated): read from the list's
    heading, sheet name or file name, else refused (KindRequired) — never a default. A stated kind that
    contradicts the heading is written only with `kind_override` (the officer confirmed it)."""

    kind: str
    batch: int | str
    recognized_on: date | str
    doc_no: str = ""
    re_review: bool = False
    champion_type: str = ""
    region: str = ""  # when given, rows whose 地区 names another region are skipped (e.g. "广东")
    kind_override: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "batch": str(self.batch),
            "recognized_on": str(self.recognized_on),
            "doc_no": self.doc_no,
            "re_review": self.re_review,
            "champion_type": self.champion_type,
            "region": self.region,
        }


@dataclass(frozen=True)
class BatchView:
    id: int
    kind: str
    actor: str
    created_at: datetime
    file_name: str
    sha256: str
    sheet: str
    rows: int
    created: int
    updated: int
    unchanged: int
    errors: int
    undone_at: datetime | None
    undone_by: str

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "actor": self.actor,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "file_name": self.file_name,
            "sha256": self.sha256,
            "sheet": self.sheet,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
            "undone_at": self.undone_at.isoformat(timespec="seconds") if self.undone_at else None,
            "undone_by": self.undone_by,
        }


@dataclass(frozen=True)
class UndoReport:
    batch: int
    deleted: int
    restored: int
    backup: Path | None = None  # the copy of the database taken before undoing (SQLite files)

    def to_json(self) -> dict[str, object]:
        return {
            "batch": self.batch,
            "deleted": self.deleted,
            "restored": self.restored,
            "backup": str(self.backup) if self.backup else None,
        }


def backup_before_writing(session: Session, reason: str) -> Path | None:
    """A copy of a SQLite database file in its backups/ folder (core.services.backup, rotated) before an
    import or an undo writes; None for another database (a PostgreSQL server has its own backups). A failed
    copy stops the import: ServiceError, nothing written."""
    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    try:
        return backup.backup_before(Path(url.database), reason)
    except (OSError, ServiceError) as exc:
        raise ServiceError(
            f"导入前的自动备份失败（{exc}），未作任何修改。请检查磁盘空间和 backups 文件夹的权限后重试。"
        ) from None


# ------------------------------------------------------------------------------------------ reading


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sheet_names(path: Path) -> list[str]:
    try:
        return excel_read.sheet_names(Path(path))
    except ReadError as exc:
        raise FileUnreadable(str(exc)) from None


def _load(
    path: Path,
    sheet: str | None,
    aliases: Mapping[str, Sequence[str]],
    required: Sequence[str],
    mapping: Mapping[int, str | None] | None,
) -> tuple[Table, list[str], list[str]]:
    """The mapped table, the sheet names, and the required fields still missing."""
    path = Path(path)
    try:
        data = excel_read.read_sheet(path, sheet)
        sheets = list(data.sheets)
    except ReadError as exc:
        raise FileUnreadable(str(exc)) from None
    if not any(not is_blank(v) for r in data.rows for v in r):
        raise FileUnreadable(f"“{path.name}”（工作表“{data.name}”）是空的。")
    table = excel_read.find_header(data, aliases, required[:1], IGNORED_HEADERS)
    if table is None:
        table = excel_read.find_header(data, aliases, (), IGNORED_HEADERS)
    if table is None:
        # Nothing recognised: take the first row with two or more cells as the header so the officer can
        # map the columns by hand.
        idx = next((i for i, r in enumerate(data.rows) if sum(not is_blank(v) for v in r) >= 2), None)
        if idx is None:
            raise FileUnreadable(f"“{path.name}”中找不到表头行。")
        cols = tuple(Column(c, cell_text(v), None) for c, v in enumerate(data.rows[idx]))
        table = Table(data, idx + 1, cols, idx + 1)
    if mapping:
        unknown = {f for f in mapping.values() if f} - set(aliases)
        if unknown:
            raise InputError(f"无法识别的字段：{'、'.join(sorted(unknown))}。")
        table = excel_read.remap(table, mapping)
    missing = [f for f in required if f not in table.fields]
    return table, sheets, missing


def _seen_before(session: Session, sha256: str) -> list[str]:
    stmt = select(ImportBatch).where(ImportBatch.sha256 == sha256, ImportBatch.undone_at.is_(None))
    return [
        f"同一文件已于 {b.created_at:%Y-%m-%d %H:%M} 由 {b.actor} 导入过（批次 {b.id}）。"
        for b in session.scalars(stmt.order_by(ImportBatch.id))
    ]


def missing_message(preview: Preview) -> str:
    """Why a file cannot be imported as it is: the columns not found, and the header the program did see."""
    labels = ENTERPRISE_LABELS | TITLE_LABELS
    names = "、".join(f"“{labels[m]}”" for m in preview.missing)
    headers = "、".join(h for h in preview.headers if h) or "（无）"
    return (
        f"找不到{names}列（表头在第{preview.header_row}行：{headers}）。"
        "请把表头改为模板中的列名，或指定各列含义（导入窗口中的列对照表；命令行 --column 列名=字段）。"
    )


def _is_total_row(row: Sequence[object]) -> bool:
    """A totals line (合计/总计/小计 in its first filled cell), which districts add under their lists."""
    for value in row:
        if not is_blank(value):
            return cell_text(value).replace(" ", "").startswith(TOTAL_WORDS)
    return False


def _norm_code(text: str) -> str:
    """uscc.normalize, with a fast path for the usual plain ASCII code."""
    if text.isascii() and " " not in text:
        return text.upper()
    return uscc.normalize(text)


def _cell_values(table: Table, row: Sequence[object], identifiers: Sequence[str]) -> dict[str, str]:
    """The texts of a row's mapped cells by field; identifier fields normalised as codes."""
    return _row_texts(_mapped(table), row, identifiers)


def _mapped(table: Table) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The fields and column indexes of the mapped columns: worked out once per file, not once per row."""
    pairs = [(col.field, col.index) for col in table.columns if col.field is not None]
    return tuple(f for f, _ in pairs), tuple(i for _, i in pairs)


def _row_texts(
    mapped: tuple[tuple[str, ...], tuple[int, ...]], row: Sequence[object], identifiers: Sequence[str]
) -> dict[str, str]:
    names, indexes = mapped
    out = dict(zip(names, cell_texts(row, indexes), strict=True))
    for name in identifiers:
        text = out.get(name)
        if text:
            out[name] = _norm_code(text)
    return out


_TITLE_DISTRICT = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}市)?([\u4e00-\u9fff]{1,4}区)")


def _district_from_titles(table: Table) -> str | None:
    for line in table.title_lines:
        m = _TITLE_DISTRICT.match(line.replace(" ", ""))
        if m:
            return m.group(1)
    return None


# ------------------------------------------------------------------------------------------ enterprises


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
    return [(column.in_(unique[start : start + _CHUNK]),) for start in range(0, len(unique), _CHUNK)]


def _existing_enterprises(session: Session, codes: Sequence[str]) -> dict[str, dict[str, Any]]:
    names = ("id", "version", *_STORED)
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

    ex = existing  # the stored values: every column of _STORED, text or None
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


def _column_name(table: Table, field_name: str, labels: Mapping[str, str]) -> str:
    col = table.column_for(field_name)
    return col.header if col is not None and col.header else labels.get(field_name, field_name)


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
    warnings.extend(_seen_before(uow.session, str(base["sha256"])))
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
        if progress is not None and n % _CHUNK == 0:
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
                RowIssue(excel_row, _column_name(table, f, ENTERPRISE_LABELS), msg)
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
                        issues=(RowIssue(excel_row, _column_name(table, "code", ENTERPRISE_LABELS), msg),),
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
            for f in _SHOWN
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


def _report(preview: Preview, batch: int | None, dry_run: bool, copy: Path | None = None) -> ImportReport:
    unmatched = tuple(
        Unmatched(r.row, r.name, r.candidates) for r in preview.rows if r.status is RowStatus.UNMATCHED
    )
    return ImportReport(
        kind=preview.kind,
        rows=preview.considered,
        created=preview.count(RowStatus.NEW),
        updated=preview.count(RowStatus.CHANGED),
        unchanged=preview.count(RowStatus.UNCHANGED),
        skipped=preview.count(RowStatus.SKIPPED),
        errors=preview.issues,
        warnings=preview.warnings,
        batch=batch,
        dry_run=dry_run,
        unmatched=unmatched,
        backup=copy,
        title_kind=preview.kind_json() if preview.kind == "titles" else {},
    )


@gc_paused()
def commit_preview(
    uow: UnitOfWork,
    preview: Preview,
    *,
    actor: str | None = None,
    dry_run: bool = False,
    cancel: Cancel | None = None,
    progress: Progress | None = None,
    kind_confirmed: bool = False,
) -> ImportReport:
    """Write a preview's new and changed rows in one transaction, recorded as a batch, after a backup of a
    SQLite database file (`backup_before_writing`). The register must not have changed since the preview (a
    changed record → Conflict, nothing written). A title list whose stated kind contradicts its heading is
    written only when `kind_confirmed` (KindContradicted otherwise, nothing written)."""
    if preview.missing:
        raise FileUnreadable(missing_message(preview))
    if dry_run:
        return _report(preview, None, True)
    if preview.kind_conflict and not kind_confirmed:
        raise KindContradicted(
            preview.kind_conflict + "未写入任何数据。确认按所选类别导入：命令行加 --kind-override，"
            "导入窗口中在提示时选择“按所选类别导入”。",
            {"kind": "与名单表头不符"},
        )
    session = uow.session
    who = access.require(session, actor or "", Action.REGISTER_IMPORT)[:50]
    copy = backup_before_writing(session, "import")
    batch = ImportBatch(
        kind=preview.kind,
        actor=who,
        file_name=preview.file_name[:300],
        sha256=preview.sha256,
        sheet=preview.sheet[:100],
        rows=preview.considered,
        created=preview.count(RowStatus.NEW),
        updated=preview.count(RowStatus.CHANGED),
        unchanged=preview.count(RowStatus.UNCHANGED),
        errors=preview.count(RowStatus.ERROR) + preview.count(RowStatus.UNMATCHED),
        params=json.dumps(dict(preview.params), ensure_ascii=False) if preview.params else "",
        undone_by="",
    )
    session.add(batch)
    session.flush()
    work = [r for r in preview.rows if r.status in (RowStatus.NEW, RowStatus.CHANGED)]
    trail = audit.Appender(session, who)
    summary = {
        "kind": preview.kind,
        "file_name": preview.file_name,
        "sha256": preview.sha256,
        "rows": batch.rows,
        "created": batch.created,
        "updated": batch.updated,
    }
    trail.add([("import_batch", batch.id, "import", audit.created(summary))])
    total = len(work)
    done = 0
    for start in range(0, total, _WRITE_CHUNK):
        chunk = work[start : start + _WRITE_CHUNK]
        if cancel is not None and cancel():
            raise ImportCancelled("已取消导入，数据库未作任何修改。")
        try:
            if preview.kind == "enterprises":
                trail.add(_write_enterprise_chunk(session, batch.id, chunk))
            else:
                trail.add(_write_title_chunk(session, batch.id, chunk))
        except IntegrityError:
            raise Conflict(
                "导入时发现企业库已被他人修改（如同一信用代码已被登记），数据库未作任何修改。请重新预览后再导入。"
            ) from None
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    session.flush()
    uow.commit()
    return _report(preview, batch.id, False, copy)


def _write_enterprise_chunk(session: Session, batch_id: int, chunk: Sequence[PreviewRow]) -> list[AuditItem]:
    """Write one chunk of new and changed rows with their change records; return their audit entries."""
    stamp = now()
    items: list[AuditItem] = []
    new = [r for r in chunk if r.status is RowStatus.NEW]
    changes: list[dict[str, object]] = []
    if new:
        rows = [
            {k: r.values[k] for k in _STORED} | {"created_at": stamp, "updated_at": stamp, "version": 1}
            for r in new
        ]
        floor = int(session.scalar(select(func.max(Enterprise.id))) or 0)
        insert_fast(session, cast(SaTable, Enterprise.__table__), rows)
        # The new rows' ids: all above the largest id before the insert (this transaction holds the write
        # lock on SQLite; on PostgreSQL a row another officer committed meanwhile has another code).
        by_code: dict[str, int] = dict(
            rows_fast(session, select(Enterprise.code, Enterprise.id).where(Enterprise.id > floor))
        )
        ids = [by_code[r.code] for r in new]
        for r, ent_id in zip(new, ids, strict=True):
            items.append(
                (
                    "enterprise",
                    ent_id,
                    "create",
                    audit.created_payload({k: r.values[k] for k in ENTERPRISE_AUDITED}),
                )
            )
            changes.append(
                {
                    "batch_id": batch_id,
                    "entity": "enterprise",
                    "entity_id": ent_id,
                    "action": "create",
                    "row": r.row,
                    "before": "",
                    "version_after": 1,
                }
            )
    upd = [r for r in chunk if r.status is RowStatus.CHANGED]
    if upd:
        ids = [r.target_id for r in upd if r.target_id is not None]
        before_rows = {
            row.id: dict(row._mapping)
            for row in session.execute(
                select(Enterprise.id, Enterprise.version, *(getattr(Enterprise, c) for c in _STORED)).where(
                    Enterprise.id.in_(ids)
                )
            )
        }
        params = []
        for r in upd:
            assert r.target_id is not None
            before = before_rows.get(r.target_id)
            if before is None or before["version"] != r.values["_version"]:
                raise Conflict(f"第{r.row}行的企业“{r.name}”在预览后已被修改或删除，请重新预览后再导入。")
            params.append(
                {f"v_{k}": r.values[k] for k in _STORED}
                | {
                    "b_id": r.target_id,
                    "b_version": before["version"],
                    "v_version": before["version"] + 1,
                    "v_updated_at": stamp,
                }
            )
            items.append(
                (
                    "enterprise",
                    r.target_id,
                    "update",
                    audit.diff(
                        {k: before[k] for k in ENTERPRISE_AUDITED},
                        {k: r.values[k] for k in ENTERPRISE_AUDITED},
                    ),
                )
            )
            changes.append(
                {
                    "batch_id": batch_id,
                    "entity": "enterprise",
                    "entity_id": r.target_id,
                    "action": "update",
                    "row": r.row,
                    "before": json.dumps({k: before[k] for k in _STORED}, ensure_ascii=False),
                    "version_after": before["version"] + 1,
                }
            )
        t = cast(SaTable, Enterprise.__table__)
        stmt = (
            update(t)
            .where(t.c.id == bindparam("b_id"), t.c.version == bindparam("b_version"))
            .values({k: bindparam(f"v_{k}") for k in (*_STORED, "version", "updated_at")})
        )
        session.connection().execute(stmt, params)
    insert_fast(session, cast(SaTable, ImportChange.__table__), changes)
    return items


# ------------------------------------------------------------------------------------------ titles


_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团|公司)+$")


def _core_name(norm: str) -> str:
    return _SUFFIX.sub("", norm) or norm


@dataclass
class _Register:
    by_code: dict[str, tuple[int, str, str]]
    by_name: dict[str, list[int]]
    by_former: dict[str, list[int]]
    info: dict[int, tuple[str, str]]  # id → (code, name)
    choices: dict[int, str]  # id → core name for fuzzy matching


def _register(session: Session) -> _Register:
    reg = _Register({}, {}, {}, {}, {})
    stmt = select(
        Enterprise.id, Enterprise.code, Enterprise.name, Enterprise.name_norm, Enterprise.former_names
    )
    for ent_id, code, name, norm, former in session.execute(stmt):
        reg.by_code[code] = (ent_id, code, name)
        reg.by_name.setdefault(norm, []).append(ent_id)
        for f in str(former).splitlines():
            if f:
                reg.by_former.setdefault(normalize_name(f), []).append(ent_id)
        reg.info[ent_id] = (code, name)
        reg.choices[ent_id] = _core_name(norm)
    return reg


def _candidates(reg: _Register, name: str, limit: int = 3) -> tuple[Candidate, ...]:
    if not reg.choices or not name:
        return ()
    found = process.extract(
        _core_name(normalize_name(name)), reg.choices, scorer=fuzz.ratio, limit=limit, score_cutoff=60
    )
    return tuple(Candidate(int(key), *reg.info[int(key)], float(score)) for _choice, score, key in found)


@gc_paused()
def _probe_title(params: TitleImportParams, kind: str) -> dict[str, object]:
    """The checks of what the officer stated for a whole title list (batch, date, 文号, a champion's type)."""
    try:
        return validate_title(
            TitleInput(
                "",
                kind,
                params.batch,
                params.recognized_on,
                params.doc_no,
                params.re_review,
                params.champion_type,
                "（产品）",
            )
        )
    except InputError as exc:
        raise InputError(f"称号信息有误：{exc}", exc.fields) from None


def preview_titles(
    uow: UnitOfWork,
    path: Path,
    params: TitleImportParams,
    sheet: str | None = None,
    mapping: Mapping[int, str | None] | None = None,
    resolutions: Mapping[int, int] | None = None,
    cancel: Cancel | None = None,
) -> Preview:
    """Match each row of a MIIT list to the register (credit code, else normalised name, else a former name);
    `resolutions` maps an Excel row to the enterprise the officer picked for it. Writes nothing."""
    path = Path(path)
    stated = params.kind.strip() if params.kind else ""
    # the batch and date checks before reading the file (with the stated kind, or any kind)
    probe = _probe_title(params, stated or TitleKind.LITTLE_GIANT.value)
    table, sheets, missing = _load(path, sheet, TITLE_ALIASES, TITLE_REQUIRED, mapping)
    clue = list_kind(table, path)
    if stated:
        kind_value = str(probe["kind"])
    elif clue is not None:
        kind_value = clue.kind.value
    else:
        raise KindRequired(
            f"无法从“{path.name}”的表头、工作表名称“{table.sheet.name}”或文件名读出称号类别"
            f"（{TitleKind.LITTLE_GIANT.label}或{TitleKind.SINGLE_CHAMPION.label}），不作默认："
            "请指定称号类别（命令行 --kind little-giant 或 --kind single-champion）。",
            {"kind": "请选择称号类别"},
        )
    conflict = kind_conflict(TitleKind(kind_value), clue) if stated else None
    params = replace(params, kind=kind_value)
    if not stated:  # the checks that depend on the kind (a champion's type), now that it is known
        probe = _probe_title(params, kind_value)
    base = dict(
        kind="titles",
        title_kind=kind_value,
        kind_clue=clue,
        kind_stated=str(probe["kind"]) if stated else "",
        kind_conflict=conflict or "",
        file_name=path.name,
        sha256=file_sha256(path),
        sheet=table.sheet.name,
        sheets=tuple(sheets),
        header_row=table.header_row,
        headers=tuple(c.header for c in table.columns),
        columns=table.columns,
    )
    if missing:
        return Preview(**base, rows=(), warnings=(), missing=tuple(missing), params=params.to_json())  # type: ignore[arg-type]
    session = uow.session
    warnings: list[str] = list(_seen_before(session, str(base["sha256"])))
    if conflict:
        warnings.insert(0, conflict)
    recognized_probe = probe["recognized_on"]
    assert isinstance(recognized_probe, date)
    year_note = batch_year_warning(TitleKind(str(probe["kind"])), int(str(probe["batch"])), recognized_probe)
    if year_note:
        warnings.append(year_note)
    reg = _register(session)
    kind = str(probe["kind"])
    existing_titles = {
        (e, b, bool(rr), p)
        for e, b, rr, p in session.execute(
            select(
                NationalTitle.enterprise_id,
                NationalTitle.batch,
                NationalTitle.re_review,
                NationalTitle.product,
            ).where(NationalTitle.kind == kind)
        )
    }
    resolutions = dict(resolutions or {})
    rows: list[PreviewRow] = []
    seen: dict[tuple[int, str], int] = {}
    region = params.region.strip()
    for excel_row, row in table.data_rows():
        if cancel is not None and cancel():
            raise ImportCancelled("已取消预览。")
        texts = _cell_values(table, row, ("code",))
        cells = row
        name = texts.get("name", "")
        if _is_total_row(row) or (not name and not texts.get("code")):
            rows.append(
                PreviewRow(excel_row, RowStatus.SKIPPED, "", name, cells, notes=("无企业名称，已跳过。",))
            )
            continue
        if region and texts.get("region") and region not in texts["region"]:
            rows.append(
                PreviewRow(
                    excel_row,
                    RowStatus.SKIPPED,
                    "",
                    name,
                    cells,
                    notes=(f"地区为“{texts['region']}”，不属于{region}，已跳过。",),
                )
            )
            continue
        issues: list[RowIssue] = []
        ent_id: int | None = None
        code = ""
        if texts.get("code"):
            chk = uscc.check(texts["code"])
            code = chk.code
            if not chk.ok:
                issues.append(RowIssue(excel_row, _column_name(table, "code", TITLE_LABELS), chk.message))
            elif code in reg.by_code:
                ent_id = reg.by_code[code][0]
        if ent_id is None and excel_row in resolutions:
            ent_id = resolutions[excel_row]
            if ent_id not in reg.info:
                issues.append(
                    RowIssue(
                        excel_row,
                        _column_name(table, "name", TITLE_LABELS),
                        f"所选企业（编号 {ent_id}）不存在。",
                    )
                )
                ent_id = None
        candidates: tuple[Candidate, ...] = ()
        if ent_id is None and not issues:
            norm = normalize_name(name)
            hits = reg.by_name.get(norm) or reg.by_former.get(norm) or []
            if len(set(hits)) == 1:
                ent_id = hits[0]
            elif hits:
                candidates = tuple(Candidate(i, *reg.info[i], 100.0) for i in sorted(set(hits)))
            else:
                candidates = _candidates(reg, name)
        product = texts.get("product", "")
        recognized = params.recognized_on
        if texts.get("recognized_on"):
            try:
                recognized = parse_date(row[table.column_for("recognized_on").index], "认定日期")  # type: ignore[union-attr]
            except CellError as exc:
                issues.append(
                    RowIssue(excel_row, _column_name(table, "recognized_on", TITLE_LABELS), str(exc))
                )
        values: dict[str, Any] = {}
        if not issues:
            try:
                values = validate_title(
                    TitleInput(
                        code,
                        params.kind,
                        params.batch,
                        recognized,
                        params.doc_no,
                        params.re_review,
                        params.champion_type,
                        product,
                        "valid",
                        "import",
                    )
                )
            except InputError as exc:
                issues.extend(
                    RowIssue(
                        excel_row, _column_name(table, f if f in TITLE_LABELS else "name", TITLE_LABELS), m
                    )
                    for f, m in exc.fields.items()
                )
        if issues:
            rows.append(
                PreviewRow(
                    excel_row, RowStatus.ERROR, code, name, cells, issues=tuple(issues), product=product
                )
            )
            continue
        if ent_id is None:
            rows.append(
                PreviewRow(
                    excel_row, RowStatus.UNMATCHED, code, name, cells, candidates=candidates, product=product
                )
            )
            continue
        ent_code, ent_name = reg.info[ent_id]
        key = (ent_id, str(values["product"]))
        notes: tuple[str, ...] = ()
        if ent_name != name and normalize_name(ent_name) != normalize_name(name):
            notes = (f"按{'信用代码' if code else '曾用名'}匹配到“{ent_name}”。",)
        if key in seen:
            rows.append(
                PreviewRow(
                    excel_row,
                    RowStatus.SKIPPED,
                    ent_code,
                    ent_name,
                    cells,
                    notes=(f"与第{seen[key]}行重复，已跳过。",),
                    target_id=ent_id,
                    product=product,
                )
            )
            continue
        seen[key] = excel_row
        if (ent_id, values["batch"], bool(values["re_review"]), values["product"]) in existing_titles:
            rows.append(
                PreviewRow(
                    excel_row,
                    RowStatus.UNCHANGED,
                    ent_code,
                    ent_name,
                    cells,
                    notes=notes,
                    target_id=ent_id,
                    product=product,
                )
            )
            continue
        values["enterprise_id"] = ent_id
        rows.append(
            PreviewRow(
                excel_row,
                RowStatus.NEW,
                ent_code,
                ent_name,
                cells,
                notes=notes,
                target_id=ent_id,
                values=values,
                product=product,
            )
        )
    for r in rows:
        warnings.extend(f"第{r.row}行：{note}" for note in r.notes if "已跳过" not in note or "重复" in note)
    return Preview(**base, rows=tuple(rows), warnings=tuple(warnings), missing=(), params=params.to_json())  # type: ignore[arg-type]


def list_kind(table: Table, path: Path) -> KindClue | None:
    """What a title list says its kind is: its heading rows above the header, its sheet name, its file name."""
    heading = [
        (i + 1, " ".join(cell_text(v) for v in r if not is_blank(v)))
        for i, r in enumerate(table.sheet.rows[: max(0, table.header_row - 1)])
        if any(not is_blank(v) for v in r)
    ]
    return detect_kind(heading, table.sheet.name, Path(path).stem)


def import_titles(
    uow: UnitOfWork,
    path: Path,
    params: TitleImportParams,
    *,
    sheet: str | None = None,
    mapping: Mapping[int, str | None] | None = None,
    resolutions: Mapping[int, int] | None = None,
    actor: str | None = None,
    dry_run: bool = False,
    cancel: Cancel | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    preview = preview_titles(uow, path, params, sheet, mapping, resolutions, cancel)
    return commit_preview(
        uow,
        preview,
        actor=actor,
        dry_run=dry_run,
        cancel=cancel,
        progress=progress,
        kind_confirmed=params.kind_override,
    )


def _write_title_chunk(session: Session, batch_id: int, chunk: Sequence[PreviewRow]) -> list[AuditItem]:
    """Write one chunk of new titles with their change records; return their audit entries."""
    stamp = now()
    rows = [
        {k: r.values[k] for k in _TITLE_STORED}
        | {"created_at": stamp, "updated_at": stamp, "version": 1, "status_reason": ""}
        for r in chunk
    ]
    ids = session.scalars(
        insert(NationalTitle).returning(NationalTitle.id, sort_by_parameter_order=True), rows
    ).all()
    session.connection().execute(
        insert(cast(SaTable, ImportChange.__table__)),
        [
            {
                "batch_id": batch_id,
                "entity": "title",
                "entity_id": t_id,
                "action": "create",
                "row": r.row,
                "before": "",
                "version_after": 1,
            }
            for r, t_id in zip(chunk, ids, strict=True)
        ],
    )
    return [
        ("title", t_id, "create", audit.created({k: row.get(k) for k in title_svc.AUDITED_FIELDS}))
        for row, t_id in zip(rows, ids, strict=True)
    ]


# ------------------------------------------------------------------------------------------ batches, undo


def _batch_view(b: ImportBatch) -> BatchView:
    return BatchView(
        b.id,
        b.kind,
        b.actor,
        b.created_at,
        b.file_name,
        b.sha256,
        b.sheet,
        b.rows,
        b.created,
        b.updated,
        b.unchanged,
        b.errors,
        b.undone_at,
        b.undone_by,
    )


def list_batches(uow: UnitOfWork, limit: int | None = 100) -> list[BatchView]:
    stmt = select(ImportBatch).order_by(ImportBatch.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_batch_view(b) for b in uow.session.scalars(stmt)]


def get_batch(uow: UnitOfWork, batch_id: int) -> BatchView:
    b = uow.session.get(ImportBatch, batch_id)
    if b is None:
        raise NotFound(f"导入批次 {batch_id} 不存在。")
    return _batch_view(b)


def undo_import(uow: UnitOfWork, batch_id: int, actor: str | None = None) -> UndoReport:
    """Undo a whole import: delete what it created and restore the values it replaced. Refused (nothing
    changed) when any of those records was edited after the import."""
    session = uow.session
    who = access.require(session, actor or "", Action.IMPORT_UNDO)[:50]
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound(f"导入批次 {batch_id} 不存在。")
    if batch.undone_at is not None:
        raise Conflict(
            f"导入批次 {batch_id} 已于 {batch.undone_at:%Y-%m-%d %H:%M} 由 {batch.undone_by} 撤销。"
        )
    changes = list(
        session.scalars(
            select(ImportChange).where(ImportChange.batch_id == batch_id).order_by(ImportChange.id)
        )
    )
    ent_changes = [c for c in changes if c.entity == "enterprise"]
    title_changes = [c for c in changes if c.entity == "title"]
    problems: list[str] = []
    ent_versions: dict[int, tuple[int, str]] = {}
    ids = [c.entity_id for c in ent_changes]
    for start in range(0, len(ids), _CHUNK):
        stmt = select(Enterprise.id, Enterprise.version, Enterprise.name).where(
            Enterprise.id.in_(ids[start : start + _CHUNK])
        )
        ent_versions.update({i: (v, n) for i, v, n in session.execute(stmt)})
    created_ids = [c.entity_id for c in ent_changes if c.action == "create"]
    with_titles: set[int] = set()
    for start in range(0, len(created_ids), _CHUNK):
        stmt2 = select(NationalTitle.enterprise_id).where(
            NationalTitle.enterprise_id.in_(created_ids[start : start + _CHUNK])
        )
        with_titles.update(session.scalars(stmt2))
    for c in ent_changes:
        current = ent_versions.get(c.entity_id)
        if current is None:
            problems.append(f"第{c.row}行的企业（编号 {c.entity_id}）已被删除")
        elif current[0] != c.version_after:
            problems.append(f"第{c.row}行的企业“{current[1]}”在导入后又被修改过")
        elif c.action == "create" and c.entity_id in with_titles:
            problems.append(f"第{c.row}行新增的企业“{current[1]}”已登记了称号")
    t_ids = [c.entity_id for c in title_changes]
    t_versions: dict[int, int] = {}
    for start in range(0, len(t_ids), _CHUNK):
        stmt3 = select(NationalTitle.id, NationalTitle.version).where(
            NationalTitle.id.in_(t_ids[start : start + _CHUNK])
        )
        t_versions.update({i: v for i, v in session.execute(stmt3)})
    for c in title_changes:
        if c.entity_id not in t_versions:
            problems.append(f"第{c.row}行导入的称号（编号 {c.entity_id}）已被删除")
        elif t_versions[c.entity_id] != c.version_after:
            problems.append(f"第{c.row}行导入的称号（编号 {c.entity_id}）在导入后又被修改过")
    if problems:
        shown = "；".join(problems[:5]) + (f"；等共{len(problems)}处" if len(problems) > 5 else "")
        later = _later_batches(session, batch_id, ent_changes, title_changes, with_titles)
        hint = f"请先撤销较晚的导入批次 {'、'.join(map(str, later))}，或" if later else "请先"
        raise Conflict(f"无法撤销导入批次 {batch_id}：{shown}。{hint}处理这些记录（或手工修改）。")
    copy = backup_before_writing(session, "undo-import")
    audit_items: list[AuditItem] = []
    t_del = [c.entity_id for c in title_changes]
    for start in range(0, len(t_del), _CHUNK):
        session.execute(delete(NationalTitle).where(NationalTitle.id.in_(t_del[start : start + _CHUNK])))
    audit_items.extend(("title", t_id, "delete", {}) for t_id in t_del)
    restored = 0
    upd = [c for c in ent_changes if c.action == "update"]
    if upd:
        now_values: dict[int, dict[str, Any]] = {}
        upd_ids = [c.entity_id for c in upd]
        cols = [Enterprise.id, *(getattr(Enterprise, k) for k in ENTERPRISE_AUDITED)]
        for start in range(0, len(upd_ids), _CHUNK):
            for row in session.execute(
                select(*cols).where(Enterprise.id.in_(upd_ids[start : start + _CHUNK]))
            ):
                now_values[row.id] = {k: getattr(row, k) for k in ENTERPRISE_AUDITED}
        for c in upd:
            before_values = json.loads(c.before)
            restored_values = {k: before_values[k] for k in ENTERPRISE_AUDITED}
            audit_items.append(
                ("enterprise", c.entity_id, "update", audit.diff(now_values[c.entity_id], restored_values))
            )
        t = cast(SaTable, Enterprise.__table__)
        stmt4 = (
            update(t)
            .where(t.c.id == bindparam("b_id"))
            .values({k: bindparam(f"v_{k}") for k in (*_STORED, "version", "updated_at")})
        )
        stamp = now()
        params = []
        for c in upd:
            before = json.loads(c.before)
            params.append(
                {f"v_{k}": before[k] for k in _STORED}
                | {"b_id": c.entity_id, "v_version": c.version_after + 1, "v_updated_at": stamp}
            )
        session.connection().execute(stmt4, params)
        restored = len(upd)
    for start in range(0, len(created_ids), _CHUNK):
        session.execute(delete(Enterprise).where(Enterprise.id.in_(created_ids[start : start + _CHUNK])))
    audit_items.extend(("enterprise", e_id, "delete", {}) for e_id in created_ids)
    batch.undone_at = now()
    batch.undone_by = who
    summary = {"deleted": len(created_ids) + len(t_del), "restored": restored}
    audit.Appender(session, who).add(
        [("import_batch", batch_id, "undo", audit.created(summary)), *audit_items]
    )
    session.flush()
    uow.commit()
    return UndoReport(batch_id, len(created_ids) + len(t_del), restored, copy)


def _later_batches(
    session: Session,
    batch_id: int,
    ent_changes: Sequence[ImportChange],
    title_changes: Sequence[ImportChange],
    enterprises_with_titles: set[int],
) -> list[int]:
    """Later imports, not undone, that touched the same records (or gave titles to enterprises this one
    created): undoing those first usually clears the way."""
    found: set[int] = set()
    ent_ids = [c.entity_id for c in ent_changes]
    title_ids = [c.entity_id for c in title_changes]
    later = select(ImportBatch.id).where(ImportBatch.id > batch_id, ImportBatch.undone_at.is_(None))
    for entity, ids in (("enterprise", ent_ids), ("title", title_ids)):
        for start in range(0, len(ids), _CHUNK):
            stmt = select(ImportChange.batch_id).where(
                ImportChange.entity == entity,
                ImportChange.entity_id.in_(ids[start : start + _CHUNK]),
                ImportChange.batch_id.in_(later),
            )
            found.update(session.scalars(stmt))
    holders = sorted(enterprises_with_titles)
    for start in range(0, len(holders), _CHUNK):
        titles = select(NationalTitle.id).where(
            NationalTitle.enterprise_id.in_(holders[start : start + _CHUNK])
        )
        stmt = select(ImportChange.batch_id).where(
            ImportChange.entity == "title",
            ImportChange.entity_id.in_(titles),
            ImportChange.batch_id.in_(later),
        )
        found.update(session.scalars(stmt))
    return sorted(found, reverse=True)


def count_rows(uow: UnitOfWork) -> dict[str, int]:
    """Row counts of the register (for checks after an import)."""
    s = uow.session
    return {
        "enterprise": int(s.scalar(select(func.count(Enterprise.id))) or 0),
        "national_title": int(s.scalar(select(func.count(NationalTitle.id))) or 0),
    }

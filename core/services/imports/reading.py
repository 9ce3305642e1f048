"""An officer's list read for the use cases: the file's sheets and sha256, the sheet read into a header-mapped
table (the file errors as FileUnreadable), the earlier batches of the same file, and the message for a list
whose required columns were not found.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain import uscc
from core.io import excel_read
from core.io.excel_read import Column, ReadError, Table
from core.io.normalize import cell_text, cell_texts, is_blank
from core.services.errors import InputError
from core.services.imports.results import FileUnreadable, Preview
from core.services.imports.vocabulary import ENTERPRISE_LABELS, IGNORED_HEADERS, TITLE_LABELS, TOTAL_WORDS
from core.store.models_imports import ImportBatch


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


def seen_before(session: Session, sha256: str) -> list[str]:
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


def column_name(table: Table, field_name: str, labels: Mapping[str, str]) -> str:
    col = table.column_for(field_name)
    return col.header if col is not None and col.header else labels.get(field_name, field_name)

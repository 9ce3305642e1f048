"""An officer's list read for the use cases: its sheet names, the sheet read into a header-mapped table of text
rows (core.io.table, with this package's vocabulary; a file that cannot be read raises FileUnreadable), the
head of its preview (file, sheet, header, columns), its rows walked with a cancel and progress, the earlier batches of the same file, and the message for
a list whose required columns were not found.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.io import excel_read
from core.io.excel_read import ReadError, Table
from core.io.table import HeaderWords, MappedTable, TextRow, UnknownFields, read_table
from core.services.errors import InputError
from core.services.imports.columns import IN_CHUNK
from core.services.imports.results import Cancel, FileUnreadable, ImportCancelled, Preview, Progress
from core.services.imports.vocabulary import ENTERPRISE_LABELS, TITLE_LABELS
from core.store.models_imports import ImportBatch


def sheet_names(path: Path) -> list[str]:
    try:
        return excel_read.sheet_names(Path(path))
    except ReadError as exc:
        raise FileUnreadable(str(exc)) from None


def read_list(
    path: Path, words: HeaderWords, sheet: str | None, mapping: Mapping[int, str | None] | None
) -> MappedTable:
    """The list's sheet as a header-mapped table (core.io.table.read_table); FileUnreadable when the file
    cannot be read, is empty or has no header row, InputError when `mapping` names an unknown field."""
    try:
        return read_table(Path(path), words, sheet, mapping)
    except ReadError as exc:
        raise FileUnreadable(str(exc)) from None
    except UnknownFields as exc:
        raise InputError(str(exc)) from None


def preview_head(kind: str, path: Path, read: MappedTable) -> Preview:
    """A preview with no rows yet: the file, its sheet, the header found and the required columns missing."""
    table = read.table
    return Preview(
        kind=kind,
        file_name=Path(path).name,
        sha256=read.sha256,
        sheet=table.sheet.name,
        sheets=read.sheets,
        header_row=table.header_row,
        headers=tuple(c.header for c in table.columns),
        columns=table.columns,
        rows=(),
        warnings=(),
        missing=read.missing,
    )


def watched(
    rows: Sequence[TextRow], cancel: Cancel | None, progress: Progress | None = None
) -> Iterator[TextRow]:
    """The rows of a preview one by one, the officer's cancel checked before each (ImportCancelled) and the
    progress reported every IN_CHUNK rows."""
    total = len(rows)
    for n, row in enumerate(rows, start=1):
        if cancel is not None and cancel():
            raise ImportCancelled("已取消预览。")
        if progress is not None and n % IN_CHUNK == 0:
            progress(n, total)
        yield row


def seen_before(session: Session, sha256: str) -> list[str]:
    """A warning for each batch (not undone) that imported the same file before."""
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


def column_name(table: Table, field_name: str, labels: Mapping[str, str]) -> str:
    """The header a field's column has in the file, or the expected header when no column maps to it."""
    col = table.column_for(field_name)
    return col.header if col is not None and col.header else labels.get(field_name, field_name)

"""Writing .xlsx files officers open in Excel/WPS: a titled table with a bold frozen header, autofilter,
column widths, `#,##0.00` amounts and a totals row. Text that begins with = + - @ is written as text (with
Excel's quote prefix) so it can never become a formula (CSV/formula injection)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TITLE_FONT = Font(bold=True, size=14)


class WriteError(Exception):
    """The file cannot be written (folder missing, file open in Excel, no permission)."""


@dataclass(frozen=True)
class XColumn:
    header: str
    width: float = 14.0
    kind: str = "text"  # text | money | int | date
    total: bool = False  # summed in the totals row


def needs_escape(value: object) -> bool:
    return isinstance(value, str) and value.startswith(_FORMULA_STARTS)


def _put(ws: Any, row: int, col: int, value: object, kind: str = "text") -> Any:
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        return cell
    if isinstance(value, str):
        cell.value = value
        if needs_escape(value) or cell.data_type != "s":
            cell.data_type = "s"  # openpyxl would store "=…" as a formula
            cell.quotePrefix = True  # and Excel shows it as text even after the cell is edited
    elif isinstance(value, bool):
        cell.value = "是" if value else "否"
    elif isinstance(value, (int, Decimal, float, date, datetime)):
        cell.value = value
        if kind == "money":
            cell.number_format = MONEY_FORMAT
        elif isinstance(value, (date, datetime)):
            cell.number_format = DATE_FORMAT
    else:
        cell.value = str(value)
        cell.data_type = "s"
    return cell


def write_table(
    path: Path,
    columns: Sequence[XColumn],
    rows: Iterable[Sequence[object]],
    *,
    sheet_title: str = "Sheet1",
    title: str | None = None,
    filter_text: str | None = None,
    totals_label: str | None = "合计",
) -> int:
    """Write one table; returns the number of data rows. The header is on the first row after the title and
    filter lines; the totals row (when `totals_label`) follows the data and carries the sums of the `total`
    columns as values (a count of rows in the first column's label)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    r = 1
    if title:
        _put(ws, r, 1, title).font = _TITLE_FONT
        r += 1
    if filter_text is not None:
        _put(ws, r, 1, f"筛选条件：{filter_text or '全部'}")
        r += 1
    header_row = r
    for c, col in enumerate(columns, start=1):
        cell = _put(ws, r, c, col.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = col.width
    sums: dict[int, Decimal] = {i: Decimal("0.00") for i, col in enumerate(columns) if col.total}
    count = 0
    for values in rows:
        r += 1
        count += 1
        for c, (col, value) in enumerate(zip(columns, values, strict=False), start=1):
            _put(ws, r, c, value, col.kind)
            if c - 1 in sums and isinstance(value, (int, Decimal)):
                sums[c - 1] += value
    last = max(r, header_row + 1) if count else header_row
    ref = f"A{header_row}:{get_column_letter(len(columns))}{last}"
    ws.auto_filter.ref = ref
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if totals_label is not None:
        r += 1
        first = _put(ws, r, 1, f"{totals_label}（{count}条）")
        first.font = _HEADER_FONT
        for i, total in sums.items():
            _put(ws, r, i + 1, total, "money").font = _HEADER_FONT
    try:
        wb.save(Path(path))
    except OSError as exc:
        raise WriteError(f"无法写入“{path}”：{exc}（文件是否正在 Excel 中打开？）") from None
    return count


def write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], sheet_title: str) -> int:
    """A plain sheet: bold frozen header, autofilter, widths from the header text (error files, templates)."""
    columns = [XColumn(h, max(10.0, min(40.0, len(h) * 2.2 + 2))) for h in header]
    return write_table(path, columns, rows, sheet_title=sheet_title, totals_label=None)

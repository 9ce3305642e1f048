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
from openpyxl.cell import WriteOnlyCell
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


def _cell(ws: Any, value: object, kind: str = "text", font: Font | None = None) -> Any:
    """A cell for a write-only sheet; plain values stay plain (fast), the rest get a styled cell."""
    if value is None or value == "":
        return WriteOnlyCell(ws, None) if font else None
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, str):
        if not needs_escape(value) and font is None:
            return value
        cell = WriteOnlyCell(ws, value)
        if needs_escape(value):
            cell.data_type = "s"  # openpyxl would store "=…" as a formula
            cell.quotePrefix = True  # and Excel shows it as text even after the cell is edited
    elif isinstance(value, (int, Decimal, float, date, datetime)):
        if kind != "money" and not isinstance(value, (date, datetime)) and font is None:
            return value
        cell = WriteOnlyCell(ws, value)
        if kind == "money":
            cell.number_format = MONEY_FORMAT
        elif isinstance(value, (date, datetime)):
            cell.number_format = DATE_FORMAT
    else:
        cell = WriteOnlyCell(ws, str(value))
        cell.data_type = "s"
    if font is not None:
        cell.font = font
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
    columns as values (a count of rows in the first column's label). Streams (openpyxl write-only mode):
    100,000 rows take seconds and little memory."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title[:31])
    for c, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = col.width
    header_row = 1 + (1 if title else 0) + (1 if filter_text is not None else 0)
    ws.freeze_panes = f"A{header_row + 1}"
    if title:
        ws.append([_cell(ws, title, font=_TITLE_FONT)])
    if filter_text is not None:
        ws.append([_cell(ws, f"筛选条件：{filter_text or '全部'}")])
    header = []
    for col in columns:
        cell = WriteOnlyCell(ws, col.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    sums: dict[int, Decimal] = {i: Decimal("0.00") for i, col in enumerate(columns) if col.total}
    kinds = [col.kind for col in columns]
    count = 0
    for values in rows:
        count += 1
        ws.append([_cell(ws, v, k) for v, k in zip(values, kinds, strict=False)])
        for i in sums:
            v = values[i] if i < len(values) else None
            if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
                sums[i] += v
    last = header_row + max(count, 1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last}"
    if totals_label is not None:
        totals: list[object] = [_cell(ws, f"{totals_label}（{count}条）", font=_HEADER_FONT)]
        for i in range(1, len(columns)):
            totals.append(_cell(ws, sums[i], "money", _HEADER_FONT) if i in sums else None)
        ws.append(totals)
    try:
        wb.save(Path(path))
    except OSError as exc:
        raise WriteError(f"无法写入“{path}”：{exc}（文件是否正在 Excel 中打开？）") from None
    return count


def write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], sheet_title: str) -> int:
    """A plain sheet: bold frozen header, autofilter, widths from the header text (error files, templates)."""
    columns = [XColumn(h, max(10.0, min(40.0, len(h) * 2.2 + 2))) for h in header]
    return write_table(path, columns, rows, sheet_title=sheet_title, totals_label=None)

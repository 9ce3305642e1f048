"""Reading officers' spreadsheets: .xlsx/.xlsm/.xls/.ods through python-calamine, .csv in UTF-8 (with or
without BOM) or GBK/GB18030; then finding the header row and mapping columns by their Chinese names.

Row numbers are the ones Excel shows (1-based, counting title and blank rows); column indexes are 0-based.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import python_calamine

from core.io.normalize import Cell, cell_text, header_in_wan, header_key, is_blank

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
SUFFIXES = SPREADSHEET_SUFFIXES + CSV_SUFFIXES
HEADER_SEARCH_ROWS = 30


class ReadError(Exception):
    """The file cannot be read at all (missing, not a spreadsheet, damaged, encrypted, unknown encoding)."""


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[Cell]]  # rows[i] is Excel row i + 1; every row has the same length
    merged: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    encoding: str | None = None  # for CSV: the encoding detected
    sheets: tuple[str, ...] = ()  # every sheet of the workbook (a CSV file: its one sheet)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_names(path: Path) -> list[str]:
    path = Path(path)
    _check_exists(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        return [path.stem]
    wb = _open_workbook(path)
    try:
        return list(wb.sheet_names)
    finally:
        wb.close()


def _check_exists(path: Path) -> None:
    if not path.exists():
        raise ReadError(f"文件不存在：{path}")
    if path.is_dir():
        raise ReadError(f"这是一个文件夹，不是表格文件：{path}")
    if path.suffix.lower() not in SUFFIXES:
        raise ReadError(
            f"不支持的文件类型“{path.suffix or '（无扩展名）'}”，请使用 .xlsx、.xls、.ods 或 .csv。"
        )


def _open_workbook(path: Path) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise ReadError(
            f"文件已加密（设置了打开密码），请在 Excel 中取消密码后另存再导入：{path.name}"
        ) from None
    except Exception as exc:  # calamine raises several types for damaged files; all mean "cannot read"
        raise ReadError(f"无法读取“{path.name}”：文件已损坏或不是有效的表格文件（{exc}）。") from None


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """One sheet of a workbook (the first that has content when `sheet` is None), or a CSV file."""
    path = Path(path)
    _check_exists(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        return _read_csv(path)
    wb = _open_workbook(path)
    try:
        names = list(wb.sheet_names)
        if not names:
            raise ReadError(f"“{path.name}”中没有工作表。")
        if sheet is not None and sheet not in names:
            raise ReadError(f"“{path.name}”中没有名为“{sheet}”的工作表；现有：{'、'.join(names)}。")
        candidates = [sheet] if sheet is not None else names
        first: Sheet | None = None
        for name in candidates:
            ws = wb.get_sheet_by_name(name)
            try:
                rows = cast(list[list[Cell]], ws.to_python(skip_empty_area=False))
            except Exception as exc:
                raise ReadError(f"无法读取工作表“{name}”：{exc}") from None
            try:
                merged = tuple(ws.merged_cell_ranges or ())
            except Exception:  # .xls/.ods may not report merged ranges; they only affect the title rows
                merged = ()
            found = Sheet(name, _rectangular(rows), merged, sheets=tuple(names))
            if first is None:
                first = found
            if any(not is_blank(v) for row in found.rows for v in row):
                return found
        assert first is not None
        return first
    finally:
        wb.close()


def _rectangular(rows: list[list[Cell]]) -> list[list[Cell]]:
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for encoding in ("utf-8", "gb18030"):  # GB18030 is a superset of GBK and GB2312
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ReadError(f"无法识别“{name}”的文字编码（不是 UTF-8 或 GBK），请在 Excel 中另存为 .xlsx 再导入。")


def _read_csv(path: Path) -> Sheet:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取“{path.name}”：{exc}") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"“{path.name}”不是文本格式的 CSV 文件（可能是改了扩展名的 Excel 文件）。")
    text, encoding = _decode(data, path.name)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Cell]] = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    return Sheet(path.stem, _rectangular(rows), (), encoding, sheets=(path.stem,))


# ---------------------------------------------------------------------------------------------- headers


@dataclass(frozen=True)
class Column:
    index: int
    header: str  # as written in the file (spaces folded)
    field: str | None  # the field it maps to, or None (ignored)
    in_wan: bool = False  # the header says 万元


@dataclass(frozen=True)
class Table:
    """A sheet with its header found and its columns mapped."""

    sheet: Sheet
    header_row: int  # Excel row number of the header
    columns: tuple[Column, ...]
    data_start: int  # index into sheet.rows of the first data row
    title_lines: tuple[str, ...] = field(default=())  # texts of the rows above the header (table titles)
    unit_wan: bool = False  # a title row says 单位：万元

    def column_for(self, field_name: str) -> Column | None:
        for col in self.columns:
            if col.field == field_name:
                return col
        return None

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(c.field for c in self.columns if c.field)

    def data_rows(self) -> list[tuple[int, list[Cell]]]:
        """(Excel row number, cells) of every non-blank row below the header; trailing blank rows dropped."""
        out: list[tuple[int, list[Cell]]] = []
        for i in range(self.data_start, len(self.sheet.rows)):
            row = self.sheet.rows[i]
            if all(is_blank(v) for v in row):
                continue
            out.append((i + 1, row))
        return out


def _match(key: str, aliases: Mapping[str, Sequence[str]]) -> str | None:
    """The field whose alias equals the header (exactly, after normalisation)."""
    if not key:
        return None
    for name, names in aliases.items():
        if key in names:
            return name
    return None


def find_header(
    sheet: Sheet,
    aliases: Mapping[str, Sequence[str]],
    required: Sequence[str] = (),
    ignored: Sequence[str] = (),
) -> Table | None:
    """The header is the row (among the first 30) matching the most aliases and holding every required
    field; title rows, blank rows and merged cells above it are skipped. None when no row qualifies.

    `aliases` map a field to its header names in `header_key` form; `ignored` headers (序号) map to None."""
    norm_aliases = {f: tuple(header_key(a) for a in names) for f, names in aliases.items()}
    ignored_keys = {header_key(a) for a in ignored}
    best: tuple[int, int] | None = None  # (score, row index)
    for i, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        matched = {_match(header_key(v), norm_aliases) for v in row} - {None}
        if not matched or not all(r in matched for r in required):
            continue
        score = len(matched)
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return None
    idx = best[1]
    header: list[Cell] = list(sheet.rows[idx])
    data_start = idx + 1
    sub = _sub_header(sheet, idx, norm_aliases, required)
    if sub is not None:
        header = sub
        data_start = idx + 2
    columns: list[Column] = []
    seen: set[str] = set()
    for c, value in enumerate(header):
        key = header_key(value)
        fld = None if key in ignored_keys else _match(key, norm_aliases)
        if fld in seen:
            fld = None  # a second column with the same meaning is shown, not used
        if fld:
            seen.add(fld)
        columns.append(Column(c, _header_text(value), fld, header_in_wan(value)))
    titles = tuple(
        " ".join(str(v).strip() for v in r if not is_blank(v))
        for r in sheet.rows[:idx]
        if any(not is_blank(v) for v in r)
    )
    unit_wan = any("万元" in t and "单位" in t for t in titles)
    return Table(sheet, idx + 1, tuple(columns), data_start, titles, unit_wan)


def _sub_header(
    sheet: Sheet, idx: int, aliases: Mapping[str, Sequence[str]], required: Sequence[str]
) -> list[Cell] | None:
    """A two-row header: a merged 联系人 over 姓名 | 电话. Returns the combined header texts ("联系人/姓名"),
    or None when the row below the header is data (it has a value under a required column)."""
    if idx + 1 >= len(sheet.rows) or not required:
        return None
    header, below = sheet.rows[idx], sheet.rows[idx + 1]
    required_cols = {c for c, v in enumerate(header) if _match(header_key(v), aliases) in required}
    if any(not is_blank(below[c]) for c in required_cols) or all(is_blank(v) for v in below):
        return None
    combined: list[Cell] = []
    parent = ""
    matched = False
    for c, value in enumerate(header):
        text = cell_text(value)
        if text:
            parent = text
        child = cell_text(below[c])
        if not child:
            combined.append(text)
            continue
        for candidate in (parent + child, child):
            if _match(header_key(candidate), aliases):
                combined.append(f"{parent}/{child}" if candidate != child else child)
                matched = True
                break
        else:
            combined.append(f"{parent}/{child}" if parent else child)
    return combined if matched else None


def _header_text(value: Cell) -> str:
    return cell_text(value)


def remap(table: Table, mapping: Mapping[int, str | None]) -> Table:
    """The same table with some columns mapped by hand (column index → field, or None to ignore it). A field
    given by hand is taken off any other column that had it."""
    taken = {f for f in mapping.values() if f}
    columns = []
    for col in table.columns:
        if col.index in mapping:
            columns.append(Column(col.index, col.header, mapping[col.index], col.in_wan))
        elif col.field in taken:
            columns.append(Column(col.index, col.header, None, col.in_wan))
        else:
            columns.append(col)
    return Table(
        table.sheet, table.header_row, tuple(columns), table.data_start, table.title_lines, table.unit_wan
    )

"""A list read as a header-mapped table of text rows, for an import to classify: the sheet read
(core.io.excel_read), its header row found and its columns mapped to fields by their names, each data row
given as its Excel row number, its cells as read and the texts of its mapped cells by field, and whether it
is a totals line; with the file's sha256, the workbook's sheet names and the heading rows above the header.

The words come from the caller (`HeaderWords`: the aliases of each field, the headers that are not data,
the words a totals line starts with): this module knows spreadsheets, not what a list means.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.domain import uscc
from core.io import excel_read
from core.io.excel_read import Column, ReadError, Sheet, Table
from core.io.normalize import Cell, cell_text, is_blank


class UnknownFields(ValueError):
    """A column mapped by hand to a field the list does not have (the message is Chinese, for an officer)."""


@dataclass(frozen=True)
class HeaderWords:
    """What a reader needs to know of a kind of list: each field's header names (`aliases`), the fields the
    header must have (`required`; the first is looked for first), headers that are not data (`ignored`:
    序号), the words a totals line starts with (`totals`: 合计), and the fields holding an identifier
    (`codes`: a credit code, read half-width, without spaces, upper case)."""

    aliases: Mapping[str, Sequence[str]]
    required: Sequence[str]
    ignored: Sequence[str] = ()
    totals: Sequence[str] = ()
    codes: Sequence[str] = ()


@dataclass(slots=True)
class TextRow:
    """One data row: its Excel row number, its cells as read (in file order), the texts of its mapped cells
    by field (folded by `cell_text`; identifiers normalised), and whether it is a totals line."""

    row: int
    cells: list[Cell]
    texts: dict[str, str]
    total: bool


@dataclass(frozen=True)
class MappedTable:
    """A list read: the sheet with its header found and its columns mapped, the sheet names of the file, its
    sha256, and the required fields no column maps to."""

    table: Table
    words: HeaderWords
    sheets: tuple[str, ...]
    sha256: str
    missing: tuple[str, ...]

    def rows(self) -> list[TextRow]:
        """Every non-blank row below the header, as text by field."""
        return text_rows(self.table, self.words)

    def heading(self) -> list[tuple[int, str]]:
        """The filled rows above the header (a list's title), as (Excel row number, their cells' texts)."""
        return heading_lines(self.table)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_table(
    path: Path, words: HeaderWords, sheet: str | None = None, mapping: Mapping[int, str | None] | None = None
) -> MappedTable:
    """Read one sheet of `path` and map its header with `words`; `mapping` (column index → field, or None to
    ignore the column) overrides what the header names say. ReadError when the file cannot be read, is
    empty or has no header row at all; UnknownFields when `mapping` names a field `words` do not know."""
    path = Path(path)
    data = excel_read.read_sheet(path, sheet)
    if not any(not is_blank(v) for r in data.rows for v in r):
        raise ReadError(f"“{path.name}”（工作表“{data.name}”）是空的。")
    table = _header(data, words, path)
    if mapping:
        unknown = {f for f in mapping.values() if f} - set(words.aliases)
        if unknown:
            raise UnknownFields(f"无法识别的字段：{'、'.join(sorted(unknown))}。")
        table = excel_read.remap(table, mapping)
    missing = tuple(f for f in words.required if f not in table.fields)
    return MappedTable(table, words, tuple(data.sheets), file_sha256(path), missing)


def _header(data: Sheet, words: HeaderWords, path: Path) -> Table:
    """The header holding the first required field, else the best matching row; when nothing is recognised,
    the first row with two or more filled cells, so the officer can map the columns by hand."""
    table = excel_read.find_header(data, words.aliases, words.required[:1], words.ignored)
    if table is None:
        table = excel_read.find_header(data, words.aliases, (), words.ignored)
    if table is not None:
        return table
    idx = next((i for i, r in enumerate(data.rows) if sum(not is_blank(v) for v in r) >= 2), None)
    if idx is None:
        raise ReadError(f"“{path.name}”中找不到表头行。")
    cols = tuple(Column(c, cell_text(v), None) for c, v in enumerate(data.rows[idx]))
    return Table(data, idx + 1, cols, idx + 1)


def text_rows(table: Table, words: HeaderWords) -> list[TextRow]:
    """The data rows of `table` as text by field (see TextRow)."""
    mapped = [(col.field, col.index) for col in table.columns if col.field is not None]
    codes = [f for f in words.codes if f in table.fields]
    totals = tuple(words.totals)
    out: list[TextRow] = []
    for excel_row, cells in table.data_rows():
        texts = {name: cell_text(cells[i]) for name, i in mapped}
        for name in codes:
            if texts[name]:
                texts[name] = uscc.normalize(texts[name])
        out.append(TextRow(excel_row, cells, texts, is_total_row(cells, totals)))
    return out


def is_total_row(cells: Sequence[Cell], totals: Sequence[str]) -> bool:
    """Whether the row's first filled cell starts with one of the `totals` words (合计/总计/小计), as the
    lines districts add under their lists do."""
    for value in cells:
        if not is_blank(value):
            return cell_text(value).replace(" ", "").startswith(tuple(totals))
    return False


def heading_lines(table: Table) -> list[tuple[int, str]]:
    """The filled rows above the header, as (Excel row number, their filled cells' texts joined by spaces)."""
    return [
        (i + 1, " ".join(cell_text(v) for v in r if not is_blank(v)))
        for i, r in enumerate(table.sheet.rows[: max(0, table.header_row - 1)])
        if any(not is_blank(v) for v in r)
    ]

"""core.io.table: a list read as a header-mapped table of text rows, from real small .xlsx and .csv files —
the header found below title rows, aliases mapped, totals lines flagged, codes normalised, the file's sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest

from core.io.excel_read import ReadError
from core.io.table import HeaderWords, UnknownFields, file_sha256, heading_lines, is_total_row, read_table

WORDS = HeaderWords(
    aliases={
        "code": ("统一社会信用代码", "信用代码"),
        "name": ("企业名称", "单位名称"),
        "district": ("所在区",),
    },
    required=("code", "name"),
    ignored=("序号",),
    totals=("合计", "小计"),
    codes=("code",),
)
CODE = "914403001922038216"


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_header_below_title_rows_mapped_by_aliases(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "list.xlsx",
        [
            ["南海区 企业名单"],
            [],
            ["序号", "单位名称", "信用代码", "所在区", "镇街"],
            [1, " 甲  公司 ", "９１４４０３００１９２２０３８２１６", "南海区", "桂城"],
            [2, "乙公司", CODE.lower(), None, None],
        ],
    )
    read = read_table(path, WORDS)
    assert read.table.header_row == 3
    assert [(c.header, c.field) for c in read.table.columns] == [
        ("序号", None),
        ("单位名称", "name"),
        ("信用代码", "code"),
        ("所在区", "district"),
        ("镇街", None),
    ]
    assert read.missing == ()
    rows = read.rows()
    assert [r.row for r in rows] == [4, 5]
    assert rows[0].texts == {"name": "甲 公司", "code": CODE, "district": "南海区"}
    assert rows[1].texts == {"name": "乙公司", "code": CODE, "district": ""}  # upper case, blank is ""
    assert rows[0].cells[0] == 1 and not rows[0].total
    assert read.heading() == [(1, "南海区 企业名单")]
    assert heading_lines(read.table) == read.heading()


def test_totals_rows_are_flagged_not_dropped(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "t.xlsx",
        [
            ["企业名称", "统一社会信用代码"],
            ["甲公司", CODE],
            ["合 计", None],
            [None, None],
            ["小计：2家", None],
        ],
    )
    rows = read_table(path, WORDS).rows()
    assert [(r.row, r.total) for r in rows] == [(2, False), (3, True), (5, True)]  # blank row 4 left out
    assert not is_total_row(["", "甲公司合计"], WORDS.totals)  # the first filled cell decides
    assert is_total_row([None, "总计"], ("总计",))


def test_csv_in_gbk_and_the_files_sha256(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(f"企业名称,统一社会信用代码\n甲公司,{CODE}\n".encode("gbk"))
    read = read_table(path, WORDS)
    assert read.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() == file_sha256(path)
    assert read.sheets == ("list",)
    assert [r.texts for r in read.rows()] == [{"name": "甲公司", "code": CODE}]


def test_missing_required_and_a_hand_mapping(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "m.xlsx", [["企业名称", "代码号"], ["甲公司", CODE]])
    read = read_table(path, WORDS)
    assert read.missing == ("code",)
    mapped = read_table(path, WORDS, mapping={1: "code"})
    assert mapped.missing == ()
    assert mapped.rows()[0].texts == {"name": "甲公司", "code": CODE}
    with pytest.raises(UnknownFields, match="无法识别的字段：colour"):
        read_table(path, WORDS, mapping={1: "colour"})


def test_no_recognised_header_takes_the_first_row_of_two_cells(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "u.xlsx", [["标题"], ["甲", "乙"], ["1", "2"]])
    read = read_table(path, WORDS)
    assert read.table.header_row == 2
    assert [c.field for c in read.table.columns] == [None, None]
    assert read.missing == ("code", "name")


def test_empty_and_headerless_files_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="是空的"):
        read_table(_xlsx(tmp_path / "e.xlsx", [[None]]), WORDS)
    with pytest.raises(ReadError, match="找不到表头行"):
        read_table(_xlsx(tmp_path / "h.xlsx", [["只有一格"]]), WORDS)

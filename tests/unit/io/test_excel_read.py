"""Reading spreadsheets as officers send them: title rows, merged cells, CSV in GBK, trailing blank rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from core.io.excel_read import ReadError, column_letter, find_header, read_sheet, remap, sheet_names

ALIASES = {
    "name": ("企业名称", "单位名称"),
    "code": ("统一社会信用代码", "信用代码"),
    "district": ("所在区",),
}


def _xlsx(path: Path, rows: list[list[object]], merge: str | None = None, title: str = "Sheet1") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def test_header_below_merged_title_and_blank_rows(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "a.xlsx",
        [
            ["南海区企业情况表", None, None, None],
            ["单位：万元"],
            [],
            ["序号", "单位名称", "统一社会信用代码", "所在区"],
            [1, "甲公司", "914403001922038216", "南海区"],
            [],
            [None, None, None, None],
        ],
        merge="A1:D1",
    )
    table = find_header(read_sheet(path), ALIASES, ("name",), ("序号",))
    assert table is not None
    assert table.header_row == 4
    assert [c.field for c in table.columns] == [None, "name", "code", "district"]
    assert table.title_lines == ("南海区企业情况表", "单位：万元")
    assert table.unit_wan
    rows = table.data_rows()
    assert [r for r, _ in rows] == [5]  # Excel's row number; trailing blank rows dropped


def test_header_not_found(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "b.xlsx", [["甲", "乙"], [1, 2]])
    assert find_header(read_sheet(path), ALIASES, ("name",)) is None


def test_remap_by_hand(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "c.xlsx", [["企业", "信用代码"], ["甲公司", "914403001922038216"]])
    table = find_header(read_sheet(path), ALIASES)
    assert table is not None and table.column_for("name") is None
    fixed = remap(table, {0: "name"})
    col = fixed.column_for("name")
    assert col is not None and col.index == 0 and col.header == "企业"


def test_named_sheet_and_first_sheet_with_content(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    ws = wb.create_sheet("名单")
    ws.append(["企业名称"])
    ws.append(["甲公司"])
    wb.save(tmp_path / "d.xlsx")
    assert sheet_names(tmp_path / "d.xlsx") == ["说明", "名单"]
    assert read_sheet(tmp_path / "d.xlsx").name == "名单"
    with pytest.raises(ReadError, match="没有名为“附表”的工作表"):
        read_sheet(tmp_path / "d.xlsx", "附表")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(
        "企业名称,统一社会信用代码\r\n佛山市鑫淼机器人有限公司,914403001922038216\r\n".encode(encoding)
    )
    sheet = read_sheet(path)
    assert sheet.rows[1] == ["佛山市鑫淼机器人有限公司", "914403001922038216"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("x.xlsx", b"not a zip at all", "无法读取"),
        ("x.pdf", b"%PDF", "不支持的文件类型"),
        ("x.csv", b"\x00\x01\x02PK", "不是文本格式"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_sheet(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="文件不存在"):
        read_sheet(tmp_path / "nothing.xlsx")


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_two_row_header_under_a_merged_cell(tmp_path: Path) -> None:
    aliases = {
        "name": ("企业名称",),
        "code": ("统一社会信用代码",),
        "contact_person": ("联系人", "联系人姓名"),
        "contact_phone": ("联系电话", "联系人电话"),
    }
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["企业名单"])
    ws.append(["企业名称", "统一社会信用代码", "联系人", None])
    ws.append([None, None, "姓名", "电话"])
    ws.append(["甲公司", "914403001922038216", "陈工", "13800000001"])
    ws.merge_cells("C2:D2")
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    wb.save(tmp_path / "two.xlsx")
    table = find_header(read_sheet(tmp_path / "two.xlsx"), aliases, ("name",))
    assert table is not None
    assert [c.field for c in table.columns] == ["name", "code", "contact_person", "contact_phone"]
    assert table.columns[3].header == "联系人/电话"
    assert [r for r, _ in table.data_rows()] == [4]


def test_first_data_row_is_not_taken_for_a_sub_header(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "one.xlsx", [["企业名称", "联系人"], ["甲公司", "电话"]])
    table = find_header(read_sheet(path), {"name": ("企业名称",), "contact_phone": ("电话",)}, ("name",))
    assert table is not None and [r for r, _ in table.data_rows()] == [2]

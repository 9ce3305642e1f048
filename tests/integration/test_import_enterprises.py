"""Importing enterprise lists as districts really send them, into a real SQLite file."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select, text

from core.domain.uscc import with_check_digit
from core.services import audit
from core.services import enterprises as ent_svc
from core.services import imports as svc
from core.services.errors import Conflict
from core.services.imports import commit as commit_step
from core.store.models import Enterprise
from core.store.uow import Database

FIXTURES = Path(__file__).parents[1] / "fixtures"
C1 = "91440605AY4CL12T8E"
C2 = "91440606H3BJ1XG67E"
C3 = "9144060412DD272H2E"
C4 = "91440607D1TJ3Y7L9G"
HEADER = ["序号", "单位名称", "统一社会信用代码", "所在区", "所属领域", "联系人", "联系电话"]


def xlsx(path: Path, rows: Sequence[Sequence[object]], merge: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def district_file(path: Path, extra: Sequence[Sequence[object]] = ()) -> Path:
    """The quirks of docs/DOMAIN.md: title rows with a merged cell, 序号, U+3000 / lower-case / full-width codes,
    a phone stored as a number, （） in names, the same enterprise twice, a totals row, trailing blank rows."""
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in C4)
    return xlsx(
        path,
        [
            ["南海区人工智能与机器人企业情况表"],
            ["单位：万元"],
            [],
            HEADER,
            [1, "佛山市云擎机器人科技有限公司", C1, "南海区", "机器人", "陈工", 13800000001],
            [
                2,
                "佛山市灵动智能（集团）有限公司",
                C2[:8] + "\u3000" + C2[8:],
                "顺德区",
                "人工智能",
                "李工",
                "13800000002",
            ],
            [
                3,
                "佛山市星图人工智能有限公司",
                C3.lower(),
                "禅城区",
                "人工智能与机器人",
                "张工",
                "13800000003",
            ],
            [4, "佛山市海燕无人机有限公司", full_width, "三水区", "无人机", "黄工", "13800000004"],
            [5, "佛山市云擎机器人科技有限公司", C1, "南海区", "机器人", "陈工", 13800000001],
            *extra,
            [None, "合计"],
            [],
            [None, None, None],
        ],
        merge="A1:G1",
    )


def dump(db: Database) -> list[tuple[Any, ...]]:
    """Every row of the register, to compare the database before and after."""
    with db.engine.connect() as conn:
        rows = list(conn.execute(text("SELECT * FROM enterprise ORDER BY id")))
        rows += list(conn.execute(text("SELECT * FROM national_title ORDER BY id")))
    return [tuple(r) for r in rows]


def test_preview_classifies_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = district_file(tmp_path / "list.xlsx")
    with db.uow() as uow:
        preview = svc.preview_enterprises(uow, path)
    assert preview.header_row == 4
    assert preview.counts["new"] == 4
    assert preview.counts["skipped"] == 2  # the repeated enterprise and the totals row
    rows = {r.row: r for r in preview.rows}
    assert rows[6].code == C2 and rows[7].code == C3 and rows[8].code == C4  # codes normalised
    assert rows[9].status is svc.RowStatus.SKIPPED and "与第5行重复" in rows[9].notes[0]
    assert rows[5].values["contact_phone"] == "13800000001"  # not 13800000001.0
    assert rows[8].values["field"] == "robotics"  # 无人机 counts as robotics
    assert rows[7].values["field"] == "both"
    assert dump(db) == []


def test_commit_creates_then_reimport_is_unchanged(db: Database, tmp_path: Path) -> None:
    path = district_file(tmp_path / "list.xlsx")
    with db.uow() as uow:
        report = svc.import_enterprises(uow, path, actor="王科员")
    assert (report.created, report.updated, report.unchanged, report.errors) == (4, 0, 0, ())
    assert report.batch is not None
    with db.uow() as uow:
        again = svc.import_enterprises(uow, path, actor="system")
        view = ent_svc.get_enterprise(uow, C2)
        batch = svc.get_batch(uow, report.batch)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    # The same list with ( ) instead of （ ） and full-width letters in a name: still unchanged.
    brackets = xlsx(
        tmp_path / "brackets.xlsx",
        [
            ["企业名称", "统一社会信用代码"],
            ["佛山市灵动智能(集团)有限公司", C2],
            ["佛山市云擎机器人科技有限公司 ", C1],
        ],
    )
    with db.uow() as uow:
        same = svc.import_enterprises(uow, brackets, dry_run=True, actor="system")
    assert (same.updated, same.unchanged) == (0, 2)
    assert any("同一文件已于" in w and f"批次 {report.batch}" in w for w in again.warnings)
    assert view.name == "佛山市灵动智能（集团）有限公司" and view.district == "顺德区"
    assert batch.actor == "王科员" and batch.file_name == "list.xlsx" and len(batch.sha256) == 64
    assert (batch.rows, batch.created) == (4, 4)


def test_changed_rows_show_before_and_after_and_blank_cells_keep_values(db: Database, tmp_path: Path) -> None:
    with db.uow() as uow:
        ent_svc.add_enterprise(
            uow,
            ent_svc.EnterpriseInput(
                code=C1,
                name="佛山市云擎机器人科技有限公司",
                district="南海区",
                address="桂城街道1号",
                field="ai",
            ),
            actor="system",
        )
    path = xlsx(
        tmp_path / "upd.xlsx",
        [
            ["企业名称", "统一社会信用代码", "领域", "地址"],
            ["佛山市云擎智能科技有限公司", C1, "机器人", None],
        ],
    )
    with db.uow() as uow:
        preview = svc.preview_enterprises(uow, path)
    (row,) = preview.rows
    assert row.status is svc.RowStatus.CHANGED
    changes = {c.field: (c.before, c.after) for c in row.changes}
    assert changes["field"] == ("人工智能", "机器人")
    assert changes["name"] == ("佛山市云擎机器人科技有限公司", "佛山市云擎智能科技有限公司")
    assert changes["former_names"] == ("", "佛山市云擎机器人科技有限公司")  # the old name is kept
    assert "address" not in changes  # a blank cell does not erase the stored address
    with db.uow() as uow:
        report = svc.commit_preview(uow, preview, actor="system")
        view = ent_svc.get_enterprise(uow, C1)
    assert report.updated == 1
    assert view.address == "桂城街道1号" and view.field.value == "robotics" and view.version == 2


def test_errors_name_the_excel_row_and_column(db: Database, tmp_path: Path) -> None:
    bad_check = C1[:-1] + ("0" if C1[-1] != "0" else "1")
    path = xlsx(
        tmp_path / "bad.xlsx",
        [
            ["企业情况表"],
            ["企业名称", "社会信用代码", "行业领域"],
            ["甲公司", bad_check, "机器人"],
            ["", C2, "机器人"],
            ["丙公司", C3, "新能源"],
            ["丁公司", "12345", "其他"],
            ["戊公司", C4, "其他"],
            ["戊公司（改）", C4, "其他"],
        ],
    )
    with db.uow() as uow:
        report = svc.import_enterprises(uow, path, dry_run=True, actor="system")
    errors = {(e.row, e.column): e.message for e in report.errors}
    assert "校验位" in errors[(3, "社会信用代码")]
    assert "企业名称不能为空" in errors[(4, "企业名称")]
    assert "领域“新能源”无法识别" in errors[(5, "行业领域")]
    assert "18位" in errors[(6, "社会信用代码")]
    assert "与第7行的统一社会信用代码相同但内容不同" in errors[(8, "社会信用代码")]
    assert report.created == 1 and report.rows == 6 and report.batch is None


def test_missing_required_column_cannot_import_until_mapped(db: Database, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "odd.xlsx", [["单位", "信用代码", "区"], ["甲机器人有限公司", C1, "南海区"]])
    with db.uow() as uow:
        preview = svc.preview_enterprises(uow, path)
        assert preview.missing == ("name",)
        with pytest.raises(svc.FileUnreadable, match="企业名称"):
            svc.commit_preview(uow, preview, actor="system")
        fixed = svc.preview_enterprises(uow, path, mapping={0: "name"})
    assert fixed.missing == () and fixed.counts["new"] == 1
    assert fixed.rows[0].values["name"] == "甲机器人有限公司" and fixed.rows[0].values["district"] == "南海区"


def test_town_is_not_a_district_and_title_gives_the_district(db: Database, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "towns.xlsx",
        [["南海区人工智能企业表"], ["单位名称", "统一社会信用代码", "镇街"], ["甲公司", C1, "狮山镇"]],
    )
    with db.uow() as uow:
        preview = svc.preview_enterprises(uow, path)
    assert preview.rows[0].values["district"] == "南海区"
    assert any("镇街" in w for w in preview.warnings)


@pytest.mark.parametrize("name", ["district_list.xls", "district_list.ods", "district_list_gbk.csv"])
def test_committed_samples_in_other_formats(db: Database, tmp_path: Path, name: str) -> None:
    path = shutil.copy(FIXTURES / name, tmp_path / name)
    with db.uow() as uow:
        report = svc.import_enterprises(uow, Path(path), actor="system")
        codes = set(uow.session.scalars(select(Enterprise.code)))
        phone = ent_svc.get_enterprise(uow, C1).contact_phone
    assert report.errors == ()
    assert (report.created, report.skipped) == (4, 2)
    assert codes == {C1, C2, C3, C4}
    assert phone == "13800000001"


def test_failure_mid_import_leaves_the_database_exactly_as_it_was(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.uow() as uow:
        ent_svc.add_enterprise(
            uow, ent_svc.EnterpriseInput(code=C1, name="旧名称有限公司", field="ai"), actor="system"
        )
    before = dump(db)
    rows = [[f"企业{i}有限公司", with_check_digit(f"9144060500000{i:04d}")] for i in range(1200)]
    path = xlsx(tmp_path / "big.xlsx", [["企业名称", "统一社会信用代码"], ["新名称有限公司", C1], *rows])
    real = commit_step._write_enterprise_chunk
    calls = {"n": 0}

    def failing(*args: Any) -> list[Any]:
        calls["n"] += 1
        result = real(*args)  # the first chunk is written inside the transaction …
        if calls["n"] == 2:
            raise RuntimeError("disk unplugged")  # … then the second fails half-way
        return result

    monkeypatch.setattr(commit_step, "_write_enterprise_chunk", failing)
    monkeypatch.setattr(commit_step, "_WRITE_CHUNK", 500)  # three chunks for 1,201 rows
    with db.uow() as uow, pytest.raises(RuntimeError):
        svc.import_enterprises(uow, path, actor="system")
    assert calls["n"] == 2
    assert dump(db) == before
    with db.uow() as uow:
        assert svc.list_batches(uow) == []


def test_cancel_mid_import_leaves_the_database_unchanged(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commit_step, "_WRITE_CHUNK", 500)  # three chunks for 1,200 rows
    rows = [[f"企业{i}有限公司", with_check_digit(f"9144060500000{i:04d}")] for i in range(1200)]
    path = xlsx(tmp_path / "big.xlsx", [["企业名称", "统一社会信用代码"], *rows])
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)

    with db.uow() as uow:
        preview = svc.preview_enterprises(uow, path)
        with pytest.raises(svc.ImportCancelled):
            svc.commit_preview(uow, preview, progress=progress, cancel=lambda: len(seen) >= 1, actor="system")
    assert seen == [500]
    assert dump(db) == []


def test_undo_restores_prior_values_and_removes_created_rows(db: Database, tmp_path: Path) -> None:
    with db.uow() as uow:
        ent_svc.add_enterprise(
            uow,
            ent_svc.EnterpriseInput(code=C1, name="佛山市云擎机器人科技有限公司", field="ai", district=""),
            actor="system",
        )
    before = dump(db)
    path = district_file(tmp_path / "list.xlsx")
    with db.uow() as uow:
        report = svc.import_enterprises(uow, path, actor="tester")
    assert (report.created, report.updated) == (3, 1)
    assert report.batch is not None
    with db.uow() as uow:
        undone = svc.undo_import(uow, report.batch, actor="王科员")
    assert (undone.deleted, undone.restored) == (3, 1)
    after = dump(db)
    # Same rows and values; only the version counter and update time of the restored row moved on.
    strip = lambda rows: [r[:-3] for r in rows]  # noqa: E731 - created_at, updated_at, version
    assert strip(after) == strip(before)
    with db.uow() as uow:
        batch = svc.get_batch(uow, report.batch)
        assert batch.undone_by == "王科员" and batch.undone_at is not None
        # Every change is in the audit trail, the chain intact: the import, then the undo.
        assert audit.verify(uow).ok
        c1 = ent_svc.get_enterprise(uow, C1).id
        trail = [(e.actor, e.action) for e in audit.entries_for(uow, "enterprise", c1)]
        assert trail[-2:] == [("tester", "update"), ("王科员", "update")]
        imported, restored = audit.entries_for(uow, "enterprise", c1)[-2:]
        assert imported.changes["field"] == ["ai", "robotics"] and restored.changes["field"] == [
            "robotics",
            "ai",
        ]
        with pytest.raises(Conflict, match="已于"):
            svc.undo_import(uow, report.batch, actor="system")


def test_undo_refused_when_a_record_changed_since(db: Database, tmp_path: Path) -> None:
    path = district_file(tmp_path / "list.xlsx")
    with db.uow() as uow:
        report = svc.import_enterprises(uow, path, actor="system")
    assert report.batch is not None
    with db.uow() as uow:
        view = ent_svc.get_enterprise(uow, C3)
        ent_svc.update_enterprise(
            uow, view.id, replace(ent_svc.input_from_view(view), address="新地址"), actor="system"
        )
    before = dump(db)
    with (
        db.uow() as uow,
        pytest.raises(Conflict, match="第7行的企业“佛山市星图人工智能有限公司”在导入后又被修改过"),
    ):
        svc.undo_import(uow, report.batch, actor="system")
    assert dump(db) == before


def test_unreadable_file(db: Database, tmp_path: Path) -> None:
    bad = tmp_path / "list.xlsx"
    bad.write_bytes(b"this is not a workbook")
    with db.uow() as uow, pytest.raises(svc.FileUnreadable, match="无法读取"):
        svc.preview_enterprises(uow, bad)


def test_register_changed_between_preview_and_import(db: Database, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "l.xlsx",
        [["企业名称", "统一社会信用代码"], ["甲机器人有限公司", C1], ["乙智能有限公司", C2]],
    )
    with db.uow() as uow:
        preview = svc.preview_enterprises(uow, path)
    with db.uow() as uow:  # another officer registers one of them meanwhile
        ent_svc.add_enterprise(uow, ent_svc.EnterpriseInput(code=C2, name="乙智能有限公司"), actor="system")
    before = dump(db)
    with db.uow() as uow, pytest.raises(Conflict, match="请重新预览"):
        svc.commit_preview(uow, preview, actor="system")
    assert dump(db) == before

"""Importing MIIT title lists (name + region + product, usually no credit code)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.services import audit
from core.services import enterprises as ent_svc
from core.services import imports as svc
from core.services import titles as title_svc
from core.services.errors import Conflict, InputError
from core.store.uow import Database
from tests.integration.test_import_enterprises import C1, C2, C3, C4, dump, xlsx

PARAMS = svc.TitleImportParams("little-giant", 7, "2025-07-18", "工信厅企业函〔2025〕165号")


@pytest.fixture
def register(db: Database) -> Database:
    with db.uow() as uow:
        for code, name, former in (
            (C1, "佛山市云擎机器人科技有限公司", ()),
            (C2, "佛山市灵动智能（集团）有限公司", ()),
            (C3, "佛山市星图人工智能有限公司", ("佛山市星图软件有限公司",)),
            (C4, "佛山市海燕无人机有限公司", ()),
        ):
            ent_svc.add_enterprise(
                uow, ent_svc.EnterpriseInput(code=code, name=name, former_names=former), actor="system"
            )
    return db


def miit_list(path: Path) -> Path:
    return xlsx(
        path,
        [
            ["第七批专精特新“小巨人”企业名单"],
            ["序号", "省份", "企业名称", "备注"],
            [1, "广东省", "佛山市云擎机器人科技有限公司", ""],
            [2, "广东省", "佛山市灵动智能(集团)有限公司", ""],  # ( ) where the register has （ ）
            [3, "广东省", "佛山市星图软件有限公司", ""],  # a former name
            [4, "广东省", "佛山市海燕无人机技术有限公司", ""],  # close, not equal
            [5, "江苏省", "苏州市某某精密有限公司", ""],
            [6, "广东省", "佛山市云擎机器人科技有限公司", ""],  # twice in the list
        ],
        merge="A1:D1",
    )


def test_import_titles(register: Database, tmp_path: Path) -> None:
    path = miit_list(tmp_path / "miit.xlsx")
    params = svc.TitleImportParams(**{**PARAMS.__dict__, "region": "广东"})
    with register.uow() as uow:
        report = svc.import_titles(uow, path, params, actor="王科员")
    assert (report.created, report.skipped) == (3, 2)  # 江苏 skipped, the repeat skipped
    (unmatched,) = report.unmatched
    assert unmatched.row == 6 and unmatched.name == "佛山市海燕无人机技术有限公司"
    assert unmatched.candidates[0].code == C4
    assert report.to_json()["unmatched"][0]["candidates"][0]["code"] == C4
    with register.uow() as uow:
        titles = title_svc.list_titles(uow)
    assert {t.enterprise_code for t in titles} == {C1, C2, C3}
    t = titles[0]
    assert (t.kind.value, t.batch, t.recognized_on, t.source.value) == (
        "little-giant",
        7,
        date(2025, 7, 18),
        "import",
    )
    assert t.doc_no == "工信厅企业函〔2025〕165号"


def test_officer_resolves_an_unmatched_row_and_reimport_is_unchanged(
    register: Database, tmp_path: Path
) -> None:
    path = miit_list(tmp_path / "miit.xlsx")
    with register.uow() as uow:
        first = svc.import_titles(uow, path, PARAMS, actor="system")
        c4 = ent_svc.get_enterprise(uow, C4).id
    assert [u.row for u in first.unmatched] == [6, 7]  # without a region filter 江苏 is unmatched too
    with register.uow() as uow:
        second = svc.import_titles(uow, path, PARAMS, resolutions={6: c4}, actor="system")
    assert (second.created, second.unchanged) == (1, 3)
    with register.uow() as uow:
        assert {t.enterprise_code for t in title_svc.list_titles(uow)} == {C1, C2, C3, C4}


def test_code_column_wins_over_name(register: Database, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "c.xlsx",
        [["企业名称", "统一社会信用代码", "产品名称"], ["改了名的公司", C2.lower(), "减速器"]],
    )
    params = svc.TitleImportParams("single-champion", 9, "2025-04-22", champion_type="product")
    with register.uow() as uow:
        report = svc.import_titles(uow, path, params, actor="system")
        (title,) = title_svc.list_titles(uow)
    assert report.created == 1 and title.enterprise_code == C2 and title.product == "减速器"
    assert any("按信用代码匹配" in w for w in report.warnings)


def test_batch_year_mismatch_is_flagged(register: Database, tmp_path: Path) -> None:
    params = svc.TitleImportParams("little-giant", 7, "2021-07-18")  # the 7th batch is of 2025
    with register.uow() as uow:
        report = svc.import_titles(
            uow, miit_list(tmp_path / "miit.xlsx"), params, dry_run=True, actor="system"
        )
    assert any("第7批通常于2025年认定" in w for w in report.warnings)


def test_bad_params_refused_before_reading(register: Database, tmp_path: Path) -> None:
    path = miit_list(tmp_path / "miit.xlsx")
    with register.uow() as uow, pytest.raises(InputError, match="称号信息有误"):
        svc.import_titles(uow, path, svc.TitleImportParams("gold-medal", 7, "2025-07-18"), actor="system")


def test_undo_title_import(register: Database, tmp_path: Path) -> None:
    before = dump(register)
    with register.uow() as uow:
        report = svc.import_titles(uow, miit_list(tmp_path / "miit.xlsx"), PARAMS, actor="system")
    assert report.batch is not None and report.created == 3
    with register.uow() as uow:
        title_id = title_svc.list_titles(uow)[0].id
        undone = svc.undo_import(uow, report.batch, actor="system")
    assert undone.deleted == 3
    assert dump(register) == before
    with register.uow() as uow:
        assert audit.verify(uow).ok
        actions = [e.action for e in audit.entries_for(uow, "title", title_id)]
    assert actions == ["create", "delete"]  # imported, then undone


def test_undo_of_an_enterprise_list_names_the_later_title_import_to_undo_first(
    db: Database, tmp_path: Path
) -> None:
    ents = xlsx(tmp_path / "e.xlsx", [["企业名称", "统一社会信用代码"], ["佛山市云擎机器人科技有限公司", C1]])
    with db.uow() as uow:
        first = svc.import_enterprises(uow, ents, actor="system")
    with db.uow() as uow:
        second = svc.import_titles(uow, miit_list(tmp_path / "miit.xlsx"), PARAMS, actor="system")
    assert first.batch is not None and second.batch is not None and second.created == 1
    with db.uow() as uow, pytest.raises(Conflict, match=f"请先撤销较晚的导入批次 {second.batch}"):
        svc.undo_import(uow, first.batch, actor="system")
    with db.uow() as uow:
        svc.undo_import(uow, second.batch, actor="system")
    with db.uow() as uow:
        assert svc.undo_import(uow, first.batch, actor="system").deleted == 1


def _sheet(path: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


_ROWS: list[list[object]] = [
    ["序号", "省份", "企业名称", "备注"],
    [1, "广东省", "佛山市云擎机器人科技有限公司", ""],
]


def test_kind_read_from_heading_when_not_stated(register: Database, tmp_path: Path) -> None:
    path = miit_list(tmp_path / "miit.xlsx")  # heading: 第七批专精特新“小巨人”企业名单
    params = svc.TitleImportParams("", 7, "2025-07-18", region="广东")
    with register.uow() as uow:
        report = svc.import_titles(uow, path, params, actor="王科员")
    assert report.created == 3
    tk = report.to_json()["title_kind"]
    assert isinstance(tk, dict)
    assert (tk["kind"], tk["detected"], tk["source"], tk["source_row"], tk["stated"]) == (
        "little-giant",
        "little-giant",
        "heading",
        1,
        None,
    )
    assert tk["description"] == "称号类别：专精特新“小巨人”（取自表头第1行“第七批专精特新“小巨人”企业名单”）"
    with register.uow() as uow:
        assert {t.kind.value for t in title_svc.list_titles(uow)} == {"little-giant"}


@pytest.mark.parametrize(
    ("heading", "sheet", "file", "kind", "source"),
    [
        ([["第八批制造业单项冠军企业名单"]], "Sheet1", "list", "single-champion", "heading"),
        ([['第七批专精特新"小巨人"企业名单']], "Sheet1", "list", "little-giant", "heading"),
        ([["第七批名单"]], "小巨人", "list", "little-giant", "sheet"),
        ([], "Sheet1", "第九批单项冠军", "single-champion", "file"),
    ],
)
def test_kind_sources(
    register: Database,
    tmp_path: Path,
    heading: list[list[object]],
    sheet: str,
    file: str,
    kind: str,
    source: str,
) -> None:
    path = _sheet(tmp_path / f"{file}.xlsx", [*heading, *_ROWS], sheet)
    with register.uow() as uow:
        preview = svc.preview_titles(uow, path, svc.TitleImportParams("", 8, "2024-03-01"))
    assert (preview.title_kind, preview.kind_json()["source"]) == (kind, source)
    assert preview.params["kind"] == kind


def test_no_kind_readable_and_none_stated_is_refused(register: Database, tmp_path: Path) -> None:
    path = _sheet(tmp_path / "miit.xlsx", [["第七批名单"], *_ROWS])
    with register.uow() as uow, pytest.raises(svc.KindRequired, match="--kind"):
        svc.import_titles(uow, path, svc.TitleImportParams("", 7, "2025-07-18"), actor="system")
    with register.uow() as uow:
        assert title_svc.list_titles(uow) == []


def test_stated_kind_contradicting_the_heading_is_refused_unless_confirmed(
    register: Database, tmp_path: Path
) -> None:
    path = miit_list(tmp_path / "miit.xlsx")
    params = svc.TitleImportParams("single-champion", 7, "2025-07-18", region="广东")
    with register.uow() as uow:
        preview = svc.preview_titles(uow, path, params)
    assert "制造业单项冠军" in preview.kind_conflict and "专精特新“小巨人”" in preview.kind_conflict
    assert preview.warnings[0] == preview.kind_conflict
    with register.uow() as uow, pytest.raises(svc.KindContradicted):
        svc.import_titles(uow, path, params, actor="system")
    assert not (tmp_path / "backups").exists()  # refused before anything was written or copied
    with register.uow() as uow:
        assert title_svc.list_titles(uow) == []
        dry = svc.import_titles(
            uow, path, params, dry_run=True, actor="system"
        )  # a dry run shows the warning
    assert dry.to_json()["title_kind"]["conflict"] == preview.kind_conflict  # type: ignore[index]
    confirmed = svc.TitleImportParams(**{**params.__dict__, "kind_override": True})
    with register.uow() as uow:
        report = svc.import_titles(uow, path, confirmed, actor="system")
    assert report.created == 3
    with register.uow() as uow:
        assert {t.kind.value for t in title_svc.list_titles(uow)} == {"single-champion"}

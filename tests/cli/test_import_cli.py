"""The headless import/export contract, run as subprocesses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl

from tests.cli.conftest import Run, add_officer
from tests.integration.test_import_enterprises import C1, C3, district_file, xlsx


def test_enterprise_import_dry_run_then_commit_then_undo(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = district_file(tmp_path / "list.xlsx", extra=[[9, "坏代码公司", "12345", "南海区", "机器人"]])
    dry = cli("enterprises", "import", str(path), "--dry-run", "--json")
    assert dry.code == 0, dry.err
    report = dry.json
    assert (report["rows"], report["created"], report["updated"], report["unchanged"]) == (5, 4, 0, 0)
    assert report["batch"] is None
    assert report["errors"] == [
        {"row": 10, "column": "统一社会信用代码", "message": "统一社会信用代码应为18位，现为5位。"}
    ]
    assert isinstance(report["warnings"], list)
    assert cli("enterprises", "list", "--json").json == []  # --dry-run wrote nothing
    assert report["backup"] is None and not (tmp_path / "backups").exists()  # nor backed anything up

    wang = add_officer(cli, "wang", "clerk")  # from now on the database has officers: imports need a clerk
    done = wang("enterprises", "import", str(path), "--json")
    assert done.code == 0 and done.json["created"] == 4 and isinstance(done.json["batch"], int)
    copy = Path(done.json["backup"])  # the database as it was before the import
    assert copy.parent == tmp_path / "backups" and copy.name.endswith(".import.sqlite") and copy.is_file()
    assert cli("imports", "list", "--json").json[0]["actor"] == "wang"
    assert len(cli("enterprises", "list", "--json").json) == 4

    assert cli("imports", "undo", str(done.json["batch"]), "--json").code == 2  # unsigned: refused
    undo = wang("imports", "undo", str(done.json["batch"]), "--json")
    assert undo.code == 0, undo.out
    assert undo.json["deleted"] == 4
    assert cli("enterprises", "list", "--json").json == []
    again = wang("imports", "undo", str(done.json["batch"]), "--json")
    assert again.code == 2 and "已于" in again.json["error"]


def test_unreadable_file_exits_2_with_reason(cli: Callable[..., Run], tmp_path: Path) -> None:
    bad = tmp_path / "list.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    run = cli("enterprises", "import", str(bad), "--json")
    assert run.code == 2 and "无法读取" in run.json["error"]
    missing = cli("enterprises", "import", str(tmp_path / "none.xlsx"))
    assert missing.code == 2 and "文件不存在" in missing.err
    no_header = xlsx(tmp_path / "odd.xlsx", [["甲", "乙"], ["1", "2"]])
    run = cli("enterprises", "import", str(no_header), "--json")
    assert run.code == 2 and "找不到" in run.json["error"]


def test_column_option_maps_an_unrecognised_header(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = xlsx(tmp_path / "odd.xlsx", [["单位", "信用代码"], ["甲机器人有限公司", C1]])
    run = cli("enterprises", "import", str(path), "--column", "单位=name", "--json")
    assert run.code == 0, run.out + run.err
    assert run.json["created"] == 1


def test_titles_import_reports_unmatched_and_match_option(cli: Callable[..., Run], tmp_path: Path) -> None:
    ents = xlsx(
        tmp_path / "e.xlsx",
        [
            ["企业名称", "统一社会信用代码"],
            ["佛山市云擎机器人科技有限公司", C1],
            ["佛山市星图人工智能有限公司", C3],
        ],
    )
    assert cli("enterprises", "import", str(ents)).code == 0
    miit = xlsx(
        tmp_path / "miit.xlsx",
        [
            ["第七批名单"],
            ["序号", "地区", "企业名称", "产品名称"],
            [1, "广东", "佛山市云擎机器人科技有限公司", ""],
            [2, "广东", "佛山星图人工智能公司", ""],
        ],
    )
    args = [
        "titles",
        "import",
        str(miit),
        "--kind",
        "little-giant",
        "--batch",
        "7",
        "--recognized-on",
        "2025-07-18",
    ]
    run = cli(*args, "--doc-no", "工信厅企业函〔2025〕165号", "--json")
    assert run.code == 0, run.err
    assert run.json["created"] == 1
    (unmatched,) = run.json["unmatched"]
    assert unmatched["row"] == 4 and unmatched["candidates"][0]["code"] == C3
    fixed = cli(*args, "--match", f"4={C3}", "--json")
    assert fixed.json["created"] == 1 and fixed.json["unchanged"] == 1 and fixed.json["unmatched"] == []
    bad = cli(
        "titles", "import", str(miit), "--kind", "gold", "--batch", "7", "--recognized-on", "2025-07-18"
    )
    assert bad.code == 2


def test_exports(cli: Callable[..., Run], tmp_path: Path) -> None:
    assert cli("demo", "--count", "30").code == 0
    wang = add_officer(cli, "wang", "clerk")  # the demo's officers: personal data goes to a signed-in officer
    for what in ("enterprises", "titles", "ledger", "enterprise-template", "title-template"):
        out = tmp_path / f"{what}.xlsx"
        run = wang("export", what, "--out", str(out), "--json")
        assert run.code == 0, run.err
        assert openpyxl.load_workbook(out).active.max_row >= 2
    ents = wang("export", "enterprises", "--district", "南海区", "--out", str(tmp_path / "nh.xlsx"), "--json")
    ws = openpyxl.load_workbook(tmp_path / "nh.xlsx").active
    assert ws["A2"].value == "筛选条件：所在区：南海区"
    assert ents.json["rows"] == ws.max_row - 4  # title, filter, header, totals
    wrong = wang("export", "enterprises", "--out", str(tmp_path / "x.csv"))
    assert wrong.code == 2
    paid = wang("export", "ledger", "--status", "已拨付", "--out", str(tmp_path / "paid.xlsx"), "--json")
    ws = openpyxl.load_workbook(tmp_path / "paid.xlsx").active
    assert paid.code == 0 and ws["A2"].value == "筛选条件：状态：已拨付"
    listed = cli("cases", "list", "--json").json
    assert paid.json["rows"] == sum(c["status"] == "paid" for c in listed) > 0
    unknown = wang("export", "ledger", "--status", "finished", "--out", str(tmp_path / "u.xlsx"), "--json")
    assert unknown.code == 2 and "无法识别" in unknown.json["error"]


def test_titles_import_kind_from_heading_required_when_unreadable_and_override(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    ents = xlsx(tmp_path / "e.xlsx", [["企业名称", "统一社会信用代码"], ["佛山市云擎机器人科技有限公司", C1]])
    assert cli("enterprises", "import", str(ents)).code == 0
    copies = sorted((tmp_path / "backups").iterdir())
    rows: list[list[object]] = [["序号", "地区", "企业名称"], [1, "广东", "佛山市云擎机器人科技有限公司"]]
    common = ["--batch", "7", "--recognized-on", "2025-07-18"]
    plain = xlsx(tmp_path / "miit.xlsx", [["第七批名单"], *rows])
    refused = cli("titles", "import", str(plain), *common, "--json")
    assert refused.code == 2 and "--kind" in refused.json["error"]
    assert cli("titles", "list", "--json").json == []

    giant = xlsx(tmp_path / "list.xlsx", [["第七批专精特新＂小巨人＂企业名单"], *rows])
    dry = cli("titles", "import", str(giant), *common, "--dry-run", "--json")
    assert dry.code == 0, dry.err
    tk = dry.json["title_kind"]
    assert (tk["kind"], tk["detected"], tk["source"], tk["source_row"]) == (
        "little-giant",
        "little-giant",
        "heading",
        1,
    )
    assert tk["description"].startswith("称号类别：专精特新“小巨人”（取自表头第1行")
    text = cli("titles", "import", str(giant), *common, "--dry-run")
    assert "称号类别：专精特新“小巨人”（取自表头第1行" in text.out

    wrong = cli("titles", "import", str(giant), *common, "--kind", "single-champion", "--json")
    assert wrong.code == 2 and "--kind-override" in wrong.json["error"]
    assert "制造业单项冠军" in wrong.json["error"] and "专精特新“小巨人”" in wrong.json["error"]
    assert cli("titles", "list", "--json").json == []
    assert sorted((tmp_path / "backups").iterdir()) == copies  # refused before the copy and the write
    forced = cli(
        "titles", "import", str(giant), *common, "--kind", "single-champion", "--kind-override", "--json"
    )
    assert forced.code == 0, forced.err
    assert [t["kind"] for t in cli("titles", "list", "--json").json] == ["single-champion"]
    helptext = cli("titles", "import", "--help").out
    assert "--kind-override" in helptext and "不作默认" in helptext

"""The headless register commands, run as subprocesses."""

from __future__ import annotations

from collections.abc import Callable

from tests.cli.conftest import Run

CODE = "914403001922038216"


def test_version_and_help(cli: Callable[..., Run]) -> None:
    version = cli("--version", with_db=False)
    assert version.code == 0 and "Subsidy Desk" in version.out
    helped = cli("--help", with_db=False)
    assert helped.code == 0
    for command in ("enterprises", "titles", "demo"):
        assert command in helped.out


def test_add_show_and_list_enterprises(cli: Callable[..., Run]) -> None:
    added = cli(
        "enterprises",
        "add",
        "--code",
        "９１４４０３００１９２２０３８２１６",
        "--name",
        "佛山市云擎机器人科技有限公司",
        "--district",
        "南海区",
        "--field",
        "robotics",
        "--json",
    )
    assert added.code == 0, added.err
    assert (
        added.json["code"] == CODE and added.json["field"] == "robotics" and added.json["status"] == "active"
    )
    shown = cli("enterprises", "show", CODE.lower(), "--json")
    assert (
        shown.code == 0
        and shown.json["name"] == "佛山市云擎机器人科技有限公司"
        and shown.json["titles"] == []
    )
    listed = cli("enterprises", "list", "--search", "云擎", "--json")
    assert [e["code"] for e in listed.json] == [CODE]
    assert cli("enterprises", "list", "--search", "不存在的企业", "--json").json == []


def test_bad_input_exits_2_with_a_message_naming_the_field(cli: Callable[..., Run]) -> None:
    bad = cli("enterprises", "add", "--code", "914403001922038217", "--name", "某公司", "--json")
    assert bad.code == 2
    assert "校验位" in bad.json["error"] and "code" in bad.json["fields"]
    unknown = cli("enterprises", "show", CODE, "--json")
    assert unknown.code == 2 and CODE in unknown.json["error"]
    wrong_option = cli("enterprises", "add", "--name", "缺代码")
    assert wrong_option.code == 2 and "--code" in wrong_option.err


def test_titles_add_and_list(cli: Callable[..., Run]) -> None:
    assert (
        cli(
            "enterprises", "add", "--code", CODE, "--name", "佛山市云擎机器人科技有限公司", "--field", "ai"
        ).code
        == 0
    )
    added = cli(
        "titles",
        "add",
        "--code",
        CODE,
        "--kind",
        "little-giant",
        "--batch",
        "6",
        "--recognized-on",
        "2024-07-15",
        "--doc-no",
        "工信厅企业函〔2024〕230号",
        "--json",
    )
    assert added.code == 0, added.err
    assert (
        added.json["kind"] == "little-giant" and added.json["batch"] == 6 and added.json["re_review"] is False
    )
    review = cli(
        "titles",
        "add",
        "--code",
        CODE,
        "--kind",
        "little-giant",
        "--batch",
        "7",
        "--recognized-on",
        "2025-07-18",
        "--re-review",
        "--json",
    )
    assert review.code == 0 and review.json["re_review"] is True
    listed = cli("titles", "list", "--json")
    assert sorted(t["batch"] for t in listed.json) == [6, 7]
    assert all(t["code"] == CODE for t in listed.json)
    bad = cli(
        "titles",
        "add",
        "--code",
        CODE,
        "--kind",
        "provincial",
        "--batch",
        "6",
        "--recognized-on",
        "2024-07-15",
        "--json",
    )
    assert bad.code == 2 and "称号类别" in bad.json["error"]


def test_demo_fills_a_living_register(cli: Callable[..., Run]) -> None:
    made = cli("demo", "--json")
    assert made.code == 0 and made.json["enterprises"] == 200 and made.json["titles"] > 50
    assert made.json["cases"] == 30 and made.json["by_state"]["closed"] >= 1
    assert [o["name"] for o in made.json["officers"]] == ["demo_chen", "demo_huang", "demo_li", "demo_zhou"]
    revoked = cli("titles", "list", "--status", "revoked", "--json")
    assert len(revoked.json) >= 1
    assert len(cli("enterprises", "list", "--json").json) == 200
    assert {c["status"] for c in cli("cases", "list", "--json").json} >= {"draft", "paid", "closed"}
    verified = cli("audit", "verify", "--json")
    assert verified.code == 0 and verified.json["ok"] and verified.json["entries"] > 400
    again = cli("demo", "--json")
    assert again.code == 2 and "只生成在空数据库中" in again.json["error"]

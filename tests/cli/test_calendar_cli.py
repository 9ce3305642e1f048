"""`main.py calendar import FILE.toml` / `calendar show YEAR`: the headless calendar contract, and bad files
refused with exit 2 and a plain message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT, Run

PW = "password 123"
GOOD = """\
year = 2027
doc_no = "国办发明电〔2026〕7号"
holidays = [2027-01-01, 2027-01-02, "2027-01-03"]
workdays = ["2027-02-20"]
"""


def _toml(tmp_path: Path, text: str, bom: bool = False) -> str:
    path = tmp_path / "2027.toml"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return str(path)


def test_import_then_show_as_json_and_text(cli: Callable[..., Run], tmp_path: Path) -> None:
    missing = cli("calendar", "show", "2027", "--json")
    assert (
        missing.code == 2
        and "缺少2027年" in missing.json["error"]
        and "calendar import" in missing.json["error"]
    )
    made = cli("calendar", "import", _toml(tmp_path, GOOD), "--json")
    assert made.code == 0, made.err
    assert made.json["year"] == 2027 and made.json["doc_no"] == "国办发明电〔2026〕7号"
    assert made.json["holidays"] == ["2027-01-01", "2027-01-02", "2027-01-03"]
    assert made.json["workdays"] == ["2027-02-20"] and made.json["replaced"] is False
    shown = cli("calendar", "show", "2027", "--json")
    assert shown.code == 0 and shown.json["source"] == "added" and shown.json["holidays"][0] == "2027-01-01"
    package = cli("calendar", "show", "2025", "--json")
    assert package.json["source"] == "package" and "2025-09-28" in package.json["workdays"]
    text = cli("calendar", "show", "2027")
    assert "节假日（3天）：1月1日至3日" in text.out and "国办发明电〔2026〕7号" in text.out
    again = cli("calendar", "import", _toml(tmp_path, GOOD.replace("7号", "9号")))
    assert again.code == 0 and "已替换2027年节假日安排" in again.out
    history = cli("audit", "verify", "--json")
    assert history.json["ok"] is True


@pytest.mark.parametrize(
    ("text", "bom", "expected"),
    [
        (GOOD + "extra = 1\n", False, "未知的键：extra"),
        (GOOD.replace('"2027-02-20"', '"2027-02-30"'), False, "2027-02-30"),
        (GOOD, True, "BOM"),
        ("year = 2027\nholidays = [2027-01-01\n", False, "不是有效的 TOML"),
        (GOOD.replace('"2027-02-20"', '"2027-02-22"'), False, "星期六或星期日"),
    ],
)
def test_a_bad_file_exits_2_with_a_plain_message(
    cli: Callable[..., Run], tmp_path: Path, text: str, bom: bool, expected: str
) -> None:
    bad = cli("calendar", "import", _toml(tmp_path, text, bom), "--json")
    assert bad.code == 2, bad.out + bad.err
    assert expected in bad.json["error"] and "Traceback" not in bad.err
    plain = cli("calendar", "import", _toml(tmp_path, text, bom))
    assert plain.code == 2 and expected in plain.err and "Traceback" not in plain.err
    assert cli("calendar", "show", "2027", "--json").code == 2  # nothing was stored


def test_a_missing_file_and_a_non_admin_are_refused(cli: Callable[..., Run], tmp_path: Path) -> None:
    gone = cli("calendar", "import", str(tmp_path / "none.toml"))
    assert gone.code == 2 and "无法读取文件" in gone.err and "Traceback" not in gone.err
    env = {"PW": PW}
    assert cli("users", "add", "admin", "--roles", "admin", "--password-env", "PW", env=env).code == 0
    login = ("--user", "admin", "--password-env", "PW")
    assert cli(*login, "users", "add", "li", "--roles", "reviewer", "--password-env", "PW", env=env).code == 0
    anonymous = cli("calendar", "import", _toml(tmp_path, GOOD), "--json")
    assert anonymous.code == 2 and "管理员" in anonymous.json["error"]
    reviewer = cli(
        "--user", "li", "--password-env", "PW", "calendar", "import", _toml(tmp_path, GOOD), env=env
    )
    assert reviewer.code == 2 and "管理员" in reviewer.err
    admin = cli(*login, "calendar", "import", _toml(tmp_path, GOOD), "--json", env=env)
    assert admin.code == 0 and admin.json["added_by"] == "admin"


def test_the_shipped_example_imports(cli: Callable[..., Run]) -> None:
    made = cli("calendar", "import", str(ROOT / "resources" / "calendar" / "2027.example.toml"), "--json")
    assert made.code == 0, made.err
    assert "示例" in made.json["doc_no"] and "2027-10-01" in made.json["holidays"]

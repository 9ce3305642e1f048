"""Issue 16: once a database has an officer, every command that changes data (or exports personal data) needs
a signed-in officer whose role the permission table allows. Table-driven over the commands: refused unsigned
and with a wrong role (exit 2, the roles needed and how to sign in, nothing written), accepted signed in with
a role the table allows. Runs main.py as a subprocess on copies of one seeded SQLite file."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.domain import permissions
from core.domain.permissions import PERMISSIONS, Action
from tests.cli.conftest import ROOT, Run

CODE1, CODE2, CODE3 = "914403001922038216", "91440604MA4W50000J", "91440604MA4W50010K"
NEW_CODE = "91440604MA4W50020L"
PW = "officer password 1"
ENV = {"PW": PW, "NEW_PW": "new password 12"}
OFFICERS = {"wang": "clerk", "li": "reviewer", "zhao": "approver"}


def _run(db: Path, *args: str, user: str | None = None) -> Run:
    who = ["--user", user, "--password-env", "PW"] if user else []
    argv = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *who, *args]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **ENV}
    proc = subprocess.run(
        argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def _ok(run: Run) -> Run:
    assert run.code == 0, run.out + run.err
    return run


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """admin, wang (clerk), li (reviewer), zhao (approver); three enterprises (one via an import, batch 1),
    titles on the first two, a draft case on the first; an import file, a calendar file and a backup."""
    base = tmp_path_factory.mktemp("seeded")
    db = base / "seed.sqlite"
    _ok(_run(db, "users", "add", "admin", "--roles", "admin", "--password-env", "PW"))
    for name, role in OFFICERS.items():
        _ok(_run(db, "users", "add", name, "--roles", role, "--password-env", "PW", user="admin"))
    (base / "ents.csv").write_text(
        f"统一社会信用代码,企业名称\n{CODE3},佛山市导入机器人有限公司\n", encoding="utf-8"
    )
    (base / "new.csv").write_text(
        f"统一社会信用代码,企业名称\n{NEW_CODE},佛山市新导入科技有限公司\n", encoding="utf-8"
    )
    (base / "titles.csv").write_text(
        f"统一社会信用代码,企业名称\n{CODE3},佛山市导入机器人有限公司\n", encoding="utf-8"
    )
    _ok(_run(db, "enterprises", "import", str(base / "ents.csv"), user="wang"))
    for code, name in ((CODE1, "佛山市云擎机器人科技有限公司"), (CODE2, "佛山市智造人工智能有限公司")):
        _ok(
            _run(db, "enterprises", "add", "--code", code, "--name", name, "--field", "robotics", user="wang")
        )
        _ok(
            _run(
                db,
                "titles",
                "add",
                "--code",
                code,
                "--kind",
                "little-giant",
                "--batch",
                "6",
                "--recognized-on",
                "2024-07-18",
                user="wang",
            )
        )
    _ok(_run(db, "cases", "create", "--code", CODE1, "--title-kind", "little-giant", user="wang"))
    _ok(_run(db, "backup", "--out", str(base / "copy.sqlite"), user="admin"))
    return db


LG = ("--kind", "little-giant", "--batch", "7", "--recognized-on", "2025-07-18")
# (command, action it needs, an officer the table allows, an officer it does not)
COMMANDS: list[tuple[tuple[str, ...], Action, str, str]] = [
    (
        ("enterprises", "add", "--code", NEW_CODE, "--name", "佛山市新登记科技有限公司"),
        Action.ENTERPRISE_EDIT,
        "wang",
        "li",
    ),
    (("enterprises", "import", "{base}/new.csv"), Action.REGISTER_IMPORT, "wang", "zhao"),
    (("titles", "add", "--code", CODE3, *LG), Action.TITLE_EDIT, "wang", "li"),
    (
        ("titles", "revoke", "2", "--on", "2026-01-05", "--reason", "复核未通过"),
        Action.TITLE_EDIT,
        "wang",
        "admin",
    ),
    (("titles", "import", "{base}/titles.csv", *LG), Action.REGISTER_IMPORT, "wang", "li"),
    (("imports", "undo", "1"), Action.IMPORT_UNDO, "wang", "zhao"),
    (("cases", "create", "--code", CODE2, "--title-kind", "little-giant"), Action.CASE_EDIT, "wang", "li"),
    (
        ("cases", "update", "1", "--city-reward", "900000", "--reason", "按八成核定"),
        Action.CASE_EDIT,
        "wang",
        "zhao",
    ),
    (("cases", "freeze", "1"), Action.CASE_EDIT, "wang", "li"),
    (("cases", "batch", "--year", "2024", "--create"), Action.CASE_EDIT, "wang", "admin"),
    (("budget", "set", "2026", "--line", "city", "--amount", "5000000"), Action.BUDGET_SET, "zhao", "wang"),
    (
        ("documents", "render", "--type", "approval-form", "--case", "1", "--out", "{base}/out"),
        Action.DOCUMENT_RENDER,
        "wang",
        "admin",
    ),
    (
        ("documents", "render", "--type", "notice", "--draft", "--case", "1", "--out", "{base}/out"),
        Action.DOCUMENT_RENDER,
        "li",
        "admin",
    ),
    (
        ("documents", "render", "--type", "publicity", "--case", "1", "--out", "{base}/out"),
        Action.DOCUMENT_RENDER,
        "zhao",
        "admin",
    ),
    (
        ("documents", "render", "--type", "province-summary", "--case", "1", "--out", "{base}/out"),
        Action.DOCUMENT_RENDER,
        "wang",
        "admin",
    ),
    (("documents", "settings", "--doc-prefix", "禅工信函"), Action.DOCUMENT_SETTINGS, "admin", "wang"),
    (
        ("calendar", "import", str(ROOT / "resources/calendar/2027.example.toml")),
        Action.CALENDAR_IMPORT,
        "admin",
        "wang",
    ),
    (("export", "enterprises", "--out", "{base}/e.xlsx"), Action.EXPORT_PERSONAL, "wang", "admin"),
    (("export", "titles", "--out", "{base}/t.xlsx"), Action.EXPORT_PERSONAL, "zhao", "admin"),
    (("export", "ledger", "--out", "{base}/l.xlsx"), Action.EXPORT_PERSONAL, "li", "admin"),
    (("users", "list"), Action.USERS_LIST, "admin", "wang"),
    (
        ("users", "add", "sun", "--roles", "clerk", "--password-env", "NEW_PW"),
        Action.USERS_MANAGE,
        "admin",
        "wang",
    ),
    (("users", "roles", "li", "--roles", "reviewer,approver"), Action.USERS_MANAGE, "admin", "zhao"),
    (("users", "disable", "li"), Action.USERS_MANAGE, "admin", "li"),
    (("users", "reset-password", "li", "--new-password-env", "NEW_PW"), Action.USERS_MANAGE, "admin", "wang"),
    (("backup", "--out", "{base}/b.sqlite"), Action.BACKUP, "admin", "wang"),
    (("restore", "{base}/copy.sqlite"), Action.RESTORE, "admin", "zhao"),
]


def _audit_count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM audit_entry").fetchone()[0])
    finally:
        con.close()


@pytest.mark.parametrize(
    ("command", "action", "allowed", "refused"), COMMANDS, ids=[" ".join(c[0][:4]) for c in COMMANDS]
)
def test_every_data_changing_command_needs_a_signed_in_officer_with_the_role(
    seeded: Path, tmp_path: Path, command: tuple[str, ...], action: Action, allowed: str, refused: str
) -> None:
    assert OFFICERS.get(allowed, "admin") in PERMISSIONS[action]  # the table says so: the test follows it
    assert OFFICERS.get(refused, "admin") not in PERMISSIONS[action]
    shutil.copy(seeded.parent / "copy.sqlite", tmp_path / "copy.sqlite")
    for name in ("new.csv", "titles.csv"):
        shutil.copy(seeded.parent / name, tmp_path / name)
    db = tmp_path / "cli.sqlite"
    shutil.copy(seeded, db)
    args = tuple(a.replace("{base}", str(tmp_path)) for a in command)
    before = _audit_count(db)
    wanted = permissions.roles_text(PERMISSIONS[action])

    unsigned = _run(db, *args, "--json") if args[0] not in ("backup", "restore") else _run(db, *args)
    assert unsigned.code == 2, unsigned.out + unsigned.err
    message = unsigned.out + unsigned.err
    assert "--user" in message and "--password-env" in message and wanted in message, message

    wrong = _run(db, *args, user=refused)
    assert wrong.code == 2, wrong.out + wrong.err
    assert wanted in wrong.out + wrong.err
    assert _audit_count(db) == before  # nothing written by either refusal
    assert not (tmp_path / "e.xlsx").exists() and not (tmp_path / "b.sqlite").exists()

    _ok(_run(db, *args, user=allowed))


def test_the_window_actions_without_a_command_are_in_the_table_too() -> None:
    """Every action of the table is either exercised above or a window-only action (templates, policy files)."""
    covered = {action for _c, action, _a, _r in COMMANDS}
    assert set(Action) - covered == {Action.TEMPLATE_EDIT, Action.POLICY_INSTALL}


def test_actor_is_no_longer_an_option(seeded: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    shutil.copy(seeded, db)
    for args in (
        ("imports", "undo", "1", "--actor", "wang"),
        ("enterprises", "import", str(seeded.parent / "new.csv"), "--actor", "wang"),
        (
            "documents",
            "render",
            "--type",
            "approval-form",
            "--case",
            "1",
            "--out",
            str(tmp_path),
            "--actor",
            "wang",
        ),
    ):
        run = _run(db, *args)
        assert run.code == 2 and "--actor" in run.err, run.err  # argparse: unrecognized arguments


def test_the_first_administrator_is_the_only_unsigned_write(tmp_path: Path) -> None:
    db = tmp_path / "fresh.sqlite"
    clerk_first = _run(db, "users", "add", "wang", "--roles", "clerk", "--password-env", "PW", "--json")
    assert clerk_first.code == 2 and "第一位管理员" in json.loads(clerk_first.out)["error"]
    _ok(_run(db, "users", "add", "admin", "--roles", "admin", "--password-env", "PW"))
    second = _run(db, "users", "add", "root", "--roles", "admin", "--password-env", "PW", "--json")
    assert second.code == 2 and "管理员" in json.loads(second.out)["error"]


def test_an_unsigned_write_on_a_database_without_officers_is_recorded_as_the_system(tmp_path: Path) -> None:
    db = tmp_path / "open.sqlite"
    _ok(_run(db, "enterprises", "add", "--code", CODE1, "--name", "佛山市云擎机器人科技有限公司"))
    con = sqlite3.connect(db)
    actors = {row[0] for row in con.execute("SELECT actor FROM audit_entry")}
    con.close()
    assert actors == {"system"}


@pytest.mark.parametrize("what", ["enterprise", "user"])
def test_demo_runs_only_on_an_empty_database(tmp_path: Path, what: str) -> None:
    db = tmp_path / "live.sqlite"
    if what == "enterprise":
        _ok(_run(db, "enterprises", "add", "--code", CODE1, "--name", "佛山市云擎机器人科技有限公司"))
    else:
        _ok(_run(db, "users", "add", "admin", "--roles", "admin", "--password-env", "PW"))
    before = _audit_count(db)
    refused = _run(db, "demo", "--count", "5", "--json")
    assert refused.code == 2, refused.out + refused.err
    error = json.loads(refused.out)["error"]
    assert "空数据库" in error and ("企业" if what == "enterprise" else "用户") in error
    assert _audit_count(db) == before


def test_users_permissions_prints_the_table(tmp_path: Path) -> None:
    run = _ok(_run(tmp_path / "any.sqlite", "users", "permissions", "--json"))
    assert run.json == [row.to_json() for row in permissions.rows()]
    assert {
        "action": "budget.set",
        "label": Action.BUDGET_SET.label,
        "roles": ["approver", "admin"],
    } in run.json
    text = _ok(_run(tmp_path / "any.sqlite", "users", "permissions"))
    assert "恢复数据库" in text.out and "管理员" in text.out


def _copy(seeded: Path, tmp_path: Path) -> Path:
    db = tmp_path / "cli.sqlite"
    shutil.copy(seeded, db)
    return db


def test_a_clerk_cannot_change_amounts_after_submission(seeded: Path, tmp_path: Path) -> None:
    db = _copy(seeded, tmp_path)
    _ok(_run(db, "cases", "transition", "1", "--to", "submitted", user="wang"))
    before = _ok(_run(db, "cases", "show", "1", "--json")).json
    refused = _run(
        db, "cases", "update", "1", "--city-reward", "1999999.99", "--reason", "x", "--json", user="wang"
    )
    assert refused.code == 2 and "退回补正" in refused.json["error"] and "已申报" in refused.json["error"]
    frozen = _run(db, "cases", "freeze", "1", "--json", user="wang")
    assert frozen.code == 2 and "退回补正" in frozen.json["error"]
    after = _ok(_run(db, "cases", "show", "1", "--json")).json
    assert after["city_reward"] == before["city_reward"] and after["version"] == before["version"]


def test_cases_update_takes_the_expected_version(seeded: Path, tmp_path: Path) -> None:
    db = _copy(seeded, tmp_path)
    version = str(_ok(_run(db, "cases", "show", "1", "--json")).json["version"])
    base = ("cases", "update", "1", "--reason", "按八成核定", "--expected-version", version, "--json")
    first = _ok(_run(db, *base, "--city-reward", "800000", user="wang"))
    assert first.json["city_reward"] == "800000.00"
    second = _run(db, *base, "--city-reward", "700000", user="wang")  # opened at the same version
    assert second.code == 2 and "已被他人修改" in second.json["error"]
    assert _ok(_run(db, "cases", "show", "1", "--json")).json["city_reward"] == "800000.00"

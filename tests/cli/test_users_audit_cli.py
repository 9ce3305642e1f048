"""`users add|list` and `audit verify|history`, run as subprocesses with passwords in environment variables."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Run

CODE = "914403001922038216"
ENV = {"ADMIN_PW": "admin password 1", "WANG_PW": "wang password 1", "BAD_PW": "not it at all"}


def test_users_add_and_list(cli: Callable[..., Run]) -> None:
    first = cli("users", "add", "admin", "--roles", "admin", "--password-env", "ADMIN_PW", "--json", env=ENV)
    assert first.code == 0, first.out + first.err
    assert first.json["roles"] == ["admin"]
    # once an administrator exists, adding an officer needs one signed in
    anonymous = cli(
        "users", "add", "wang", "--roles", "clerk", "--password-env", "WANG_PW", "--json", env=ENV
    )
    assert anonymous.code == 2 and "--user" in anonymous.json["error"]
    wrong = cli(
        "--user", "admin", "--password-env", "BAD_PW",
        "users", "add", "wang", "--roles", "clerk", "--password-env", "WANG_PW", "--json", env=ENV,
    )  # fmt: skip
    assert wrong.code == 2 and "用户名或密码不正确" in wrong.json["error"]
    added = cli(
        "--user", "admin", "--password-env", "ADMIN_PW",
        "users", "add", "wang", "--roles", "clerk,reviewer", "--display-name", "王五",
        "--password-env", "WANG_PW", "--json", env=ENV,
    )  # fmt: skip
    assert added.code == 0, added.out + added.err
    assert added.json["roles"] == ["clerk", "reviewer"]
    assert cli("users", "list", "--json").code == 2  # the officers' names and roles: an administrator's list
    listed = cli("--user", "admin", "--password-env", "ADMIN_PW", "users", "list", "--json", env=ENV)
    assert [(u["name"], u["roles"]) for u in listed.json] == [
        ("admin", ["admin"]),
        ("wang", ["clerk", "reviewer"]),
    ]
    assert "password" not in listed.out


def test_a_password_is_never_taken_from_the_command_line(cli: Callable[..., Run]) -> None:
    missing = cli("users", "add", "admin", "--roles", "admin", "--password-env", "NOT_SET", "--json", env=ENV)
    assert missing.code == 2 and "NOT_SET" in missing.json["error"]


def test_audit_verify_passes_then_names_the_edited_entry(cli: Callable[..., Run], tmp_path: Path) -> None:
    assert cli("users", "add", "admin", "--roles", "admin", "--password-env", "ADMIN_PW", env=ENV).code == 0
    clerk = cli(
        "--user", "admin", "--password-env", "ADMIN_PW",
        "users", "add", "wang", "--roles", "clerk", "--password-env", "WANG_PW", env=ENV,
    )  # fmt: skip
    assert clerk.code == 0, clerk.err
    added = cli(
        "--user", "wang", "--password-env", "WANG_PW",
        "enterprises", "add", "--code", CODE, "--name", "佛山市云擎机器人科技有限公司", "--json", env=ENV,
    )  # fmt: skip
    assert added.code == 0, added.err
    ok = cli("audit", "verify", "--json")
    assert ok.code == 0
    assert {k: ok.json[k] for k in ("ok", "entries", "first_bad", "problem")} == {
        "ok": True,
        "entries": 3,
        "first_bad": None,
        "problem": "",
    }
    assert len(ok.json["last_hash"]) == 64  # the anchor an administrator may note elsewhere
    history = cli("audit", "history", "enterprise", str(added.json["id"]), "--json")
    assert history.code == 0 and "wang  新增企业" in history.json[0]
    con = sqlite3.connect(tmp_path / "cli.sqlite")
    con.execute("UPDATE audit_entry SET changes = replace(changes, '云擎', '云峰') WHERE id = 3")
    con.commit()
    con.close()
    bad = cli("audit", "verify", "--json")
    assert bad.code != 0
    assert bad.json["first_bad"] == 3 and "第3条" in bad.json["error"]


def test_audit_verify_names_the_last_entry_when_it_was_deleted(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    assert cli("users", "add", "admin", "--roles", "admin", "--password-env", "ADMIN_PW", env=ENV).code == 0
    clerk = cli(
        "--user", "admin", "--password-env", "ADMIN_PW",
        "users", "add", "wang", "--roles", "clerk", "--password-env", "WANG_PW", env=ENV,
    )  # fmt: skip
    assert clerk.code == 0, clerk.err
    added = cli(
        "--user", "wang", "--password-env", "WANG_PW",
        "enterprises", "add", "--code", CODE, "--name", "佛山市云擎机器人科技有限公司", "--json", env=ENV,
    )  # fmt: skip
    assert added.code == 0, added.err
    con = sqlite3.connect(tmp_path / "cli.sqlite")
    con.execute("DELETE FROM audit_entry WHERE id = 3")  # nothing follows the last entry
    con.commit()
    con.close()
    bad = cli("audit", "verify", "--json")
    assert bad.code == 1
    assert bad.json["ok"] is False and bad.json["first_bad"] == 3 and bad.json["entries"] == 2
    assert "第3条审计记录被删除" in bad.json["error"] and "最后一条" in bad.json["error"]


def test_a_disabled_or_unknown_account_answers_like_a_wrong_password_until_it_is_right(
    cli: Callable[..., Run],
) -> None:
    assert cli("users", "add", "admin", "--roles", "admin", "--password-env", "ADMIN_PW", env=ENV).code == 0
    admin = ("--user", "admin", "--password-env", "ADMIN_PW")
    added = cli(*admin, "users", "add", "wang", "--roles", "clerk", "--password-env", "WANG_PW", env=ENV)
    assert added.code == 0, added.err
    assert cli(*admin, "users", "disable", "wang", env=ENV).code == 0

    def sign_in(name: str, var: str) -> Run:
        return cli(
            "--user",
            name,
            "--password-env",
            var,
            "users",
            "passwd",
            "--new-password-env",
            var,
            "--json",
            env=ENV,
        )

    refused = [sign_in("wang", "BAD_PW"), sign_in("nobody", "WANG_PW"), sign_in("admin", "BAD_PW")]
    assert {(r.code, r.json["error"]) for r in refused} == {(2, refused[0].json["error"])}
    assert "用户名或密码不正确" in refused[0].json["error"]
    right = sign_in("wang", "WANG_PW")
    assert right.code == 2 and "已停用" in right.json["error"]

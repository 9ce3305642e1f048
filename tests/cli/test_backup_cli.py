"""`main.py --db PATH backup --out FILE` and `restore FILE`, headless."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Run, add_admin


def _enterprises(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM enterprise").fetchone()[0])
    finally:
        con.close()


def test_backup_and_restore_round_trip(cli: Callable[..., Run], tmp_path: Path) -> None:
    assert cli("demo").code == 0
    admin = add_admin(cli)  # the demo's officers make backup and restore an administrator's task
    db = tmp_path / "cli.sqlite"
    count = _enterprises(db)
    out = tmp_path / "saved" / "copy.sqlite"

    made = admin("backup", "--out", str(out), "--json")
    assert made.code == 0, made.err
    assert made.json["path"] == str(out) and out.is_file()
    assert _enterprises(out) == count

    con = sqlite3.connect(db)
    con.execute("DELETE FROM enterprise WHERE id NOT IN (SELECT enterprise_id FROM national_title)")
    con.commit()
    con.close()
    assert _enterprises(db) < count or count == 0

    again = admin("backup", "--out", str(out))
    assert again.code == 2 and "已存在" in again.err

    back = admin("restore", str(out), "--json")
    assert back.code == 0, back.err
    assert Path(back.json["kept_aside"]).is_file()
    assert _enterprises(db) == count
    verified = cli("audit", "verify", "--json")
    assert verified.code == 0 and verified.json["ok"] is True


def test_restore_refuses_a_file_that_is_not_ours(cli: Callable[..., Run], tmp_path: Path) -> None:
    assert cli("demo").code == 0
    admin = add_admin(cli)
    stranger = tmp_path / "stranger.sqlite"
    con = sqlite3.connect(stranger)
    con.execute("CREATE TABLE x (y)")
    con.commit()
    con.close()
    res = admin("restore", str(stranger))
    assert res.code == 2
    assert "不是奖补案件台的数据库" in res.err
    assert not list(tmp_path.glob("*before-restore*"))
    res = admin("restore", str(stranger), "--json")
    assert res.code == 2 and "alembic_version" in res.json["error"]


def test_backup_without_out_goes_to_the_backups_folder(cli: Callable[..., Run], tmp_path: Path) -> None:
    assert cli("demo").code == 0
    made = add_admin(cli)("backup", "--json")
    assert made.code == 0, made.err
    path = Path(made.json["path"])
    assert path.parent == tmp_path / "backups" and made.json["reason"] == "manual"
    listed = cli("backup", "--list", "--json")
    assert [b["path"] for b in listed.json] == [str(path)]

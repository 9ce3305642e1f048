"""Backups with SQLite's online backup API: consistent while another connection writes; restore keeps the
current file aside, puts the copy back, and the audit chain still verifies; automatic copies are rotated."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from core.services import audit, backup, demo, enterprises
from core.services.errors import InputError
from core.store.engine import sqlite_url
from core.store.migrate import open_database
from core.store.uow import Database


def _count(path: Path, sql: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def _verify(path: Path) -> audit.VerifyReport:
    database, _ = open_database(sqlite_url(path))
    try:
        with database.uow() as uow:
            return audit.verify(uow)
    finally:
        database.dispose()


def _add(db: Database, rows: list[enterprises.EnterpriseInput]) -> None:
    for data in rows:
        with db.uow() as uow:
            enterprises.add_enterprise(uow, data, actor="wang")


ENTERPRISES = "SELECT count(*) FROM enterprise"
CREATES = "SELECT count(*) FROM audit_entry WHERE entity = 'enterprise' AND action = 'create'"


def test_backup_while_another_connection_writes_is_consistent(db: Database, db_path: Path) -> None:
    rows = [data for data, _titles in demo.generate(120, seed=7)]
    _add(db, rows[:10])
    started = threading.Event()
    failures: list[BaseException] = []

    def writer() -> None:
        other, _ = open_database(sqlite_url(db_path))
        try:
            for i, data in enumerate(rows[10:]):
                with other.uow() as uow:
                    enterprises.add_enterprise(uow, data, actor="li")
                if i == 3:
                    started.set()
        except BaseException as exc:  # reported to the test thread
            failures.append(exc)
            started.set()
        finally:
            other.dispose()

    thread = threading.Thread(target=writer)
    thread.start()
    assert started.wait(60)
    copies = [backup.backup_before(db_path, "import", rotate=False) for _ in range(3)]
    thread.join(120)
    assert not failures
    for copy in copies:
        assert copy.parent == db_path.parent / "backups"
        n = _count(copy, ENTERPRISES)
        assert 14 <= n <= 120
        # every enterprise in the copy comes with its audit entry and vice versa: one snapshot, not a mix
        assert _count(copy, CREATES) == n
        assert _verify(copy).ok
    assert _count(db_path, ENTERPRISES) == 120


def test_backup_to_refuses_to_overwrite_and_names_the_missing_database(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "copy.sqlite"
    out.write_text("keep me")
    with pytest.raises(InputError, match="已存在"):
        backup.backup_to(tmp_path / "desk.sqlite", out)
    assert out.read_text() == "keep me"
    with pytest.raises(InputError, match="不存在"):
        backup.backup_to(tmp_path / "nothing.sqlite", tmp_path / "x.sqlite")


def test_restore_round_trip_keeps_the_current_file_aside_and_the_chain_verifies(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    rows = [data for data, _titles in demo.generate(30, seed=3)]
    _add(db, rows[:20])
    saved = backup.backup_to(db_path, tmp_path / "saved.sqlite").path
    _add(db, rows[20:])
    db.dispose()
    assert _count(db_path, ENTERPRISES) == 30

    report = backup.restore(db_path, saved, at=datetime(2026, 3, 1, 9, 30))

    assert report.kept_aside == db_path.with_name("desk.before-restore-20260301-093000.sqlite")
    assert _count(report.kept_aside, ENTERPRISES) == 30  # nothing lost: the replaced file is still there
    assert _count(db_path, ENTERPRISES) == 20
    verdict = _verify(db_path)
    assert verdict.ok and verdict.entries == 20
    # the restored database is usable: the app opens it and keeps appending to the same chain
    database, _ = open_database(sqlite_url(db_path))
    try:
        _add(database, rows[20:21])
        with database.uow() as uow:
            assert audit.verify(uow).entries == 21 and audit.verify(uow).ok
    finally:
        database.dispose()


def test_restore_refuses_a_file_that_is_not_a_subsidy_desk_database(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    db.dispose()
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database")
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(InputError, match="不是 SQLite 数据库"):
        backup.restore(db_path, text)
    with pytest.raises(InputError, match="alembic_version"):
        backup.restore(db_path, other)
    assert db_path.read_bytes() == before
    assert not list(tmp_path.glob("*before-restore*"))


def test_automatic_backups_are_rotated_and_daily_runs_once_a_day(db: Database, db_path: Path) -> None:
    start = datetime(2026, 1, 1, 8, 0)
    for day in range(40):
        assert backup.backup_daily(db_path, at=start + timedelta(days=day)) is not None
    assert backup.backup_daily(db_path, at=start + timedelta(days=39, hours=5)) is None
    kept = backup.list_backups(db_path)
    # 7 daily (Feb 3–9) plus the newest of 4 ISO weeks, of which weeks 6 and 5 are already among the dailies
    assert [b.taken_at.date().isoformat() for b in kept] == [
        "2026-02-09", "2026-02-08", "2026-02-07", "2026-02-06", "2026-02-05", "2026-02-04", "2026-02-03",
        "2026-02-01", "2026-01-25",
    ]  # fmt: skip
    assert all(b.reason == "daily" for b in kept)
    assert backup.backup_at_start(db_path.with_name("absent.sqlite")) is None


def test_the_copy_taken_before_a_migration_is_never_rotated_away(db: Database, db_path: Path) -> None:
    """The pre-upgrade copy (the only one in the old format) survives any number of daily copies."""
    from core.store.migrate import BACKUP_DIR

    folder = db_path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    old = folder / f"{db_path.stem}.20251201-090000.upgrade.sqlite"
    old.write_bytes(db_path.read_bytes())
    start = datetime(2026, 1, 1, 8, 0)
    for day in range(40):
        backup.backup_daily(db_path, at=start + timedelta(days=day))
    kept = backup.list_backups(db_path)
    assert old.exists() and kept[-1].path == old and kept[-1].reason == "upgrade"
    assert sum(b.reason == "daily" for b in kept) == 9  # the rotation of the others is unchanged


def test_copies_for_different_reasons_in_the_same_second_are_all_kept(db: Database, db_path: Path) -> None:
    """The copy at start and the one before an import a moment later both stay (they may differ). Of two
    routine copies for one reason in the same second the newest is kept; copies before an import are each
    named by a message, so both stay."""
    at = datetime(2026, 11, 2, 8, 30, 5)
    start = backup.backup_at_start(db_path, at=at)
    before_import = backup.backup_before(db_path, "import", at=at)
    again = backup.backup_before(db_path, "import", at=at)
    manual = backup.backup_before(db_path, "manual", at=at)
    manual_again = backup.backup_before(db_path, "manual", at=at)  # routine, same reason, same second
    kept = {b.path for b in backup.list_backups(db_path)}
    assert start in kept and again in kept and before_import in kept
    assert manual_again in kept and manual not in kept


def test_an_import_backs_the_database_up_before_it_writes(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    from core.services import imports
    from tests.integration.test_import_enterprises import district_file

    _add(db, [data for data, _titles in demo.generate(3, seed=5)])
    path = district_file(tmp_path / "list.xlsx")
    with db.uow() as uow:
        dry = imports.import_enterprises(uow, path, dry_run=True, actor="system")
    assert (
        dry.backup is None and backup.list_backups(db_path) == []
    )  # a dry run writes nothing, copies nothing
    with db.uow() as uow:
        done = imports.import_enterprises(uow, path, actor="wang")
    assert done.created == 4 and done.backup is not None
    (copy,) = backup.list_backups(db_path)
    assert copy.path == done.backup and copy.reason == "import"
    assert _count(copy.path, ENTERPRISES) == 3 and _count(db_path, ENTERPRISES) == 7  # taken before writing
    assert _verify(copy.path).ok
    assert done.batch is not None
    with db.uow() as uow:
        undone = imports.undo_import(uow, done.batch, actor="wang")
    assert undone.backup is not None and undone.backup.name.endswith(".undo-import.sqlite")
    assert _count(undone.backup, ENTERPRISES) == 7 and _count(db_path, ENTERPRISES) == 3


def test_a_title_import_backs_up_too_and_a_failed_backup_stops_the_import(
    db: Database, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.services import imports
    from core.services.errors import ServiceError
    from tests.integration.test_import_enterprises import district_file
    from tests.integration.test_import_titles import PARAMS, miit_list

    with db.uow() as uow:
        enterprises.add_enterprise(
            uow,
            enterprises.EnterpriseInput(code="91440605AY4CL12T8E", name="佛山市云擎机器人科技有限公司"),
            actor="system",
        )
    with db.uow() as uow:
        done = imports.import_titles(uow, miit_list(tmp_path / "miit.xlsx"), PARAMS, actor="system")
    assert done.created == 1 and done.backup is not None and done.backup.name.endswith(".import.sqlite")

    def refuse(*_args: object, **_kwargs: object) -> Path:
        raise OSError("磁盘已满")

    monkeypatch.setattr(backup, "backup_before", refuse)
    before = _count(db_path, "SELECT count(*) FROM import_batch")
    with db.uow() as uow, pytest.raises(ServiceError, match=r"自动备份失败（磁盘已满）"):
        imports.import_enterprises(uow, district_file(tmp_path / "list.xlsx"), actor="system")
    assert _count(db_path, "SELECT count(*) FROM import_batch") == before


def _run_days(
    db_path: Path, today: Callable[[date], None], first: date, days: int, restarts: int = 3
) -> None:
    """`days` days of use from `first`: each day the app starts `restarts` times (a copy at each start) and
    the daily timer fires; today's date set forward each day (core.domain.clock)."""
    for offset in range(days):
        today(first + timedelta(days=offset))
        for _ in range(restarts):
            backup.backup_at_start(db_path)
        backup.backup_daily(db_path)


def test_the_copy_named_after_an_import_survives_90_days_of_restarts_and_rotation(
    db: Database, db_path: Path, tmp_path: Path, today: Callable[[date], None]
) -> None:
    from core.services import imports
    from tests.integration.test_import_enterprises import district_file

    today(date(2026, 12, 4))
    with db.uow() as uow:
        done = imports.import_enterprises(uow, district_file(tmp_path / "list.xlsx"), actor="wang")
    named = done.backup
    assert named is not None and named.is_file()
    info = backup.describe(named)
    assert info.protected and info.kept_until == date(2027, 3, 4)
    assert backup.list_backups(db_path)[0].to_json()["kept_until"] == "2027-03-04"

    _run_days(db_path, today, date(2026, 12, 4), 91)  # through 2027-03-04, day 90
    assert named.is_file()  # still there on its last protected day
    kept = backup.list_backups(db_path)
    routine = [b for b in kept if b.reason in ("start", "daily")]
    assert len(routine) <= backup.KEEP_DAILY + backup.KEEP_WEEKLY + backup.KEEP_LAST  # still rotated
    assert min(b.taken_at.date() for b in routine) >= date(2027, 3, 4) - timedelta(weeks=5)

    _run_days(db_path, today, date(2027, 3, 5), 30, restarts=1)  # after its 90 days it is rotated like any
    assert not named.exists()


def test_copies_before_undo_restore_and_upgrade_are_protected(
    db: Database, db_path: Path, tmp_path: Path, today: Callable[[date], None]
) -> None:
    from core.services import imports
    from core.store.migrate import BACKUP_DIR
    from tests.integration.test_import_enterprises import district_file

    today(date(2026, 12, 4))
    with db.uow() as uow:
        done = imports.import_enterprises(uow, district_file(tmp_path / "list.xlsx"), actor="wang")
    assert done.batch is not None
    with db.uow() as uow:
        undone = imports.undo_import(uow, done.batch, actor="wang")
    assert undone.backup is not None and backup.describe(undone.backup).reason == "undo-import"
    saved = backup.backup_to(db_path, tmp_path / "saved.sqlite").path
    db.dispose()
    report = backup.restore(db_path, saved)
    assert report.backup is not None and report.backup.parent == db_path.parent / BACKUP_DIR
    assert backup.describe(report.backup).reason == "restore"
    assert report.to_json()["backup"] == str(report.backup)
    upgrade = db_path.parent / BACKUP_DIR / f"{db_path.stem}.20251201-090000.upgrade.sqlite"
    upgrade.write_bytes(db_path.read_bytes())
    protected = {done.backup, undone.backup, report.backup, upgrade}
    assert {b.path for b in backup.list_backups(db_path) if b.protected} == protected
    assert all(backup.describe(p).protected for p in protected if p is not None)
    assert backup.describe(upgrade).kept_until is None  # kept for good

    _run_days(db_path, today, date(2026, 12, 5), 60, restarts=2)
    assert all(p is not None and p.is_file() for p in protected)
    _run_days(db_path, today, date(2027, 2, 3), 60, restarts=1)  # past 90 days: only the upgrade copy stays
    assert upgrade.is_file()
    assert not any(p.exists() for p in (done.backup, undone.backup, report.backup) if p is not None)

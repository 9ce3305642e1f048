"""The database file: created and migrated on first open, upgraded with a backup when older, SQLite pragmas."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect, text

from core.services import enterprises as ent_svc
from core.store.engine import make_engine, sqlite_url
from core.store.migrate import current_revisions, head_revisions, open_database, upgrade


def test_empty_file_is_created_and_migrated_to_head(tmp_path: Path) -> None:
    path = tmp_path / "new" / "desk.sqlite"
    db, report = open_database(sqlite_url(path))
    try:
        assert path.exists()
        assert report.created and report.backup is None
        assert current_revisions(db.engine) == head_revisions()
        tables = set(inspect(db.engine).get_table_names())
        assert {"enterprise", "national_title", "alembic_version"} <= tables
    finally:
        db.dispose()


def test_an_existing_empty_sqlite_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    sqlite3.connect(path).close()
    db, report = open_database(sqlite_url(path))
    try:
        assert report.created
        assert current_revisions(db.engine) == head_revisions()
    finally:
        db.dispose()


def test_revision_1_database_is_upgraded_after_a_backup_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = make_engine(sqlite_url(path))
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO enterprise (code, name, name_norm, former_names, district, address, legal_rep,"
                " contact_person, contact_phone, field, field_reason, reg_status, notes, search_text, version)"
                " VALUES ('914403001922038216', '佛山市旧库企业有限公司', 'X', '', '南海区', '', '', '', '', 'ai',"
                " '', 'active', '', '914403001922038216', 1)"
            )
        )
    engine.dispose()
    db, report = open_database(sqlite_url(path))
    try:
        if head_revisions() == frozenset({"0001"}):
            assert report.upgraded_from is None  # nothing newer yet: opening does not rewrite
        else:
            assert report.upgraded_from == "0001"
            assert report.backup is not None and report.backup.exists()
            # in the backups folder, listed (and restorable) in 设置 → 备份 like every automatic copy
            from core.services import backup as backup_svc

            listed = backup_svc.list_backups(path)
            assert [(b.path, b.reason) for b in listed] == [(report.backup, "upgrade")]
            assert backup_svc.inspect_backup(report.backup) == ("0001",)
            backup = sqlite3.connect(report.backup)
            assert backup.execute("SELECT name FROM enterprise").fetchone() == ("佛山市旧库企业有限公司",)
            backup.close()
        assert current_revisions(db.engine) == head_revisions()
        with db.uow() as uow:
            assert ent_svc.get_enterprise(uow, "914403001922038216").name == "佛山市旧库企业有限公司"
    finally:
        db.dispose()


def test_reopening_a_current_database_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    db, _ = open_database(sqlite_url(path))
    db.dispose()
    db, report = open_database(sqlite_url(path))
    try:
        assert not report.created and report.upgraded_from is None and report.backup is None
        assert not list(tmp_path.rglob("*.upgrade.sqlite"))
    finally:
        db.dispose()


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(db_path: Path) -> None:
    db, _ = open_database(sqlite_url(db_path))
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    finally:
        db.dispose()


def test_a_title_cannot_point_at_a_missing_enterprise(db_path: Path) -> None:
    db, _ = open_database(sqlite_url(db_path))
    try:
        with db.engine.connect() as conn:
            try:
                conn.execute(
                    text(
                        "INSERT INTO national_title (enterprise_id, kind, product, batch, recognized_on,"
                        " recognized_year, doc_no, re_review, status, status_reason, source, version)"
                        " VALUES (999, 'little-giant', '', 6, '2024-07-15', 2024, '', 0, 'valid', '', 'manual', 1)"
                    )
                )
                raised = False
            except Exception:
                raised = True
        assert raised
    finally:
        db.dispose()


def test_fast_head_reading_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from core.store.migrate import _config

    assert head_revisions() == frozenset(ScriptDirectory.from_config(_config()).get_heads())

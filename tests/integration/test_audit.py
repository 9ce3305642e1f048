"""The audit trail: field-level entries written with each change, a hash chain that catches tampering done
directly in the database file, and the plain-Chinese history of a record."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from core.services import audit, enterprises, titles
from core.services.enterprises import EnterpriseInput
from core.services.errors import InputError
from core.services.titles import TitleInput
from core.store.engine import sqlite_url
from core.store.migrate import open_database
from core.store.uow import Database

CODE = "914403001922038216"


def _fill(db: Database) -> int:
    """Five audited changes: add, edit, add a title, edit it, revoke it. Returns the enterprise id."""
    with db.uow() as uow:
        ent = enterprises.add_enterprise(
            uow,
            EnterpriseInput(code=CODE, name="佛山市云擎机器人科技有限公司", district="南海区"),
            actor="wang",
        )
    with db.uow() as uow:
        enterprises.update_enterprise(
            uow,
            ent.id,
            EnterpriseInput(
                code=CODE, name="佛山市云擎智能科技有限公司", district="顺德区", field="robotics"
            ),
            actor="li",
        )
    data = TitleInput(enterprise_code=CODE, kind="little-giant", batch=6, recognized_on="2024-07-15")
    with db.uow() as uow:
        t = titles.add_title(uow, data, actor="wang")
    with db.uow() as uow:
        titles.update_title(
            uow, t.id, TitleInput(**{**data.__dict__, "doc_no": "工信部企业函〔2024〕1号"}), actor="wang"
        )
    with db.uow() as uow:
        titles.revoke_title(uow, t.id, date(2025, 3, 1), "复核未通过", actor="zhao")
    return ent.id


def _sql(path: Path, statement: str) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute(statement)
        con.commit()
    finally:
        con.close()


def test_each_change_records_who_and_the_fields_before_and_after(db: Database) -> None:
    ent_id = _fill(db)
    with db.uow() as uow:
        entries = audit.entries_for(uow, "enterprise", ent_id)
    assert [(e.actor, e.entity, e.action) for e in entries] == [
        ("wang", "enterprise", "create"),
        ("li", "enterprise", "update"),
        ("wang", "title", "create"),
        ("wang", "title", "update"),
        ("zhao", "title", "revoke"),
    ]

    update = entries[1].changes
    assert update["district"] == ["南海区", "顺德区"]
    assert update["field"] == ["other", "robotics"]
    assert update["name"] == ["佛山市云擎机器人科技有限公司", "佛山市云擎智能科技有限公司"]
    assert "code" not in update  # unchanged fields are not recorded
    assert entries[4].changes["status"] == ["valid", "revoked"]


def test_history_reads_as_plain_chinese(db: Database) -> None:
    ent_id = _fill(db)
    with db.uow() as uow:
        lines = audit.history(uow, "enterprise", ent_id)
    assert len(lines) == 5
    assert "wang  新增企业" in lines[0] and "名称“佛山市云擎机器人科技有限公司”" in lines[0]
    assert "li  修改企业" in lines[1] and "所在区由“南海区”改为“顺德区”" in lines[1]
    assert "撤销称号" in lines[4] and "原因由（空）改为“复核未通过”" in lines[4]


def test_a_refused_change_writes_no_audit_entry(db: Database) -> None:
    with db.uow() as uow, pytest.raises(InputError):
        enterprises.add_enterprise(uow, EnterpriseInput(code="123", name=""), actor="wang")
    with db.uow() as uow:
        assert audit.verify(uow).entries == 0


def test_an_untouched_chain_verifies(db: Database) -> None:
    _fill(db)
    with db.uow() as uow:
        report = audit.verify(uow)
    assert report.ok and report.entries == 5 and report.first_bad is None


def test_verify_catches_an_edited_entry(db: Database, db_path: Path) -> None:
    _fill(db)
    _sql(db_path, "UPDATE audit_entry SET actor = 'zhang' WHERE id = 3")
    with db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok and report.first_bad == 3
    assert "第3条审计记录的内容被改动" in report.problem


def test_verify_catches_an_edited_change_value(db: Database, db_path: Path) -> None:
    _fill(db)
    _sql(db_path, "UPDATE audit_entry SET changes = replace(changes, '顺德区', '禅城区') WHERE id = 2")
    with db.uow() as uow:
        assert audit.verify(uow).first_bad == 2


def test_verify_catches_a_deleted_entry(db: Database, db_path: Path) -> None:
    _fill(db)
    _sql(db_path, "DELETE FROM audit_entry WHERE id = 2")
    with db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok and report.first_bad == 2
    assert "第2条审计记录被删除" in report.problem


def test_verify_catches_reordered_entries(db: Database, db_path: Path) -> None:
    _fill(db)
    _sql(db_path, "UPDATE audit_entry SET id = -1 WHERE id = 3")
    _sql(db_path, "UPDATE audit_entry SET id = 3 WHERE id = 4")
    _sql(db_path, "UPDATE audit_entry SET id = 4 WHERE id = -1")
    with db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok and report.first_bad == 3
    assert "顺序被调换或被插入" in report.problem


def test_verify_catches_an_entry_rewritten_with_a_recomputed_hash(db: Database, db_path: Path) -> None:
    """A forger who recomputes the edited entry's own hash still breaks the link to the next one."""
    _fill(db)
    with db.uow() as uow:
        entry = uow.session.get(audit.AuditEntry, 2)
        assert entry is not None
        entry.actor = "zhang"
        forged = audit.entry_hash(entry.prev_hash, entry)
    _sql(db_path, f"UPDATE audit_entry SET actor = 'zhang', hash = '{forged}' WHERE id = 2")
    with db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok and report.first_bad == 3


def test_each_change_is_recorded_under_the_actor_its_caller_names_else_the_system(db: Database) -> None:
    """No process-wide signed-in officer: the window passes its officer, the CLI --user; nothing is presumed."""
    with db.uow() as uow:
        ent = enterprises.add_enterprise(
            uow, EnterpriseInput(code=CODE, name="佛山市云擎机器人科技有限公司"), actor="wang"
        )
    with db.uow() as uow:
        titles.add_title(
            uow,
            TitleInput(enterprise_code=CODE, kind="little-giant", batch=6, recognized_on="2024-07-15"),
            actor="li",
        )
    with db.uow() as uow:
        enterprises.update_enterprise(
            uow,
            ent.id,
            EnterpriseInput(code=CODE, name="佛山市云擎机器人科技有限公司", district="南海区"),
            actor="",
        )
    with db.uow() as uow:
        assert [e.actor for e in audit.entries_for(uow, "enterprise", ent.id)] == ["wang", "li", audit.SYSTEM]


def test_verify_catches_the_deletion_of_the_last_entry(db: Database, db_path: Path) -> None:
    """Nothing follows the last entry: the chain's head row is what notices it is gone."""
    _fill(db)
    _sql(db_path, "DELETE FROM audit_entry WHERE id = 5")
    with db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok and report.first_bad == 5 and report.entries == 4
    assert "第5条审计记录被删除" in report.problem and "最后一条" in report.problem


def test_verify_catches_the_deletion_of_the_last_entries(db: Database, db_path: Path) -> None:
    _fill(db)
    _sql(db_path, "DELETE FROM audit_entry WHERE id >= 3")
    with db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok and report.first_bad == 3
    assert "第3至5条审计记录被删除" in report.problem


def test_a_deleted_last_entry_stays_missing_after_later_changes(db: Database, db_path: Path) -> None:
    """New entries are numbered and chained from the head, not from what is left in the table."""
    ent_id = _fill(db)
    _sql(db_path, "DELETE FROM audit_entry WHERE id = 5")
    with db.uow() as uow:
        enterprises.update_enterprise(
            uow,
            ent_id,
            EnterpriseInput(code=CODE, name="佛山市云擎智能科技有限公司", district="禅城区"),
            actor="li",
        )
    with db.uow() as uow:
        report = audit.verify(uow)
        assert [e.id for e in audit.entries_for(uow, "enterprise", ent_id)][-1] == 6
    assert not report.ok and report.first_bad == 5 and "第5条审计记录被删除" in report.problem


def test_verify_catches_an_entry_appended_behind_the_programs_back(db: Database, db_path: Path) -> None:
    """A forged entry at the end, correctly chained and hashed, but the head was not told."""
    _fill(db)
    with db.uow() as uow:
        last = uow.session.get(audit.AuditEntry, 5)
        assert last is not None
        forged = audit.AuditEntry(
            id=6, at=last.at, actor="zhang", entity="enterprise", entity_id="1", action="update",
            changes="{}", prev_hash=last.hash, hash="",
        )  # fmt: skip
        forged.hash = audit.entry_hash(last.hash, forged)
        uow.session.expunge(last)
    _sql(
        db_path,
        "INSERT INTO audit_entry (id, at, actor, entity, entity_id, action, changes, prev_hash, hash) VALUES "
        f"(6, '{forged.at.isoformat(sep=' ')}', 'zhang', 'enterprise', '1', 'update', '{{}}', "
        f"'{forged.prev_hash}', '{forged.hash}')",
    )
    with db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok and report.first_bad == 6 and "不是由本程序追加的" in report.problem


def test_verify_catches_the_last_entry_replaced_with_a_recomputed_hash(db: Database, db_path: Path) -> None:
    _fill(db)
    with db.uow() as uow:
        entry = uow.session.get(audit.AuditEntry, 5)
        assert entry is not None
        entry.actor = "zhang"
        forged = audit.entry_hash(entry.prev_hash, entry)
    _sql(db_path, f"UPDATE audit_entry SET actor = 'zhang', hash = '{forged}' WHERE id = 5")
    with db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok and report.first_bad == 5 and "最后一条" in report.problem


def test_a_whole_chain_reports_its_last_hash_and_the_head_follows_bulk_appends(db: Database) -> None:
    _fill(db)
    with db.uow() as uow:
        trail = audit.Appender(uow.session, "wang")
        # template entries: files, not rows, so verify's comparison of records has nothing to add here
        trail.add([("template", "notice", "update", {"sha256": (f"{i}", f"{i + 1}")}) for i in range(3)])
        trail.add([("template", "notice", "update", {"sha256": ("x", "y")})])
        uow.commit()
    with db.uow() as uow:
        report = audit.verify(uow)
        last = uow.session.get(audit.AuditEntry, 9)
        assert last is not None
        assert report.ok and report.entries == 9 and report.last_hash == last.hash


def test_an_older_database_gets_its_head_from_its_entries(db: Database, db_path: Path) -> None:
    """Upgrading a database made before the head existed: the head is taken from the entries as they are."""
    _fill(db)
    db.dispose()
    _sql(db_path, "DROP TABLE audit_head")
    _sql(db_path, "DROP TABLE calendar_year")  # and what later revisions added
    _sql(
        db_path,
        "UPDATE alembic_version SET version_num = '0003_case_workflow' WHERE version_num = '0006_audit_algorithm'",
    )
    upgraded, report = open_database(sqlite_url(db_path))
    try:
        assert report.upgraded_from is not None and "0003_case_workflow" in report.upgraded_from
        with upgraded.uow() as uow:
            assert audit.verify(uow).ok
        _sql(db_path, "DELETE FROM audit_entry WHERE id = 5")
        with upgraded.uow() as uow:
            assert audit.verify(uow).first_bad == 5
    finally:
        upgraded.dispose()

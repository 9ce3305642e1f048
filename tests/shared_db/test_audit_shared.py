"""The audit trail's checks on SQLite and PostgreSQL: a direct edit of a business table, an emptied trail and
a printed anchor, with either hash algorithm."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from core.services import audit, enterprises, users
from core.services.enterprises import EnterpriseInput
from core.store.uow import Database

CODE = "914403001922038216"
PW = "admin password 1"


@pytest.mark.parametrize("algorithm", ["sha256", "sm3"])
def test_trail_checks_on_each_database(shared_db: Database, algorithm: str) -> None:
    with shared_db.uow() as uow:
        audit.set_algorithm(uow, algorithm)
    with shared_db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    with shared_db.uow() as uow:
        users.add_user(uow, "admin", "wang", "clerk", PW)
    with shared_db.uow() as uow:  # the register is kept by a clerk
        ent = enterprises.add_enterprise(
            uow, EnterpriseInput(code=CODE, name="佛山市云擎机器人科技有限公司"), actor="wang"
        )
    with shared_db.uow() as uow:
        anchor = audit.anchor_of(uow.session)
        report = audit.verify(uow, anchor)
    assert report.ok and report.algorithm == algorithm and report.entries == 3, report.text()

    with shared_db.engine.begin() as conn:
        conn.execute(text("UPDATE enterprise SET name = '改名' WHERE id = :i"), {"i": ent.id})
        conn.execute(text("UPDATE app_user SET roles = 'admin,approver' WHERE name = 'admin'"))
    with shared_db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok
    assert sorted((d.table, d.field, d.current) for d in report.outside) == [
        ("app_user", "roles", "admin,approver"),
        ("enterprise", "name", "改名"),
    ]

    with shared_db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entry"))
        conn.execute(text("DELETE FROM audit_head"))
    with shared_db.uow() as uow:
        emptied = audit.verify(uow)
        assert not emptied.ok and "审计记录为空" in emptied.problem
        printed = audit.verify(uow, anchor)
    assert not printed.ok and "已没有这一条" in printed.problem

"""Storage on each backend: a new database is migrated to every head, reopening changes nothing, amounts
come back as exact Decimals, and the version column refuses a stale write."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm.exc import StaleDataError

from core.store.migrate import current_revisions, head_revisions, open_database
from core.store.models import Enterprise
from core.store.models_workflow import CasePayment
from core.store.uow import Database


def test_a_new_database_is_migrated_to_every_head_and_reopens_unchanged(db_url: str) -> None:
    database, report = open_database(db_url)
    try:
        assert report.created
        assert current_revisions(database.engine) == head_revisions()
        assert not {"0002_users_audit", "0002_cases"} & head_revisions()  # 0003_case_workflow merges them
    finally:
        database.dispose()
    again, second = open_database(db_url)
    again.dispose()
    assert not second.created and second.upgraded_from is None and second.backup is None


def test_the_version_column_refuses_a_stale_write(shared_db: Database) -> None:
    with shared_db.uow() as uow:
        uow.session.add(Enterprise(code="914403001922038216", name="甲", name_norm="甲"))
        uow.commit()
    with shared_db.uow() as first, shared_db.uow() as second:
        a = first.session.get(Enterprise, 1)
        b = second.session.get(Enterprise, 1)
        assert a is not None and b is not None
        a.name = "乙"
        first.commit()
        b.name = "丙"
        with pytest.raises(StaleDataError):
            second.commit()
    with shared_db.uow() as uow:
        stored = uow.session.get(Enterprise, 1)
        assert stored is not None and stored.name == "乙" and stored.version == 2


def test_payment_amounts_are_exact_decimals(shared_db: Database) -> None:
    # no case exists: check the column type alone by reading back through the model's type
    column = CasePayment.__table__.c.amount
    bind = column.type.process_bind_param  # type: ignore[attr-defined]
    result = column.type.process_result_value  # type: ignore[attr-defined]
    dialect = shared_db.engine.dialect
    for text in ("0.01", "1000000.00", "99999999999.99", "-600000.00"):
        assert result(bind(Decimal(text), dialect), dialect) == Decimal(text)

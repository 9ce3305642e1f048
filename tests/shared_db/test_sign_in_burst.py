"""A burst of parallel sign-ins on one account, each on its own connection (its own Database, as separate
windows or CLI runs would be), against SQLite and PostgreSQL: every wrong password is counted, the account is
locked once at the threshold, and no StaleDataError (or any other error) reaches a caller."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.services import audit, users
from core.store.migrate import open_database
from core.store.models_audit import AuditEntry
from core.store.models_users import User
from core.store.uow import Database
from tests.unit.test_passwords import scrypt_hash

PW = "password 123"
BURST = 12
AT = datetime(2026, 12, 4, 9, 0)


@pytest.fixture
def connections(db_url: str, shared_db: Database) -> Iterator[list[Database]]:
    """BURST more Databases on the same file or server (opened one after another: no parallel migrations)."""
    opened = [open_database(db_url)[0] for _ in range(BURST)]
    yield opened
    for database in opened:
        database.dispose()


def _burst(connections: list[Database], attempt: Callable[[Database], object]) -> list[object]:
    """Run `attempt` once per connection, all threads released together; what each returned or raised."""
    start = threading.Barrier(len(connections))
    results: list[object] = [None] * len(connections)

    def run(i: int, database: Database) -> None:
        start.wait()
        try:
            results[i] = attempt(database)
        except Exception as exc:  # collected and asserted on below, whatever it is
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, d)) for i, d in enumerate(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _account(db: Database, name: str) -> tuple[int, datetime | None, int, str]:
    """failed_attempts, locked_until, version, password_hash"""
    with db.uow() as uow:
        user = uow.session.scalar(select(User).where(User.name == name))
        assert user is not None
        return user.failed_attempts, user.locked_until, user.version, user.password_hash


def test_a_parallel_burst_of_wrong_passwords_counts_every_try_and_locks_once(
    shared_db: Database, connections: list[Database]
) -> None:
    with shared_db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
        users.add_user(uow, "admin", "wang", "clerk", PW)
    version = _account(shared_db, "wang")[2]

    def wrong(database: Database) -> object:
        with database.uow() as uow:
            return users.authenticate(uow, "wang", "wrong password", at=AT)

    results = _burst(connections, wrong)
    assert [type(r).__name__ for r in results] == ["AuthError"] * BURST
    assert {str(r) for r in results} == {users.WRONG_PASSWORD}
    failed, locked_until, after, _hash = _account(shared_db, "wang")
    assert failed == BURST  # every try counted
    assert locked_until == AT + timedelta(minutes=users.LOCK_MINUTES)
    assert after == version
    with shared_db.uow() as uow:
        locks = uow.session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "lock")
        )
        assert locks == 1
        assert audit.verify(uow).ok
    # locked: the right password says so
    with shared_db.uow() as uow, pytest.raises(users.AuthError, match="已锁定至 09:15"):
        users.authenticate(uow, "wang", PW, at=AT + timedelta(minutes=1))


def test_parallel_right_passwords_on_an_old_scrypt_hash_all_sign_in_and_rehash_once(
    shared_db: Database, connections: list[Database]
) -> None:
    with shared_db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
        users.add_user(uow, "admin", "wang", "clerk", PW)
    with shared_db.engine.begin() as conn:
        conn.execute(User.__table__.update().where(User.name == "wang").values(password_hash=scrypt_hash(PW)))

    def right(database: Database) -> object:
        with database.uow() as uow:
            return users.authenticate(uow, "wang", PW, at=AT).name

    assert _burst(connections, right) == ["wang"] * BURST
    assert _account(shared_db, "wang")[3].startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    with shared_db.uow() as uow:
        rehashes = uow.session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "rehash")
        )
        assert rehashes == 1
        assert audit.verify(uow).ok

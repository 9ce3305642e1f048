"""Officers' accounts on a real database: first administrator, roles, sign-in, lock-out, passwords."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher, Type
from sqlalchemy import select, text

from core.domain.workflow import Role
from core.services import audit, passwords, users
from core.services.errors import Conflict, InputError
from core.store.models_users import User
from core.store.uow import Database
from tests.unit.test_passwords import scrypt_hash

PW = "correct horse 1"


def test_first_start_needs_an_administrator_until_one_exists(db: Database) -> None:
    with db.uow() as uow:
        assert users.needs_first_admin(uow)
        admin = users.create_first_admin(uow, "admin", PW, "系统管理员")
    assert admin.roles == {Role.ADMIN}
    with db.uow() as uow:
        assert not users.needs_first_admin(uow)
        with pytest.raises(Conflict, match="已有管理员"):
            users.create_first_admin(uow, "admin2", PW)


def test_only_an_administrator_adds_officers(db: Database) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    with db.uow() as uow:
        clerk = users.add_user(uow, "admin", "wang", "clerk,审核人", PW, "王五")
    assert clerk.roles == {Role.CLERK, Role.REVIEWER}
    assert clerk.roles_label == "经办人、审核人"
    with db.uow() as uow, pytest.raises(users.AuthError, match="只有管理员"):
        users.add_user(uow, "wang", "li", "approver", PW)
    with db.uow() as uow, pytest.raises(Conflict, match="已存在"):
        users.add_user(uow, "admin", "wang", "approver", PW)
    with db.uow() as uow, pytest.raises(InputError, match="角色“boss”"):
        users.add_user(uow, "admin", "li", "boss", PW)
    with db.uow() as uow, pytest.raises(InputError, match="至少8"):
        users.add_user(uow, "admin", "li", "approver", "short")


def test_passwords_are_stored_only_as_salted_argon2id_hashes_at_owasp_parameters(db: Database) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
        users.add_user(uow, "admin", "wang", "clerk", PW)
    with db.engine.connect() as conn:
        hashes = list(conn.execute(text("SELECT password_hash FROM app_user")).scalars())
        audit_text = " ".join(conn.execute(text("SELECT changes FROM audit_entry")).scalars())
    # the production parameters (OWASP: m=19 MiB, t=2, p=1), not a cheaper test set
    assert all(h.startswith("$argon2id$v=19$m=19456,t=2,p=1$") for h in hashes)
    assert hashes[0] != hashes[1]  # same password, different salt
    assert PW not in " ".join(hashes) and PW not in audit_text


def _failed(db: Database, name: str) -> tuple[int, datetime | None]:
    with db.uow() as uow:
        user = uow.session.scalar(select(User).where(User.name == name))
        assert user is not None
        return user.failed_attempts, user.locked_until


def test_sign_in_and_lock_out_after_five_failures_for_fifteen_minutes(db: Database) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
        users.add_user(uow, "admin", "wang", "clerk", PW)
    t0 = datetime(2025, 10, 9, 9, 0)
    with db.uow() as uow:
        assert users.authenticate(uow, "wang", PW, at=t0).name == "wang"
    with db.uow() as uow, pytest.raises(users.AuthError, match="用户名或密码不正确"):
        users.authenticate(uow, "nobody", PW, at=t0)
    for count in range(1, users.MAX_FAILURES + 1):
        with db.uow() as uow, pytest.raises(users.AuthError) as refused:
            users.authenticate(uow, "wang", "wrong password", at=t0)
        # the same answer each time, the locking one included: nothing tells how many tries are left
        assert str(refused.value) == users.WRONG_PASSWORD
        assert _failed(db, "wang") == (count, t0 + timedelta(minutes=15) if count == 5 else None)
    # locked: a wrong password still answers the same, and is still counted
    with db.uow() as uow, pytest.raises(users.AuthError) as refused:
        users.authenticate(uow, "wang", "wrong password", at=t0 + timedelta(minutes=1))
    assert str(refused.value) == users.WRONG_PASSWORD
    assert _failed(db, "wang") == (6, t0 + timedelta(minutes=15))
    # the right password is refused while locked, and says so (until when, and who can unlock)
    with db.uow() as uow, pytest.raises(users.AuthError, match=r"已锁定至 09:15.*管理员"):
        users.authenticate(uow, "wang", PW, at=t0 + timedelta(minutes=14))
    with db.uow() as uow:
        assert users.authenticate(uow, "wang", PW, at=t0 + timedelta(minutes=15, seconds=1)).name == "wang"
    # the count starts again after a success
    assert _failed(db, "wang") == (0, None)
    with db.uow() as uow, pytest.raises(users.AuthError):
        users.authenticate(uow, "wang", "wrong password", at=t0 + timedelta(minutes=20))
    assert _failed(db, "wang") == (1, None)


def test_change_password_needs_the_old_one(db: Database) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    with db.uow() as uow, pytest.raises(users.AuthError):
        users.change_password(uow, "admin", "not the password", "new password 2")
    with db.uow() as uow:
        users.change_password(uow, "admin", PW, "new password 2")
    with db.uow() as uow, pytest.raises(users.AuthError):
        users.authenticate(uow, "admin", PW)
    with db.uow() as uow:
        assert users.authenticate(uow, "admin", "new password 2").name == "admin"


def test_disabled_officer_cannot_sign_in_and_the_last_admin_stays_admin(db: Database) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
        users.add_user(uow, "admin", "wang", "clerk", PW)
    with db.uow() as uow:
        users.set_active(uow, "admin", "wang", False)
    with db.uow() as uow, pytest.raises(users.AuthError, match="已停用"):
        users.authenticate(uow, "wang", PW)
    # without the right password, a disabled account answers like any wrong password
    with db.uow() as uow, pytest.raises(users.AuthError) as refused:
        users.authenticate(uow, "wang", "wrong password")
    assert str(refused.value) == users.WRONG_PASSWORD
    with db.uow() as uow, pytest.raises(InputError, match="最后一位管理员"):
        users.set_roles(uow, "admin", "admin", "clerk")


def _set_hash(db: Database, name: str, stored: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE app_user SET password_hash = :h WHERE name = :n"), {"h": stored, "n": name})


def _stored(db: Database, name: str) -> tuple[str, int]:
    with db.engine.connect() as conn:
        row = conn.execute(text("SELECT password_hash, version FROM app_user WHERE name = :n"), {"n": name})
        stored, version = row.one()
    return str(stored), int(version)


def _rehash_entries(db: Database) -> list[tuple[str, str]]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT actor, changes FROM audit_entry WHERE action = 'rehash' ORDER BY id")
        )
        return [(str(a), str(c)) for a, c in rows]


def test_an_old_scrypt_hash_signs_in_and_is_rehashed_to_argon2id_at_the_next_success(db: Database) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
        users.add_user(uow, "admin", "wang", "clerk", PW)
    _set_hash(db, "wang", scrypt_hash(PW))  # as a database from before argon2id holds it
    old, version = _stored(db, "wang")
    # a wrong password is counted and leaves the old hash as it is
    with db.uow() as uow, pytest.raises(users.AuthError):
        users.authenticate(uow, "wang", "wrong password")
    assert _stored(db, "wang") == (old, version)
    with db.uow() as uow:
        assert users.authenticate(uow, "wang", PW).name == "wang"
    new, after = _stored(db, "wang")
    assert new.startswith("$argon2id$v=19$m=19456,t=2,p=1$") and after == version
    assert _failed(db, "wang") == (0, None)
    entries = _rehash_entries(db)
    assert len(entries) == 1 and entries[0][0] == "wang"
    assert "scrypt N=16384,r=8,p=1" in entries[0][1] and "argon2id m=19456,t=2,p=1" in entries[0][1]
    assert PW not in entries[0][1] and old not in entries[0][1] and new not in entries[0][1]
    # the new hash signs in; no second rehash
    with db.uow() as uow:
        assert users.authenticate(uow, "wang", PW).name == "wang"
    assert _stored(db, "wang")[0] == new and len(_rehash_entries(db)) == 1
    # the rehash is in the trail with the new hash's fingerprint: the stored hash agrees with it again
    with db.uow() as uow:
        report = audit.verify(uow)
    assert report.ok, report
    with db.uow() as uow:
        assert audit.verify(uow).ok


def test_an_argon2id_hash_made_with_weaker_parameters_is_rehashed_at_sign_in(db: Database) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    _set_hash(
        db, "admin", PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID).hash(PW)
    )
    with db.uow() as uow:
        users.authenticate(uow, "admin", PW)
    assert _stored(db, "admin")[0].startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert "argon2id m=8192,t=1,p=1" in _rehash_entries(db)[0][1]


class _CountingHasher:
    """Wraps the module's argon2 hasher and counts verifications (each costs one hash's time)."""

    def __init__(self, inner: PasswordHasher) -> None:
        self.inner, self.verified = inner, 0

    def verify(self, stored: str, password: str) -> bool:
        self.verified += 1
        return self.inner.verify(stored, password)

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


def test_unknown_locked_disabled_and_passwordless_accounts_answer_exactly_like_a_wrong_password(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
        for name in ("wang", "locked", "off"):
            users.add_user(uow, "admin", name, "clerk", PW)
        users.add_without_password(uow, "admin", "demo_li", "reviewer")
    with db.uow() as uow:
        users.set_active(uow, "admin", "off", False)
    t0 = datetime(2026, 12, 4, 9, 0)
    for _ in range(users.MAX_FAILURES):
        with db.uow() as uow, pytest.raises(users.AuthError):
            users.authenticate(uow, "locked", "wrong password", at=t0)
    assert _failed(db, "locked")[1] is not None
    hasher = _CountingHasher(passwords._HASHER)
    monkeypatch.setattr(passwords, "_HASHER", hasher)
    answers = {}
    for name, password in (
        ("wang", "wrong password"),
        ("nobody", PW),
        ("locked", "wrong password"),
        ("off", "wrong password"),
        ("demo_li", PW),
        ("demo_li", "!"),
    ):
        before = hasher.verified
        with db.uow() as uow, pytest.raises(users.AuthError) as refused:
            users.authenticate(uow, name, password, at=t0 + timedelta(minutes=1))
        answers[name] = (type(refused.value), str(refused.value))
        assert hasher.verified == before + 1, name  # one hash checked, also for no account and no password
    assert set(answers.values()) == {(users.AuthError, users.WRONG_PASSWORD)}
    assert "已锁定" not in users.WRONG_PASSWORD and "已停用" not in users.WRONG_PASSWORD
    # with the right password, each says what it is
    with db.uow() as uow, pytest.raises(users.AuthError, match=r"“locked”.*已锁定至 09:15.*管理员"):
        users.authenticate(uow, "locked", PW, at=t0 + timedelta(minutes=1))
    with db.uow() as uow, pytest.raises(users.AuthError, match="“off”已停用，请联系管理员"):
        users.authenticate(uow, "off", PW, at=t0 + timedelta(minutes=1))


def test_a_lock_that_ran_out_starts_a_new_count_and_a_lock_past_midnight_names_the_day(db: Database) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
        users.add_user(uow, "admin", "wang", "clerk", PW)
    t0 = datetime(2026, 12, 4, 23, 50)
    for _ in range(users.MAX_FAILURES):
        with db.uow() as uow, pytest.raises(users.AuthError):
            users.authenticate(uow, "wang", "wrong password", at=t0)
    with db.uow() as uow, pytest.raises(users.AuthError, match="已锁定至 2026-12-05 00:05"):
        users.authenticate(uow, "wang", PW, at=t0)
    with db.uow() as uow, pytest.raises(users.AuthError):
        users.authenticate(uow, "wang", "wrong password", at=t0 + timedelta(minutes=16))
    assert _failed(db, "wang") == (1, None)  # not locked again by one try after the lock ran out


def test_counting_failures_leaves_the_version_an_administrators_edit_relies_on(db: Database) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
        users.add_user(uow, "admin", "wang", "clerk", PW)
    with db.uow() as admin_uow:
        seen = users.get_user(admin_uow, "wang").version  # the administrator has the account open
        for _ in range(3):
            with db.uow() as uow, pytest.raises(users.AuthError):
                users.authenticate(uow, "wang", "wrong password")
        with db.uow() as uow:
            users.authenticate(uow, "wang", PW)
        assert _stored(db, "wang")[1] == seen
        users.set_roles(admin_uow, "admin", "wang", "clerk,reviewer")  # no StaleDataError
    assert _failed(db, "wang") == (0, None)


def test_the_count_is_re_read_in_its_transaction_where_update_returning_is_missing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    monkeypatch.setattr(db.engine.dialect, "update_returning", False)  # as on SQLite before 3.35
    for _ in range(users.MAX_FAILURES):
        with db.uow() as uow, pytest.raises(users.AuthError):
            users.authenticate(uow, "admin", "wrong password", at=datetime(2026, 12, 4, 9, 0))
    assert _failed(db, "admin") == (5, datetime(2026, 12, 4, 9, 15))

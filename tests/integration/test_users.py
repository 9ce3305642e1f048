"""Officers' accounts on a real database: first administrator, roles, sign-in, lock-out, passwords."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from core.domain.workflow import Role
from core.services import users
from core.services.errors import Conflict, InputError
from core.store.models_users import User
from core.store.uow import Database

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

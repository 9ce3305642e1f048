"""Officers' local accounts: the first administrator, adding officers with roles, signing in, passwords.

Passwords are hashed with argon2id at OWASP's parameters (`core.services.passwords`, which also still verifies
the scrypt hashes of earlier versions; those are rehashed at the next successful sign-in); the clear text is
never stored, logged or put in an audit entry. Five wrong passwords in a row lock the account for 15 minutes,
counted atomically in the database so that parallel attempts each count. Until the password is right, a
locked, disabled or unknown account answers exactly like a wrong password. Only an administrator manages
accounts (the very first one is created at first start).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Table, and_, case, or_, select, update

from core.domain import clock
from core.domain.workflow import Role, parse_roles
from core.services import audit, passwords
from core.services.errors import Conflict, InputError, NotFound
from core.store.models_users import User
from core.store.uow import UnitOfWork

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8
WRONG_PASSWORD = f"用户名或密码不正确（连续输错{MAX_FAILURES}次，账户将锁定{LOCK_MINUTES}分钟）。"
_ROLE_ORDER = list(Role)
_USERS = cast(Table, User.__table__)  # for the counters' plain UPDATEs

hash_password = passwords.hash_password
password_matches = passwords.verify


class AuthError(InputError):
    """Sign-in refused: wrong name or password, locked or disabled account, missing role."""


@dataclass(frozen=True)
class UserView:
    id: int
    name: str
    display_name: str
    roles: frozenset[Role]
    active: bool
    locked_until: datetime | None
    created_at: datetime
    version: int

    @property
    def roles_label(self) -> str:
        return "、".join(r.label for r in sorted(self.roles, key=_ROLE_ORDER.index))

    @property
    def shown_name(self) -> str:
        return f"{self.display_name}（{self.name}）" if self.display_name else self.name

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "display_name": self.display_name,
            "roles": [r.value for r in sorted(self.roles, key=_ROLE_ORDER.index)],
            "active": self.active,
            "locked_until": self.locked_until.isoformat(timespec="seconds") if self.locked_until else None,
            "created_at": self.created_at.isoformat(timespec="seconds"),
        }


def _roles_text(roles: frozenset[Role]) -> str:
    return ",".join(r.value for r in sorted(roles, key=_ROLE_ORDER.index))


def _roles_of(user: User) -> frozenset[Role]:
    return frozenset(Role(r) for r in user.roles.split(",") if r)


def _view(u: User) -> UserView:
    return UserView(
        u.id, u.name, u.display_name, _roles_of(u), u.active, u.locked_until, u.created_at, u.version
    )


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"密码至少{MIN_PASSWORD}个字符。", {"password": "太短"})
    if password.strip() != password or not password.strip():
        raise InputError("密码首尾不能有空格。", {"password": "首尾空格"})


def _check_name(name: str) -> str:
    value = name.strip()
    if not value:
        raise InputError("用户名不能为空。", {"name": "必填"})
    if len(value) > 50 or any(c.isspace() or c in ",;$" for c in value):
        raise InputError("用户名最多50个字符，不能含空格、逗号、分号或 $。", {"name": "格式"})
    return value


def _parse_roles(roles: str | frozenset[Role] | set[Role]) -> frozenset[Role]:
    if isinstance(roles, str):
        try:
            parsed = parse_roles(roles)
        except ValueError as exc:
            raise InputError(str(exc), {"roles": "无法识别"}) from None
    else:
        parsed = frozenset(roles)
    if not parsed:
        raise InputError("请至少选择一个角色（经办人、审核人、审批人、管理员）。", {"roles": "必填"})
    return parsed


def _admins(uow: UnitOfWork) -> list[User]:
    return [
        u
        for u in uow.session.scalars(select(User).where(User.active.is_(True)))
        if Role.ADMIN in _roles_of(u)
    ]


def needs_first_admin(uow: UnitOfWork) -> bool:
    """True until an active administrator exists: the window (or CLI) then asks for one first."""
    return not _admins(uow)


def count_users(uow: UnitOfWork) -> int:
    return len(list(uow.session.scalars(select(User.id))))


NO_PASSWORD = "!"  # matches no password (no algorithm: `passwords.algorithm` → "none"): cannot sign in


def _insert(
    uow: UnitOfWork, actor: str, name: str, roles: frozenset[Role], password: str | None, display_name: str
) -> UserView:
    session = uow.session
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise Conflict(f"用户名“{name}”已存在。")
    user = User(
        name=name,
        display_name=" ".join(display_name.split()),
        roles=_roles_text(roles),
        password_hash=hash_password(password) if password is not None else NO_PASSWORD,
        failed_attempts=0,
        active=True,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        "user",
        user.id,
        "create",
        audit.created({"name": user.name, "display_name": user.display_name, "roles": user.roles}),
    )
    uow.commit()
    return _view(user)


def create_first_admin(uow: UnitOfWork, name: str, password: str, display_name: str = "") -> UserView:
    """The first administrator, at first start; refused once an administrator exists."""
    if not needs_first_admin(uow):
        raise Conflict("已有管理员账户，请由管理员登录后添加用户。")
    name = _check_name(name)
    _check_password(password)
    return _insert(uow, name, name, frozenset({Role.ADMIN}), password, display_name)


def _require_admin(uow: UnitOfWork, actor: str) -> None:
    user = uow.session.scalar(select(User).where(User.name == actor))
    if user is None or not user.active or Role.ADMIN not in _roles_of(user):
        raise AuthError(f"只有管理员才能管理用户（{actor} 不是管理员）。")


def add_user(
    uow: UnitOfWork,
    actor: str,
    name: str,
    roles: str | frozenset[Role] | set[Role],
    password: str,
    display_name: str = "",
) -> UserView:
    """Add an officer. `actor` must be an administrator, except for the first administrator while none exists
    (first start, `create_first_admin`): the only account, and the only write, that needs no sign-in."""
    name = _check_name(name)
    parsed = _parse_roles(roles)
    _check_password(password)
    if not (needs_first_admin(uow) and Role.ADMIN in parsed):
        _require_admin(uow, actor)
    return _insert(uow, actor, name, parsed, password, display_name)


def add_without_password(
    uow: UnitOfWork, actor: str, name: str, roles: str | frozenset[Role] | set[Role], display_name: str = ""
) -> UserView:
    """An officer on record who cannot sign in: no password until an administrator sets one (设置 → 用户,
    `reset_password`). Used for the demo's officers, so the demo's cases have real drafters, reviewers and
    approvers without a password anyone could know. Never an administrator: a database holding only such
    accounts still asks for its first administrator at first start."""
    name = _check_name(name)
    parsed = _parse_roles(roles)
    if Role.ADMIN in parsed:
        raise InputError("没有密码的账户不能是管理员。", {"roles": "管理员"})
    return _insert(uow, actor, name, parsed, None, display_name)


def _wrong() -> AuthError:
    """The one answer to a wrong password, an unknown name, and a locked or disabled account whose password
    was not given: the same text (and class, so the same CLI exit code) whatever the account's state."""
    return AuthError(WRONG_PASSWORD)


def _rows(result: Any) -> int:
    """How many rows an UPDATE matched (SQLite and PostgreSQL both report it for UPDATE … WHERE)."""
    return cast(CursorResult[Any], result).rowcount


def _when(moment: datetime, at: datetime) -> str:
    return f"{moment:%H:%M}" if moment.date() == at.date() else f"{moment:%Y-%m-%d %H:%M}"


def _count_failure(uow: UnitOfWork, user_id: int, name: str, at: datetime) -> None:
    """One wrong password, counted in the database (not read-modify-write in Python): one UPDATE adds 1 (or
    starts a new count of 1 when an earlier lock has run out), so a burst of parallel attempts, each on its own
    connection, counts every try. The attempt that reaches MAX_FAILURES on an unlocked account locks it with a
    second, conditional UPDATE, which only one attempt wins (it writes the "lock" audit entry). Both run in one
    transaction, committed here. Neither bumps `version`: see `authenticate`."""
    table = _USERS
    expired = and_(table.c.locked_until.is_not(None), table.c.locked_until <= at)
    bump = (
        update(table)
        .where(table.c.id == user_id)
        .values(
            failed_attempts=case((expired, 1), else_=table.c.failed_attempts + 1),
            locked_until=case((expired, None), else_=table.c.locked_until),
        )
    )
    session = uow.session
    if session.get_bind().dialect.update_returning:
        count = session.execute(bump.returning(table.c.failed_attempts)).scalar_one()
    else:  # re-read in the same transaction, which holds the row's write lock since the UPDATE
        session.execute(bump)
        count = session.execute(select(table.c.failed_attempts).where(table.c.id == user_id)).scalar_one()
    if count >= MAX_FAILURES:
        until = at + timedelta(minutes=LOCK_MINUTES)
        locked = session.execute(
            update(table)
            .where(table.c.id == user_id, table.c.locked_until.is_(None))
            .values(locked_until=until)
        )
        if _rows(locked) == 1:
            audit.record(session, name, "user", user_id, "lock", {"locked_until": (None, until)})
    uow.commit()


def _signed_in(uow: UnitOfWork, user: User, password: str) -> None:
    """The right password on an active, unlocked account: the count starts again (one UPDATE that matches only
    when there is something to clear), and a scrypt hash, or an argon2id hash made with other parameters, is replaced by
    one made with today's (compare-and-set on the old hash, so two parallel sign-ins rehash once)."""
    table = _USERS
    session = uow.session
    rehash = passwords.needs_rehash(user.password_hash)
    fresh = passwords.hash_password(password) if rehash else None  # before any write: no lock held meanwhile
    # decided by the database, not by our earlier read: a count added meanwhile is cleared too
    session.execute(
        update(table)
        .where(table.c.id == user.id, or_(table.c.failed_attempts != 0, table.c.locked_until.is_not(None)))
        .values(failed_attempts=0, locked_until=None)
    )
    if fresh is not None:
        rehashed = session.execute(
            update(table)
            .where(table.c.id == user.id, table.c.password_hash == user.password_hash)
            .values(password_hash=fresh)
        )
        if _rows(rehashed) == 1:
            change = {"algorithm": (passwords.describe(user.password_hash), passwords.describe(fresh))}
            audit.record(session, user.name, "user", user.id, "rehash", change)
    uow.commit()
    session.expire(user)


def authenticate(uow: UnitOfWork, name: str, password: str, at: datetime | None = None) -> UserView:
    """Sign in. The password is checked first, for every account and for names that are not accounts (against a
    dummy hash, so it takes as long); until it is right, the answer is WRONG_PASSWORD whatever the account's
    state (unknown, disabled, locked, no password), so neither existence nor state leaks. With the right
    password, a disabled account says so, and a locked one says until when.

    Every wrong password on an existing account is counted atomically (`_count_failure`), also while it is
    locked or disabled; the MAX_FAILURES-th locks it for LOCK_MINUTES. A success resets the count and rehashes
    an old hash (`_signed_in`). Commits the count either way.

    The counters and the rehash are written by plain UPDATEs that do not bump the optimistic-lock `version`:
    `version` guards what an administrator edits from a view they read (roles, active, password); a sign-in
    attempt landing in between must not turn their save into a conflict, and parallel attempts must not fail
    each other (the StaleDataError of issue 16). The ORM's own writes only set the columns they change, so they
    do not overwrite a count either."""
    at = at or clock.now()
    session = uow.session
    user = session.scalar(select(User).where(User.name == name.strip()))
    if user is None:
        passwords.spend_time(password)
        raise _wrong()
    if not passwords.verify(password, user.password_hash):
        _count_failure(uow, user.id, user.name, at)
        raise _wrong()
    if not user.active:
        raise AuthError(f"账户“{user.name}”已停用，请联系管理员。")
    if user.locked_until is not None and user.locked_until > at:
        raise AuthError(
            f"账户“{user.name}”因密码连续输错{MAX_FAILURES}次已锁定至 {_when(user.locked_until, at)}，"
            "请届时再试，或请管理员重设密码以解锁。"
        )
    _signed_in(uow, user, password)
    return _view(user)


def change_password(uow: UnitOfWork, name: str, old_password: str, new_password: str) -> None:
    """The officer changes their own password (the old one is checked like a sign-in)."""
    view = authenticate(uow, name, old_password)
    _check_password(new_password)
    if new_password == old_password:
        raise InputError("新密码不能与原密码相同。", {"password": "相同"})
    user = uow.session.get(User, view.id)
    assert user is not None
    user.password_hash = hash_password(new_password)
    audit.record(uow.session, name, "user", user.id, "set_password", {})
    uow.commit()


def reset_password(uow: UnitOfWork, actor: str, name: str, new_password: str) -> None:
    """An administrator sets a new password for an officer (and unlocks the account)."""
    _require_admin(uow, actor)
    _check_password(new_password)
    user = _get(uow, name)
    user.password_hash = hash_password(new_password)
    user.failed_attempts = 0
    user.locked_until = None
    audit.record(uow.session, actor, "user", user.id, "set_password", {})
    uow.commit()


def set_roles(uow: UnitOfWork, actor: str, name: str, roles: str | frozenset[Role] | set[Role]) -> UserView:
    _require_admin(uow, actor)
    parsed = _parse_roles(roles)
    user = _get(uow, name)
    before = user.roles
    if user.name == actor and Role.ADMIN not in parsed and len(_admins(uow)) == 1:
        raise InputError("不能取消最后一位管理员的管理员角色。")
    user.roles = _roles_text(parsed)
    audit.record(
        uow.session, actor, "user", user.id, "update", audit.diff({"roles": before}, {"roles": user.roles})
    )
    uow.commit()
    return _view(user)


def set_active(uow: UnitOfWork, actor: str, name: str, active: bool) -> UserView:
    _require_admin(uow, actor)
    user = _get(uow, name)
    if not active and user.name == actor:
        raise InputError("不能停用自己的账户。")
    before = user.active
    user.active = active
    audit.record(
        uow.session, actor, "user", user.id, "update", audit.diff({"active": before}, {"active": active})
    )
    uow.commit()
    return _view(user)


def _get(uow: UnitOfWork, name: str) -> User:
    user = uow.session.scalar(select(User).where(User.name == name.strip()))
    if user is None:
        raise NotFound(f"用户“{name}”不存在。")
    return user


def get_user(uow: UnitOfWork, name: str) -> UserView:
    return _view(_get(uow, name))


def shown_names(uow: UnitOfWork, names: Iterable[str]) -> dict[str, str]:
    """How to show these sign-in names to people: “陈晓明（demo_chen）” where the officer has a display name,
    else the sign-in name (also for a name that is not an officer, such as the demo or the system)."""
    wanted = sorted({n for n in names if n})
    rows = uow.session.execute(select(User.name, User.display_name).where(User.name.in_(wanted)))
    found = {name: f"{shown}（{name}）" if shown else name for name, shown in rows}
    return {n: found.get(n, n) for n in wanted}


def list_users(uow: UnitOfWork) -> list[UserView]:
    return [_view(u) for u in uow.session.scalars(select(User).order_by(User.name))]


def require_role(user: UserView, role: Role) -> None:
    if role not in user.roles:
        raise AuthError(
            f"此操作须由{role.label}办理，{user.shown_name}的角色为：{user.roles_label or '无'}。"
        )

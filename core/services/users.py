"""Officers' local accounts: the first administrator, adding officers with roles, signing in, passwords.

Passwords are hashed with scrypt (memory-hard: N=2^14, r=8, p=1 → 16 MiB a hash) and a per-user random salt;
the clear text is never stored, logged or put in an audit entry. Five wrong passwords in a row lock the account
for 15 minutes. Only an administrator manages accounts (the very first one is created at first start).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from core.domain.workflow import Role, parse_roles
from core.services import audit
from core.services.errors import Conflict, InputError, NotFound
from core.store.models import now
from core.store.models_users import User
from core.store.uow import UnitOfWork

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024
_ROLE_ORDER = list(Role)


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


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=_MAXMEM, dklen=32
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        candidate = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_MAXMEM,
            dklen=len(digest) // 2,
        )
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest)


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


NO_PASSWORD = "!"  # matches no password (not a scrypt hash): the account cannot sign in


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


def authenticate(uow: UnitOfWork, name: str, password: str, at: datetime | None = None) -> UserView:
    """Sign in. Wrong name or password: one message for both (names are not revealed). The fifth failure in a
    row locks the account for 15 minutes; a success resets the count. Commits the count either way."""
    at = at or now()
    session = uow.session
    user = session.scalar(select(User).where(User.name == name.strip()))
    if user is None:
        password_matches(password, hash_password("x" * MIN_PASSWORD))  # same time as a real check
        raise AuthError("用户名或密码不正确。")
    if not user.active:
        raise AuthError(f"账户“{user.name}”已停用，请联系管理员。")
    if user.locked_until is not None and user.locked_until > at:
        raise AuthError(
            f"密码连续输错{MAX_FAILURES}次，账户“{user.name}”已锁定至 {user.locked_until:%H:%M}，"
            "请稍后再试或请管理员解锁。"
        )
    if not password_matches(password, user.password_hash):
        user.failed_attempts += 1
        left = MAX_FAILURES - user.failed_attempts
        if left <= 0:
            user.failed_attempts = 0
            user.locked_until = at + timedelta(minutes=LOCK_MINUTES)
            audit.record(
                session, user.name, "user", user.id, "lock", {"locked_until": (None, user.locked_until)}
            )
            uow.commit()
            raise AuthError(
                f"密码连续输错{MAX_FAILURES}次，账户“{user.name}”已锁定{LOCK_MINUTES}分钟"
                f"（至 {user.locked_until:%H:%M}）。"
            )
        uow.commit()
        raise AuthError(f"用户名或密码不正确（再错{left}次将锁定{LOCK_MINUTES}分钟）。")
    if user.failed_attempts or user.locked_until is not None:
        user.failed_attempts = 0
        user.locked_until = None
        uow.commit()
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

"""The one check every use case that changes data (or exports personal data) makes before it writes.

`require(session, actor, action)`: on a database with any officer, `actor` must be an active officer holding a
role `core.domain.permissions.PERMISSIONS` allows for `action`, else `NotPermitted` (an InputError: the CLI
exits 2, the window shows the message). On a database without officers every action is open (a fresh install,
a scratch file) and is recorded under the system actor unless a name was given. The caller authenticates (the
window's sign-in dialog, the CLI's `--user/--password-env`); this names who, and checks what they may do.

The actor is always passed by the caller (the window passes its signed-in officer, the CLI `--user`); an
empty actor on a database with officers is refused, never taken from the OS user or a process-wide global.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from core.domain.permissions import PERMISSIONS, Action, roles_text
from core.domain.workflow import Role
from core.services import audit
from core.services.users import AuthError
from core.store.models_users import User
from core.store.uow import UnitOfWork

SIGN_IN_HINT = "命令行请加全局参数 --user 用户名 --password-env 环境变量名；桌面窗口请以有此角色的账户登录。"


class NotPermitted(AuthError):
    """Not signed in, or the officer's roles do not allow the action."""


def has_officers(session: Session | UnitOfWork) -> bool:
    s = session.session if isinstance(session, UnitOfWork) else session
    return bool(s.scalar(select(exists().where(User.id.is_not(None)))))


def needed(action: Action) -> str:
    return f"“{action.label}”须由{roles_text(PERMISSIONS[action])}登录办理"


def require(session: Session | UnitOfWork, actor: str, action: Action) -> str:
    """The actor to record for `action`, or NotPermitted. See the module docstring."""
    s = session.session if isinstance(session, UnitOfWork) else session
    who = audit.actor_or_system(actor)
    if not has_officers(s):
        return who
    user = s.scalar(select(User).where(User.name == who)) if who != audit.SYSTEM else None
    if user is None or not user.active:
        raise NotPermitted(f"数据库已有用户，{needed(action)}。{SIGN_IN_HINT}")
    roles = frozenset(Role(r) for r in user.roles.split(",") if r)
    if not PERMISSIONS[action] & roles:
        have = "、".join(r.label for r in roles) or "无"
        raise NotPermitted(f"{needed(action)}；{user.name} 的角色为：{have}。")
    return who

"""`users add|list|passwd|roles|reset-password|disable|enable`: officers' accounts.

Passwords come from environment variables, never from the command line. Managing and listing accounts needs an
administrator (`--user NAME --password-env VAR` before the command), except while the database has no
administrator yet: then the first administrator (`--roles admin`) may be added without signing in (first
start), the only write that needs no sign-in. `users permissions` prints the permission table.
"""

from __future__ import annotations

import os
import unicodedata
from typing import Any

from core.cli.common import EXIT_OK, CliInputError, Context, add_json_flag
from core.domain import permissions
from core.domain.permissions import Action
from core.services import users as svc


def register(sub: Any) -> None:
    p = sub.add_parser("users", help="用户：添加、列出、改密码、角色、停用")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)

    add = cmds.add_parser("add", help="添加用户（须管理员登录；尚无管理员时可不登录添加第一位管理员）")
    add.add_argument("name", help="用户名（登录名）")
    add.add_argument("--roles", required=True, help="角色，逗号分隔：clerk,reviewer,approver,admin")
    add.add_argument(
        "--password-env",
        dest="new_password_env",
        metavar="VAR",
        required=True,
        help="保存新用户密码的环境变量名",
    )
    add.add_argument("--display-name", default="", help="姓名")
    add_json_flag(add)
    add.set_defaults(handler=add_cmd)

    lst = cmds.add_parser("list", help="列出用户（须管理员登录）")
    add_json_flag(lst)
    lst.set_defaults(handler=list_cmd)

    perm = cmds.add_parser("permissions", help="各角色可办理的事项（权限表；无需登录）")
    add_json_flag(perm)
    perm.set_defaults(handler=permissions_cmd)

    pw = cmds.add_parser("passwd", help="修改自己的密码（--user 与 --password-env 给出原密码）")
    pw.add_argument("--new-password-env", metavar="VAR", required=True, help="保存新密码的环境变量名")
    add_json_flag(pw)
    pw.set_defaults(handler=passwd_cmd)

    roles = cmds.add_parser("roles", help="设置用户的角色（管理员）")
    roles.add_argument("name")
    roles.add_argument("--roles", required=True)
    add_json_flag(roles)
    roles.set_defaults(handler=roles_cmd)

    reset = cmds.add_parser("reset-password", help="重设用户密码并解锁（管理员）")
    reset.add_argument("name")
    reset.add_argument("--new-password-env", metavar="VAR", required=True)
    add_json_flag(reset)
    reset.set_defaults(handler=reset_cmd)

    for action, active, text in (
        ("disable", False, "停用用户（管理员）"),
        ("enable", True, "启用用户（管理员）"),
    ):
        cmd = cmds.add_parser(action, help=text)
        cmd.add_argument("name")
        add_json_flag(cmd)
        cmd.set_defaults(handler=active_cmd, active=active)


def _secret(var: str) -> str:
    value = os.environ.get(var)
    if value is None:
        raise CliInputError(f"环境变量 {var} 未设置（应保存密码）。")
    return value


def add_cmd(ctx: Context) -> int:
    a = ctx.args
    password = _secret(a.new_password_env)
    with ctx.db().uow() as uow:
        first = svc.needs_first_admin(uow)
    if first and not a.user:  # the one unsigned write: the first administrator (a fresh or demo database)
        if set(a.roles.replace("，", ",").split(",")) - {"admin", "管理员"}:
            raise CliInputError(
                "尚无管理员：不登录时只能添加第一位管理员（--roles admin）；其他用户由管理员登录后添加。"
            )
        with ctx.db().uow() as uow:
            view = svc.create_first_admin(uow, a.name, password, a.display_name)
    else:
        actor = ctx.require(Action.USERS_MANAGE)
        with ctx.db().uow() as uow:
            view = svc.add_user(uow, actor, a.name, a.roles, password, a.display_name)
    ctx.emit(view.to_json(), f"已添加用户：{view.shown_name}（{view.roles_label}）")
    return EXIT_OK


def list_cmd(ctx: Context) -> int:
    ctx.require(Action.USERS_LIST)  # names and roles of officers: personal data
    with ctx.db().uow() as uow:
        rows = svc.list_users(uow)
    ctx.emit(
        [u.to_json() for u in rows],
        lambda: (
            "\n".join(
                f"{u.name:<16}{u.display_name:<10}{u.roles_label}{'' if u.active else '（已停用）'}"
                for u in rows
            )
            + f"\n共 {len(rows)} 个用户"
        ),
    )
    return EXIT_OK


def passwd_cmd(ctx: Context) -> int:
    a = ctx.args
    if not a.user or not a.password_env:
        raise CliInputError("请用 --user 用户名 --password-env 原密码变量 指明是谁在修改密码。")
    new = _secret(a.new_password_env)
    with ctx.db().uow() as uow:
        svc.change_password(uow, a.user, _secret(a.password_env), new)
    ctx.emit({"ok": True, "name": a.user}, f"已修改 {a.user} 的密码。")
    return EXIT_OK


def _pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - used)


def permissions_cmd(ctx: Context) -> int:
    table = permissions.rows()
    wide = max(len(row.label) for row in table) * 2 + 2

    def text() -> str:
        head = _pad("事项", wide) + "".join(_pad(r.label, 8) for r in permissions.ROLE_ORDER)
        body = [
            _pad(row.label, wide)
            + "".join(_pad("✓" if r in row.roles else "—", 8) for r in permissions.ROLE_ORDER)
            for row in table
        ]
        return "\n".join([head, *body])

    ctx.emit([row.to_json() for row in table], text)
    return EXIT_OK


def roles_cmd(ctx: Context) -> int:
    actor = ctx.require(Action.USERS_MANAGE)
    with ctx.db().uow() as uow:
        view = svc.set_roles(uow, actor, ctx.args.name, ctx.args.roles)
    ctx.emit(view.to_json(), f"{view.shown_name} 的角色：{view.roles_label}")
    return EXIT_OK


def reset_cmd(ctx: Context) -> int:
    actor = ctx.require(Action.USERS_MANAGE)
    with ctx.db().uow() as uow:
        svc.reset_password(uow, actor, ctx.args.name, _secret(ctx.args.new_password_env))
    ctx.emit({"ok": True, "name": ctx.args.name}, f"已重设 {ctx.args.name} 的密码。")
    return EXIT_OK


def active_cmd(ctx: Context) -> int:
    actor = ctx.require(Action.USERS_MANAGE)
    with ctx.db().uow() as uow:
        view = svc.set_active(uow, actor, ctx.args.name, ctx.args.active)
    ctx.emit(view.to_json(), f"{view.shown_name}：{'已启用' if view.active else '已停用'}")
    return EXIT_OK

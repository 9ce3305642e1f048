"""What every command shares: the database it opens, printing results, and turning errors into exit codes.

The database layer (SQLAlchemy) is imported when a command first opens the database, not with this module:
`--version` and `reward compute` never need it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from core.domain.money import MoneyError
from core.domain.permissions import Action, allowed
from core.paths import default_db_path
from core.services.errors import Conflict, InputError, NotFound, ServiceError

if TYPE_CHECKING:
    from core.services.users import UserView
    from core.store.uow import Database

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class CliInputError(Exception):
    """Bad input found by the command itself (a missing file, a malformed option value)."""


@dataclass
class Context:
    args: argparse.Namespace
    _db: Database | None = field(default=None, repr=False)
    _actor: UserView | None = field(default=None, repr=False)

    @property
    def as_json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def database_url(self) -> str:
        from core.store.engine import sqlite_url

        if self.args.db_url:
            return str(self.args.db_url)
        path = Path(self.args.db) if self.args.db else default_db_path()
        return sqlite_url(path.expanduser().resolve()).render_as_string(hide_password=False)

    def db(self) -> Database:
        if self._db is None:
            from core.store.migrate import open_database

            self._db, _report = open_database(self.database_url())
        return self._db

    def actor(self) -> UserView:
        """The signed-in officer: `--user NAME --password-env VAR`, authenticated (wrong password, locked or
        disabled account → AuthError, exit 2). Commands that change cases or accounts call this."""
        if self._actor is None:
            from core.services import users

            name = getattr(self.args, "user", None)
            var = getattr(self.args, "password_env", None)
            if not name or not var:
                raise CliInputError("此命令须登录：请加全局参数 --user 用户名 --password-env 环境变量名。")
            password = os.environ.get(var)
            if password is None:
                raise CliInputError(f"环境变量 {var} 未设置（应保存用户 {name} 的密码）。")
            with self.db().uow() as uow:
                self._actor = users.authenticate(uow, name, password)
        return self._actor

    def require(self, action: Action) -> str:
        """The officer to record for `action` (core.domain.permissions): on a database with officers, the
        signed-in officer holding a role the table allows, else exit 2 naming the roles and how to sign in.
        On a database without officers, the system actor (or the named officer when --user was given)."""
        from core.services import access, audit

        if not self._officers():
            return self.actor().name if getattr(self.args, "user", None) else audit.SYSTEM
        if not getattr(self.args, "user", None) or not getattr(self.args, "password_env", None):
            raise CliInputError(
                f"数据库已有用户，{access.needed(action)}：请加全局参数 --user 用户名 --password-env 环境变量名"
                "（该环境变量保存密码）。"
            )
        user = self.actor()
        if not allowed(user.roles, action):
            raise access.NotPermitted(
                f"{access.needed(action)}；{user.shown_name}的角色为：{user.roles_label or '无'}。"
            )
        return user.name

    def _officers(self) -> bool:
        from core.services import access

        with self.db().uow() as uow:
            return access.has_officers(uow)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None

    def emit(self, payload: Any, text: str | Callable[[], str]) -> None:
        """Print JSON when --json was given, else the human-readable text."""
        if self.as_json:
            print_json(payload)
        else:
            print(text() if callable(text) else text)

    def fail(self, code: int, message: str, extra: dict[str, Any] | None = None) -> int:
        if self.as_json:
            print(json.dumps({"error": message, **(extra or {})}, ensure_ascii=False))
        else:
            print(f"错误：{message}", file=sys.stderr)
        return code


def print_json(payload: Any, stream: TextIO | None = None) -> None:
    """`payload` as JSON on `stream` (stdout): indented for a person at a terminal, compact for a pipe or a
    file (a script reads it; the pure-Python indenting encoder costs seconds on 100,000 rows)."""
    out = sys.stdout if stream is None else stream
    if out.isatty():
        text = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
    else:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    print(text, file=out)


Handler = Callable[[Context], int]


def run_handler(handler: Handler, ctx: Context) -> int:
    try:
        return handler(ctx)
    except InputError as exc:
        return ctx.fail(EXIT_BAD_INPUT, str(exc), {"fields": exc.fields} if exc.fields else None)
    except (CliInputError, MoneyError, NotFound, Conflict) as exc:
        return ctx.fail(EXIT_BAD_INPUT, str(exc))
    except ServiceError as exc:
        return ctx.fail(EXIT_FAILURE, str(exc))
    except (
        BrokenPipeError
    ):  # the reader went away (`… --json | head`): stop quietly, as the Python docs advise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception as exc:  # a bug or a broken database: say what happened, never a bare traceback
        return ctx.fail(EXIT_FAILURE, f"内部错误（{type(exc).__name__}）：{exc}")
    finally:
        ctx.close()


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（供脚本使用）")

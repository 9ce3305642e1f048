"""The global options (`--db`, `--db-url`, `--lang`, `--user`, `--password-env`), shared by the CLI and the window's start-up.

Kept apart from the command modules so that opening the window does not import every command.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def add_global_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--db", metavar="PATH", help="SQLite 数据库文件（默认：用户数据目录中的 subsidy-desk.sqlite）"
    )
    where.add_argument(
        "--db-url", metavar="URL", help="数据库 URL，如 postgresql://user@host/subsidy（多人共用）"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="界面语言（仅桌面窗口）")
    add_identity_options(parser)


def add_identity_options(parser: argparse.ArgumentParser) -> None:
    """Who runs a command: the officer's name, and the environment variable holding the password (a password
    is never given on the command line, where other users of the machine could read it)."""
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="以此用户身份办理（数据库已有用户时，凡改动数据、导出个人信息均须登录，见 users permissions）",
    )
    parser.add_argument(
        "--password-env", metavar="VAR", help="保存该用户密码的环境变量名（不在命令行中写密码）"
    )


def parse_global(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """The global options, and what is left (a command and its arguments, if any)."""
    parser = argparse.ArgumentParser(add_help=False)
    add_global_options(parser)
    return parser.parse_known_args(list(argv))


def wants_gui(argv: Sequence[str]) -> bool:
    """No command and no --help/--version: open the window."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return False
    _args, rest = parse_global(argv)
    return not any(not a.startswith("-") for a in rest)

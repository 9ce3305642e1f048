"""The argument parser and dispatch. Each area's commands live in their own module with `register()`.

The area modules import their services (SQLAlchemy, openpyxl, reportlab behind them), so only the area of the
command being run is imported: `COMMANDS` names the module of each top-level command, and `build_parser`
registers just that one (all of them for `--help`, no command or an unknown one, none for `--version`).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import sys
from collections.abc import Sequence

from core.cli.common import EXIT_BAD_INPUT, Context, run_handler
from core.cli.options import add_identity_options, parse_global
from core.version import __version__

# top-level command → the module of core.cli that registers it, in the order `--help` lists them
COMMANDS = {
    "enterprises": "enterprises",
    "titles": "titles",
    "demo": "demo",
    "reward": "reward",
    "imports": "imports",
    "export": "imports",
    "cases": "cases",
    "documents": "documents",
    "users": "users",
    "audit": "audit",
    "backup": "backup",
    "restore": "backup",
    "budget": "budget",
    "calendar": "calendar",
}
AREAS = tuple(dict.fromkeys(COMMANDS.values()))  # each area module once, in order


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]  # argparse declares NoReturn
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: 参数错误：{message}\n")


def areas_for(argv: Sequence[str]) -> tuple[str, ...]:
    """The area modules `argv` needs registered: its command's, none for a bare `--version`, else all."""
    args = list(argv)
    if "--version" in args and not {"-h", "--help"} & set(args):
        return ()
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            _known, rest = parse_global(args)
    except SystemExit:  # a malformed global option: the full parser reports it
        return AREAS
    command = next((a for a in rest if not a.startswith("-")), None)
    if command in COMMANDS:
        return (COMMANDS[command],)
    return AREAS


def build_parser(areas: Sequence[str] = AREAS) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="main.py",
        description=(
            "奖补案件台 Subsidy Desk。不带命令时打开桌面窗口；带命令时在命令行中运行（无需显示器）。"
        ),
        epilog="示例：uv run main.py --db demo.sqlite demo；uv run main.py --db demo.sqlite enterprises list --json",
    )
    parser.add_argument("--version", action="version", version=f"Subsidy Desk {__version__}")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--db", metavar="PATH", help="SQLite 数据库文件（默认：用户数据目录中的 subsidy-desk.sqlite）"
    )
    where.add_argument(
        "--db-url", metavar="URL", help="数据库 URL，如 postgresql://user@host/subsidy（多人共用）"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="界面语言（仅桌面窗口）")
    add_identity_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="<command>", parser_class=_Parser)
    for area in areas:
        importlib.import_module(f"core.cli.{area}").register(sub)
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser(areas_for(argv))
    args = parser.parse_args(list(argv))
    if args.command is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.parse_args([*argv, "--help"])
        return EXIT_BAD_INPUT
    return run_handler(handler, Context(args))

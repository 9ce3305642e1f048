"""`calendar import|show|list`: the working-day calendar (holidays and 调休 workdays, year by year).

    main.py --db DB --user admin --password-env PW calendar import 2027.toml --json
    main.py --db DB calendar show 2027 --json

The file's format is in `core.services.calendar` (example: resources/calendar/2027.example.toml, not loaded by
default). Importing needs an administrator once the database has officers; a bad file → exit 2 with the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.cli.common import EXIT_OK, Context, add_json_flag
from core.domain.permissions import Action
from core.services import calendar as svc


def register(sub: Any) -> None:
    p = sub.add_parser("calendar", help="工作日历：导入、查看某年的节假日与调休上班日（国务院办公厅通知）")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)

    imp = cmds.add_parser(
        "import",
        help="导入一年的节假日安排（TOML：year、doc_no、holidays、workdays；同一年再次导入即替换；须管理员）",
    )
    imp.add_argument("file", help="TOML 文件，如 resources/calendar/2027.example.toml 的格式")
    add_json_flag(imp)
    imp.set_defaults(handler=import_cmd)

    show = cmds.add_parser("show", help="某年的节假日、调休上班日及来源")
    show.add_argument("year", type=int, help="年份，如 2027")
    add_json_flag(show)
    show.set_defaults(handler=show_cmd)

    lst = cmds.add_parser("list", help="已知的年份及来源（组件自带 / 管理员添加的通知文号）")
    add_json_flag(lst)
    lst.set_defaults(handler=list_cmd)


def import_cmd(ctx: Context) -> int:
    actor = ctx.require(Action.CALENDAR_IMPORT)
    with ctx.db().uow() as uow:
        view = svc.import_file(uow, actor, Path(ctx.args.file))
    verb = "已替换" if view.replaced else "已导入"
    ctx.emit(view.to_json(), lambda: f"{verb}{view.year}年节假日安排（{view.doc_no}）。\n{view.text()}")
    return EXIT_OK


def show_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        view = svc.show_year(uow, ctx.args.year)
    ctx.emit(view.to_json(), view.text)
    return EXIT_OK


def list_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        rows = svc.list_years(uow)
    ctx.emit(
        [r.to_json() for r in rows],
        lambda: "\n".join(f"{r.year}  {r.source_text}" for r in rows) + f"\n{svc.HOW_TO_ADD}",
    )
    return EXIT_OK

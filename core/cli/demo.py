"""`demo`: fill a database with a realistic demo register."""

from __future__ import annotations

from typing import Any

from core.cli.common import EXIT_OK, Context, add_json_flag
from core.services import demo as svc


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="生成演示数据（约200家佛山市企业及其称号）")
    p.add_argument("--count", type=int, default=200, help="企业数量（默认200）")
    p.add_argument("--seed", type=int, default=2025)
    add_json_flag(p)
    p.set_defaults(handler=demo_cmd)


def demo_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        report = svc.load(uow, ctx.args.count, ctx.args.seed)
    ctx.emit(
        {"enterprises": report.enterprises, "titles": report.titles},
        f"已生成演示数据：企业 {report.enterprises} 家，称号 {report.titles} 条。",
    )
    return EXIT_OK

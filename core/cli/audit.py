"""`audit verify|history`: check the hash chain of the audit trail; a record's history in plain Chinese."""

from __future__ import annotations

from typing import Any

from core.cli.common import EXIT_FAILURE, EXIT_OK, Context, add_json_flag
from core.services import audit as svc


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="审计记录：校验完整性、查看历史")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)

    ver = cmds.add_parser("verify", help="校验全部审计记录的哈希链（被改动、删除或调换顺序时报出第一条）")
    add_json_flag(ver)
    ver.set_defaults(handler=verify_cmd)

    hist = cmds.add_parser("history", help="某条记录的历史（企业含其称号）")
    hist.add_argument("entity", choices=sorted(svc.ENTITY_LABELS), help="enterprise / title / case / user …")
    hist.add_argument("id")
    add_json_flag(hist)
    hist.set_defaults(handler=history_cmd)


def verify_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        report = svc.verify(uow)
    if report.ok:
        ctx.emit(report.to_json(), f"审计记录完整：共 {report.entries} 条，哈希链无误。")
        return EXIT_OK
    return ctx.fail(EXIT_FAILURE, report.problem, report.to_json())


def history_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        lines = svc.history(uow, ctx.args.entity, ctx.args.id)
    ctx.emit(lines, lambda: "\n".join(lines) if lines else "暂无历史记录。")
    return EXIT_OK

"""`audit verify|history|algorithm`: check the audit trail (its hash chain, a printed anchor, and every audited
record against it); a record's history in plain Chinese; the chain's hash algorithm."""

from __future__ import annotations

from typing import Any

from core.cli.common import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, Context, add_json_flag
from core.services import audit as svc


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="审计记录：校验完整性、查看历史")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)

    ver = cmds.add_parser(
        "verify",
        help="校验审计记录的哈希链、文书上的审计锚点，并逐条核对各记录的现值（报出在本程序之外所作的改动）",
    )
    ver.add_argument(
        "--anchor",
        metavar="N:HASH",
        help="文书上印的审计锚点（如 1234:9f3a0c5d1e2b）：核对第 N 条审计记录的哈希仍以 HASH 开头",
    )
    add_json_flag(ver)
    ver.set_defaults(handler=verify_cmd)

    hist = cmds.add_parser("history", help="某条记录的历史（企业含其称号）")
    hist.add_argument("entity", choices=sorted(svc.ENTITY_LABELS), help="enterprise / title / case / user …")
    hist.add_argument("id")
    add_json_flag(hist)
    hist.set_defaults(handler=history_cmd)

    alg = cmds.add_parser(
        "algorithm", help="审计哈希链的算法；新数据库在第一条审计记录之前可选 sm3（GB/T 32905）"
    )
    alg.add_argument("name", nargs="?", choices=svc.ALGORITHMS, help="不写：显示当前算法")
    add_json_flag(alg)
    alg.set_defaults(handler=algorithm_cmd)


def verify_cmd(ctx: Context) -> int:
    try:
        with ctx.db().uow() as uow:
            report = svc.verify(uow, ctx.args.anchor)
    except ValueError as exc:  # a malformed --anchor
        return ctx.fail(EXIT_BAD_INPUT, str(exc))
    if report.ok:
        ctx.emit(report.to_json(), report.text())
        return EXIT_OK
    return ctx.fail(EXIT_FAILURE, report.text(), report.to_json())


def history_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        lines = svc.history(uow, ctx.args.entity, ctx.args.id)
    ctx.emit(lines, lambda: "\n".join(lines) if lines else "暂无历史记录。")
    return EXIT_OK


def algorithm_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        if ctx.args.name is None:
            name = svc.algorithm_of(uow)
        else:
            try:
                name = svc.set_algorithm(uow, ctx.args.name)
            except ValueError as exc:
                return ctx.fail(EXIT_FAILURE, str(exc))
    ctx.emit({"algorithm": name}, f"审计哈希链算法：{name}")
    return EXIT_OK

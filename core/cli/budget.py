"""`budget set|show`: the fiscal year's city reward budget and provincial matching funds."""

from __future__ import annotations

from typing import Any

from core.cli.common import EXIT_OK, Context, add_json_flag
from core.domain.permissions import Action
from core.services import budget as svc


def register(sub: Any) -> None:
    p = sub.add_parser("budget", help="年度预算：市级奖励资金、省级配套资金（预算、已批准、已拨付、结余）")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)

    s = cmds.add_parser("set", help="设置某年度一条资金线（省级配套可填下达金额、文号、日期）")
    s.add_argument("year", type=int, help="年度，如 2025")
    s.add_argument("--line", required=True, choices=sorted(svc.LINE_LABELS), help="city 市级 / province 省级")
    s.add_argument("--amount", required=True, help="市级：预算金额；省级：预计金额（元）")
    s.add_argument("--allocated", help="省级下达金额（元）")
    s.add_argument("--notice-no", help="省级下达文号")
    s.add_argument("--notice-date", help="省级下达日期 YYYY-MM-DD")
    s.add_argument("--notes", help="备注")
    add_json_flag(s)
    s.set_defaults(handler=set_cmd)

    sh = cmds.add_parser("show", help="某年度两条资金线的预算、已批准、已拨付、结余，省级的申请与到账")
    sh.add_argument("year", type=int)
    add_json_flag(sh)
    sh.set_defaults(handler=show_cmd)


def _text(line: svc.LineStatus) -> str:
    head = f"{line.year} 年度{line.label}" + ("" if line.is_set else "（未设置预算）")
    rows = [
        head,
        f"  预算 {line.budget:,.2f}  已批准 {line.committed:,.2f}（{line.cases} 件）  "
        f"已拨付 {line.paid:,.2f}  结余 {line.remaining:,.2f}",
    ]
    if line.line == "province":
        alloc = "未下达" if line.allocated is None else f"{line.allocated:,.2f}"
        notice = (
            f"（{line.notice_no} {line.notice_date or ''}）".replace(" ）", "）") if line.notice_no else ""
        )
        rows.append(
            f"  预计 {line.expected:,.2f}  下达 {alloc}{notice}  申请 {line.requested:,.2f}  "
            f"到账 {line.received or 0:,.2f}"
        )
    return "\n".join(rows)


def set_cmd(ctx: Context) -> int:
    a = ctx.args
    actor = ctx.require(Action.BUDGET_SET)
    with ctx.db().uow() as uow:
        line = svc.set_line(
            uow,
            actor,
            a.year,
            a.line,
            a.amount,
            allocated=a.allocated,
            notice_no=a.notice_no,
            notice_date=a.notice_date,
            notes=a.notes,
        )
    ctx.emit(line.to_json(), lambda: "已保存。\n" + _text(line))
    return EXIT_OK


def show_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        year = svc.show(uow, ctx.args.year)
    ctx.emit(year.to_json(), lambda: _text(year.city) + "\n" + _text(year.province))
    return EXIT_OK

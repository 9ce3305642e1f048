"""`demo`: fill a database with a realistic demo: the register, and reward cases at every step."""

from __future__ import annotations

from typing import Any

from core.cli.common import EXIT_OK, Context, add_json_flag
from core.services import demo as svc


def register(sub: Any) -> None:
    p = sub.add_parser(
        "demo", help="生成演示数据（约200家佛山市企业及其称号，各办理环节的奖励案件、拨付记录与年度预算）"
    )
    p.add_argument("--count", type=int, default=200, help="企业数量（默认200）")
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--no-cases", action="store_true", help="只生成企业和称号，不生成案件、人员和预算")
    add_json_flag(p)
    p.set_defaults(handler=demo_cmd)


def demo_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        report = svc.load(uow, ctx.args.count, ctx.args.seed, cases=not ctx.args.no_cases)

    def text() -> str:
        lines = [f"已生成演示数据：企业 {report.enterprises} 家，称号 {report.titles} 条。"]
        if report.cases:
            from core.domain.workflow import CaseState

            spread = "，".join(f"{CaseState(s).label} {n}" for s, n in report.by_state.items())
            years = "、".join(str(y) for y in report.budget_years)
            lines.append(f"奖励案件 {report.cases} 件（{spread}）；{years} 年度预算已设置。")
            people = "，".join(f"{d}（{n}，{r}）" for n, d, r in report.officers)
            lines.append(f"演示人员账户（无密码，不能登录）：{people}。")
            lines.append(
                "首次打开时请先创建管理员；如需以演示人员身份办理，由管理员在 设置 → 用户 为其设置密码。"
            )
        return "\n".join(lines)

    ctx.emit(report.to_json(), text)
    return EXIT_OK

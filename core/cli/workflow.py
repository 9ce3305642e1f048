"""`cases transition|process|objection|objections|resolve-objection|pay|payments|correct-payment|history`: the case process headless.

Every action that changes a case needs the officer signed in with the global options
`--user NAME --password-env VAR`. A refused step exits 2 with `{"error": "..."}` (and the reasons).
"""

from __future__ import annotations

from typing import Any

from core.cli.common import EXIT_BAD_INPUT, EXIT_OK, Context, add_json_flag
from core.services import workflow as svc


def register_case_actions(cmds: Any) -> None:
    """Add the process actions to the `cases` subparser (called from core.cli.cases.register)."""
    _register_transition(cmds)
    _register_objections(cmds)
    _register_payments(cmds)
    _register_history(cmds)


def _register_transition(cmds: Any) -> None:
    """`cases transition` (one step for one case, or for many: all or nothing) and `cases process` (where a
    case stands and what may come next)."""
    tr = cmds.add_parser(
        "transition", help="办理案件状态变更（可一次多个案件：全部通过才办理）；须 --user 登录"
    )
    tr.add_argument("ids", type=int, nargs="+", metavar="ID", help="案件编号（多个：批量，全部或全不）")
    tr.add_argument("--to", required=True, help="目标状态，如 submitted / under_review / 审查中")
    tr.add_argument("--reason", help="原因或意见（退回、不予奖励、撤回、作废、异议内容、评价结论）")
    tr.add_argument(
        "--date",
        help="日期 YYYY-MM-DD（申报、审查、公示开始、决定、下达、拨付、评价、办结）；不晚于今天，不早于上一环节",
    )
    tr.add_argument("--period", help="公示期工作日数（广州5，深圳及省级7）")
    tr.add_argument("--doc-no", help="资金下达文号，如 佛工信函〔2025〕12号")
    tr.add_argument("--amount", help="市级拨付金额（元）")
    tr.add_argument("--voucher", help="拨付凭证号")
    tr.add_argument("--objector", help="异议人（异议成立退回审查时）")
    tr.add_argument("--expected-version", type=int, help="打开案件时的版本号（他人已修改则拒绝）")
    tr.add_argument("--override-reason", help="预算不足仍批准时，审批人填写的理由（记入审计）")
    tr.add_argument(
        "--over-cap-reason", help="合计超过政策奖励总额度仍批准时，审批人填写的理由（记入办理记录和审计）"
    )
    add_json_flag(tr)
    tr.set_defaults(handler=transition_cmd)

    proc = cmds.add_parser("process", help="案件办理进度：状态、经办/审核人、公示期、可办理事项、资金")
    proc.add_argument("id", type=int)
    add_json_flag(proc)
    proc.set_defaults(handler=process_cmd)


def _register_objections(cmds: Any) -> None:
    """`cases objection`, `objections`, `resolve-objection`: objections received during 公示."""
    obj = cmds.add_parser("objection", help="登记公示期异议（--upheld：异议成立，退回审查）")
    obj.add_argument("id", type=int)
    obj.add_argument("--objector", required=True)
    obj.add_argument("--date", required=True)
    obj.add_argument("--reason", required=True, help="异议内容")
    obj.add_argument("--upheld", action="store_true")
    add_json_flag(obj)
    obj.set_defaults(handler=objection_cmd)

    objs = cmds.add_parser(
        "objections", help="案件公示期收到的异议及处理结果（待处理、异议成立、异议不成立）"
    )
    objs.add_argument("id", type=int)
    add_json_flag(objs)
    objs.set_defaults(handler=objections_cmd)

    res = cmds.add_parser(
        "resolve-objection",
        help="审核人处理一条待处理异议：--upheld 异议成立（退回审查）或 --dismissed 异议不成立",
    )
    res.add_argument(
        "objection_id", type=int, metavar="OBJECTION_ID", help="异议记录编号（见 cases objections）"
    )
    outcome = res.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--upheld", action="store_true", help="异议成立：案件退回审查")
    outcome.add_argument("--dismissed", action="store_true", help="异议不成立：案件继续公示")
    res.add_argument("--opinion", required=True, help="处理意见（核查情况及结论）")
    res.add_argument("--date", help="处理日期 YYYY-MM-DD（默认今天）")
    add_json_flag(res)
    res.set_defaults(handler=resolve_objection_cmd)


def _register_payments(cmds: Any) -> None:
    """`cases pay`, `payments`, `correct-payment`: money on the case's lines."""
    pay = cmds.add_parser("pay", help="登记资金：city_paid / province_received / province_paid")
    pay.add_argument("id", type=int)
    pay.add_argument("--line", required=True, choices=sorted(svc.LINES))
    pay.add_argument("--date", required=True)
    pay.add_argument("--amount", required=True)
    pay.add_argument("--voucher", required=True)
    add_json_flag(pay)
    pay.set_defaults(handler=pay_cmd)

    pays = cmds.add_parser("payments", help="案件的拨付记录与各资金线合计")
    pays.add_argument("id", type=int)
    add_json_flag(pays)
    pays.set_defaults(handler=payments_cmd)

    corr = cmds.add_parser("correct-payment", help="冲正一条拨付记录（新增一条反向记录）")
    corr.add_argument("payment_id", type=int)
    corr.add_argument("--reason", required=True)
    corr.add_argument("--date")
    add_json_flag(corr)
    corr.set_defaults(handler=correct_cmd)


def _register_history(cmds: Any) -> None:
    """`cases history`: what was done to a case, by whom, when."""
    hist = cmds.add_parser("history", help="案件历史（谁、何时、做了什么）")
    hist.add_argument("id", type=int)
    add_json_flag(hist)
    hist.set_defaults(handler=history_cmd)


def _facts(ctx: Context) -> dict[str, object]:
    a = ctx.args
    raw = {
        "reason": a.reason,
        "date": a.date,
        "period": a.period,
        "doc_no": a.doc_no,
        "amount": a.amount,
        "voucher": a.voucher,
        "objector": a.objector,
        "override_reason": a.override_reason,
        "over_cap_reason": a.over_cap_reason,
    }
    return {k: v for k, v in raw.items() if v is not None}


def transition_cmd(ctx: Context) -> int:
    a = ctx.args
    actor = ctx.actor().name
    try:
        if len(a.ids) == 1:
            with ctx.db().uow() as uow:
                step = svc.transition(
                    uow, actor, a.ids[0], a.to, _facts(ctx), expected_version=a.expected_version
                )
            ctx.emit(
                step.to_json(),
                f"案件 {step.case_id}：{step.label}（{step.from_state.label} → {step.to_state.label}）"
                + (f"，公示截止 {step.notice_end}" if step.notice_end else "")
                + (
                    f"\n公示期计算：{step.facts['notice_counted']}"
                    if step.facts.get("notice_counted")
                    else ""
                ),
            )
            return EXIT_OK
        with ctx.db().uow() as uow:
            report = svc.transition_batch(uow, actor, a.ids, a.to, _facts(ctx))
    except svc.TransitionRefused as exc:
        return ctx.fail(EXIT_BAD_INPUT, str(exc), {"reasons": exc.reasons, "case_id": exc.case_id})
    lines = "\n".join(f"{'✓' if ln.ok else '✗'} 案件 {ln.case_id}：{ln.message}" for ln in report.lines)
    if not report.applied:
        n = len(report.refused)
        return ctx.fail(
            EXIT_BAD_INPUT,
            f"{n}个案件不能办理，本批{len(report.lines)}个案件均未办理。"
            + ("" if ctx.as_json else "\n" + lines),
            {"cases": [ln.to_json() for ln in report.lines]},
        )
    ctx.emit(report.to_json(), lines)
    return EXIT_OK


def process_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        view = svc.process(uow, ctx.args.id)
    nxt = "、".join(f"{t.label}（→{t.target.value}）" for t in view.next_steps) or "无"
    ctx.emit(
        view.to_json(),
        lambda: "\n".join(
            [
                f"案件 {view.case_id}：{view.state.label}（版本 {view.version}）",
                f"经办人：{view.drafter or '（未记录）'}；审核人：{'、'.join(view.reviewers) or '（无）'}",
                *([f"公示：{view.notice_start} 至 {view.notice_end}"] if view.notice_end else []),
                *([f"公示期计算：{view.notice_counted}"] if view.notice_counted else []),
                f"可办理：{nxt}",
            ]
        ),
    )
    return EXIT_OK


def objection_cmd(ctx: Context) -> int:
    a = ctx.args
    actor = ctx.actor().name
    try:
        with ctx.db().uow() as uow:
            result = svc.record_objection(uow, actor, a.id, a.objector, a.date, a.reason, upheld=a.upheld)
    except svc.TransitionRefused as exc:
        return ctx.fail(EXIT_BAD_INPUT, str(exc), {"reasons": exc.reasons, "case_id": exc.case_id})
    text = (
        "异议成立，案件退回审查。" if isinstance(result, svc.StepResult) else "已登记异议，案件仍在公示中。"
    )
    ctx.emit(result.to_json(), f"案件 {a.id}：{text}")
    return EXIT_OK


def objections_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        rows = svc.objections(uow, ctx.args.id)
    ctx.emit(
        [o.to_json() for o in rows],
        lambda: (
            "\n".join(
                f"{o.id:>5} {o.received_on} {o.objector}：{o.content}\n      {o.status_label}"
                + (f"（{o.resolved_by} {o.resolved_on}：{o.opinion}）" if o.resolved_by else "")
                for o in rows
            )
            or f"案件 {ctx.args.id} 没有收到异议。"
        ),
    )
    return EXIT_OK


def resolve_objection_cmd(ctx: Context) -> int:
    a = ctx.args
    actor = ctx.actor().name
    try:
        with ctx.db().uow() as uow:
            result = svc.resolve_objection(uow, actor, a.objection_id, a.upheld, a.opinion, a.date)
    except svc.TransitionRefused as exc:
        return ctx.fail(EXIT_BAD_INPUT, str(exc), {"reasons": exc.reasons, "case_id": exc.case_id})
    text = "异议成立，案件退回审查。" if a.upheld else "异议不成立，案件继续公示。"
    ctx.emit(result.to_json(), f"异议 {a.objection_id}：{text}")
    return EXIT_OK


def pay_cmd(ctx: Context) -> int:
    a = ctx.args
    actor = ctx.actor().name
    try:
        with ctx.db().uow() as uow:
            view = svc.record_payment(uow, actor, a.id, a.line, a.date, a.amount, a.voucher)
    except svc.TransitionRefused as exc:
        return ctx.fail(EXIT_BAD_INPUT, str(exc), {"reasons": exc.reasons, "case_id": exc.case_id})
    ctx.emit(
        view.to_json(), f"案件 {a.id}：已登记{view.line_label} {view.amount:,.2f} 元（凭证 {view.voucher}）"
    )
    return EXIT_OK


def payments_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        rows = svc.payments(uow, ctx.args.id)
        money = svc.money_lines(uow, ctx.args.id)
    ctx.emit(
        {"payments": [p.to_json() for p in rows], "totals": money.to_json()},
        lambda: (
            "\n".join(
                f"{p.id:>4} {p.paid_on} {p.line_label} {p.amount:>16,.2f} {p.voucher}"
                + (f"（冲正第{p.reverses_id}条：{p.reason}）" if p.reverses_id else "")
                for p in rows
            )
            or "暂无拨付记录。"
        ),
    )
    return EXIT_OK


def correct_cmd(ctx: Context) -> int:
    a = ctx.args
    actor = ctx.actor().name
    try:
        with ctx.db().uow() as uow:
            view = svc.correct_payment(uow, actor, a.payment_id, a.reason, a.date)
    except svc.TransitionRefused as exc:
        return ctx.fail(EXIT_BAD_INPUT, str(exc), {"reasons": exc.reasons, "case_id": exc.case_id})
    ctx.emit(view.to_json(), f"已冲正拨付记录 {a.payment_id}：{view.amount:,.2f} 元")
    return EXIT_OK


def history_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        lines = svc.history(uow, ctx.args.id)
    ctx.emit(lines, lambda: "\n".join(lines) if lines else "暂无历史记录。")
    return EXIT_OK

"""`cases create|list|show|update|freeze|verify|batch|impact`: reward cases over the register."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from core.cli.common import EXIT_FAILURE, EXIT_OK, CliInputError, Context, add_json_flag
from core.domain.enums import TitleKind, parse_enum
from core.domain.permissions import Action
from core.policy.engine import EXCLUSION_ITEMS
from core.policy.registry import DEFAULT_POLICY_ID
from core.services import cases as svc
from core.services.errors import InputError


def register(sub: Any) -> None:
    p = sub.add_parser("cases", help="奖励案件：创建、列出、查看、定案、批量创建、政策变更影响")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)
    hits_help = f"负面情形（可多次）：{', '.join(EXCLUSION_ITEMS)}"

    create = cmds.add_parser("create", help="为企业的一个称号创建奖励案件（状态：申报登记）并计算")
    create.add_argument("--code", required=True, help="企业统一社会信用代码")
    create.add_argument("--title-kind", required=True, help="little-giant / single-champion")
    create.add_argument("--city-reward", help="市级奖励金额（默认取本市奖励标准）")
    create.add_argument("--reason", default="", help="市级奖励与标准不同时的调整理由")
    create.add_argument("--decided-on", help="决定日期 YYYY-MM-DD（默认今天）")
    create.add_argument("--exclusion", action="append", default=[], help=hits_help)
    create.add_argument("--policy", default=DEFAULT_POLICY_ID, help="政策标识")
    add_json_flag(create)
    create.set_defaults(handler=create_cmd)

    lst = cmds.add_parser("list", help="列出奖励案件")
    lst.add_argument("--search", default="")
    lst.add_argument("--status")
    lst.add_argument("--kind")
    lst.add_argument("--year", type=int, help="称号认定年份")
    lst.add_argument("--eligible", choices=("yes", "no"))
    add_json_flag(lst)
    lst.set_defaults(handler=list_cmd)

    show = cmds.add_parser("show", help="查看案件：状态、金额与计算依据")
    show.add_argument("id", type=int)
    add_json_flag(show)
    show.set_defaults(handler=show_cmd)

    upd = cmds.add_parser(
        "update",
        help="修改申报登记中的案件（市级奖励、决定日期、负面情形）并重新计算；已申报的案件须先退回补正",
    )
    upd.add_argument("id", type=int)
    upd.add_argument("--city-reward", help="市级奖励金额（schedule 表示改回本市奖励标准）")
    upd.add_argument("--reason", help="调整理由")
    upd.add_argument("--decided-on")
    upd.add_argument("--exclusion", action="append", help=hits_help)
    upd.add_argument("--clear-exclusions", action="store_true", help="负面情形核查通过")
    upd.add_argument("--expected-version", type=int, help="打开案件时的版本号（他人已修改则拒绝）")
    add_json_flag(upd)
    upd.set_defaults(handler=update_cmd)

    frz = cmds.add_parser("freeze", help="定案：冻结金额、计算依据与政策文件哈希")
    frz.add_argument("id", type=int)
    frz.add_argument("--decided-on", help="决定日期（默认为案件已填日期或今天）")
    add_json_flag(frz)
    frz.set_defaults(handler=freeze_cmd)

    ver = cmds.add_parser("verify", help="按保存的政策快照重新计算，核对与保存的结果一致")
    ver.add_argument("id", type=int)
    add_json_flag(ver)
    ver.set_defaults(handler=verify_cmd)

    bat = cmds.add_parser("batch", help="为某年认定的全部称号预览（或创建）奖励案件")
    bat.add_argument("--year", type=int, required=True)
    bat.add_argument("--kind")
    bat.add_argument("--create", action="store_true", help="按预览创建案件（不加则只预览）")
    add_json_flag(bat)
    bat.set_defaults(handler=batch_cmd)

    imp = cmds.add_parser("impact", help="换用新的政策文件时，列出金额会变化的未定案案件")
    imp.add_argument("--policy", required=True, metavar="FILE")
    add_json_flag(imp)
    imp.set_defaults(handler=impact_cmd)

    from core.cli import workflow as workflow_cli  # the process actions (transition, pay, …) live there

    workflow_cli.register_case_actions(cmds)


def _kind(text: str | None) -> TitleKind | None:
    if not text:
        return None
    try:
        return parse_enum(TitleKind, text, "称号类别")
    except ValueError as exc:
        raise InputError(str(exc), {"kind": str(exc)}) from None


def _line(c: svc.CaseView) -> str:
    city = f"{c.city_reward:,.2f}" if c.city_reward is not None else "未定"
    mark = "符合" if c.eligible else "不符合"
    return (
        f"{c.id:>5}  {c.status:<8} {c.enterprise_name}  {c.title_kind.label}  市级 {city}  "
        f"省级 {c.province_match:,.2f}  合计 {c.total:,.2f}  {mark}{'  已定案' if c.frozen else ''}"
    )


def _detail(c: svc.CaseView) -> str:
    lines = [_line(c), f"政策 {c.policy_id}（sha256 {c.policy_sha256[:12]}…）"]
    if c.city_reward_source == svc.SOURCE_OVERRIDE:
        lines.append(f"市级奖励已调整：{c.city_reward_reason}")
    lines += [f"  ✗ {f.reason}" for f in c.failures]
    lines += [f"  ⚠ {w}" for w in c.warnings]
    lines.append("计算依据：")
    lines += [f"  {i}. {t.step} → {t.value}  〔{t.reference}〕" for i, t in enumerate(c.trace, 1)]
    return "\n".join(lines)


def create_cmd(ctx: Context) -> int:
    a = ctx.args
    edit = svc.CaseEdit(
        city_reward=a.city_reward,
        override_reason=a.reason,
        decided_on=a.decided_on,
        exclusion_hits=tuple(a.exclusion),
    )
    actor = ctx.require(Action.CASE_EDIT)  # audited, and recorded as the drafter (separation of duties)
    with ctx.db().uow() as uow:
        view = svc.create_case(uow, a.code, a.title_kind, edit, a.policy, actor=actor)
    ctx.emit(view.to_json(), lambda: f"已创建奖励案件 {view.id}\n{_detail(view)}")
    return EXIT_OK


def list_cmd(ctx: Context) -> int:
    a = ctx.args
    q = svc.CaseQuery(
        text=a.search,
        status=a.status,
        kind=_kind(a.kind),
        year=a.year,
        eligible=None if a.eligible is None else a.eligible == "yes",
    )
    with ctx.db().uow() as uow:
        rows = svc.list_cases(uow, q)
    ctx.emit(
        [c.to_json() for c in rows], lambda: "\n".join([*(_line(c) for c in rows), f"共 {len(rows)} 件"])
    )
    return EXIT_OK


def show_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        view = svc.get_case(uow, ctx.args.id)
    ctx.emit(view.to_json(), lambda: _detail(view))
    return EXIT_OK


def update_cmd(ctx: Context) -> int:
    a = ctx.args
    actor = ctx.require(Action.CASE_EDIT)  # the signed-in clerk, recorded in the audit trail
    with ctx.db().uow() as uow:
        edit = svc.edit_of(uow, a.id)
        changes: dict[str, Any] = {}
        if a.city_reward is not None:
            changes["city_reward"] = None if a.city_reward == "schedule" else a.city_reward
        if a.reason is not None:
            changes["override_reason"] = a.reason
        if a.decided_on is not None:
            changes["decided_on"] = a.decided_on
        if a.clear_exclusions:
            changes["exclusion_hits"] = ()
        elif a.exclusion:
            changes["exclusion_hits"] = tuple(a.exclusion)
        view = svc.update_case(
            uow, a.id, replace(edit, **changes), expected_version=a.expected_version, actor=actor
        )
    ctx.emit(view.to_json(), lambda: _detail(view))
    return EXIT_OK


def freeze_cmd(ctx: Context) -> int:
    actor = ctx.require(Action.CASE_EDIT)  # the signed-in clerk, recorded in the audit trail
    with ctx.db().uow() as uow:
        view = svc.freeze_case(uow, ctx.args.id, ctx.args.decided_on, actor=actor)
    ctx.emit(view.to_json(), lambda: f"已定案\n{_detail(view)}")
    return EXIT_OK


def verify_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        check = svc.check_recompute(uow, ctx.args.id)
    payload = {
        "id": check.case_id,
        "same": check.same,
        "stored": check.stored.to_json(),
        "recomputed": check.recomputed.to_json(),
    }
    ctx.emit(payload, "重新计算结果与保存的一致。" if check.same else "重新计算结果与保存的不一致！")
    return EXIT_OK if check.same else EXIT_FAILURE


def batch_cmd(ctx: Context) -> int:
    a = ctx.args
    kind = _kind(a.kind)
    actor = ctx.require(Action.CASE_EDIT) if a.create else ""  # recorded as the drafter of each case
    with ctx.db().uow() as uow:
        preview = svc.preview_batch(uow, a.year, kind)
        created = svc.create_batch(uow, a.year, kind, actor=actor) if a.create else []
    payload = {**preview.to_json(), "created": [c.id for c in created]}

    def text() -> str:
        lines = [f"{a.year}年认定：纳入 {len(preview.included)} 件，排除 {len(preview.excluded)} 件"]
        lines += [
            f"  ✓ {x.enterprise_name} {x.kind.label} 省级 {x.province_match:,.2f}" for x in preview.included
        ]
        lines += [f"  ✗ {x.enterprise_name} {x.kind.label}：{'；'.join(x.reasons)}" for x in preview.excluded]
        if created:
            lines.append(f"已创建 {len(created)} 件案件。")
        return "\n".join(lines)

    ctx.emit(payload, text)
    return EXIT_OK


def impact_cmd(ctx: Context) -> int:
    path = Path(ctx.args.policy)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliInputError(f"无法读取 {path}：{exc.strerror or exc}") from None
    with ctx.db().uow() as uow:
        report = svc.impact_check(uow, data, path.name)

    def text() -> str:
        lines = [f"检查未定案案件 {report.checked} 件，金额会变化 {len(report.changed)} 件"]
        lines += [
            f"  {x.case_id:>5} {x.enterprise_name} {x.kind.label}：省级 {x.old_province:,.2f} → {x.new_province:,.2f}，"
            f"合计 {x.old_total:,.2f} → {x.new_total:,.2f}"
            for x in report.changed
        ]
        return "\n".join(lines)

    ctx.emit(report.to_json(), text)
    return EXIT_OK

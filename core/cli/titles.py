"""`titles add|list|revoke`"""

from __future__ import annotations

from typing import Any

from core.cli.common import EXIT_OK, Context, add_json_flag
from core.domain.enums import TitleKind, TitleStatus, parse_enum
from core.domain.permissions import Action
from core.services import titles as svc
from core.services.errors import InputError


def register(sub: Any) -> None:
    p = sub.add_parser("titles", help="国家级称号：登记、列出、撤销")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)

    add = cmds.add_parser("add", help="为企业登记一个国家级称号")
    add.add_argument("--code", required=True, help="企业统一社会信用代码")
    add.add_argument("--kind", required=True, help="little-giant / single-champion")
    add.add_argument("--batch", required=True, help="第N批的N")
    add.add_argument("--recognized-on", required=True, help="认定日期 YYYY-MM-DD")
    add.add_argument("--re-review", action="store_true", help="复核通过（非首次认定）")
    add.add_argument("--doc-no", default="", help="工信部文件号")
    add.add_argument("--champion-type", default="", help="demo-enterprise / product / enterprise")
    add.add_argument("--product", default="", help="冠军产品名称")
    add_json_flag(add)
    add.set_defaults(handler=add_cmd)

    lst = cmds.add_parser("list", help="列出称号")
    lst.add_argument("--search", default="")
    lst.add_argument("--kind")
    lst.add_argument("--status")
    lst.add_argument("--year", type=int)
    lst.add_argument("--district")
    add_json_flag(lst)
    lst.set_defaults(handler=list_cmd)

    rev = cmds.add_parser("revoke", help="撤销称号（须填写日期与原因）")
    rev.add_argument("id", type=int)
    rev.add_argument("--on", required=True, help="撤销日期 YYYY-MM-DD")
    rev.add_argument("--reason", required=True)
    add_json_flag(rev)
    rev.set_defaults(handler=revoke_cmd)

    from core.cli import imports as imports_cli  # the import action lives with the import area

    imports_cli.register_title_import(cmds)


def add_cmd(ctx: Context) -> int:
    a = ctx.args
    data = svc.TitleInput(
        enterprise_code=a.code,
        kind=a.kind,
        batch=a.batch,
        recognized_on=a.recognized_on,
        doc_no=a.doc_no,
        re_review=a.re_review,
        champion_type=a.champion_type,
        product=a.product,
    )
    actor = ctx.require(Action.TITLE_EDIT)  # the signed-in clerk, recorded in the audit trail
    with ctx.db().uow() as uow:
        view = svc.add_title(uow, data, actor=actor)
    ctx.emit(
        {**view.to_json(), "warnings": list(view.warnings)},
        "\n".join([f"已登记：{view.enterprise_name} {view.kind.label} 第{view.batch}批", *view.warnings]),
    )
    return EXIT_OK


def list_cmd(ctx: Context) -> int:
    a = ctx.args
    try:
        q = svc.TitleQuery(
            text=a.search,
            kind=parse_enum(TitleKind, a.kind, "称号类别") if a.kind else None,
            status=parse_enum(TitleStatus, a.status, "称号状态") if a.status else None,
            year=a.year,
            district=a.district,
        )
    except ValueError as exc:
        raise InputError(str(exc)) from None
    with ctx.db().uow() as uow:
        rows = svc.list_titles(uow, q)
    ctx.emit(
        [t.to_json() for t in rows],
        lambda: (
            "\n".join(
                f"{t.id:>5}  {t.enterprise_name}  {t.kind.label}  第{t.batch}批  {t.recognized_on}  {t.status.label}"
                for t in rows
            )
            + f"\n共 {len(rows)} 条"
        ),
    )
    return EXIT_OK


def revoke_cmd(ctx: Context) -> int:
    a = ctx.args
    actor = ctx.require(Action.TITLE_EDIT)  # the signed-in clerk, recorded in the audit trail
    with ctx.db().uow() as uow:
        view = svc.revoke_title(uow, a.id, a.on, a.reason, actor=actor)
    ctx.emit(view.to_json(), f"已撤销：{view.enterprise_name} {view.kind.label} 第{view.batch}批")
    return EXIT_OK

"""`enterprises list|add|show`"""

from __future__ import annotations

import argparse
from typing import Any

from core.cli.common import EXIT_OK, Context, add_json_flag
from core.domain.enums import Field, TitleKind, parse_enum
from core.domain.permissions import Action
from core.services import enterprises as svc
from core.services.errors import InputError


def register(sub: Any) -> None:
    p = sub.add_parser("enterprises", help="企业库：列出、添加、查看企业")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)

    lst = cmds.add_parser("list", help="列出企业（可搜索、筛选）")
    lst.add_argument("--search", default="", help="按名称、曾用名、信用代码、所在区搜索")
    lst.add_argument("--district", help="只列出该区")
    lst.add_argument("--field", help="ai / robotics / both / other")
    lst.add_argument("--title-kind", help="single-champion / little-giant")
    lst.add_argument("--sort", default="name", choices=svc.SORT_KEYS)
    lst.add_argument("--desc", action="store_true", help="倒序")
    lst.add_argument("--limit", type=int)
    add_json_flag(lst)
    lst.set_defaults(handler=list_cmd)

    add = cmds.add_parser("add", help="登记一家企业")
    add.add_argument("--code", required=True, help="统一社会信用代码（18位）")
    add.add_argument("--name", required=True)
    add.add_argument("--district", default="")
    add.add_argument("--field", default="other", help="ai / robotics / both / other")
    add.add_argument("--field-reason", default="", help="认定领域的理由")
    add.add_argument("--former-name", action="append", default=[], help="曾用名（可多次）")
    add.add_argument("--address", default="")
    add.add_argument("--legal-rep", default="")
    add.add_argument("--contact-person", default="")
    add.add_argument("--contact-phone", default="")
    add.add_argument("--status", default="active", help="active / deregistered")
    add.add_argument("--notes", default="")
    add.add_argument("--override-reason", default="", help="校验位不符仍保留时的原因")
    add_json_flag(add)
    add.set_defaults(handler=add_cmd)

    show = cmds.add_parser("show", help="查看一家企业及其称号")
    show.add_argument("code")
    add_json_flag(show)
    show.set_defaults(handler=show_cmd)

    from core.cli import imports as imports_cli  # the import action lives with the import area

    imports_cli.register_enterprise_import(cmds)


def _query(args: argparse.Namespace) -> svc.EnterpriseQuery:
    return svc.EnterpriseQuery(
        text=args.search,
        district=args.district,
        field=parse_enum(Field, args.field, "领域") if args.field else None,
        title_kind=parse_enum(TitleKind, args.title_kind, "称号类别") if args.title_kind else None,
        sort=args.sort,
        descending=args.desc,
        limit=args.limit,
    )


def list_cmd(ctx: Context) -> int:
    try:
        query = _query(ctx.args)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    with ctx.db().uow() as uow:
        rows = svc.search(uow, query)
    ctx.emit(
        [r.to_json() for r in rows],
        lambda: (
            "\n".join(f"{r.code}  {r.name}  {r.district}  {r.field.label}" for r in rows)
            + f"\n共 {len(rows)} 家"
        ),
    )
    return EXIT_OK


def add_cmd(ctx: Context) -> int:
    a = ctx.args
    data = svc.EnterpriseInput(
        code=a.code,
        name=a.name,
        district=a.district,
        field=a.field,
        field_reason=a.field_reason,
        former_names=tuple(a.former_name),
        address=a.address,
        legal_rep=a.legal_rep,
        contact_person=a.contact_person,
        contact_phone=a.contact_phone,
        reg_status=a.status,
        notes=a.notes,
        code_override_reason=a.override_reason,
    )
    actor = ctx.require(Action.ENTERPRISE_EDIT)  # the signed-in clerk, recorded in the audit trail
    with ctx.db().uow() as uow:
        view = svc.add_enterprise(uow, data, actor=actor)
    ctx.emit(
        {**view.to_json(), "warnings": list(view.warnings)},
        "\n".join([f"已登记：{view.name}（{view.code}）", *view.warnings]),
    )
    return EXIT_OK


def show_cmd(ctx: Context) -> int:
    from core.services import titles as title_svc

    with ctx.db().uow() as uow:
        view = svc.get_enterprise(uow, ctx.args.code)
        titles = title_svc.list_titles(uow, title_svc.TitleQuery(enterprise_id=view.id))
    payload = {**view.to_json(), "titles": [t.to_json() for t in titles]}

    def text() -> str:
        lines = [
            f"{view.name}（{view.code}）",
            f"所在区：{view.district}  领域：{view.field.label}  状态：{view.reg_status.label}",
        ]
        if view.former_names:
            lines.append("曾用名：" + "；".join(view.former_names))
        lines += [f"称号：{t.kind.label} 第{t.batch}批 {t.recognized_on} {t.status.label}" for t in titles]
        return "\n".join(lines)

    ctx.emit(payload, text)
    return EXIT_OK

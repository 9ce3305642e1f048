"""`documents render|list|regenerate|verify|settings`: printed documents, headless.

    main.py --db PATH documents render --type notice|publicity|approval-form|province-summary \
        --case ID [--case ID ...] --out DIR --json      → {"files": [...], "doc_no": "..."}
    main.py --db PATH documents render --type province-summary --from 2025-01-01 --to 2025-06-30 --out DIR
                                                         (the cases approved in that period)

A numbered notice moves its cases to 资金已下达: it is issued by the signed-in officer
(`--user NAME --password-env VAR`, a clerk) for approved cases only; `--draft` prints one for any eligible case.
Once the database has officers every document needs a signed-in officer the permission table allows
(`core.domain.permissions`, `Action.DOCUMENT_RENDER`), who is recorded as its issuer.
An unknown case, a refusal or a character no font can print exits 2 with the message; so does a 成文日期
(`--date`) later than today or earlier than the case step the document follows. A date outside the case's own
dates (a 公示 dated after its period, an approval form dated before the submission) prints, with a
`"warnings"` list of texts in the `--json` output.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from core.cli.common import EXIT_OK, CliInputError, Context, add_json_flag
from core.domain.permissions import Action
from core.io.pdf.model import BureauSettings
from core.services import documents as svc
from core.services.errors import InputError

SETTING_HELP = {
    "bureau_name": "发文机关名称",
    "banner_text": "版头（红头）文字",
    "doc_prefix": "文号机关代字，如 佛工信函",
    "city": "所在市",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "default_addressee": "默认主送机关",
    "signatory": "落款（发文机关署名）",
}


def register(sub: Any) -> None:
    p = sub.add_parser("documents", help="文书：奖励资金下达通知、公示、审批表、省级配套汇总表（PDF）")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)

    ren = cmds.add_parser("render", help="为案件生成文书（通知在生成时编文号并登记）")
    ren.add_argument("--type", required=True, choices=svc.DOC_TYPES, dest="doc_type")
    ren.add_argument("--case", action="append", type=int, dest="cases", metavar="ID", default=[])
    ren.add_argument("--from", dest="period_from", metavar="DATE", help="汇总表：批准日期自（YYYY-MM-DD）")
    ren.add_argument("--to", dest="period_to", metavar="DATE", help="汇总表：批准日期至（YYYY-MM-DD，含）")
    ren.add_argument("--out", required=True, type=Path, metavar="DIR", help="输出文件夹")
    ren.add_argument(
        "--date",
        help="成文日期 YYYY-MM-DD，不得晚于今天（默认按文书：公示为其公示开始日，通知为下达资金之日即今天，"
        "审批表为决策日期（未决策为今天），汇总表为今天）",
    )
    ren.add_argument("--addressee", default="", help="主送机关（通知；默认取发文设置）")
    ren.add_argument("--start", help="公示开始日期 YYYY-MM-DD（默认成文日期起第一个工作日）")
    ren.add_argument("--days", type=int, default=svc.DEFAULT_PUBLICITY_DAYS, help="公示期工作日数（默认5）")
    ren.add_argument("--draft", action="store_true", help="通知草稿：不编文号、不登记")
    add_json_flag(ren)
    ren.set_defaults(handler=render_cmd)

    lst = cmds.add_parser("list", help="列出已生成的文书记录")
    lst.add_argument("--case", type=int)
    lst.add_argument("--type", choices=svc.DOC_TYPES, dest="doc_type")
    add_json_flag(lst)
    lst.set_defaults(handler=list_cmd)

    reg = cmds.add_parser("regenerate", help="按记录重新生成已发文书（日期、文号、内容不变）")
    reg.add_argument("id", type=int)
    reg.add_argument("--out", required=True, type=Path, metavar="DIR")
    add_json_flag(reg)
    reg.set_defaults(handler=regenerate_cmd)

    ver = cmds.add_parser(
        "verify", help="按页面上的校验码查找文书记录（记录在发文后被改动的，报错而不作核验）"
    )
    ver.add_argument("code")
    add_json_flag(ver)
    ver.set_defaults(handler=verify_cmd)

    st = cmds.add_parser("settings", help="查看或修改发文设置")
    for key, text in SETTING_HELP.items():
        st.add_argument(f"--{key.replace('_', '-')}", dest=key, help=text)
    add_json_flag(st)
    st.set_defaults(handler=settings_cmd)


def _date(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{what}“{text}”不是有效日期，请写成 2025-10-20。") from None


def _period(a: Any) -> tuple[date, date] | None:
    start, end = _date(a.period_from, "--from 日期"), _date(a.period_to, "--to 日期")
    if start is None and end is None:
        return None
    if a.doc_type != "province-summary":
        raise InputError("--from/--to 只用于 --type province-summary（按批准日期选取案件）。")
    if start is None or end is None:
        raise InputError("按期间选取案件须同时给出 --from 和 --to。")
    if a.cases:
        raise InputError("--case 与 --from/--to 只能选用一种：按案件编号，或按批准期间。")
    return start, end


def render_cmd(ctx: Context) -> int:
    a = ctx.args
    period = _period(a)
    if not a.cases and period is None:
        raise InputError("请用 --case 指定案件，或（汇总表）用 --from/--to 指定批准期间。")
    options = svc.RenderOptions(
        on=_date(a.date, "成文日期"),
        addressee=a.addressee,
        publicity_start=_date(a.start, "公示开始日期"),
        publicity_days=a.days,
        draft=a.draft,
        period=period,
    )
    if a.doc_type == "notice" and not a.draft and not getattr(a, "user", None):
        # a numbered notice is the 下达资金 step: only a signed-in clerk issues it (the workflow checks the role)
        raise CliInputError(
            "签发编号的奖励资金下达通知须由经办人登录签发：请加全局参数 --user 用户名 --password-env 环境变量名"
            "（草稿可加 --draft）。"
        )
    actor = ctx.require(Action.DOCUMENT_RENDER)  # the signed-in officer the workflow checks
    with ctx.db().uow() as uow:
        result = svc.render_documents(uow, a.doc_type, a.cases, a.out, actor=actor, options=options)
    lines = [str(f) for f in result.files] + list(result.notes) + list(result.warnings)
    if result.doc_no:
        lines.insert(0, f"文号：{result.doc_no}")
    if result.regenerated:
        lines.insert(0, "该通知已发出，按发文记录重新生成（文号、日期与内容不变）。")
    ctx.emit(result.to_json(), "\n".join(lines))
    return EXIT_OK


def list_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        rows = svc.list_documents(uow, ctx.args.case, ctx.args.doc_type)
    ctx.emit(
        [r.to_json() for r in rows],
        lambda: (
            "\n".join(
                f"{r.id:>5}  {svc.LABELS[r.doc_type]}  {r.doc_no or '—'}  案件 {','.join(map(str, r.case_ids))}  "
                f"{r.issued_on}  校验码 {r.verification}"
                for r in rows
            )
            + f"\n共 {len(rows)} 份"
        ),
    )
    return EXIT_OK


def regenerate_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        result = svc.regenerate(uow, ctx.args.id, ctx.args.out)
    note = "" if result.same_as_issued else "（注意：本机字体与发文时不同，文件指纹不一致，文字内容相同）"
    ctx.emit(result.to_json(), "\n".join(str(f) for f in result.files) + note)
    return EXIT_OK


def verify_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        rows = svc.find_by_verification(uow, ctx.args.code)
    if not rows:
        raise InputError(f"没有校验码为 {ctx.args.code.strip().upper()} 的文书记录。")
    ctx.emit(
        [r.to_json() for r in rows],
        lambda: "\n".join(
            f"{svc.LABELS[r.doc_type]} {r.doc_no or ''} 案件 {list(r.case_ids)} {r.issued_on} {r.issued_by}"
            + (f"  审计锚点 {r.audit_anchor}（可用 audit verify --anchor 核对）" if r.audit_anchor else "")
            for r in rows
        ),
    )
    return EXIT_OK


def settings_cmd(ctx: Context) -> int:
    changes = {
        f.name: getattr(ctx.args, f.name)
        for f in fields(BureauSettings)
        if getattr(ctx.args, f.name) is not None
    }
    actor = ctx.require(Action.DOCUMENT_SETTINGS) if changes else ""  # an administrator: audited
    with ctx.db().uow() as uow:
        current = svc.get_settings(uow)
        if changes:
            current = svc.save_settings(uow, replace(current, **changes), actor=actor)
    ctx.emit(
        current.to_json(),
        lambda: "\n".join(f"{SETTING_HELP[k]}：{v}" for k, v in current.to_json().items()),
    )
    return EXIT_OK

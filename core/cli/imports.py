"""`enterprises import`, `titles import`, `imports list|undo`, `export ledger|enterprises|titles|template`.

Exit codes: 0 when the import ran (even with row errors, listed in the report), 2 when the file cannot be read
at all or the options are wrong (with the reason), 1 otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.cli.common import EXIT_OK, Context, add_json_flag
from core.domain.enums import Field, TitleKind, TitleStatus, parse_enum
from core.domain.permissions import Action
from core.domain.workflow import parse_state
from core.services import imports as svc
from core.services.cases import CaseQuery
from core.services.enterprises import EnterpriseQuery
from core.services.errors import InputError
from core.services.titles import TitleQuery


def _mapping(pairs: list[str], aliases: dict[str, tuple[str, ...]]) -> dict[str, str | None]:
    """`--column 企业=name` (header text or column letter → field; `-` to ignore)."""
    out: dict[str, str | None] = {}
    for pair in pairs:
        if "=" not in pair:
            raise InputError(f"--column 应写成 列名=字段，如 企业=name：{pair}")
        header, fld = (p.strip() for p in pair.split("=", 1))
        if fld not in aliases and fld != "-":
            raise InputError(f"字段“{fld}”无法识别，可选：{'、'.join(aliases)}、-（忽略）。")
        out[header] = None if fld == "-" else fld
    return out


def _resolve_mapping(
    path: Path, sheet: str | None, by_header: dict[str, str | None], kind: str
) -> dict[int, str | None]:
    if not by_header:
        return {}
    from core.io import excel_read

    try:
        data = excel_read.read_sheet(path, sheet)
    except excel_read.ReadError as exc:
        raise svc.FileUnreadable(str(exc)) from None
    aliases = svc.ENTERPRISE_ALIASES if kind == "enterprises" else svc.TITLE_ALIASES
    table = excel_read.find_header(data, aliases, (), svc.IGNORED_HEADERS)
    out: dict[int, str | None] = {}
    for header, fld in by_header.items():
        index = None
        if table is not None:
            index = next((c.index for c in table.columns if c.header == header), None)
        if index is None and header.isalpha() and header.isascii():
            index = sum((ord(ch.upper()) - 64) * 26**i for i, ch in enumerate(reversed(header))) - 1
        if index is None:
            raise InputError(f"表头中没有“{header}”列。")
        out[index] = fld
    return out


def _add_common(p: Any, aliases: dict[str, tuple[str, ...]]) -> None:
    p.add_argument("file", help="表格文件：.xlsx / .xls / .ods / .csv（UTF-8 或 GBK）")
    p.add_argument("--sheet", help="工作表名称（默认：第一个有内容的工作表）")
    p.add_argument("--dry-run", action="store_true", help="只检查、预览，不写入数据库")
    p.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="列名=字段",
        help=f"指定某列的含义（可多次），字段：{'、'.join(aliases)}；用 - 忽略该列",
    )
    add_json_flag(p)


def register_enterprise_import(cmds: Any) -> None:
    imp = cmds.add_parser("import", help="从 Excel/CSV 导入企业名单（先预览；一次事务；可撤销）")
    _add_common(imp, svc.ENTERPRISE_ALIASES)
    imp.set_defaults(handler=enterprise_import_cmd)


def register_title_import(cmds: Any) -> None:
    imp = cmds.add_parser("import", help="导入工信部称号名单（按信用代码或企业名称匹配企业库）")
    _add_common(imp, svc.TITLE_ALIASES)
    imp.add_argument(
        "--kind",
        default=None,
        help="称号类别 little-giant / single-champion。不指定时从表头（表头以上的标题行）、工作表名称或文件名"
        "读出（如 专精特新“小巨人”、单项冠军）；读不出则必须指定，否则退出码 2，不作默认",
    )
    imp.add_argument(
        "--kind-override",
        action="store_true",
        help="确认按 --kind 导入，即使它与名单表头所写的称号类别不符（不加此项时拒绝导入，退出码 2）",
    )
    imp.add_argument("--batch", required=True, help="第N批的N")
    imp.add_argument("--recognized-on", required=True, help="认定日期 YYYY-MM-DD")
    imp.add_argument("--doc-no", default="", help="工信部文件号")
    imp.add_argument("--re-review", action="store_true", help="复核通过名单（非首次认定）")
    imp.add_argument("--champion-type", default="", help="demo-enterprise / product / enterprise")
    imp.add_argument("--region", default="", help="只导入该地区的行，如 广东")
    imp.add_argument(
        "--match", action="append", default=[], metavar="行号=信用代码", help="为未匹配的行指定企业（可多次）"
    )
    imp.set_defaults(handler=title_import_cmd)


def register(sub: Any) -> None:
    p = sub.add_parser("imports", help="导入记录：列出、撤销")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)
    lst = cmds.add_parser("list", help="列出导入批次")
    add_json_flag(lst)
    lst.set_defaults(handler=list_cmd)
    undo = cmds.add_parser("undo", help="撤销一次导入（恢复导入前的值，删除导入新增的记录）")
    undo.add_argument("batch", type=int)
    add_json_flag(undo)
    undo.set_defaults(handler=undo_cmd)

    exp = sub.add_parser("export", help="导出 Excel：台账、企业名单、称号名单、导入模板")
    exp.add_argument(
        "what", choices=("ledger", "enterprises", "titles", "enterprise-template", "title-template")
    )
    exp.add_argument("--out", required=True, help="输出文件 FILE.xlsx")
    exp.add_argument("--search", default="", help="按名称、信用代码搜索（企业、称号、台账）")
    exp.add_argument("--district", help="只导出该区")
    exp.add_argument("--field", help="企业领域：ai / robotics / both / other")
    exp.add_argument("--kind", help="称号类别：little-giant / single-champion（称号、企业、台账）")
    exp.add_argument(
        "--status", help="称号状态：valid / expired / revoked；台账为案件状态，如 approved / 已批准"
    )
    exp.add_argument("--year", type=int, help="称号认定年份（称号、台账）")
    add_json_flag(exp)
    exp.set_defaults(handler=export_cmd)


def _actor(ctx: Context, action: Action, dry_run: bool = False) -> str:
    """The signed-in officer the table allows (a preview writes nothing and needs no sign-in)."""
    return "" if dry_run else ctx.require(action)


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _report_text(r: svc.ImportReport) -> str:
    head = "预览（未写入）" if r.dry_run else f"已导入（批次 {r.batch}）"
    lines = [
        f"{head}：共 {r.rows} 行，新增 {r.created}，修改 {r.updated}，无变化 {r.unchanged}，"
        f"错误 {len({e.row for e in r.errors})} 行"
        + (f"，未匹配 {len(r.unmatched)} 行" if r.kind == "titles" else "")
    ]
    if r.kind == "titles" and r.title_kind:
        tk = r.title_kind
        lines.append(
            "  "
            + str(tk.get("description") or f"称号类别：{TitleKind(str(tk['kind'])).label}（--kind 指定）")
        )
    lines += [f"  第{e.row}行 {e.column}：{e.message}" for e in r.errors]
    for u in r.unmatched:
        near = "、".join(f"{c.name}（{c.code}）" for c in u.candidates) or "无相近企业"
        lines.append(f"  未匹配 第{u.row}行 {u.name}：{near}")
    lines += [f"  提示：{w}" for w in r.warnings]
    if r.backup:
        lines.append(f"  导入前已备份数据库：{r.backup}")
    return "\n".join(lines)


def enterprise_import_cmd(ctx: Context) -> int:
    a = ctx.args
    path = _path(a.file)
    mapping = _resolve_mapping(path, a.sheet, _mapping(a.column, svc.ENTERPRISE_ALIASES), "enterprises")
    actor = _actor(ctx, Action.REGISTER_IMPORT, a.dry_run)
    with ctx.db().uow() as uow:
        report = svc.import_enterprises(
            uow, path, sheet=a.sheet, mapping=mapping, actor=actor, dry_run=a.dry_run
        )
    ctx.emit(report.to_json(), lambda: _report_text(report))
    return EXIT_OK


def title_import_cmd(ctx: Context) -> int:
    a = ctx.args
    path = _path(a.file)
    mapping = _resolve_mapping(path, a.sheet, _mapping(a.column, svc.TITLE_ALIASES), "titles")
    params = svc.TitleImportParams(
        kind=a.kind or "",
        batch=a.batch,
        recognized_on=a.recognized_on,
        doc_no=a.doc_no,
        re_review=a.re_review,
        champion_type=a.champion_type,
        region=a.region,
        kind_override=a.kind_override,
    )
    actor = _actor(ctx, Action.REGISTER_IMPORT, a.dry_run)
    with ctx.db().uow() as uow:
        resolutions = _resolutions(uow, a.match)
        report = svc.import_titles(
            uow,
            path,
            params,
            sheet=a.sheet,
            mapping=mapping,
            resolutions=resolutions,
            actor=actor,
            dry_run=a.dry_run,
        )
    ctx.emit(report.to_json(), lambda: _report_text(report))
    return EXIT_OK


def _resolutions(uow: Any, pairs: list[str]) -> dict[int, int]:
    from core.services.enterprises import get_enterprise

    out: dict[int, int] = {}
    for pair in pairs:
        row, _, code = pair.partition("=")
        if not row.strip().isdigit() or not code.strip():
            raise InputError(f"--match 应写成 行号=信用代码：{pair}")
        out[int(row)] = get_enterprise(uow, code.strip()).id
    return out


def list_cmd(ctx: Context) -> int:
    with ctx.db().uow() as uow:
        batches = svc.list_batches(uow, None)
    ctx.emit(
        [b.to_json() for b in batches],
        lambda: (
            "\n".join(
                f"{b.id:>4}  {b.created_at:%Y-%m-%d %H:%M}  {b.actor}  {b.file_name}  新增{b.created} 修改{b.updated}"
                + (f"  [已撤销 {b.undone_at:%Y-%m-%d %H:%M}]" if b.undone_at else "")
                for b in batches
            )
            or "没有导入记录"
        ),
    )
    return EXIT_OK


def undo_cmd(ctx: Context) -> int:
    actor = _actor(ctx, Action.IMPORT_UNDO)
    with ctx.db().uow() as uow:
        report = svc.undo_import(uow, ctx.args.batch, actor=actor)
    ctx.emit(
        report.to_json(),
        f"已撤销导入批次 {report.batch}：删除 {report.deleted} 条新增记录，恢复 {report.restored} 条修改前的值。"
        + (f"\n撤销前已备份数据库：{report.backup}" if report.backup else ""),
    )
    return EXIT_OK


def export_cmd(ctx: Context) -> int:
    from core.services import exports as export_svc  # openpyxl: loaded only by the command that writes Excel

    a = ctx.args
    out = _path(a.out)
    try:
        fld = parse_enum(Field, a.field, "领域") if a.field else None
        kind = parse_enum(TitleKind, a.kind, "称号类别") if a.kind else None
        status = parse_enum(TitleStatus, a.status, "称号状态") if a.status and a.what != "ledger" else None
        case_status = parse_state(a.status).value if a.status and a.what == "ledger" else None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    note = ""
    if a.what == "enterprise-template":
        report = export_svc.write_template("enterprises", out)
    elif a.what == "title-template":
        report = export_svc.write_template("titles", out)
    else:
        actor = ctx.require(Action.EXPORT_PERSONAL)  # names, contacts, amounts: personal data
        with ctx.db().uow() as uow:
            if a.what == "enterprises":
                q = EnterpriseQuery(text=a.search, district=a.district, field=fld, title_kind=kind)
                report = export_svc.export_enterprises(uow, out, q, actor=actor)
            elif a.what == "titles":
                tq = TitleQuery(text=a.search, kind=kind, status=status, district=a.district, year=a.year)
                report = export_svc.export_titles(uow, out, tq, actor=actor)
            else:
                cq = CaseQuery(text=a.search, status=case_status, kind=kind, year=a.year)
                report = export_svc.export_ledger(uow, out, query=cq, actor=actor)
                if report.rows == 0:
                    note = "（台账为空）"
    ctx.emit(report.to_json(), f"已导出 {report.rows} 行{note}：{report.path}")
    return EXIT_OK

"""Exports as .xlsx: the enterprise list, the title list, the case ledger (台账), import templates and the
error rows of an import (with an added "问题" column for the district to fix and resend).

The enterprise list uses the import's own column names, so an exported list imports back unchanged."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from core.domain.enums import ChampionType, Source, TitleKind, TitleStatus
from core.domain.permissions import Action
from core.io.excel_write import WriteError, XColumn, write_rows, write_table
from core.services import access
from core.services import titles as title_svc
from core.services.enterprises import EnterpriseQuery, search, title_summaries
from core.services.errors import InputError
from core.services.imports import ENTERPRISE_LABELS, Preview, RowStatus
from core.store.uow import UnitOfWork

if TYPE_CHECKING:
    from core.services.cases import CaseQuery


@dataclass(frozen=True)
class ExportReport:
    path: Path
    rows: int

    def to_json(self) -> dict[str, object]:
        return {"path": str(self.path), "rows": self.rows}


@dataclass(frozen=True)
class LedgerRow:
    """One line of the case ledger (台账). Amounts in yuan, exact."""

    enterprise: str
    code: str
    district: str
    title: str  # e.g. 专精特新“小巨人”
    batch: str  # e.g. 第7批
    city_reward: Decimal
    provincial_match: Decimal
    total: Decimal
    status: str  # the case state's label
    submitted_on: date | None = None
    decided_on: date | None = None
    paid_on: date | None = None
    notice_no: str = ""  # 资金下达文号
    warnings: str = ""  # e.g. the total above the policy's 奖励总额度, by how much


def _check_target(path: Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"导出文件须以 .xlsx 结尾：{path.name}")
    if not path.parent.exists():
        raise InputError(f"文件夹不存在：{path.parent}")
    return path


def _write(path: Path, *args: object, **kwargs: object) -> int:
    try:
        return write_table(path, *args, **kwargs)  # type: ignore[arg-type]  # forwards write_table's own arguments
    except WriteError as exc:
        raise InputError(str(exc)) from None


# ------------------------------------------------------------------------------------------ enterprises

ENTERPRISE_COLUMNS = (
    XColumn(ENTERPRISE_LABELS["code"], 22),
    XColumn(ENTERPRISE_LABELS["name"], 40),
    XColumn(ENTERPRISE_LABELS["district"], 10),
    XColumn(ENTERPRISE_LABELS["field"], 16),
    XColumn(ENTERPRISE_LABELS["field_reason"], 30),
    XColumn(ENTERPRISE_LABELS["former_names"], 30),
    XColumn(ENTERPRISE_LABELS["address"], 40),
    XColumn(ENTERPRISE_LABELS["legal_rep"], 10),
    XColumn(ENTERPRISE_LABELS["contact_person"], 10),
    XColumn(ENTERPRISE_LABELS["contact_phone"], 16),
    XColumn(ENTERPRISE_LABELS["reg_status"], 10),
    XColumn(ENTERPRISE_LABELS["notes"], 30),
    XColumn(ENTERPRISE_LABELS["code_override_reason"], 20),
    XColumn("称号", 30),
)


def describe_enterprise_query(q: EnterpriseQuery) -> str:
    parts = []
    if q.text.strip():
        parts.append(f"搜索“{q.text.strip()}”")
    if q.district:
        parts.append(f"所在区：{q.district}")
    if q.field is not None:
        parts.append(f"领域：{q.field.label}")
    if q.title_kind is not None:
        parts.append(f"称号：{q.title_kind.label}")
    return "；".join(parts) or "全部"


def export_enterprises(
    uow: UnitOfWork, path: Path, query: EnterpriseQuery | None = None, *, actor: str
) -> ExportReport:
    access.require(uow, actor, Action.EXPORT_PERSONAL)
    path = _check_target(path)
    q = query or EnterpriseQuery()
    session = uow.session
    ents = search(uow, q)
    titles: dict[int, str] = {}
    ids = [e.id for e in ents]
    for start in range(0, len(ids), 500):
        titles.update(title_summaries(session, ids[start : start + 500]))

    def rows() -> Iterator[list[object]]:
        for e in ents:
            yield [
                e.code,
                e.name,
                e.district,
                e.field.label,
                e.field_reason,
                "；".join(e.former_names),
                e.address,
                e.legal_rep,
                e.contact_person,
                e.contact_phone,
                e.reg_status.label,
                e.notes,
                e.code_override_reason,
                titles.get(e.id, ""),
            ]

    n = _write(
        path,
        ENTERPRISE_COLUMNS,
        rows(),
        sheet_title="企业名单",
        title="企业名单",
        filter_text=describe_enterprise_query(q),
    )
    return ExportReport(path, n)


# ------------------------------------------------------------------------------------------ titles

TITLE_COLUMNS = (
    XColumn("企业名称", 40),
    XColumn("统一社会信用代码", 22),
    XColumn("所在区", 10),
    XColumn("称号类别", 20),
    XColumn("单项冠军类型", 14),
    XColumn("产品名称", 24),
    XColumn("批次", 8, "int"),
    XColumn("认定日期", 12, "date"),
    XColumn("认定文号", 28),
    XColumn("首次认定/复核", 12),
    XColumn("状态", 8),
    XColumn("状态日期", 12, "date"),
    XColumn("状态原因", 30),
    XColumn("复核到期日", 12, "date"),
    XColumn("来源", 10),
)


def describe_title_query(q: title_svc.TitleQuery) -> str:
    parts = []
    if q.text.strip():
        parts.append(f"搜索“{q.text.strip()}”")
    if q.kind is not None:
        parts.append(f"类别：{q.kind.label}")
    if q.status is not None:
        parts.append(f"状态：{q.status.label}")
    if q.district:
        parts.append(f"所在区：{q.district}")
    if q.year is not None:
        parts.append(f"认定年份：{q.year}")
    return "；".join(parts) or "全部"


def export_titles(
    uow: UnitOfWork, path: Path, query: title_svc.TitleQuery | None = None, *, actor: str
) -> ExportReport:
    access.require(uow, actor, Action.EXPORT_PERSONAL)
    path = _check_target(path)
    q = query or title_svc.TitleQuery()
    views = title_svc.list_titles(uow, q)

    def rows() -> Iterator[list[object]]:
        for t in views:
            yield [
                t.enterprise_name,
                t.enterprise_code,
                t.district,
                TitleKind(t.kind).label,
                ChampionType(t.champion_type).label if t.champion_type else "",
                t.product,
                t.batch,
                t.recognized_on,
                t.doc_no,
                "复核" if t.re_review else "首次认定",
                TitleStatus(t.status).label,
                t.status_on,
                t.status_reason,
                t.expires_on,
                Source(t.source).label,
            ]

    n = _write(
        path,
        TITLE_COLUMNS,
        rows(),
        sheet_title="称号名单",
        title="国家级称号名单",
        filter_text=describe_title_query(q),
    )
    return ExportReport(path, n)


# ------------------------------------------------------------------------------------------ ledger

LEDGER_COLUMNS = (
    XColumn("序号", 6, "int"),
    XColumn("企业名称", 40),
    XColumn("统一社会信用代码", 22),
    XColumn("所在区", 10),
    XColumn("称号", 20),
    XColumn("批次", 8),
    XColumn("市级奖励（元）", 16, "money", total=True),
    XColumn("省级配套（元）", 16, "money", total=True),
    XColumn("合计（元）", 16, "money", total=True),
    XColumn("状态", 10),
    XColumn("申报日期", 12, "date"),
    XColumn("决策日期", 12, "date"),
    XColumn("拨付日期", 12, "date"),
    XColumn("资金下达文号", 28),
    XColumn("提示", 40),
)


def _event_date(facts: Mapping[str, object], at: datetime) -> date:
    value = facts.get("date")
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return at.date()


def describe_case_query(q: CaseQuery) -> str:
    """The ledger's filter in words, written above the table."""
    from core.domain.workflow import CaseState

    parts = []
    if q.text.strip():
        parts.append(f"搜索“{q.text.strip()}”")
    if q.kind is not None:
        parts.append(f"称号：{q.kind.label}")
    if q.status:
        try:
            parts.append(f"状态：{CaseState(q.status).label}")
        except ValueError:
            parts.append(f"状态：{q.status}")
    if q.eligible is not None:
        parts.append("符合奖励条件" if q.eligible else "不符合奖励条件")
    if q.year is not None:
        parts.append(f"称号认定年份：{q.year}")
    if q.frozen is not None:
        parts.append("已定案" if q.frozen else "未定案")
    return "；".join(parts) or "全部"


def ledger_rows(uow: UnitOfWork, query: CaseQuery | None = None) -> list[LedgerRow]:
    """The ledger lines from the case register (the cases `query` selects, all by default), one per case, in
    case order: amounts from the case (a city reward not decided yet shows 0.00), dates and the funding
    notice's 文号 from the case's process events (提交申报 → 申报日期, 批准 → 决策日期, 下达资金 → 文号,
    市级拨付 → 拨付日期)."""
    from core.domain.workflow import CaseState
    from core.services.cases import list_cases
    from core.services.workflow import process

    out: list[LedgerRow] = []
    for c in sorted(list_cases(uow, query), key=lambda v: v.id):
        try:
            status = CaseState(c.status).label
        except ValueError:
            status = c.status
        submitted = decided = paid = None
        notice_no = ""
        for e in process(uow, c.id).events:
            if e.to_state is CaseState.SUBMITTED and submitted is None:
                submitted = _event_date(e.facts, e.at)
            elif e.to_state in (CaseState.APPROVED, CaseState.REJECTED):
                decided = _event_date(e.facts, e.at)
            elif e.to_state is CaseState.NOTICE_ISSUED:
                notice_no = str(e.facts.get("doc_no", "") or "")
            elif e.to_state is CaseState.PAID:
                paid = _event_date(e.facts, e.at)
        city = c.city_reward if c.city_reward is not None else Decimal("0.00")
        out.append(
            LedgerRow(
                enterprise=c.enterprise_name,
                code=c.enterprise_code,
                district=c.district,
                title=c.title_kind.label,
                batch=f"第{c.title_batch}批",
                city_reward=city,
                provincial_match=c.province_match,
                total=c.total,
                status=status,
                submitted_on=submitted,
                decided_on=c.decided_on or decided,
                paid_on=paid,
                notice_no=notice_no,
                warnings="".join(c.warnings),
            )
        )
    return out


def export_ledger(
    uow: UnitOfWork,
    path: Path,
    rows: Sequence[LedgerRow] | None = None,
    filter_text: str | None = None,
    query: CaseQuery | None = None,
    *,
    actor: str,
) -> ExportReport:
    """The ledger of the cases `query` selects (all by default), or of the given rows; the filter is written
    above the table (`filter_text`, else the query in words). Personal data: `actor` must be allowed
    `Action.EXPORT_PERSONAL` (in the window: the signed-in officer)."""
    access.require(uow, actor, Action.EXPORT_PERSONAL)
    path = _check_target(path)
    lines = list(rows) if rows is not None else ledger_rows(uow, query)
    if filter_text is None:
        from core.services.cases import CaseQuery

        filter_text = describe_case_query(query or CaseQuery())

    def cells() -> Iterator[list[object]]:
        for i, r in enumerate(lines, start=1):
            yield [
                i,
                r.enterprise,
                r.code,
                r.district,
                r.title,
                r.batch,
                r.city_reward,
                r.provincial_match,
                r.total,
                r.status,
                r.submitted_on,
                r.decided_on,
                r.paid_on,
                r.notice_no,
                r.warnings,
            ]

    n = _write(
        path, LEDGER_COLUMNS, cells(), sheet_title="台账", title="奖励资金台账", filter_text=filter_text
    )
    return ExportReport(path, n)


# ------------------------------------------------------------------------------------------ templates, errors

_ENTERPRISE_EXAMPLE = {
    "code": "914403001922038216",
    "name": "佛山市示例机器人科技有限公司",
    "district": "南海区",
    "field": "机器人",
    "field_reason": "主营工业机器人及核心部件",
    "former_names": "",
    "address": "佛山市南海区桂城街道示例路1号",
    "legal_rep": "陈示例",
    "contact_person": "李示例",
    "contact_phone": "13800000000",
    "reg_status": "存续",
    "notes": "领域可填：人工智能、机器人、人工智能与机器人、其他",
}
TITLE_TEMPLATE_HEADER = ("序号", "企业名称", "统一社会信用代码", "地区", "产品名称", "备注")
_TITLE_EXAMPLE = (
    1,
    "佛山市示例机器人科技有限公司",
    "914403001922038216",
    "广东省",
    "协作机器人",
    "信用代码可不填",
)


def write_template(kind: str, path: Path) -> ExportReport:
    """An import template: the expected headers and one example row."""
    path = _check_target(path)
    if kind == "enterprises":
        header = [ENTERPRISE_LABELS[k] for k in _ENTERPRISE_EXAMPLE]
        n = write_rows(path, header, [list(_ENTERPRISE_EXAMPLE.values())], "企业名单")
    elif kind == "titles":
        n = write_rows(path, TITLE_TEMPLATE_HEADER, [list(_TITLE_EXAMPLE)], "称号名单")
    else:
        raise InputError(f"没有“{kind}”模板，可选：enterprises、titles。")
    return ExportReport(path, n)


def export_error_rows(preview: Preview, path: Path) -> ExportReport:
    """The rows that could not be imported, as the file had them, plus a "问题" column saying why."""
    path = _check_target(path)
    header = [*preview.headers, "问题"]
    out: list[list[object]] = []
    for r in preview.rows:
        if r.status is RowStatus.ERROR:
            problem = "；".join(f"{i.column}：{i.message}" if i.column else i.message for i in r.issues)
        elif r.status is RowStatus.UNMATCHED:
            near = "、".join(c.name for c in r.candidates)
            problem = (
                "企业库中找不到该企业"
                + (f"（相近：{near}）" if near else "")
                + "，请核对名称或补充统一社会信用代码。"
            )
        else:
            continue
        cells: list[object] = list(r.cells[: len(preview.headers)])
        cells += [""] * (len(preview.headers) - len(cells))
        out.append([*cells, f"第{r.row}行：{problem}"])
    try:
        n = write_rows(path, header, out, "问题行")
    except WriteError as exc:
        raise InputError(str(exc)) from None
    return ExportReport(path, n)

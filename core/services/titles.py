"""Use cases of the national-title register: add, edit, revoke, list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from core.domain import uscc
from core.domain.enums import ChampionType, Source, TitleKind, TitleStatus, parse_enum
from core.domain.permissions import Action
from core.domain.text import clean_display_text
from core.domain.titles import batch_year_warning, default_champion_type, expires_on
from core.services import access, audit
from core.services.enterprises import contains_text
from core.services.errors import Conflict, InputError, NotFound
from core.store.models import Enterprise, NationalTitle
from core.store.uow import UnitOfWork


@dataclass(frozen=True)
class TitleInput:
    enterprise_code: str
    kind: str
    batch: int | str
    recognized_on: date | str
    doc_no: str = ""
    re_review: bool = False
    champion_type: str = ""
    product: str = ""
    status: str = "valid"
    source: str = "manual"


@dataclass(frozen=True)
class TitleView:
    id: int
    enterprise_id: int
    enterprise_code: str
    enterprise_name: str
    district: str
    kind: TitleKind
    champion_type: ChampionType | None
    product: str
    batch: int
    recognized_on: date
    recognized_year: int
    doc_no: str
    re_review: bool
    status: TitleStatus
    status_on: date | None
    status_reason: str
    expires_on: date | None
    source: Source
    version: int
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "code": self.enterprise_code,
            "name": self.enterprise_name,
            "district": self.district,
            "kind": self.kind.value,
            "champion_type": self.champion_type.value if self.champion_type else None,
            "product": self.product,
            "batch": self.batch,
            "recognized_on": self.recognized_on.isoformat(),
            "recognized_year": self.recognized_year,
            "doc_no": self.doc_no,
            "re_review": self.re_review,
            "status": self.status.value,
            "status_on": self.status_on.isoformat() if self.status_on else None,
            "status_reason": self.status_reason,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "source": self.source.value,
        }


@dataclass(frozen=True)
class TitleQuery:
    text: str = ""
    kind: TitleKind | None = None
    status: TitleStatus | None = None
    district: str | None = None
    year: int | None = None
    enterprise_id: int | None = None


def parse_date(value: date | str, what: str) -> date:
    if isinstance(value, date):
        return value
    text = value.strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    for sep in ("年", "月"):
        text = text.replace(sep, "-")
    text = text.rstrip("日").rstrip("-")
    try:
        y, m, d = (int(p) for p in text.split("-"))
        return date(y, m, d)
    except ValueError:
        raise InputError(
            f"{what}“{value}”不是有效日期，请写成 2025-07-15。", {"recognized_on": what}
        ) from None


def validate_title(data: TitleInput) -> dict[str, object]:
    """The checked column values of a title (kind, batch, dates, champion type, status, source), or InputError
    listing every field to correct. Shared by add/update here and by imports (the same checks for a list)."""
    errors: dict[str, str] = {}
    try:
        kind = parse_enum(TitleKind, data.kind, "称号类别")
    except ValueError as exc:
        errors["kind"] = str(exc)
        kind = TitleKind.LITTLE_GIANT
    try:
        batch = int(data.batch)
        if not 1 <= batch <= 99:
            raise ValueError
    except ValueError:
        errors["batch"] = f"批次“{data.batch}”应为1到99之间的整数（第N批的N）。"
        batch = 0
    try:
        recognized = parse_date(data.recognized_on, "认定日期")
    except InputError as exc:
        errors["recognized_on"] = str(exc)
        recognized = date(2000, 1, 1)
    champion: ChampionType | None = None
    if kind is TitleKind.SINGLE_CHAMPION:
        if data.champion_type.strip():
            try:
                champion = parse_enum(ChampionType, data.champion_type, "单项冠军类型")
            except ValueError as exc:
                errors["champion_type"] = str(exc)
        else:
            champion = default_champion_type(recognized)
        if champion is ChampionType.PRODUCT and not data.product.strip():
            errors["product"] = "冠军产品须填写产品名称。"
    try:
        status = parse_enum(TitleStatus, data.status, "称号状态")
        source = parse_enum(Source, data.source, "来源")
    except ValueError as exc:
        errors["status"] = str(exc)
        status, source = TitleStatus.VALID, Source.MANUAL
    if errors:
        raise InputError(f"有{len(errors)}处需要修改：{next(iter(errors.values()))}", errors)
    return {
        "kind": kind.value,
        "champion_type": champion.value if champion else None,
        "product": clean_display_text(data.product),
        "batch": batch,
        "recognized_on": recognized,
        "recognized_year": recognized.year,
        "doc_no": clean_display_text(data.doc_no),
        "re_review": bool(data.re_review),
        "status": status.value,
        "source": source.value,
        "expires_on": expires_on(recognized),
    }


def _view(t: NationalTitle, e: Enterprise, warnings: tuple[str, ...] = ()) -> TitleView:
    return TitleView(
        id=t.id,
        enterprise_id=e.id,
        enterprise_code=e.code,
        enterprise_name=e.name,
        district=e.district,
        kind=TitleKind(t.kind),
        champion_type=ChampionType(t.champion_type) if t.champion_type else None,
        product=t.product,
        batch=t.batch,
        recognized_on=t.recognized_on,
        recognized_year=t.recognized_year,
        doc_no=t.doc_no,
        re_review=t.re_review,
        status=TitleStatus(t.status),
        status_on=t.status_on,
        status_reason=t.status_reason,
        expires_on=t.expires_on,
        source=Source(t.source),
        version=t.version,
        warnings=warnings,
    )


def _enterprise(session: Session, code: str) -> Enterprise:
    ent = session.scalar(select(Enterprise).where(Enterprise.code == uscc.normalize(code)))
    if ent is None:
        raise InputError(
            f"企业库中没有统一社会信用代码为 {uscc.normalize(code)} 的企业，请先登记企业。",
            {"enterprise_code": "企业不存在"},
        )
    return ent


def _duplicate(session: Session, ent_id: int, values: dict[str, object], exclude: int | None) -> None:
    stmt = select(NationalTitle).where(
        NationalTitle.enterprise_id == ent_id,
        NationalTitle.kind == values["kind"],
        NationalTitle.batch == values["batch"],
        NationalTitle.re_review == values["re_review"],
        NationalTitle.product == values["product"],
    )
    if exclude is not None:
        stmt = stmt.where(NationalTitle.id != exclude)
    if session.scalar(stmt) is not None:
        raise Conflict("该企业已登记同类别、同批次的称号，请勿重复添加。")


# The stored fields an audit entry records.
AUDITED_FIELDS = (
    "enterprise_id",
    "kind",
    "champion_type",
    "product",
    "batch",
    "recognized_on",
    "doc_no",
    "re_review",
    "status",
    "status_on",
    "status_reason",
    "expires_on",
    "source",
)


def add_title(uow: UnitOfWork, data: TitleInput, *, actor: str) -> TitleView:
    actor = access.require(uow, actor, Action.TITLE_EDIT)
    values = validate_title(data)
    session = uow.session
    ent = _enterprise(session, data.enterprise_code)
    _duplicate(session, ent.id, values, None)
    title = NationalTitle(enterprise_id=ent.id, **values)
    session.add(title)
    session.flush()
    audit.record(
        session, actor, "title", title.id, "create", audit.created(audit.snapshot(title, AUDITED_FIELDS))
    )
    warning = batch_year_warning(TitleKind(title.kind), title.batch, title.recognized_on)
    uow.commit()
    return _view(title, ent, (warning,) if warning else ())


def update_title(
    uow: UnitOfWork,
    title_id: int,
    data: TitleInput,
    expected_version: int | None = None,
    *,
    actor: str,
) -> TitleView:
    actor = access.require(uow, actor, Action.TITLE_EDIT)
    values = validate_title(data)
    session = uow.session
    title = session.get(NationalTitle, title_id)
    if title is None:
        raise NotFound(f"称号（编号 {title_id}）不存在。")
    if expected_version is not None and title.version != expected_version:
        raise Conflict("该称号已被他人修改，请重新打开后再编辑。")
    ent = _enterprise(session, data.enterprise_code)
    _duplicate(session, ent.id, values, title.id)
    values.pop("status")  # status changes go through revoke/expire, with their dates and reasons
    values.pop("source")
    before = audit.snapshot(title, AUDITED_FIELDS)
    title.enterprise_id = ent.id
    for key, value in values.items():
        setattr(title, key, value)
    session.flush()
    changes = audit.diff(before, audit.snapshot(title, AUDITED_FIELDS))
    if changes:
        audit.record(session, actor, "title", title.id, "update", changes)
    uow.commit()
    return _view(title, ent)


def revoke_title(uow: UnitOfWork, title_id: int, on: date | str, reason: str, *, actor: str) -> TitleView:
    actor = access.require(uow, actor, Action.TITLE_EDIT)
    session = uow.session
    title = session.get(NationalTitle, title_id)
    if title is None:
        raise NotFound(f"称号（编号 {title_id}）不存在。")
    if not reason.strip():
        raise InputError("撤销称号须填写原因（如：复核未通过、未按期提交复核材料）。", {"reason": "必填"})
    when = parse_date(on, "撤销日期")
    if when < title.recognized_on:
        raise InputError("撤销日期不能早于认定日期。", {"status_on": "早于认定日期"})
    if title.status == TitleStatus.REVOKED.value:
        raise Conflict("该称号已撤销。")
    before = audit.snapshot(title, AUDITED_FIELDS)
    title.status = TitleStatus.REVOKED.value
    title.status_on = when
    title.status_reason = reason.strip()
    session.flush()
    audit.record(
        session, actor, "title", title.id, "revoke", audit.diff(before, audit.snapshot(title, AUDITED_FIELDS))
    )
    uow.commit()
    return _view(title, title.enterprise)


def get_title(uow: UnitOfWork, title_id: int) -> TitleView:
    title = uow.session.get(NationalTitle, title_id)
    if title is None:
        raise NotFound(f"称号（编号 {title_id}）不存在。")
    return _view(title, title.enterprise)


def _query(session: Session, q: TitleQuery) -> Select[NationalTitle, Enterprise]:
    stmt = select(NationalTitle, Enterprise).join(Enterprise, NationalTitle.enterprise_id == Enterprise.id)
    if q.text.strip():
        stmt = stmt.where(contains_text(session, Enterprise.search_text, q.text))
    if q.kind is not None:
        stmt = stmt.where(NationalTitle.kind == q.kind.value)
    if q.status is not None:
        stmt = stmt.where(NationalTitle.status == q.status.value)
    if q.district:
        stmt = stmt.where(Enterprise.district == q.district)
    if q.year is not None:
        stmt = stmt.where(NationalTitle.recognized_year == q.year)
    if q.enterprise_id is not None:
        stmt = stmt.where(NationalTitle.enterprise_id == q.enterprise_id)
    return stmt.order_by(NationalTitle.recognized_on.desc(), Enterprise.name_norm, NationalTitle.id)


def list_titles(uow: UnitOfWork, q: TitleQuery | None = None) -> list[TitleView]:
    return [_view(t, e) for t, e in uow.session.execute(_query(uow.session, q or TitleQuery()))]

"""Use cases of the enterprise register: add, edit, look up, search.

What a record is made of and how its texts are checked (`EnterpriseInput`, `validate_enterprise`,
`checked_enterprise`) is in core.services.enterprise_input, re-exported here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.domain import uscc
from core.domain.enums import Field, RegStatus, TitleKind, TitleStatus
from core.domain.permissions import Action
from core.domain.text import normalize_name
from core.domain.titles import short_label
from core.services import access, audit
from core.services.enterprise_input import FIELD_NAMES as FIELD_NAMES
from core.services.enterprise_input import EnterpriseInput as EnterpriseInput
from core.services.enterprise_input import Validated as Validated
from core.services.enterprise_input import _split_former as _split_former
from core.services.enterprise_input import checked_enterprise as checked_enterprise
from core.services.enterprise_input import search_text_for as search_text_for
from core.services.enterprise_input import validate_enterprise as validate_enterprise
from core.services.errors import Conflict, InputError, NotFound
from core.store.fast import scalars_fast
from core.store.models import Enterprise, NationalTitle
from core.store.uow import UnitOfWork

Ts = TypeVarTuple("Ts")


@dataclass(frozen=True)
class EnterpriseView:
    id: int
    code: str
    name: str
    district: str
    field: Field
    field_reason: str
    former_names: tuple[str, ...]
    address: str
    legal_rep: str
    contact_person: str
    contact_phone: str
    reg_status: RegStatus
    notes: str
    code_override_reason: str
    created_at: datetime
    updated_at: datetime
    version: int
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "district": self.district,
            "field": self.field.value,
            "field_reason": self.field_reason,
            "former_names": list(self.former_names),
            "address": self.address,
            "legal_rep": self.legal_rep,
            "contact_person": self.contact_person,
            "contact_phone": self.contact_phone,
            "status": self.reg_status.value,
            "notes": self.notes,
            "code_override_reason": self.code_override_reason or None,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "updated_at": self.updated_at.isoformat(timespec="seconds"),
        }


@dataclass(frozen=True)
class EnterpriseRow:
    """One line of the register table."""

    id: int
    code: str
    name: str
    district: str
    field: Field
    reg_status: RegStatus
    titles: str  # e.g. "小巨人(第6批)；单项冠军(第9批)"


SORT_KEYS = ("name", "code", "district", "field", "status", "titles")


@dataclass(frozen=True)
class EnterpriseQuery:
    text: str = ""
    district: str | None = None
    field: Field | None = None
    title_kind: TitleKind | None = None
    sort: str = "name"
    descending: bool = False
    limit: int | None = None


def _view(e: Enterprise, warnings: tuple[str, ...] = ()) -> EnterpriseView:
    return EnterpriseView(
        id=e.id,
        code=e.code,
        name=e.name,
        district=e.district,
        field=Field(e.field),
        field_reason=e.field_reason,
        former_names=tuple(n for n in e.former_names.splitlines() if n),
        address=e.address,
        legal_rep=e.legal_rep,
        contact_person=e.contact_person,
        contact_phone=e.contact_phone,
        reg_status=RegStatus(e.reg_status),
        notes=e.notes,
        code_override_reason=e.code_override_reason or "",
        created_at=e.created_at,
        updated_at=e.updated_at,
        version=e.version,
        warnings=warnings,
    )


def _get_by_code(session: Session, code: str) -> Enterprise | None:
    return session.scalar(select(Enterprise).where(Enterprise.code == uscc.normalize(code)))


def _same_name_warnings(session: Session, name_norm: str, exclude_id: int | None) -> tuple[str, ...]:
    stmt = select(Enterprise.code, Enterprise.name).where(Enterprise.name_norm == name_norm)
    if exclude_id is not None:
        stmt = stmt.where(Enterprise.id != exclude_id)
    return tuple(f"已有同名企业：{name}（{code}），请确认是否重复。" for code, name in session.execute(stmt))


# The stored fields an audit entry records (derived search columns left out).
AUDITED_FIELDS = (
    "code",
    "code_override_reason",
    "name",
    "former_names",
    "district",
    "address",
    "legal_rep",
    "contact_person",
    "contact_phone",
    "field",
    "field_reason",
    "reg_status",
    "notes",
)


def add_enterprise(uow: UnitOfWork, data: EnterpriseInput, *, actor: str) -> EnterpriseView:
    """Register an enterprise. `actor`: the signed-in officer (empty: the window's), checked against the
    permission table (core.services.access)."""
    actor = access.require(uow, actor, Action.ENTERPRISE_EDIT)
    valid = validate_enterprise(data)
    session = uow.session
    code = str(valid.values["code"])
    existing = _get_by_code(session, code)
    if existing is not None:
        raise Conflict(f"统一社会信用代码 {code} 已登记为“{existing.name}”，请打开该企业修改，不要重复添加。")
    warnings = _same_name_warnings(session, str(valid.values["name_norm"]), None)
    ent = Enterprise(**valid.values)
    session.add(ent)
    session.flush()
    audit.record(
        session, actor, "enterprise", ent.id, "create", audit.created(audit.snapshot(ent, AUDITED_FIELDS))
    )
    uow.commit()
    return _view(ent, warnings)


def update_enterprise(
    uow: UnitOfWork,
    enterprise_id: int,
    data: EnterpriseInput,
    expected_version: int | None = None,
    *,
    actor: str,
) -> EnterpriseView:
    actor = access.require(uow, actor, Action.ENTERPRISE_EDIT)
    valid = validate_enterprise(data)
    session = uow.session
    ent = session.get(Enterprise, enterprise_id)
    if ent is None:
        raise NotFound(f"企业（编号 {enterprise_id}）不存在。")
    if expected_version is not None and ent.version != expected_version:
        raise _changed_by_other(ent)
    code = str(valid.values["code"])
    if code != ent.code:
        other = _get_by_code(session, code)
        if other is not None:
            raise Conflict(f"统一社会信用代码 {code} 已登记为“{other.name}”。")
    before = audit.snapshot(ent, AUDITED_FIELDS)
    old_name = ent.name
    values = dict(valid.values)
    new_name = str(values["name"])
    if new_name != old_name:
        former = [n for n in str(values["former_names"]).splitlines() if n]
        if old_name not in former:
            former.insert(0, old_name)
        values["former_names"] = "\n".join(former)
        values["search_text"] = search_text_for(new_name, former, code, str(values["district"]))
    try:
        for key, value in values.items():
            setattr(ent, key, value)
        session.flush()
        changes = audit.diff(before, audit.snapshot(ent, AUDITED_FIELDS))
        if changes:
            audit.record(session, actor, "enterprise", ent.id, "update", changes)
        warnings = _same_name_warnings(session, ent.name_norm, ent.id)
        uow.commit()
    except StaleDataError:  # another officer saved between our read and our write (shared database)
        uow.rollback()
        fresh = session.get(Enterprise, enterprise_id)
        if fresh is None:
            raise NotFound(f"企业（编号 {enterprise_id}）已不存在。") from None
        raise _changed_by_other(fresh) from None
    return _view(ent, warnings)


def _changed_by_other(fresh: Enterprise) -> Conflict:
    """Another officer's save won: refuse ours, and show what is stored now."""
    now_values = (
        f"名称“{fresh.name}”，所在区“{fresh.district or '（空）'}”，领域“{Field(fresh.field).label}”，"
        f"登记状态“{RegStatus(fresh.reg_status).label}”"
    )
    return Conflict(
        f"“{fresh.name}”已被他人修改并保存（现为：{now_values}），您的修改未保存，请重新打开后再编辑。"
    )


def get_enterprise(uow: UnitOfWork, code_or_id: str | int) -> EnterpriseView:
    session = uow.session
    ent = (
        session.get(Enterprise, code_or_id)
        if isinstance(code_or_id, int)
        else _get_by_code(session, code_or_id)
    )
    if ent is None:
        raise NotFound(f"未找到企业：{code_or_id}。")
    return _view(ent)


def input_from_view(view: EnterpriseView) -> EnterpriseInput:
    """The form values of a stored enterprise (to edit it)."""
    return EnterpriseInput(
        code=view.code,
        name=view.name,
        district=view.district,
        field=view.field.value,
        field_reason=view.field_reason,
        former_names=view.former_names,
        address=view.address,
        legal_rep=view.legal_rep,
        contact_person=view.contact_person,
        contact_phone=view.contact_phone,
        reg_status=view.reg_status.value,
        notes=view.notes,
        code_override_reason=view.code_override_reason,
    )


def contains_text(session: Session, column: SQLColumnExpression[str], text: str) -> ColumnElement[bool]:
    """`column` contains the normalised search text: instr()/strpos() (faster than LIKE, no escaping)."""
    needle = normalize_name(text).lower()
    if session.get_bind().dialect.name == "postgresql":
        return func.strpos(column, needle) > 0
    return func.instr(column, needle) > 0


_LIVE_TITLE_COUNTS = (
    select(NationalTitle.enterprise_id, func.count(NationalTitle.id).label("n"))
    .where(NationalTitle.status != TitleStatus.REVOKED.value)
    .group_by(NationalTitle.enterprise_id)
    .subquery()
)

_SORT_COLUMNS: dict[str, SQLColumnExpression[Any]] = {
    "name": Enterprise.name_norm,
    "code": Enterprise.code,
    "district": Enterprise.district,
    "field": Enterprise.field,
    "status": Enterprise.reg_status,
    "titles": func.coalesce(_LIVE_TITLE_COUNTS.c.n, 0),
}


def _filtered(session: Session, stmt: Select[*Ts], q: EnterpriseQuery) -> Select[*Ts]:
    if q.text.strip():
        stmt = stmt.where(contains_text(session, Enterprise.search_text, q.text))
    if q.district:
        stmt = stmt.where(Enterprise.district == q.district)
    if q.field is not None:
        if q.field in (Field.AI, Field.ROBOTICS):
            stmt = stmt.where(Enterprise.field.in_([q.field.value, Field.BOTH.value]))
        else:
            stmt = stmt.where(Enterprise.field == q.field.value)
    if q.title_kind is not None:
        stmt = stmt.where(
            select(NationalTitle.id)
            .where(NationalTitle.enterprise_id == Enterprise.id, NationalTitle.kind == q.title_kind.value)
            .exists()
        )
    return stmt


def ordered(session: Session, stmt: Select[*Ts], q: EnterpriseQuery) -> Select[*Ts]:
    """`stmt` over the register with the query's filters, its order (ties by id) and its limit."""
    if q.sort not in _SORT_COLUMNS:
        raise InputError(f"无法按“{q.sort}”排序，可选：{'、'.join(SORT_KEYS)}。")
    column = _SORT_COLUMNS[q.sort]
    if q.sort == "titles":
        stmt = stmt.outerjoin(_LIVE_TITLE_COUNTS, _LIVE_TITLE_COUNTS.c.enterprise_id == Enterprise.id)
    stmt = _filtered(session, stmt, q).order_by(
        column.desc() if q.descending else column.asc(), Enterprise.id.asc()
    )
    return stmt if q.limit is None else stmt.limit(q.limit)


def search_ids(uow: UnitOfWork, q: EnterpriseQuery) -> list[int]:
    """Ids of the matching enterprises in display order (the table model fetches rows lazily)."""
    stmt = ordered(uow.session, select(Enterprise.id), q)
    return scalars_fast(uow.session, stmt)


def title_summaries(session: Session, ids: list[int]) -> dict[int, str]:
    out: dict[int, list[str]] = {}
    stmt = (
        select(NationalTitle.enterprise_id, NationalTitle.kind, NationalTitle.batch, NationalTitle.status)
        .where(NationalTitle.enterprise_id.in_(ids))
        .order_by(NationalTitle.recognized_on)
    )
    for ent_id, kind, batch, status in session.execute(stmt):
        out.setdefault(ent_id, []).append(short_label(TitleKind(kind), batch, TitleStatus(status)))
    return {k: "；".join(v) for k, v in out.items()}


def rows_by_ids(uow: UnitOfWork, ids: list[int]) -> list[EnterpriseRow]:
    """Rows for these ids, in the order given (ids not found are skipped)."""
    if not ids:
        return []
    session = uow.session
    by_id: dict[int, EnterpriseRow] = {}
    titles: dict[int, str] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        stmt = select(
            Enterprise.id,
            Enterprise.code,
            Enterprise.name,
            Enterprise.district,
            Enterprise.field,
            Enterprise.reg_status,
        ).where(Enterprise.id.in_(chunk))
        for row in session.execute(stmt):
            by_id[row.id] = EnterpriseRow(
                row.id, row.code, row.name, row.district, Field(row.field), RegStatus(row.reg_status), ""
            )
        titles.update(title_summaries(session, chunk))
    return [replace(by_id[i], titles=titles.get(i, "")) for i in ids if i in by_id]


def search(uow: UnitOfWork, q: EnterpriseQuery) -> list[EnterpriseView]:
    return [_view(e) for e in uow.session.scalars(ordered(uow.session, select(Enterprise), q))]


def districts(uow: UnitOfWork) -> list[str]:
    stmt = (
        select(Enterprise.district).where(Enterprise.district != "").distinct().order_by(Enterprise.district)
    )
    return list(uow.session.scalars(stmt))


def count(uow: UnitOfWork) -> int:
    return int(uow.session.scalar(select(func.count(Enterprise.id))) or 0)

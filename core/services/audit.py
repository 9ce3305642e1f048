"""The audit trail: who changed what, when, field by field; append-only and hash-chained.

Each entry's hash is sha256(previous entry's hash + the canonical JSON of the entry, its position included), so
editing, deleting, inserting or reordering stored entries breaks the chain at the first entry concerned, which
`verify` names. `record` is called by the write use cases inside their own transaction: the change and its
audit entry are committed together or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from core.domain.workflow import TRANSITIONS, CaseState
from core.store.models import NationalTitle, now
from core.store.models_audit import AuditEntry

__all__ = ["AuditEntry"]
from core.store.models_users import User
from core.store.uow import UnitOfWork

GENESIS = "0" * 64
SYSTEM = "system"
_PG_LOCK_KEY = 0x5D_A0D17  # one advisory lock serialises appends on a shared PostgreSQL database

Change = tuple[Any, Any]

# The officer signed in to this process (the desktop app sets it at sign-in): recorded for changes whose
# caller passed no actor of its own. One officer per window process; the CLI passes --user explicitly.
_signed_in: str | None = None


def set_signed_in(name: str | None) -> None:
    global _signed_in
    _signed_in = name


def actor_or_signed_in(actor: str) -> str:
    return _signed_in if actor in ("", SYSTEM) and _signed_in else (actor or SYSTEM)


def plain(value: Any) -> Any:
    """A JSON value for a stored field: dates as ISO text, amounts as "1000.00", enums by code."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, list | tuple | frozenset | set):
        return [plain(v) for v in value]
    return str(value)


def snapshot(obj: object, names: Iterable[str]) -> dict[str, Any]:
    return {name: plain(getattr(obj, name)) for name in names}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Change]:
    """The fields whose value changed, as (before, after)."""
    out: dict[str, Change] = {}
    for key in after:
        old, new = plain(before.get(key)), plain(after[key])
        if old != new:
            out[key] = (old, new)
    return out


def created(after: Mapping[str, Any]) -> dict[str, Change]:
    """The fields of a new record (empty values left out), as (None, value)."""
    return {k: (None, plain(v)) for k, v in after.items() if v not in (None, "", [], ())}


def _canonical(entry: AuditEntry) -> str:
    body = {
        "id": entry.id,
        "at": entry.at.isoformat(timespec="seconds"),
        "actor": entry.actor,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "action": entry.action,
        "changes": json.loads(entry.changes),
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    return hashlib.sha256((prev_hash + _canonical(entry)).encode("utf-8")).hexdigest()


def record(
    session: Session,
    actor: str,
    entity: str,
    entity_id: int | str,
    action: str,
    changes: Mapping[str, Change] | None = None,
) -> AuditEntry:
    """Append one entry to the chain (in the caller's transaction; it commits with the change it records)."""
    # Take the write lock before reading the chain's end, so that two officers saving at once queue up
    # instead of both appending after the same entry.
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    elif dialect == "sqlite":
        session.execute(text("UPDATE audit_entry SET id = id WHERE 0 = 1"))  # a no-op write takes the lock
    session.flush()
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    prev_id, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
    payload = {k: [plain(b), plain(a)] for k, (b, a) in (changes or {}).items()}
    entry = AuditEntry(
        id=prev_id + 1,
        at=now(),
        actor=actor_or_signed_in(actor),
        entity=entity,
        entity_id=str(entity_id),
        action=action,
        changes=json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        prev_hash=prev_hash,
        hash="",
    )
    entry.hash = entry_hash(prev_hash, entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    entries: int
    first_bad: int | None = None
    problem: str = ""

    def to_json(self) -> dict[str, object]:
        return {"ok": self.ok, "entries": self.entries, "first_bad": self.first_bad, "problem": self.problem}


def verify(uow: UnitOfWork) -> VerifyReport:
    """Walk the whole chain; name the first entry that was altered, removed or inserted out of order."""
    rows = list(uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    known_hashes = {r.hash for r in rows}
    expected_prev, prev_id = GENESIS, 0
    for row in rows:
        if row.prev_hash != expected_prev:
            if row.id != prev_id + 1 and row.prev_hash not in known_hashes:
                gap = f"第{prev_id + 1}条" if row.id == prev_id + 2 else f"第{prev_id + 1}至{row.id - 1}条"
                problem = f"{gap}审计记录被删除（第{row.id}条的前一条已不存在）。"
                return VerifyReport(False, len(rows), prev_id + 1, problem)
            if row.prev_hash in known_hashes or row.prev_hash == GENESIS:
                problem = f"第{row.id}条审计记录的顺序被调换或被插入（它原本不接在第{prev_id}条之后）。"
            else:
                problem = f"第{row.id}条之前的审计记录被删除或改动（第{row.id}条所接的前一条已不存在）。"
            return VerifyReport(False, len(rows), row.id, problem)
        try:
            intact = entry_hash(row.prev_hash, row) == row.hash
        except (ValueError, TypeError):  # changes no longer JSON, a date no longer a date
            intact = False
        if not intact:
            problem = (
                f"第{row.id}条审计记录的内容被改动（{row.at:%Y-%m-%d %H:%M}，{row.actor}，{row.action}）。"
            )
            return VerifyReport(False, len(rows), row.id, problem)
        expected_prev, prev_id = row.hash, row.id
    return VerifyReport(True, len(rows))


# --- history in plain Chinese ---------------------------------------------------------------------------

ENTITY_LABELS = {
    "enterprise": "企业",
    "title": "称号",
    "case": "案件",
    "payment": "拨付记录",
    "user": "用户",
    "policy": "政策",
    "setting": "设置",
}
ACTION_LABELS = {
    "create": "新增",
    "update": "修改",
    "revoke": "撤销",
    "transition": "办理",
    "payment": "登记拨付",
    "correction": "冲正",
    "objection": "登记异议",
    "objection_dismissed": "异议不成立",
    "set_password": "修改密码",
    "lock": "锁定",
    "unlock": "解锁",
    **{t.name: t.label for t in TRANSITIONS},
}
FIELD_LABELS = {
    "code": "统一社会信用代码",
    "code_override_reason": "校验位例外原因",
    "name": "名称",
    "former_names": "曾用名",
    "district": "所在区",
    "address": "地址",
    "legal_rep": "法定代表人",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "field": "领域",
    "field_reason": "领域依据",
    "reg_status": "登记状态",
    "notes": "备注",
    "enterprise_id": "企业编号",
    "kind": "称号类别",
    "champion_type": "单项冠军类型",
    "product": "产品",
    "batch": "批次",
    "recognized_on": "认定日期",
    "doc_no": "文号",
    "re_review": "复核通过",
    "status": "状态",
    "status_on": "状态日期",
    "status_reason": "原因",
    "expires_on": "有效期至",
    "source": "来源",
    "display_name": "姓名",
    "roles": "角色",
    "active": "启用",
    "reason": "原因/意见",
    "date": "日期",
    "period": "公示期（工作日）",
    "notice_end": "公示截止",
    "amount": "金额",
    "voucher": "凭证号",
    "objector": "异议人",
    "objection_id": "异议记录编号",
    "resolved_on": "处理日期",
    "upheld": "异议成立",
    "line": "资金类别",
}
_SKIPPED = {"name_norm", "search_text", "recognized_year"}


def _show_field(entity: str, key: str, value: Any) -> str:
    if entity == "case" and key == "status" and isinstance(value, str):
        try:
            return f"“{CaseState(value).label}”"
        except ValueError:
            pass
    return _show(value)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "（空）"
    return f"“{str(value).replace(chr(10), '；')}”"


@dataclass(frozen=True)
class AuditView:
    id: int
    at: datetime
    actor: str
    entity: str
    entity_id: str
    action: str
    changes: dict[str, list[Any]]

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds"),
            "actor": self.actor,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "action": self.action,
            "changes": self.changes,
        }


def _audit_view(e: AuditEntry) -> AuditView:
    return AuditView(e.id, e.at, e.actor, e.entity, e.entity_id, e.action, json.loads(e.changes))


def describe(entry: AuditView, who: str) -> str:
    changes = entry.changes
    what = f"{ACTION_LABELS.get(entry.action, entry.action)}{ENTITY_LABELS.get(entry.entity, entry.entity)}"
    parts = []
    for key, (before, after) in changes.items():
        if key in _SKIPPED:
            continue
        label = FIELD_LABELS.get(key, key)
        shown_after = _show_field(entry.entity, key, after)
        if entry.action == "create" or (before is None and entry.action != "update"):
            parts.append(f"{label}{shown_after}")
        else:
            parts.append(f"{label}由{_show_field(entry.entity, key, before)}改为{shown_after}")
    detail = "：" + "；".join(parts) if parts else ""
    return f"{entry.at:%Y-%m-%d %H:%M}  {who}  {what}（编号 {entry.entity_id}）{detail}"


def _who(session: Session, actors: set[str]) -> dict[str, str]:
    names = {
        n: d for n, d in session.execute(select(User.name, User.display_name).where(User.name.in_(actors)))
    }
    return {a: (f"{names[a]}（{a}）" if names.get(a) else a) for a in actors}


def entries_for(uow: UnitOfWork, entity: str, entity_id: int | str) -> list[AuditView]:
    session = uow.session
    keys = [(entity, str(entity_id))]
    if entity == "enterprise":
        title_ids = session.scalars(
            select(NationalTitle.id).where(NationalTitle.enterprise_id == int(entity_id))
        )
        keys.extend(("title", str(t)) for t in title_ids)
    out: list[AuditView] = []
    for ent, ent_id in keys:
        stmt = select(AuditEntry).where(AuditEntry.entity == ent, AuditEntry.entity_id == ent_id)
        out.extend(_audit_view(e) for e in session.scalars(stmt))
    return sorted(out, key=lambda e: e.id)


def history(uow: UnitOfWork, entity: str, entity_id: int | str) -> list[str]:
    """The record's history (for an enterprise: with its titles), oldest first, one plain-Chinese line each."""
    entries = entries_for(uow, entity, entity_id)
    who = _who(uow.session, {e.actor for e in entries})
    return [describe(e, who[e.actor]) for e in entries]

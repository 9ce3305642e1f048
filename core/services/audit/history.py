"""A record's history: its entries (an enterprise's with its titles'), each as an `AuditView` and one
plain-Chinese line (`describe`), and the values its trail last stated (`last_values`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.services.audit.actors import DEMO, SYSTEM
from core.services.audit.labels import (
    _CHANGE_ACTIONS,
    _FIELD_ORDER,
    _SKIPPED,
    ACTION_LABELS,
    ENTITY_LABELS,
    _show_field,
    field_label,
)
from core.store.models import NationalTitle
from core.store.models_audit import AuditEntry
from core.store.models_users import User
from core.store.uow import UnitOfWork


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
    for key, (before, after) in sorted(
        changes.items(), key=lambda kv: _FIELD_ORDER.get(kv[0], len(_FIELD_ORDER))
    ):
        if key in _SKIPPED:
            continue
        label = field_label(entry.entity, key) or key
        shown_after = _show_field(entry.entity, key, after)
        if entry.action == "create" or (before is None and entry.action not in _CHANGE_ACTIONS):
            parts.append(f"{label}{shown_after}")
        else:
            parts.append(f"{label}由{_show_field(entry.entity, key, before)}改为{shown_after}")
    detail = "：" + "；".join(parts) if parts else ""
    return f"{entry.at:%Y-%m-%d %H:%M}  {who}  {what}（编号 {entry.entity_id}）{detail}"


def _who(session: Session, actors: set[str]) -> dict[str, str]:
    names = {
        n: d for n, d in session.execute(select(User.name, User.display_name).where(User.name.in_(actors)))
    }
    fixed = {SYSTEM: "系统", DEMO: "演示数据"}
    return {
        a: (f"{names[a]}（{a}）" if names.get(a) else f"{fixed[a]}（{a}）" if a in fixed else a)
        for a in actors
    }


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


def last_values(session: Session, entity: str, entity_id: int | str) -> dict[str, Any]:
    """The record's fields as its trail last stated them (each entry's `after`, oldest first): {} without one."""
    out: dict[str, Any] = {}
    stmt = (
        select(AuditEntry.changes)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.id)
    )
    for text_ in session.scalars(stmt):
        out.update({k: pair[1] for k, pair in json.loads(text_).items()})
    return out

"""Undoing an import batch as a whole: refused (nothing changed) when a record it wrote was edited, deleted or
given a title since, with the later batches that touched them; otherwise what it created is deleted and
the values it replaced are restored, after a backup copy.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, cast

from sqlalchemy import Table as SaTable
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from core.domain.permissions import Action
from core.services import access, audit
from core.services.enterprises import AUDITED_FIELDS as ENTERPRISE_AUDITED
from core.services.errors import Conflict, NotFound
from core.services.imports.backup_copy import backup_before_writing
from core.services.imports.columns import ENTERPRISE_STORED, IN_CHUNK
from core.services.imports.results import UndoReport
from core.store.models import Enterprise, NationalTitle, now
from core.store.models_imports import ImportBatch, ImportChange
from core.store.uow import UnitOfWork


def undo_import(uow: UnitOfWork, batch_id: int, *, actor: str) -> UndoReport:
    """Undo a whole import: delete what it created and restore the values it replaced. Refused (nothing
    changed) when any of those records was edited after the import. `actor`: who undoes it (checked against
    the permissions; "" for the signed-in officer)."""
    session = uow.session
    who = access.require(session, actor, Action.IMPORT_UNDO)[:50]
    batch = _batch_to_undo(session, batch_id)
    changes = list(
        session.scalars(
            select(ImportChange).where(ImportChange.batch_id == batch_id).order_by(ImportChange.id)
        )
    )
    ent_changes = [c for c in changes if c.entity == "enterprise"]
    title_changes = [c for c in changes if c.entity == "title"]
    created_ids = [c.entity_id for c in ent_changes if c.action == "create"]
    with_titles = _holding_titles(session, created_ids)
    problems = [
        *_enterprise_problems(session, ent_changes, with_titles),
        *_title_problems(session, title_changes),
    ]
    if problems:
        shown = "；".join(problems[:5]) + (f"；等共{len(problems)}处" if len(problems) > 5 else "")
        later = _later_batches(session, batch_id, ent_changes, title_changes, with_titles)
        hint = f"请先撤销较晚的导入批次 {'、'.join(map(str, later))}，或" if later else "请先"
        raise Conflict(f"无法撤销导入批次 {batch_id}：{shown}。{hint}处理这些记录（或手工修改）。")
    copy = backup_before_writing(session, "undo-import")
    t_del = [c.entity_id for c in title_changes]
    for ids in _in_chunks(t_del):
        session.execute(delete(NationalTitle).where(NationalTitle.id.in_(ids)))
    audit_items: list[audit.Item] = [("title", t_id, "delete", {}) for t_id in t_del]
    upd = [c for c in ent_changes if c.action == "update"]
    if upd:
        audit_items.extend(_restore_enterprises(session, upd))
    for ids in _in_chunks(created_ids):
        session.execute(delete(Enterprise).where(Enterprise.id.in_(ids)))
    audit_items.extend(("enterprise", e_id, "delete", {}) for e_id in created_ids)
    batch.undone_at = now()
    batch.undone_by = who
    summary = {"deleted": len(created_ids) + len(t_del), "restored": len(upd)}
    audit.Appender(session, who).add(
        [("import_batch", batch_id, "undo", audit.created(summary)), *audit_items]
    )
    session.flush()
    uow.commit()
    return UndoReport(batch_id, len(created_ids) + len(t_del), len(upd), copy)


def _in_chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    """`ids` in slices of IN_CHUNK, one IN list each."""
    for start in range(0, len(ids), IN_CHUNK):
        yield ids[start : start + IN_CHUNK]


def _batch_to_undo(session: Session, batch_id: int) -> ImportBatch:
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound(f"导入批次 {batch_id} 不存在。")
    if batch.undone_at is not None:
        raise Conflict(
            f"导入批次 {batch_id} 已于 {batch.undone_at:%Y-%m-%d %H:%M} 由 {batch.undone_by} 撤销。"
        )
    return batch


def _holding_titles(session: Session, enterprise_ids: Sequence[int]) -> set[int]:
    """Those of `enterprise_ids` that hold a national title."""
    found: set[int] = set()
    for ids in _in_chunks(enterprise_ids):
        stmt = select(NationalTitle.enterprise_id).where(NationalTitle.enterprise_id.in_(ids))
        found.update(session.scalars(stmt))
    return found


def _enterprise_problems(
    session: Session, ent_changes: Sequence[ImportChange], with_titles: set[int]
) -> list[str]:
    """Why the batch's enterprise writes cannot be taken back: deleted, edited since, or (created) given a title."""
    versions: dict[int, tuple[int, str]] = {}
    for ids in _in_chunks([c.entity_id for c in ent_changes]):
        stmt = select(Enterprise.id, Enterprise.version, Enterprise.name).where(Enterprise.id.in_(ids))
        versions.update({i: (v, n) for i, v, n in session.execute(stmt)})
    problems: list[str] = []
    for c in ent_changes:
        current = versions.get(c.entity_id)
        if current is None:
            problems.append(f"第{c.row}行的企业（编号 {c.entity_id}）已被删除")
        elif current[0] != c.version_after:
            problems.append(f"第{c.row}行的企业“{current[1]}”在导入后又被修改过")
        elif c.action == "create" and c.entity_id in with_titles:
            problems.append(f"第{c.row}行新增的企业“{current[1]}”已登记了称号")
    return problems


def _title_problems(session: Session, title_changes: Sequence[ImportChange]) -> list[str]:
    """Why the batch's titles cannot be taken back: deleted or edited since."""
    versions: dict[int, int] = {}
    for ids in _in_chunks([c.entity_id for c in title_changes]):
        stmt = select(NationalTitle.id, NationalTitle.version).where(NationalTitle.id.in_(ids))
        versions.update({i: v for i, v in session.execute(stmt)})
    problems: list[str] = []
    for c in title_changes:
        if c.entity_id not in versions:
            problems.append(f"第{c.row}行导入的称号（编号 {c.entity_id}）已被删除")
        elif versions[c.entity_id] != c.version_after:
            problems.append(f"第{c.row}行导入的称号（编号 {c.entity_id}）在导入后又被修改过")
    return problems


def _restore_enterprises(session: Session, upd: Sequence[ImportChange]) -> list[audit.Item]:
    """Put back the values the batch's updates replaced (from their change records); their audit entries."""
    now_values: dict[int, dict[str, Any]] = {}
    cols = [Enterprise.id, *(getattr(Enterprise, k) for k in ENTERPRISE_AUDITED)]
    for ids in _in_chunks([c.entity_id for c in upd]):
        for row in session.execute(select(*cols).where(Enterprise.id.in_(ids))):
            now_values[row.id] = {k: getattr(row, k) for k in ENTERPRISE_AUDITED}
    items: list[audit.Item] = []
    stamp = now()
    params = []
    for c in upd:
        before = json.loads(c.before)
        restored = {k: before[k] for k in ENTERPRISE_AUDITED}
        items.append(("enterprise", c.entity_id, "update", audit.diff(now_values[c.entity_id], restored)))
        params.append(
            {f"v_{k}": before[k] for k in ENTERPRISE_STORED}
            | {"b_id": c.entity_id, "v_version": c.version_after + 1, "v_updated_at": stamp}
        )
    t = cast(SaTable, Enterprise.__table__)
    stmt = (
        update(t)
        .where(t.c.id == bindparam("b_id"))
        .values({k: bindparam(f"v_{k}") for k in (*ENTERPRISE_STORED, "version", "updated_at")})
    )
    session.connection().execute(stmt, params)
    return items


def _later_batches(
    session: Session,
    batch_id: int,
    ent_changes: Sequence[ImportChange],
    title_changes: Sequence[ImportChange],
    enterprises_with_titles: set[int],
) -> list[int]:
    """Later imports, not undone, that touched the same records (or gave titles to enterprises this one
    created): undoing those first usually clears the way."""
    found: set[int] = set()
    ent_ids = [c.entity_id for c in ent_changes]
    title_ids = [c.entity_id for c in title_changes]
    later = select(ImportBatch.id).where(ImportBatch.id > batch_id, ImportBatch.undone_at.is_(None))
    for entity, ids in (("enterprise", ent_ids), ("title", title_ids)):
        for chunk in _in_chunks(ids):
            stmt = select(ImportChange.batch_id).where(
                ImportChange.entity == entity,
                ImportChange.entity_id.in_(chunk),
                ImportChange.batch_id.in_(later),
            )
            found.update(session.scalars(stmt))
    for holders in _in_chunks(sorted(enterprises_with_titles)):
        titles = select(NationalTitle.id).where(NationalTitle.enterprise_id.in_(holders))
        stmt = select(ImportChange.batch_id).where(
            ImportChange.entity == "title",
            ImportChange.entity_id.in_(titles),
            ImportChange.batch_id.in_(later),
        )
        found.update(session.scalars(stmt))
    return sorted(found, reverse=True)

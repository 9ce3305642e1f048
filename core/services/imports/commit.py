"""Writing a previewed list in one transaction: the batch record, the new and changed enterprises or the new
titles in chunks (with a cancel checked between them), the values each row replaced for an undo, and the
audit entries; the register must not have changed since the preview.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import cast

from sqlalchemy import Table as SaTable
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.domain.permissions import Action
from core.services import access, audit
from core.services import titles as title_svc
from core.services.enterprises import AUDITED_FIELDS as ENTERPRISE_AUDITED
from core.services.errors import Conflict
from core.services.gc_pause import gc_paused
from core.services.imports.backup_copy import backup_before_writing
from core.services.imports.columns import ENTERPRISE_STORED, TITLE_STORED
from core.services.imports.reading import missing_message
from core.services.imports.results import (
    Cancel,
    FileUnreadable,
    ImportCancelled,
    ImportReport,
    KindContradicted,
    Preview,
    PreviewRow,
    Progress,
    RowStatus,
    Unmatched,
)
from core.store.fast import insert_fast, rows_fast
from core.store.models import Enterprise, NationalTitle, now
from core.store.models_imports import ImportBatch, ImportChange
from core.store.uow import UnitOfWork

_WRITE_CHUNK = 2000  # rows written per statement (and between a cancel's checks: ~0.1 s)


def _report(preview: Preview, batch: int | None, dry_run: bool, copy: Path | None = None) -> ImportReport:
    unmatched = tuple(
        Unmatched(r.row, r.name, r.candidates) for r in preview.rows if r.status is RowStatus.UNMATCHED
    )
    return ImportReport(
        kind=preview.kind,
        rows=preview.considered,
        created=preview.count(RowStatus.NEW),
        updated=preview.count(RowStatus.CHANGED),
        unchanged=preview.count(RowStatus.UNCHANGED),
        skipped=preview.count(RowStatus.SKIPPED),
        errors=preview.issues,
        warnings=preview.warnings,
        batch=batch,
        dry_run=dry_run,
        unmatched=unmatched,
        backup=copy,
        title_kind=preview.kind_json() if preview.kind == "titles" else {},
    )


@gc_paused()
def commit_preview(
    uow: UnitOfWork,
    preview: Preview,
    *,
    actor: str,
    dry_run: bool = False,
    cancel: Cancel | None = None,
    progress: Progress | None = None,
    kind_confirmed: bool = False,
) -> ImportReport:
    """Write a preview's new and changed rows in one transaction, recorded as a batch, after a backup of a
    SQLite database file (`backup_before_writing`). The register must not have changed since the preview (a
    changed record → Conflict, nothing written). A title list whose stated kind contradicts its heading is
    written only when `kind_confirmed` (KindContradicted otherwise, nothing written). `actor`: who imports
    (checked against the permissions; "" for the signed-in officer)."""
    if preview.missing:
        raise FileUnreadable(missing_message(preview))
    if dry_run:
        return _report(preview, None, True)
    if preview.kind_conflict and not kind_confirmed:
        raise KindContradicted(
            preview.kind_conflict + "未写入任何数据。确认按所选类别导入：命令行加 --kind-override，"
            "导入窗口中在提示时选择“按所选类别导入”。",
            {"kind": "与名单表头不符"},
        )
    session = uow.session
    who = access.require(session, actor, Action.REGISTER_IMPORT)[:50]
    copy = backup_before_writing(session, "import")
    batch = _new_batch(session, preview, who)
    trail = audit.Appender(session, who)
    trail.add([("import_batch", batch.id, "import", audit.created(_batch_summary(preview, batch)))])
    _write_rows(session, preview, batch.id, trail, cancel, progress)
    session.flush()
    uow.commit()
    return _report(preview, batch.id, False, copy)


def _new_batch(session: Session, preview: Preview, who: str) -> ImportBatch:
    """The batch record of this import, flushed so its id is known."""
    batch = ImportBatch(
        kind=preview.kind,
        actor=who,
        file_name=preview.file_name[:300],
        sha256=preview.sha256,
        sheet=preview.sheet[:100],
        rows=preview.considered,
        created=preview.count(RowStatus.NEW),
        updated=preview.count(RowStatus.CHANGED),
        unchanged=preview.count(RowStatus.UNCHANGED),
        errors=preview.count(RowStatus.ERROR) + preview.count(RowStatus.UNMATCHED),
        params=json.dumps(dict(preview.params), ensure_ascii=False) if preview.params else "",
        undone_by="",
    )
    session.add(batch)
    session.flush()
    return batch


def _batch_summary(preview: Preview, batch: ImportBatch) -> dict[str, object]:
    return {
        "kind": preview.kind,
        "file_name": preview.file_name,
        "sha256": preview.sha256,
        "rows": batch.rows,
        "created": batch.created,
        "updated": batch.updated,
    }


def _write_rows(
    session: Session,
    preview: Preview,
    batch_id: int,
    trail: audit.Appender,
    cancel: Cancel | None,
    progress: Progress | None,
) -> None:
    """The preview's new and changed rows written in chunks of _WRITE_CHUNK, the cancel checked before each
    (ImportCancelled) and the progress reported after; a record another officer wrote meanwhile → Conflict."""
    work = [r for r in preview.rows if r.status in (RowStatus.NEW, RowStatus.CHANGED)]
    write = _write_enterprise_chunk if preview.kind == "enterprises" else _write_title_chunk
    total = len(work)
    done = 0
    for start in range(0, total, _WRITE_CHUNK):
        chunk = work[start : start + _WRITE_CHUNK]
        if cancel is not None and cancel():
            raise ImportCancelled("已取消导入，数据库未作任何修改。")
        try:
            trail.add(write(session, batch_id, chunk))
        except IntegrityError:
            raise Conflict(
                "导入时发现企业库已被他人修改（如同一信用代码已被登记），数据库未作任何修改。请重新预览后再导入。"
            ) from None
        done += len(chunk)
        if progress is not None:
            progress(done, total)


def _change(
    batch_id: int, entity: str, entity_id: int, action: str, row: int, before: str, version_after: int
) -> dict[str, object]:
    """One change record (import_change): what an undo needs to take a row's write back."""
    return {
        "batch_id": batch_id,
        "entity": entity,
        "entity_id": entity_id,
        "action": action,
        "row": row,
        "before": before,
        "version_after": version_after,
    }


def _write_enterprise_chunk(session: Session, batch_id: int, chunk: Sequence[PreviewRow]) -> list[audit.Item]:
    """Write one chunk of new and changed rows with their change records; return their audit entries."""
    stamp = now()
    new = [r for r in chunk if r.status is RowStatus.NEW]
    upd = [r for r in chunk if r.status is RowStatus.CHANGED]
    items: list[audit.Item] = []
    changes: list[dict[str, object]] = []
    if new:
        _insert_new(session, batch_id, new, stamp, items, changes)
    if upd:
        _update_changed(session, batch_id, upd, stamp, items, changes)
    insert_fast(session, cast(SaTable, ImportChange.__table__), changes)
    return items


def _insert_new(
    session: Session,
    batch_id: int,
    new: Sequence[PreviewRow],
    stamp: datetime,
    items: list[audit.Item],
    changes: list[dict[str, object]],
) -> None:
    """Insert the new enterprises; their audit entries → `items`, their change records → `changes`."""
    rows = [
        {k: r.values[k] for k in ENTERPRISE_STORED} | {"created_at": stamp, "updated_at": stamp, "version": 1}
        for r in new
    ]
    floor = int(session.scalar(select(func.max(Enterprise.id))) or 0)
    insert_fast(session, cast(SaTable, Enterprise.__table__), rows)
    # The new rows' ids: all above the largest id before the insert (this transaction holds the write
    # lock on SQLite; on PostgreSQL a row another officer committed meanwhile has another code).
    by_code: dict[str, int] = dict(
        rows_fast(session, select(Enterprise.code, Enterprise.id).where(Enterprise.id > floor))
    )
    for r in new:
        ent_id = by_code[r.code]
        payload = audit.created_payload({k: r.values[k] for k in ENTERPRISE_AUDITED})
        items.append(("enterprise", ent_id, "create", payload))
        changes.append(_change(batch_id, "enterprise", ent_id, "create", r.row, "", 1))


def _update_changed(
    session: Session,
    batch_id: int,
    upd: Sequence[PreviewRow],
    stamp: datetime,
    items: list[audit.Item],
    changes: list[dict[str, object]],
) -> None:
    """Update the changed enterprises, each only at the version the preview read (Conflict otherwise); the
    values they held go in their change records (→ `changes`), their audit entries → `items`."""
    stored = select(Enterprise.id, Enterprise.version, *(getattr(Enterprise, c) for c in ENTERPRISE_STORED))
    ids = [r.target_id for r in upd if r.target_id is not None]
    before_rows = {
        row.id: dict(row._mapping) for row in session.execute(stored.where(Enterprise.id.in_(ids)))
    }
    params = []
    for r in upd:
        assert r.target_id is not None
        before = before_rows.get(r.target_id)
        if before is None or before["version"] != r.values["_version"]:
            raise Conflict(f"第{r.row}行的企业“{r.name}”在预览后已被修改或删除，请重新预览后再导入。")
        version = before["version"]
        params.append(
            {f"v_{k}": r.values[k] for k in ENTERPRISE_STORED}
            | {"b_id": r.target_id, "b_version": version, "v_version": version + 1, "v_updated_at": stamp}
        )
        diff = audit.diff(
            {k: before[k] for k in ENTERPRISE_AUDITED}, {k: r.values[k] for k in ENTERPRISE_AUDITED}
        )
        items.append(("enterprise", r.target_id, "update", diff))
        held = json.dumps({k: before[k] for k in ENTERPRISE_STORED}, ensure_ascii=False)
        changes.append(_change(batch_id, "enterprise", r.target_id, "update", r.row, held, version + 1))
    t = cast(SaTable, Enterprise.__table__)
    stmt = (
        update(t)
        .where(t.c.id == bindparam("b_id"), t.c.version == bindparam("b_version"))
        .values({k: bindparam(f"v_{k}") for k in (*ENTERPRISE_STORED, "version", "updated_at")})
    )
    session.connection().execute(stmt, params)


def _write_title_chunk(session: Session, batch_id: int, chunk: Sequence[PreviewRow]) -> list[audit.Item]:
    """Write one chunk of new titles with their change records; return their audit entries."""
    stamp = now()
    rows = [
        {k: r.values[k] for k in TITLE_STORED}
        | {"created_at": stamp, "updated_at": stamp, "version": 1, "status_reason": ""}
        for r in chunk
    ]
    ids = session.scalars(
        insert(NationalTitle).returning(NationalTitle.id, sort_by_parameter_order=True), rows
    ).all()
    session.connection().execute(
        insert(cast(SaTable, ImportChange.__table__)),
        [
            _change(batch_id, "title", t_id, "create", r.row, "", 1)
            for r, t_id in zip(chunk, ids, strict=True)
        ],
    )
    return [
        ("title", t_id, "create", audit.created({k: row.get(k) for k in title_svc.AUDITED_FIELDS}))
        for row, t_id in zip(rows, ids, strict=True)
    ]

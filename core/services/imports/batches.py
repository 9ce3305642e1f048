"""The import batches as listed (newest first) or looked up by number, and the register's row counts for the
checks after an import.
"""

from __future__ import annotations

from sqlalchemy import func, select

from core.services.errors import NotFound
from core.services.imports.results import BatchView
from core.store.models import Enterprise, NationalTitle
from core.store.models_imports import ImportBatch
from core.store.uow import UnitOfWork


def _batch_view(b: ImportBatch) -> BatchView:
    return BatchView(
        b.id,
        b.kind,
        b.actor,
        b.created_at,
        b.file_name,
        b.sha256,
        b.sheet,
        b.rows,
        b.created,
        b.updated,
        b.unchanged,
        b.errors,
        b.undone_at,
        b.undone_by,
    )


def list_batches(uow: UnitOfWork, limit: int | None = 100) -> list[BatchView]:
    stmt = select(ImportBatch).order_by(ImportBatch.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_batch_view(b) for b in uow.session.scalars(stmt)]


def get_batch(uow: UnitOfWork, batch_id: int) -> BatchView:
    b = uow.session.get(ImportBatch, batch_id)
    if b is None:
        raise NotFound(f"导入批次 {batch_id} 不存在。")
    return _batch_view(b)


def count_rows(uow: UnitOfWork) -> dict[str, int]:
    """Row counts of the register (for checks after an import)."""
    s = uow.session
    return {
        "enterprise": int(s.scalar(select(func.count(Enterprise.id))) or 0),
        "national_title": int(s.scalar(select(func.count(NationalTitle.id))) or 0),
    }

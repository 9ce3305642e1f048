"""Undoing a whole import from the UI: the officer is told what will be removed and restored and says yes
first (an undo cannot itself be undone, only the file imported again). Used by the import dialog (undo
right after importing) and the import history."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from core.services import imports as svc
from core.services.errors import ServiceError
from core.store.uow import Database


@dataclass(frozen=True)
class UndoOutcome:
    """What happened after the question: `done` is False when the service refused (message says why)."""

    done: bool
    message: str


def confirm_and_undo(parent: QWidget, db: Database, batch_id: int, actor: str | None) -> UndoOutcome | None:
    """Ask, then undo batch `batch_id` in one transaction. None when the officer answered no."""
    try:
        with db.uow() as uow:
            batch = svc.get_batch(uow, batch_id)
    except ServiceError as exc:
        return UndoOutcome(False, str(exc))
    text = (
        QCoreApplication.translate(
            "ImportDialog",
            "Undo import batch %1 (%2)?\n\nThe %3 records it added are deleted and the %4 records it changed get "
            "their earlier values back. The database is backed up first. To redo it, import the file again.",
        )
        .replace("%1", str(batch.id))
        .replace("%2", batch.file_name)
        .replace("%3", str(batch.created))
        .replace("%4", str(batch.updated))
    )
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("ImportDialog", "Undo an import"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        with db.uow() as uow:
            report = svc.undo_import(uow, batch_id, actor=actor or "")
    except ServiceError as exc:
        return UndoOutcome(False, str(exc))
    message = (
        QCoreApplication.translate("ImportDialog", "Batch %1 undone: %2 records removed, %3 restored.")
        .replace("%1", str(report.batch))
        .replace("%2", str(report.deleted))
        .replace("%3", str(report.restored))
    )
    if report.backup is not None:
        message += " " + QCoreApplication.translate(
            "ImportDialog", "The database was backed up before undoing: %1"
        ).replace("%1", report.backup.name)
    return UndoOutcome(True, message)

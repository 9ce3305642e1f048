"""What the import dialog shows of a preview: the names of the fields and row statuses, the colours, and the
table model of the previewed rows with each row's details.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from core.services.imports import PreviewRow, RowStatus
from ui.i18n import QT_TRANSLATE_NOOP

_CTX = "ImportDialog"

FILE_FILTER = QT_TRANSLATE_NOOP("ImportDialog", "Spreadsheets (*.xlsx *.xls *.ods *.csv)")

FIELD_NAMES: dict[str, str] = {
    "code": QT_TRANSLATE_NOOP("ImportDialog", "Credit code"),
    "name": QT_TRANSLATE_NOOP("ImportDialog", "Enterprise name"),
    "district": QT_TRANSLATE_NOOP("ImportDialog", "District"),
    "field": QT_TRANSLATE_NOOP("ImportDialog", "Field"),
    "field_reason": QT_TRANSLATE_NOOP("ImportDialog", "Reason for the field"),
    "former_names": QT_TRANSLATE_NOOP("ImportDialog", "Former names"),
    "address": QT_TRANSLATE_NOOP("ImportDialog", "Address"),
    "legal_rep": QT_TRANSLATE_NOOP("ImportDialog", "Legal representative"),
    "contact_person": QT_TRANSLATE_NOOP("ImportDialog", "Contact person"),
    "contact_phone": QT_TRANSLATE_NOOP("ImportDialog", "Contact phone"),
    "reg_status": QT_TRANSLATE_NOOP("ImportDialog", "Registration status"),
    "notes": QT_TRANSLATE_NOOP("ImportDialog", "Notes"),
    "code_override_reason": QT_TRANSLATE_NOOP("ImportDialog", "Reason to keep the code"),
    "region": QT_TRANSLATE_NOOP("ImportDialog", "Region"),
    "product": QT_TRANSLATE_NOOP("ImportDialog", "Product"),
    "recognized_on": QT_TRANSLATE_NOOP("ImportDialog", "Recognition date"),
}
STATUS_NAMES: dict[RowStatus, str] = {
    RowStatus.NEW: QT_TRANSLATE_NOOP("ImportDialog", "New"),
    RowStatus.CHANGED: QT_TRANSLATE_NOOP("ImportDialog", "Changed"),
    RowStatus.UNCHANGED: QT_TRANSLATE_NOOP("ImportDialog", "Unchanged"),
    RowStatus.ERROR: QT_TRANSLATE_NOOP("ImportDialog", "Error"),
    RowStatus.SKIPPED: QT_TRANSLATE_NOOP("ImportDialog", "Skipped"),
    RowStatus.UNMATCHED: QT_TRANSLATE_NOOP("ImportDialog", "Not matched"),
}
_STATUS_COLOURS = {
    RowStatus.NEW: "#e6f4ea",
    RowStatus.CHANGED: "#fff4e0",
    RowStatus.ERROR: "#fde7e9",
    RowStatus.UNMATCHED: "#fde7e9",
    RowStatus.SKIPPED: "#f2f2f2",
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


class PreviewModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("ImportDialog", "Row"),
        QT_TRANSLATE_NOOP("ImportDialog", "Result"),
        QT_TRANSLATE_NOOP("ImportDialog", "Credit code"),
        QT_TRANSLATE_NOOP("ImportDialog", "Enterprise name"),
        QT_TRANSLATE_NOOP("ImportDialog", "Details"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []

    def set_rows(self, rows: list[PreviewRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, index: int) -> PreviewRow:
        return self._rows[index]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _t(self.HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _STATUS_COLOURS.get(r.status)
            return QBrush(QColor(colour)) if colour else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        col = index.column()
        if col == 0:
            return r.row
        if col == 1:
            return _t(STATUS_NAMES[r.status])
        if col == 2:
            return r.code
        if col == 3:
            return r.name
        return details(r)


def details(r: PreviewRow) -> str:
    """What the officer reads about a row: the errors, the field changes (before → after), the notes."""
    parts = [f"{i.column}：{i.message}" if i.column else i.message for i in r.issues]
    parts += [f"{c.label}：{c.before or '（空）'} → {c.after or '（空）'}" for c in r.changes]
    if r.status is RowStatus.UNMATCHED:
        near = "、".join(f"{c.name}（{c.code}）" for c in r.candidates)
        parts.append(
            QCoreApplication.translate("ImportDialog", "Not in the register.")
            + (
                " " + QCoreApplication.translate("ImportDialog", "Close names: %1").replace("%1", near)
                if near
                else ""
            )
        )
    parts += list(r.notes)
    return "；".join(parts)

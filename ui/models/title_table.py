"""The national-title table: a few thousand rows, loaded whole and sorted as a Python list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from core.domain.enums import TitleStatus
from core.services import titles as svc
from core.services.titles import TitleQuery, TitleView
from core.store.uow import Database
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex


def _kind_text(t: TitleView) -> str:
    text = labels.title_kind(t.kind)
    if t.champion_type is not None:
        text += f"（{labels.champion_type(t.champion_type)}）"
    return text


def _yes_no(value: bool) -> str:
    return QCoreApplication.translate("TitleTableModel", "Re-review") if value else ""


# (header, display text, sort key)
COLUMNS: tuple[tuple[str, Callable[[TitleView], str], Callable[[TitleView], Any]], ...] = (
    (
        QT_TRANSLATE_NOOP("TitleTableModel", "Enterprise"),
        lambda t: t.enterprise_name,
        lambda t: t.enterprise_name,
    ),
    (
        QT_TRANSLATE_NOOP("TitleTableModel", "Credit code"),
        lambda t: t.enterprise_code,
        lambda t: t.enterprise_code,
    ),
    (QT_TRANSLATE_NOOP("TitleTableModel", "District"), lambda t: t.district, lambda t: t.district),
    (
        QT_TRANSLATE_NOOP("TitleTableModel", "Kind"),
        _kind_text,
        lambda t: (t.kind.value, t.champion_type or ""),
    ),
    (QT_TRANSLATE_NOOP("TitleTableModel", "Product"), lambda t: t.product, lambda t: t.product),
    (QT_TRANSLATE_NOOP("TitleTableModel", "Batch"), lambda t: labels.batch(t.batch), lambda t: t.batch),
    (
        QT_TRANSLATE_NOOP("TitleTableModel", "Recognised on"),
        lambda t: t.recognized_on.isoformat(),
        lambda t: t.recognized_on,
    ),
    (
        QT_TRANSLATE_NOOP("TitleTableModel", "First / re-review"),
        lambda t: _yes_no(t.re_review),
        lambda t: t.re_review,
    ),
    (
        QT_TRANSLATE_NOOP("TitleTableModel", "Status"),
        lambda t: labels.title_status(t.status),
        lambda t: t.status.value,
    ),
    (
        QT_TRANSLATE_NOOP("TitleTableModel", "Status date"),
        lambda t: t.status_on.isoformat() if t.status_on else "",
        lambda t: t.status_on or date.min,
    ),
    (QT_TRANSLATE_NOOP("TitleTableModel", "Doc no."), lambda t: t.doc_no, lambda t: t.doc_no),
)


class TitleTableModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.query = TitleQuery()
        self.rows: list[TitleView] = []
        self.sort_column = 6
        self.sort_order = Qt.SortOrder.DescendingOrder
        self._headers = [QCoreApplication.translate("TitleTableModel", c[0]) for c in COLUMNS]

    def set_query(self, query: TitleQuery) -> None:
        self.beginResetModel()
        self.query = query
        with self.db.uow() as uow:
            self.rows = svc.list_titles(uow, query)
        self._sort_rows()
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self.query)

    def _sort_rows(self) -> None:
        key = COLUMNS[self.sort_column][2]
        self.rows.sort(key=key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(p, self.rows[p.row()].id if p.row() < len(self.rows) else None) for p in persistent]
        self.sort_column, self.sort_order = column, order
        self._sort_rows()
        if kept:
            where = {t.id: row for row, t in enumerate(self.rows)}
            self.changePersistentIndexList(
                persistent,
                [self.index(where[i], p.column()) if i in where else QModelIndex() for p, i in kept],
            )
        self.layoutChanged.emit()

    def title_at(self, row: int) -> TitleView | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, title_id: int) -> int | None:
        return next((i for i, t in enumerate(self.rows) if t.id == title_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
                return self._headers[section]
            if orientation == Qt.Orientation.Vertical:
                return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        t = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and t.status_reason:
                return t.status_reason
            return COLUMNS[index.column()][1](t)
        if role == Qt.ItemDataRole.ForegroundRole and t.status is not TitleStatus.VALID:
            return QBrush(QColor("#b00020" if t.status is TitleStatus.REVOKED else "#999999"))
        return None

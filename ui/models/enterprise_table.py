"""The register table: ids in display order from SQL, rows fetched lazily in pages (Anki's pattern).

Sorting issues a new query (ORDER BY in SQL); no QSortFilterProxyModel, which needs ~20 s for 100k rows.
Search-as-you-type matches the text in memory against an index of the current filters and sort
(core/services/enterprise_search.py); `refresh()` drops that index, so call it after the register changed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from core.domain.enums import RegStatus
from core.services import enterprise_search
from core.services import enterprises as svc
from core.services.enterprises import EnterpriseQuery, EnterpriseRow
from core.store.uow import Database
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP

PAGE_SIZE = 100  # rows fetched at a time: a screenful or three

# (sort key in EnterpriseQuery, header in English for tr())
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", QT_TRANSLATE_NOOP("EnterpriseTableModel", "Name")),
    ("code", QT_TRANSLATE_NOOP("EnterpriseTableModel", "Credit code")),
    ("district", QT_TRANSLATE_NOOP("EnterpriseTableModel", "District")),
    ("field", QT_TRANSLATE_NOOP("EnterpriseTableModel", "Field")),
    ("status", QT_TRANSLATE_NOOP("EnterpriseTableModel", "Status")),
    ("titles", QT_TRANSLATE_NOOP("EnterpriseTableModel", "National titles")),
)

Index = QModelIndex | QPersistentModelIndex


class EnterpriseTableModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.query = EnterpriseQuery()
        self._ids: list[int] = []
        self._index: enterprise_search.TextIndex | None = None
        self._texts: dict[int, str] | None = None  # the register's search texts, read once per refresh()
        self._rows: dict[int, EnterpriseRow] = {}  # row number -> row, filled a page at a time
        self._loaded = False
        self._headers = [QCoreApplication.translate("EnterpriseTableModel", h) for _k, h in COLUMNS]

    # --- querying ----------------------------------------------------------------------------------------

    def _matching(self, query: EnterpriseQuery) -> list[int]:
        if self._index is None or self._index.base != enterprise_search.base_of(query):
            with self.db.uow() as uow:
                self._index = enterprise_search.load(uow, query)
        return self._index.matching(query.text, self.search_texts)

    def search_texts(self) -> dict[int, str]:
        """The register's search texts, read once per refresh(): the page reads them just after it is shown
        (preload), else the first keystroke does."""
        if self._texts is None:
            with self.db.uow() as uow:
                self._texts = enterprise_search.load_texts(uow)
        return self._texts

    def set_query(self, query: EnterpriseQuery) -> None:
        """Run `query` and show its result (a model reset). Only a change of filters or sort reads the
        database; a change of the search text is answered from the index."""
        self.beginResetModel()
        self.query = query
        self._ids = self._matching(query)
        self._rows = {}
        self._loaded = True
        self.endResetModel()

    def invalidate_texts(self) -> None:
        self._texts = None

    def invalidate(self) -> None:
        """Forget what was read: the next query reads the register again (it may have changed)."""
        self._index = None
        self._texts = None

    def refresh(self) -> None:
        self.invalidate()
        self.set_query(self.query)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        key = COLUMNS[column][0]
        if self._loaded and (key, descending) == (self.query.sort, self.query.descending):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(p, self.id_at(p.row())) for p in persistent]
        self.query = replace(self.query, sort=key, descending=descending)
        self._ids = self._matching(self.query)
        self._rows = {}
        self._loaded = True
        if kept:  # keep the selection on the same enterprises
            where = {ent_id: row for row, ent_id in enumerate(self._ids)}
            moved = [
                self.index(where[ent_id], p.column()) if ent_id in where else QModelIndex()
                for p, ent_id in kept
            ]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _ensure(self, row: int) -> EnterpriseRow | None:
        cached = self._rows.get(row)
        if cached is not None:
            return cached
        if not 0 <= row < len(self._ids):
            return None
        start = row - row % PAGE_SIZE
        ids = self._ids[start : start + PAGE_SIZE]
        with self.db.uow() as uow:
            fetched = {r.id: r for r in svc.rows_by_ids(uow, ids)}
        for offset, ent_id in enumerate(ids):
            found = fetched.get(ent_id)
            if found is not None:
                self._rows[start + offset] = found
        return self._rows.get(row)

    # --- lookups for the page ----------------------------------------------------------------------------

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, enterprise_id: int) -> int | None:
        try:
            return self._ids.index(enterprise_id)
        except ValueError:
            return None

    def row_at(self, row: int) -> EnterpriseRow | None:
        return self._ensure(row)

    # --- Qt model API -------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

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
        if not index.isValid():
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        row = self._ensure(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#999999")) if row.reg_status is RegStatus.DEREGISTERED else None
        key = COLUMNS[index.column()][0]
        if key == "name":
            return row.name
        if key == "code":
            return row.code
        if key == "district":
            return row.district
        if key == "field":
            return labels.field(row.field)
        if key == "status":
            return labels.reg_status(row.reg_status)
        return row.titles

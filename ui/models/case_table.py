"""The reward-case table: hundreds of rows, loaded whole and sorted as a Python list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from core.services import cases as svc
from core.services.cases import CaseQuery, CaseView
from core.store.uow import Database
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
_CTX = "CaseTableModel"

# Every state of the case process (core.domain.workflow.CaseState), in process order: the list's column and
# the page's status filter. One name per state: ui.labels.CASE_STATES.
STATUS = labels.CASE_STATES


def status_text(status: str) -> str:
    return labels.case_state(status)


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _eligible(c: CaseView) -> str:
    if c.eligible:
        return QCoreApplication.translate("CaseTableModel", "Yes")
    return QCoreApplication.translate("CaseTableModel", "No")


COLUMNS: tuple[tuple[str, Callable[[CaseView], str], Callable[[CaseView], Any]], ...] = (
    (QT_TRANSLATE_NOOP("CaseTableModel", "No."), lambda c: str(c.id), lambda c: c.id),
    (QT_TRANSLATE_NOOP("CaseTableModel", "Status"), lambda c: status_text(c.status), lambda c: c.status),
    (
        QT_TRANSLATE_NOOP("CaseTableModel", "Enterprise"),
        lambda c: c.enterprise_name,
        lambda c: c.enterprise_name,
    ),
    (QT_TRANSLATE_NOOP("CaseTableModel", "District"), lambda c: c.district, lambda c: c.district),
    (
        QT_TRANSLATE_NOOP("CaseTableModel", "Title"),
        lambda c: f"{labels.title_kind(c.title_kind)} {labels.batch(c.title_batch)}",
        lambda c: (c.title_kind.value, c.title_batch),
    ),
    (
        QT_TRANSLATE_NOOP("CaseTableModel", "Recognised on"),
        lambda c: c.recognized_on.isoformat(),
        lambda c: c.recognized_on,
    ),
    (
        QT_TRANSLATE_NOOP("CaseTableModel", "City reward"),
        lambda c: _money(c.city_reward),
        lambda c: c.city_reward or Decimal(0),
    ),
    (
        QT_TRANSLATE_NOOP("CaseTableModel", "Provincial match"),
        lambda c: _money(c.province_match),
        lambda c: c.province_match,
    ),
    (
        QT_TRANSLATE_NOOP("CaseTableModel", "Total"),
        lambda c: _money(c.total) + (" ⚠" if c.warnings else ""),
        lambda c: c.total,
    ),
    (QT_TRANSLATE_NOOP("CaseTableModel", "Eligible"), _eligible, lambda c: c.eligible),
    (
        QT_TRANSLATE_NOOP("CaseTableModel", "Decided on"),
        lambda c: c.decided_on.isoformat() if c.decided_on else "",
        lambda c: c.decided_on or date.min,
    ),
    (
        QT_TRANSLATE_NOOP("CaseTableModel", "Frozen"),
        lambda c: QCoreApplication.translate("CaseTableModel", "Frozen") if c.frozen else "",
        lambda c: c.frozen,
    ),
)
MONEY_COLUMNS = {6, 7, 8}
TOTAL_COLUMN = 8  # shows ⚠ (tooltip: by how much) when the total exceeds the policy's 奖励总额度


class CaseTableModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.query = CaseQuery()
        self.rows: list[CaseView] = []
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.DescendingOrder
        self._headers = [QCoreApplication.translate(_CTX, c[0]) for c in COLUMNS]

    def set_query(self, query: CaseQuery) -> None:
        self.beginResetModel()
        self.query = query
        with self.db.uow() as uow:
            self.rows = svc.list_cases(uow, query)
        self._sort_rows()
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self.query)

    def _sort_rows(self) -> None:
        self.rows.sort(
            key=COLUMNS[self.sort_column][2], reverse=self.sort_order == Qt.SortOrder.DescendingOrder
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        self._sort_rows()
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        case = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](case)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        over = index.column() == TOTAL_COLUMN and bool(case.warnings)
        if role == Qt.ItemDataRole.ForegroundRole and (not case.eligible or over):
            return QBrush(QColor("#b42318"))
        if role == Qt.ItemDataRole.ToolTipRole and over:
            return "\n".join(case.warnings)
        if role == Qt.ItemDataRole.ToolTipRole and case.failures:
            return "\n".join(f.reason for f in case.failures)
        return None

    def case_at(self, row: int) -> CaseView | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, case_id: int) -> int | None:
        for row, case in enumerate(self.rows):
            if case.id == case_id:
                return row
        return None

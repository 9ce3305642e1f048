"""计算依据: a reward result's failures and its trace (each step, its value and the clause it rests on)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.policy.engine import RewardResult

FAILED = QColor("#b42318")


def yuan(amount: object) -> str:
    return f"{amount:,.2f}"


class TracePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("Calculation basis"))
        self.heading.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.failures = QLabel()
        self.failures.setWordWrap(True)
        self.failures.setStyleSheet("color: #b42318;")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Step"), self.tr("Value"), self.tr("Basis (document, clause)")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.failures)
        layout.addWidget(self.table, 1)
        self.show_result(None)

    def show_result(self, result: RewardResult | None, message: str = "") -> None:
        self.table.setRowCount(0)
        if result is None:
            self.summary.setText(message)
            self.failures.setText("")
            self.failures.setVisible(False)
            return
        verdict = self.tr("Eligible") if result.eligible else self.tr("Not eligible")
        if result.warnings:
            verdict = self.tr("Eligible, but the total exceeds the policy's total limit")
        self.summary.setText(
            self.tr("%1 — city reward %2, provincial match %3, total %4 (cap %5)")
            .replace("%1", verdict)
            .replace("%2", yuan(result.city_reward))
            .replace("%3", yuan(result.province_match))
            .replace("%4", yuan(result.total))
            .replace("%5", yuan(result.cap))
            + (f"\n{message}" if message else "")
        )
        notes = [*(f"✗ {f.reason}" for f in result.failures), *(f"⚠ {w}" for w in result.warnings)]
        self.failures.setText("\n".join(notes))
        self.failures.setVisible(bool(notes))
        self.table.setRowCount(len(result.trace))
        for row, step in enumerate(result.trace):
            items = (
                QTableWidgetItem(step.step),
                QTableWidgetItem(step.value),
                QTableWidgetItem(step.reference),
            )
            for col, item in enumerate(items):
                if step.quote:
                    item.setToolTip(step.quote)
                if step.value.startswith("不符合"):
                    item.setForeground(QBrush(FAILED))
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()

    def rows(self) -> list[tuple[str, str, str]]:
        """The trace as shown (step, value, reference)."""
        out: list[tuple[str, str, str]] = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, col) for col in range(3)]
            step, value, ref = (c.text() if c is not None else "" for c in cells)
            out.append((step, value, ref))
        return out

    def failure_texts(self) -> list[str]:
        text = self.failures.text()
        return [line[2:] for line in text.splitlines() if line.startswith("✗ ")]

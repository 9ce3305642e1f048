"""The import history: every batch with its counts, and undoing one (ui.dialogs.imports.undo)."""

from __future__ import annotations

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.services import imports as svc
from core.store.uow import Database
from ui.dialogs.imports.undo import confirm_and_undo


class ImportHistoryDialog(QDialog):
    """The import batches, newest first; the selected one can be undone as a whole."""

    undone = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None, actor: str | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.setWindowTitle(self.tr("Import history"))
        self.resize(900, 420)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Batch"),
                self.tr("Imported at"),
                self.tr("By"),
                self.tr("File"),
                self.tr("New"),
                self.tr("Changed"),
                self.tr("Undone"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo selected import"))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.undo_button.clicked.connect(self.on_undo)
        self.table.itemSelectionChanged.connect(self._update_undo_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        with self.db.uow() as uow:
            self.batches = svc.list_batches(uow)
        self.table.setRowCount(len(self.batches))
        for r, b in enumerate(self.batches):
            values = [
                str(b.id),
                f"{b.created_at:%Y-%m-%d %H:%M}",
                b.actor,
                b.file_name,
                str(b.created),
                str(b.updated),
                f"{b.undone_at:%Y-%m-%d %H:%M}" if b.undone_at else "",
            ]
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))
        if self.batches:
            self.table.selectRow(0)
        self._update_undo_button()

    def _update_undo_button(self) -> None:
        """Only a batch not yet undone can be undone."""
        row = self.table.currentRow()
        self.undo_button.setEnabled(0 <= row < len(self.batches) and self.batches[row].undone_at is None)

    def on_undo(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.batches):
            return
        batch = self.batches[row].id
        outcome = confirm_and_undo(self, self.db, batch, self.actor)
        if outcome is None:
            return
        self.message.setStyleSheet("" if outcome.done else "color: #b00020;")
        self.message.setText(outcome.message)
        if outcome.done:
            self.undone.emit(batch)
            self.refresh()

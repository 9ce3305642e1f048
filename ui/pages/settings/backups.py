"""设置 → 备份: the automatic copies beside the database, a copy now, and restoring one after confirmation.

Restoring closes the app's database connections (the engine reconnects to the restored file on next use),
keeps the current file aside (renamed with the time) and copies the backup in (core.services.backup).
Register it in the settings page: `page.add_tab(BackupsTab(window.db), …)`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from core.services import backup as svc
from core.services.errors import ServiceError
from core.store.uow import Database
from ui import labels


def database_file(db: Database) -> Path | None:
    url = make_url(db.url_text)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


class BackupsTab(QWidget):
    restored = Signal(str)  # the backup file restored: pages should reload what they show

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.path = database_file(db)
        layout = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Taken at"), self.tr("Reason"), self.tr("Kept"), self.tr("File")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Restore the selected backup…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(self.tr("Restore from a file…"))
        self.restore_file_button.clicked.connect(self.restore_from_file)
        for b in (self.backup_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        if self.path is None:
            self.info.setText(
                self.tr(
                    "Backups apply to a SQLite database file; a shared server is backed up by its administrator."
                )
            )
            for b in (self.backup_button, self.restore_button, self.restore_file_button):
                b.setEnabled(False)
            self.table.setRowCount(0)
            return
        self.info.setText(
            self.tr(
                "Automatic backups in %1. Routine copies (at start, daily, by hand) are rotated: 7 daily and 4 "
                "weekly kept. Copies taken before an import, an undo, a restore or a database upgrade are never "
                "rotated away: kept for at least 90 days (before an upgrade: always)."
            ).replace("%1", str(svc.backup_dir(self.path)))
        )
        found = svc.list_backups(self.path)
        self.table.setRowCount(len(found))
        for r, copy in enumerate(found):
            for c, value in enumerate(
                (
                    copy.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
                    labels.backup_reason(copy.reason),
                    self.kept_text(copy),
                    str(copy.path),
                )
            ):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, str(copy.path))
                self.table.setItem(r, c, item)

    def kept_text(self, copy: svc.BackupInfo) -> str:
        """How long a copy stays: to a date (protected), always (before an upgrade), or by the rotation."""
        if copy.reason == "upgrade":
            return self.tr("Always kept")
        until = copy.kept_until
        if until is not None:
            return self.tr("Kept until %1").replace("%1", until.isoformat())
        return self.tr("Rotated")

    def backup_now(self) -> Path | None:
        if self.path is None:
            return None
        try:
            made = svc.backup_before(self.path, "manual")
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Backup"), str(exc))
            return None
        self.refresh()
        return made

    def selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return Path(str(item.data(Qt.ItemDataRole.UserRole))) if item else None

    def restore_selected(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            QMessageBox.information(self, self.tr("Restore"), self.tr("Choose a backup in the list first."))
            return False
        return self.restore(chosen)

    def restore_from_file(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a file"),
            "",
            self.tr("SQLite databases (*.sqlite *.db);;All files (*)"),
        )
        return self.restore(Path(name)) if name else False

    def restore(self, backup: Path) -> bool:
        if self.path is None:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Restore"),
            self.tr(
                "Replace the database with the backup %1?\n\nThe current file is kept aside (renamed with "
                "today's time) first; changes made since the backup will not be in the restored database."
            ).replace("%1", backup.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            svc.inspect_backup(backup)
            self.db.dispose()  # close the app's connections; the engine reconnects to the restored file
            report = svc.restore(self.path, backup)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Restore"), str(exc))
            return False
        QMessageBox.information(
            self,
            self.tr("Restore"),
            self.tr("Restored. The previous database file was kept as %1 and backed up as %2.")
            .replace("%1", str(report.kept_aside or ""))
            .replace("%2", report.backup.name if report.backup else "—"),
        )
        self.refresh()
        self.restored.emit(str(backup))
        return True

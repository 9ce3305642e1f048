"""Exporting the register, the titles or the ledger to .xlsx, off the UI thread (ui.workers.Job)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QThreadPool,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.services import exports as export_svc
from core.store.uow import Database
from ui.dialogs.imports.preview_model import _t
from ui.i18n import QT_TRANSLATE_NOOP
from ui.workers import DelayedProgress, Job


class ExportDialog(QDialog):
    """Export the enterprise list, the title list or the case ledger to .xlsx."""

    WHAT = (
        ("enterprises", QT_TRANSLATE_NOOP("ImportDialog", "Enterprise list")),
        ("titles", QT_TRANSLATE_NOOP("ImportDialog", "National title list")),
        ("ledger", QT_TRANSLATE_NOOP("ImportDialog", "Case ledger")),
    )

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        pool: QThreadPool | None = None,
        actor: str = "",
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor  # the signed-in officer: the export is recorded under this name
        self.pool = pool or QThreadPool.globalInstance()
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Export to Excel"))
        self.what_combo = QComboBox()
        for key, text in self.WHAT:
            self.what_combo.addItem(_t(text), key)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress_reveal = DelayedProgress([self.progress], self)  # shown once work runs ~0.5 s
        self.save_button = QPushButton(self.tr("Save as…"))
        close = QPushButton(self.tr("Close"))
        self.save_button.clicked.connect(self.on_save)
        close.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Export:"), self.what_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def on_save(self) -> None:
        names = {"enterprises": "企业名单.xlsx", "titles": "称号名单.xlsx", "ledger": "奖励资金台账.xlsx"}
        key = str(self.what_combo.currentData())
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"), names[key], "Excel (*.xlsx)")
        if name:
            self.export(key, Path(name))

    def export(self, key: str, path: Path) -> None:
        """Write the file off the UI thread (a 100,000-row list takes a while)."""
        if self.busy:
            return
        db, actor = self.db, self.actor

        def work(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> object:
            with db.uow() as uow:
                if key == "enterprises":
                    return export_svc.export_enterprises(uow, path, actor=actor)
                if key == "titles":
                    return export_svc.export_titles(uow, path, actor=actor)
                return export_svc.export_ledger(uow, path, actor=actor)

        job = Job(work)
        job.signals.done.connect(self.on_done)
        job.signals.failed.connect(self.on_failed)
        self.job = job
        self.progress_reveal.start()
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Exporting…"))
        self.pool.start(job)

    def _idle(self) -> None:
        self.job = None
        self.progress_reveal.stop()
        self.save_button.setEnabled(True)

    def on_done(self, result: object) -> None:
        self._idle()
        assert isinstance(result, export_svc.ExportReport)
        self.message.setText(
            self.tr("%1 rows exported to %2.").replace("%1", str(result.rows)).replace("%2", str(result.path))
        )

    def on_failed(self, message: str) -> None:
        self._idle()
        self.message.setText(message)

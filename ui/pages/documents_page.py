"""文书: pick cases → choose a document → preview inside the app (QPdfView) → save (issue) or print.

Generating runs off the UI thread (QThreadPool) with a progress bar and a cancel button; a notice takes its
文号 when it is saved, and saving the same cases' notice again prints the issued one. The 发文设置 tab of
设置 (DocumentSettingsTab) edits the bureau settings and the admin's copies of the body templates.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDate,
    QIODevice,
    QObject,
    QRectF,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain.money import fmt_yuan
from core.io import templates
from core.io.pdf.model import BureauSettings
from core.services import cases as case_svc
from core.services import documents as svc
from core.services import template_edits
from core.services.errors import ServiceError
from core.store.uow import Database
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP

DOC_TITLES = {
    "notice": QT_TRANSLATE_NOOP("DocumentsPage", "Funding notice (奖励资金下达通知)"),
    "publicity": QT_TRANSLATE_NOOP("DocumentsPage", "Public notice and list (公示)"),
    "approval-form": QT_TRANSLATE_NOOP("DocumentsPage", "Approval form (审批表)"),
    "province-summary": QT_TRANSLATE_NOOP("DocumentsPage", "Summary for the province (省级配套汇总表)"),
}


PRINT_DPI = 300


def _doc_title(title: str) -> str:
    return QCoreApplication.translate("DocumentsPage", title)


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """Runs `work(progress, cancelled)` on the thread pool; the result comes back by signal."""

    def __init__(self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], object]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.signals = _Signals()
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit, self._cancel.is_set)
        except ServiceError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # shown to the officer
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(result)


class DocumentsPage(QWidget):
    """Emits `generated(list_of_paths)` after a save."""

    generated = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.pool = pool or QThreadPool.globalInstance()
        self.job: Job | None = None
        self.last_files: list[Path] = []
        self.pdf_bytes = b""
        self._buffer: QBuffer | None = None
        self._build()
        self._connect_signals()
        self.refresh()

    # --- layout ------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search enterprise name or credit code"))
        self.case_table = QTableWidget(0, 6)
        self.case_table.setHorizontalHeaderLabels(
            [
                self.tr("Case"),
                self.tr("Enterprise"),
                self.tr("Title"),
                self.tr("City reward"),
                self.tr("Total"),
                self.tr("Status"),
            ]
        )
        self.case_table.verticalHeader().setVisible(False)
        self.case_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.case_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.case_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.case_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.selection_label = QLabel()

        self.type_combo = QComboBox()
        for key, title in DOC_TITLES.items():
            self.type_combo.addItem(self.tr(title), key)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 30)
        self.days_spin.setValue(svc.DEFAULT_PUBLICITY_DAYS)
        self.days_label = QLabel(self.tr("Public notice (working days):"))
        self.draft_check = QCheckBox(self.tr("Draft (no document number, not recorded)"))
        form = QFormLayout()
        form.addRow(self.tr("Document:"), self.type_combo)
        form.addRow(self.tr("Date:"), self.date_edit)
        form.addRow(self.days_label, self.days_spin)
        form.addRow("", self.draft_check)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.save_button = QPushButton(self.tr("Save…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.save_button, self.print_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.search_edit)
        lv.addWidget(self.case_table, 1)
        lv.addWidget(self.selection_label)
        lv.addLayout(form)
        lv.addLayout(buttons)
        lv.addWidget(self.progress)
        lv.addWidget(self.message)

        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.pdf_view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_controls()

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self.on_search_changed)
        self.case_table.itemSelectionChanged.connect(self.on_selection_changed)
        self.type_combo.currentIndexChanged.connect(self.on_type_changed)
        self.preview_button.clicked.connect(self.on_preview)
        self.save_button.clicked.connect(self.on_save)
        self.print_button.clicked.connect(self.on_print)
        self.cancel_button.clicked.connect(self.on_cancel)

    # --- data --------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        with self.db.uow() as uow:
            rows = case_svc.list_cases(uow, case_svc.CaseQuery(text=self.search_edit.text()))
        self.case_table.setRowCount(len(rows))
        for r, case in enumerate(rows):
            values = [
                str(case.id),
                case.enterprise_name,
                f"{labels.short_kind(case.title_kind)} {labels.batch(case.title_batch)}",
                fmt_yuan(case.city_reward) if case.city_reward is not None else "—",
                fmt_yuan(case.total),
                case.status,
            ]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, case.id)
                if c in (3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not case.eligible:
                    item.setForeground(Qt.GlobalColor.gray)
                    item.setToolTip(self.tr("Not eligible: only an approval form can be printed."))
                self.case_table.setItem(r, c, item)
        self._update_controls()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.case_table.selectedIndexes()})
        out = []
        for r in rows:
            item = self.case_table.item(r, 0)
            if item is not None:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def select_cases(self, ids: list[int]) -> None:
        self.case_table.clearSelection()
        mode = self.case_table.selectionMode()
        self.case_table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for r in range(self.case_table.rowCount()):
            item = self.case_table.item(r, 0)
            if item is not None and int(item.data(Qt.ItemDataRole.UserRole)) in ids:
                self.case_table.selectRow(r)
        self.case_table.setSelectionMode(mode)

    def doc_type(self) -> str:
        return str(self.type_combo.currentData())

    def options(self) -> svc.RenderOptions:
        qd = self.date_edit.date()
        return svc.RenderOptions(
            on=date(qd.year(), qd.month(), qd.day()),
            publicity_days=self.days_spin.value(),
            draft=self.draft_check.isChecked() and self.doc_type() == "notice",
        )

    # --- slots -------------------------------------------------------------------------------------------

    def on_search_changed(self, _text: str) -> None:
        self.refresh()

    def on_selection_changed(self) -> None:
        self._update_controls()

    def on_type_changed(self, _index: int) -> None:
        self._update_controls()

    def _update_controls(self) -> None:
        ids = self.selected_ids()
        busy = self.job is not None
        kind = self.doc_type()
        self.days_label.setVisible(kind == "publicity")
        self.days_spin.setVisible(kind == "publicity")
        self.draft_check.setVisible(kind == "notice")
        self.selection_label.setText(self.tr("Cases selected: %1").replace("%1", str(len(ids))))
        for b in (self.preview_button, self.save_button):
            b.setEnabled(bool(ids) and not busy)
        self.print_button.setEnabled(bool(self.pdf_bytes) and not busy)
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)

    def _show_info(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def show_pdf(self, data: bytes) -> None:
        self.pdf_bytes = data
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_document.close()
        self.pdf_document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self._update_controls()

    def on_preview(self) -> None:
        ids = self.selected_ids()
        kind = self.doc_type()
        options = self.options()
        self._run(
            lambda progress, cancelled: svc.preview_document(self.db, kind, ids, options=options),
            self._on_previewed,
        )

    def _on_previewed(self, data: object) -> None:
        assert isinstance(data, bytes)
        self.show_pdf(data)
        self._show_info(
            self.tr("Preview: %1 pages. Nothing is numbered or recorded until you save.").replace(
                "%1", str(self.pdf_document.pageCount())
            )
        )

    def choose_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Save documents to folder"))

    def on_save(self) -> None:
        folder = self.choose_folder()
        if not folder:
            return
        self.save_to(Path(folder))

    def save_to(self, folder: Path) -> None:
        """Generate (issue) the chosen document for the selected cases into `folder`, off the UI thread.
        Approval forms are one file per case, so a batch shows its progress and can be cancelled."""
        ids = self.selected_ids()
        kind = self.doc_type()
        options = self.options()
        db = self.db
        units = [[i] for i in ids] if kind == "approval-form" else [ids]

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            results: list[svc.RenderResult] = []
            for n, unit in enumerate(units):
                if cancelled():
                    break
                progress(n, len(units))
                results.append(svc.render_documents(db, kind, unit, folder, options=options))
            progress(len(results), len(units))
            return results

        self._run(work, self._on_saved, total=len(units))

    def _on_saved(self, results: object) -> None:
        assert isinstance(results, list)
        files = [f for r in results for f in r.files]
        self.last_files = files
        numbers = [r.doc_no for r in results if r.doc_no]
        text = (
            self.tr("Saved %1 files to %2.")
            .replace("%1", str(len(files)))
            .replace("%2", str(files[0].parent) if files else "")
        )
        if numbers:
            text += " " + self.tr("Document number: %1").replace("%1", "、".join(numbers))
        if any(r.regenerated for r in results):
            text += " " + self.tr("This notice had been issued: it was printed again as issued.")
        self._show_info(text)
        pdfs = [f for f in files if f.suffix == ".pdf"]
        if pdfs:
            self.show_pdf(pdfs[0].read_bytes())
        self.generated.emit(files)

    def on_cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self._show_info(self.tr("Cancelling after the current document…"))

    def _run(
        self,
        work: Callable[[Callable[[int, int], None], Callable[[], bool]], object],
        on_done: Callable[[object], None],
        total: int = 0,
    ) -> None:
        if self.job is not None:
            return
        job = Job(work)
        self.job = job
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        job.signals.progress.connect(self.on_progress)
        job.signals.done.connect(lambda result: self._finish(on_done, result))
        job.signals.failed.connect(self.on_failed)
        self._show_info(self.tr("Working…"))
        self._update_controls()
        self.pool.start(job)

    def on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)

    def _finish(self, on_done: Callable[[object], None], result: object) -> None:
        self.job = None
        self._update_controls()
        on_done(result)

    def on_failed(self, message: str) -> None:
        self.job = None
        self._update_controls()
        self._show_error(message)

    def is_busy(self) -> bool:
        return self.job is not None

    # --- printing ----------------------------------------------------------------------------------------

    def on_print(self) -> None:
        if not self.pdf_bytes:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print every page of the shown PDF, scaled to the printer's page; returns the pages printed."""
        painter = QPainter()
        if not painter.begin(printer):
            self._show_error(self.tr("The printer could not be started."))
            return 0
        count = self.pdf_document.pageCount()
        try:
            for page in range(count):
                if page:
                    printer.newPage()
                points = self.pdf_document.pagePointSize(page)
                image = self.pdf_document.render(page, (points * (PRINT_DPI / 72)).toSize())
                area = painter.viewport().size().toSizeF()
                target = points.scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
        finally:
            painter.end()
        return count


class DocumentSettingsTab(QWidget):
    """发文设置: the bureau's name, banner, 文号 prefix, contact, addressee, signatory; and the body templates."""

    FIELDS = (
        ("bureau_name", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Issuing bureau:")),
        ("banner_text", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Red banner text:")),
        ("doc_prefix", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Document number prefix:")),
        ("city", QT_TRANSLATE_NOOP("DocumentSettingsTab", "City:")),
        ("contact_person", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Contact person:")),
        ("contact_phone", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Contact phone:")),
        ("default_addressee", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Default addressee:")),
        ("signatory", QT_TRANSLATE_NOOP("DocumentSettingsTab", "Signed by:")),
    )

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in self.FIELDS:
            edit = QLineEdit()
            self.edits[key] = edit
            form.addRow(self.tr(label), edit)
        self.edits["doc_prefix"].setPlaceholderText(self.tr("e.g. 佛工信函 → 佛工信函〔2025〕12号"))
        self.save_button = QPushButton(self.tr("Save settings"))
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.template_combo = QComboBox()
        for key, title in DOC_TITLES.items():
            self.template_combo.addItem(_doc_title(title), key)
        self.template_edit = QPlainTextEdit()
        self.template_save = QPushButton(self.tr("Save template copy"))
        self.template_reset = QPushButton(self.tr("Restore the shipped template"))
        self.template_status = QLabel()
        self.template_status.setWordWrap(True)
        trow = QHBoxLayout()
        trow.addWidget(QLabel(self.tr("Body template:")))
        trow.addWidget(self.template_combo, 1)
        trow.addWidget(self.template_save)
        trow.addWidget(self.template_reset)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        layout.addLayout(trow)
        layout.addWidget(self.template_edit, 1)
        layout.addWidget(self.template_status)

        self.save_button.clicked.connect(self.on_save)
        self.template_combo.currentIndexChanged.connect(self.on_template_changed)
        self.template_save.clicked.connect(self.on_template_save)
        self.template_reset.clicked.connect(self.on_template_reset)
        self.load()

    def load(self) -> None:
        with self.db.uow() as uow:
            current = svc.get_settings(uow)
        for key, edit in self.edits.items():
            edit.setText(str(getattr(current, key)))
        self.on_template_changed(self.template_combo.currentIndex())

    def on_save(self) -> None:
        values: dict[str, Any] = {key: edit.text() for key, edit in self.edits.items()}
        try:
            with self.db.uow() as uow:
                svc.save_settings(uow, BureauSettings(**values))
        except ServiceError as exc:
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(str(exc))
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Saved."))

    def template_dir(self) -> Path:
        return svc.template_dir_default()

    def on_template_changed(self, _index: int) -> None:
        doc = str(self.template_combo.currentData())
        path = self.template_dir() / templates.FILES[doc]
        text = path.read_text(encoding="utf-8") if path.is_file() else templates.shipped_text(doc)
        self.template_edit.setPlainText(text)
        self.template_status.setStyleSheet("")
        self.template_status.setText(
            self.tr("Edited copy in use.") if path.is_file() else self.tr("The shipped template is in use.")
        )

    def on_template_save(self) -> None:
        doc = str(self.template_combo.currentData())
        try:
            with self.db.uow() as uow:  # audited under the signed-in officer
                template_edits.save_template(uow, doc, self.template_edit.toPlainText(), self.template_dir())
        except (templates.TemplateError, ServiceError) as exc:
            self.template_status.setStyleSheet("color: #b00020;")
            self.template_status.setText(str(exc))
            return
        self.template_status.setStyleSheet("")
        self.template_status.setText(self.tr("Template saved; new documents use it."))

    def on_template_reset(self) -> None:
        doc = str(self.template_combo.currentData())
        answer = QMessageBox.question(
            self,
            self.tr("Restore template"),
            self.tr("Discard the edited copy and use the shipped template?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.db.uow() as uow:  # audited under the signed-in officer
                template_edits.reset_template(uow, doc, self.template_dir())
        except ServiceError as exc:
            self.template_status.setStyleSheet("color: #b00020;")
            self.template_status.setText(str(exc))
            return
        self.on_template_changed(self.template_combo.currentIndex())

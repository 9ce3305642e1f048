"""文书: pick cases → choose a document → preview inside the app (QPdfView) → save (issue) or print.

Generating runs off the UI thread (QThreadPool) with a progress bar and a cancel button; a notice takes its
文号 when it is saved, and saving the same cases' notice again prints the issued one. The 发文设置 tab of
设置 (ui.pages.settings.issuing.DocumentSettingsTab) edits the bureau settings and the admin's copies of the body templates.

The page shows the process rules the documents follow (core.services.documents): each case's state in the pick
list; for the chosen document and cases, what saving would meet (`check_documents`): a numbered notice only
for approved cases and by the signed-in clerk (Save is disabled and the reasons shown; a draft stays
printable), the 公示 period taken from the cases' records (the days box then disabled). A province summary can
take the cases approved in a period (From/To → “Select cases approved in this period”).

The date field is the document's 成文日期: when a document type or cases are chosen it takes the document's own
default (`check_documents(...).on`: a 公示 its start, a notice its funding date, an approval form the decision
date, a summary today); a date the officer then picks is kept until the choice changes. A date later than today
or before the step the document follows is refused (in the rules); a date outside the case's own dates is
shown as a warning beside the preview.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QDate,
    QIODevice,
    QRectF,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain.money import fmt_yuan
from core.services import cases as case_svc
from core.services import documents as svc
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database
from ui import labels
from ui.pages.documents.layout import DocumentsPageLayout, qdate
from ui.workers import Job

STATUS_COLUMN = 5

PRINT_DPI = 300


state_text = labels.case_state  # a case state in the interface language (ui.labels, the one table)


def _date(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


class DocumentsPage(DocumentsPageLayout):
    """Emits `generated(list_of_paths)` after a save."""

    generated = Signal(object)

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        pool: QThreadPool | None = None,
        user: UserView | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user  # who issues: a numbered notice needs a clerk
        self.pool = pool or QThreadPool.globalInstance()
        self.job: Job | None = None
        self.last_files: list[Path] = []
        self.pdf_bytes = b""
        self._buffer: QBuffer | None = None
        self.readiness: svc.Readiness | None = None
        # The province summary's period pick: (from, to, the case ids it selected).
        self._period: tuple[date, date, list[int]] | None = None
        # The 成文日期: the document's default until the officer picks one for this (type, cases) choice.
        self._date_given = False
        self._dated_for: tuple[str, tuple[int, ...]] | None = None
        self._build()
        self._connect_signals()
        self.refresh()

    # --- layout ------------------------------------------------------------------------------------------

    def _build(self) -> None:
        left = QWidget()
        lv = QVBoxLayout(left)
        self._build_cases(lv)
        lv.addLayout(self._build_options())
        lv.addWidget(self.rules_label)
        self._build_actions(lv)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self._build_preview())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_controls()

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self.on_search_changed)
        self.case_table.itemSelectionChanged.connect(self.on_selection_changed)
        self.type_combo.currentIndexChanged.connect(self.on_type_changed)
        self.draft_check.toggled.connect(self.on_options_changed)
        self.date_edit.dateChanged.connect(self.on_date_changed)
        self.days_spin.valueChanged.connect(self.on_options_changed)
        self.period_button.clicked.connect(self.on_select_period)
        self.preview_button.clicked.connect(self.on_preview)
        self.save_button.clicked.connect(self.on_save)
        self.print_button.clicked.connect(self.on_print)
        self.cancel_button.clicked.connect(self.on_cancel)

    # --- data --------------------------------------------------------------------------------------------

    def set_user(self, user: UserView | None) -> None:
        self.user = user
        self._update_controls()

    def actor(self) -> str:
        return self.user.name if self.user is not None else ""

    def refresh(self) -> None:
        """Reload the pick list (states change as documents are issued), keeping the selection."""
        keep = self.selected_ids()
        with self.db.uow() as uow:
            rows = case_svc.list_cases(uow, case_svc.CaseQuery(text=self.search_edit.text()))
        self.case_table.blockSignals(True)
        self.case_table.clearSelection()
        self.case_table.setRowCount(len(rows))
        for r, case in enumerate(rows):
            values = [
                str(case.id),
                case.enterprise_name,
                f"{labels.short_kind(case.title_kind)} {labels.batch(case.title_batch)}",
                fmt_yuan(case.city_reward) if case.city_reward is not None else "—",
                fmt_yuan(case.total),
                state_text(case.status),
            ]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, case.id)
                if c == 1:
                    item.setToolTip(text)  # the whole name, when the column is narrower
                if c in (3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == STATUS_COLUMN:
                    item.setData(Qt.ItemDataRole.UserRole, case.status)
                if not case.eligible:
                    item.setForeground(Qt.GlobalColor.gray)
                    item.setToolTip(self.tr("Not eligible: only an approval form can be printed."))
                self.case_table.setItem(r, c, item)
        self.case_table.blockSignals(False)
        if keep:
            self.select_cases(keep)
        else:
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
        self.case_table.blockSignals(True)  # one check for the whole selection, not one per row
        self.case_table.clearSelection()
        mode = self.case_table.selectionMode()
        self.case_table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for r in range(self.case_table.rowCount()):
            item = self.case_table.item(r, 0)
            if item is not None and int(item.data(Qt.ItemDataRole.UserRole)) in ids:
                self.case_table.selectRow(r)
        self.case_table.setSelectionMode(mode)
        self.case_table.blockSignals(False)
        self._update_controls()

    def state_shown(self, case_id: int) -> str:
        """The state the pick list shows for a case ("" when the case is not listed)."""
        for r in range(self.case_table.rowCount()):
            item = self.case_table.item(r, 0)
            shown = self.case_table.item(r, STATUS_COLUMN)
            if item is not None and shown is not None and int(item.data(Qt.ItemDataRole.UserRole)) == case_id:
                return shown.text()
        return ""

    def doc_type(self) -> str:
        return str(self.type_combo.currentData())

    def options(self) -> svc.RenderOptions:
        period = None
        if self.doc_type() == "province-summary" and self._period is not None:
            start, end, ids = self._period
            if ids == sorted(self.selected_ids()):  # still the period's cases: the summary says so
                period = (start, end)
        return svc.RenderOptions(
            on=_date(self.date_edit.date()) if self._date_given else None,
            publicity_days=self.days_spin.value(),
            draft=self.draft_check.isChecked() and self.doc_type() == "notice",
            period=period,
        )

    # --- slots -------------------------------------------------------------------------------------------

    def on_search_changed(self, _text: str) -> None:
        self.refresh()

    def on_selection_changed(self) -> None:
        self._update_controls()

    def on_type_changed(self, _index: int) -> None:
        self._update_controls()

    def on_options_changed(self, *_args: object) -> None:
        self._update_controls()

    def on_date_changed(self, _date: QDate) -> None:
        self._date_given = True  # the officer's date, kept until the document type or the cases change
        self._update_controls()

    def on_select_period(self) -> None:
        """Select the cases approved in the From/To period (a province summary's cases)."""
        start, end = _date(self.period_from.date()), _date(self.period_to.date())
        try:
            with self.db.uow() as uow:
                ids = svc.approved_in_period(uow, start, end)
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        if not ids:
            self._period = None
            self._show_error(self.tr("No case was approved in this period (voided cases do not count)."))
            return
        self._period = (start, end, ids)
        if self.search_edit.text():
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
            self.refresh()
        self.select_cases(ids)
        self._show_info(self.tr("%1 cases approved in this period selected.").replace("%1", str(len(ids))))

    def _check(self, ids: list[int]) -> svc.Readiness | None:
        if not ids:
            return None
        try:
            with self.db.uow() as uow:
                return svc.check_documents(
                    uow, self.doc_type(), ids, actor=self.actor(), options=self.options()
                )
        except ServiceError as exc:
            return svc.Readiness({}, (str(exc),), ())

    def _update_controls(self) -> None:
        ids = self.selected_ids()
        busy = self.job is not None
        kind = self.doc_type()
        numbered = kind == "notice" and not self.draft_check.isChecked()
        if (kind, tuple(ids)) != self._dated_for:  # another choice: its own default date again
            self._dated_for = (kind, tuple(ids))
            self._date_given = False
        if not busy:
            self.readiness = self._check(ids)
        ready = self.readiness if ids else None
        if ready is not None and ready.on is not None and not self._date_given:
            self.date_edit.blockSignals(True)  # show the default, without taking it as the officer's
            self.date_edit.setDate(qdate(ready.on))
            self.date_edit.blockSignals(False)
        self._show_date_warnings(ready)
        self.days_label.setVisible(kind == "publicity")
        self.days_spin.setVisible(kind == "publicity")
        recorded = ready is not None and ready.publicity is not None and ready.publicity.from_records
        self.days_spin.setEnabled(not recorded)
        if recorded and ready is not None and ready.publicity is not None:
            self.days_spin.blockSignals(True)  # show the recorded period, without checking again
            self.days_spin.setValue(ready.publicity.days)
            self.days_spin.blockSignals(False)
        self.days_spin.setToolTip(
            self.tr("The period recorded when the public notice started is used.") if recorded else ""
        )
        self.draft_check.setVisible(kind == "notice")
        self.period_label.setVisible(kind == "province-summary")
        self.period_row.setVisible(kind == "province-summary")
        self.selection_label.setText(self.tr("Cases selected: %1").replace("%1", str(len(ids))))
        self.preview_button.setEnabled(bool(ids) and not busy)
        self.save_button.setEnabled(bool(ids) and not busy and (ready is None or ready.ok))
        self.print_button.setEnabled(bool(self.pdf_bytes) and not busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress_reveal.start()
        else:
            self.progress_reveal.stop()
        self._show_rules(ready, numbered)

    def _show_rules(self, ready: svc.Readiness | None, numbered: bool) -> None:
        """What saving would meet for the selection: the reasons it is refused, or what it will do."""
        lines: list[str] = []
        color = "#555555"
        if ready is not None and ready.problems:
            color = "#b00020"
            if numbered:
                lines.append(self.tr("A numbered notice cannot be issued for this selection:"))
            else:
                lines.append(self.tr("This document cannot be saved for this selection:"))
            lines += ready.problems
            if numbered:
                lines.append(self.tr("Tick “Draft” to print it without a number (nothing is recorded)."))
        elif ready is not None:
            lines += ready.notes
            if numbered and not ready.regenerates:
                lines.append(
                    self.tr(
                        "Saving issues the next document number and moves the selected cases to "
                        "“Funding notice issued”, in one step."
                    )
                )
        self.rules_label.setStyleSheet(f"color: {color};")
        self.rules_label.setText("\n".join(lines))
        self.rules_label.setVisible(bool(lines))

    def _show_date_warnings(self, ready: svc.Readiness | None) -> None:
        warnings = list(ready.warnings) if ready is not None else []
        if warnings:
            head = self.tr("The date %1 lies outside this case's own dates:").replace(
                "%1", self.date_edit.date().toString("yyyy-MM-dd")
            )
            self.date_warnings.setText("\n".join([head, *warnings]))
        else:
            self.date_warnings.clear()
        self.date_warnings.setVisible(bool(warnings))

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
        db = self.db

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            with db.uow() as uow:
                return svc.preview_document(uow, kind, ids, options=options)

        self._run(work, self._on_previewed)

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
        actor = self.actor()
        db = self.db
        units = [[i] for i in ids] if kind == "approval-form" else [ids]

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            results: list[svc.RenderResult] = []
            for n, unit in enumerate(units):
                if cancelled():
                    break
                progress(n, len(units))
                with db.uow() as uow:
                    results.append(
                        svc.render_documents(uow, kind, unit, folder, actor=actor, options=options)
                    )
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
        notes = list(dict.fromkeys(n for r in results for n in (*r.notes, *r.warnings)))
        if notes:
            text += "\n" + "\n".join(notes)
        self._show_info(text)
        self.refresh()  # a numbered notice moved its cases: show their new state
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

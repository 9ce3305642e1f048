"""Import an enterprise list or a MIIT title list: choose the file and sheet, fix the column mapping, see the
preview (new / changed / unchanged / errors), import in one transaction, save the error rows, undo.

Reading, checking and writing run off the UI thread (ui.workers.Job); the progress bar shows after ~0.5 s;
a cancel or a failure leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from core.domain.enums import TitleKind
from core.services import exports as export_svc
from core.services import imports as svc
from core.services.errors import ServiceError
from core.services.imports import Preview, PreviewRow, RowStatus
from core.store.uow import Database
from ui import labels
from ui.dialogs.imports.layout import ImportDialogLayout
from ui.dialogs.imports.preview_model import FIELD_NAMES, FILE_FILTER, STATUS_NAMES, _t
from ui.dialogs.imports.undo import confirm_and_undo
from ui.workers import Job


class ImportDialog(ImportDialogLayout):
    """`kind` is "enterprises" or "titles". Emits `imported(batch_id)` after a commit, `undone(batch_id)`."""

    imported = Signal(int)
    undone = Signal(int)

    def __init__(
        self,
        db: Database,
        kind: str = "enterprises",
        parent: QWidget | None = None,
        actor: str | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.kind = kind
        self.actor = actor
        self.pool = pool or QThreadPool.globalInstance()
        self.path: Path | None = None
        self.preview: Preview | None = None
        self.last_batch: int | None = None
        self.job: Job | None = None
        self._mapping: dict[int, str | None] = {}
        self.resolutions: dict[int, int] = {}  # title lists: Excel row → the enterprise the officer picked
        self._stale = False  # the title details changed since the preview was made
        self._params_timer = QTimer(self)
        self._params_timer.setSingleShot(True)
        self._params_timer.setInterval(400)
        self._loading = False
        self.setWindowTitle(
            self.tr("Import enterprise list") if kind == "enterprises" else self.tr("Import title list")
        )
        self.resize(1100, 720)
        self._build()
        self._connect_signals()
        self._update_buttons()

    # --- layout --------------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        self.choose_button.clicked.connect(self.on_choose_file)
        self.template_button.clicked.connect(self.on_template)
        self.sheet_combo.currentIndexChanged.connect(self.on_sheet_changed)
        self.show_combo.currentIndexChanged.connect(self.on_show_changed)
        self.table.selectionModel().currentRowChanged.connect(self.on_row_selected)
        self.match_combo.activated.connect(self.on_match_chosen)
        self.add_enterprise_button.clicked.connect(self.on_add_enterprise)
        # A title list's preview carries the stated kind, batch, date and 文号: a change re-checks the list,
        # and Import waits for that check (never writes a preview made with the old values).
        self._params_timer.timeout.connect(self.on_params_timer)
        self.kind_combo.currentIndexChanged.connect(self.on_params_changed)
        self.batch_spin.valueChanged.connect(self.on_params_changed)
        self.date_edit.dateChanged.connect(self.on_params_changed)
        self.doc_edit.textChanged.connect(self.on_params_changed)
        self.re_review_check.toggled.connect(self.on_params_changed)
        self.region_edit.textChanged.connect(self.on_params_changed)
        self.check_button.clicked.connect(self.run_preview)
        self.import_button.clicked.connect(self.on_import)
        self.errors_button.clicked.connect(self.on_save_errors)
        self.undo_button.clicked.connect(self.on_undo)
        self.cancel_button.clicked.connect(self.on_cancel)
        self.close_button.clicked.connect(self.reject)

    # --- state -----------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.job is not None

    def _update_buttons(self) -> None:
        p = self.preview
        can_import = (
            p is not None
            and not p.missing
            and (p.count(RowStatus.NEW) + p.count(RowStatus.CHANGED)) > 0
            and self.last_batch is None
            and not self._stale
        )
        self.import_button.setEnabled(not self.busy and bool(can_import))
        self.check_button.setEnabled(not self.busy and self.path is not None)
        has_errors = p is not None and (p.count(RowStatus.ERROR) + p.count(RowStatus.UNMATCHED)) > 0
        self.errors_button.setEnabled(not self.busy and has_errors)
        self.undo_button.setVisible(self.last_batch is not None)
        self.undo_button.setEnabled(not self.busy)
        self.cancel_button.setEnabled(self.busy)
        self.choose_button.setEnabled(not self.busy)
        self.sheet_combo.setEnabled(not self.busy)
        self.mapping_table.setEnabled(not self.busy)
        if self.busy:
            self.progress_reveal.start()
        else:
            self.progress_reveal.stop()

    def params(self) -> svc.TitleImportParams:
        d = self.date_edit.date()
        return svc.TitleImportParams(
            kind=str(self.kind_combo.currentData() or ""),
            batch=self.batch_spin.value(),
            recognized_on=date(d.year(), d.month(), d.day()),
            doc_no=self.doc_edit.text().strip(),
            re_review=self.re_review_check.isChecked(),
            region=self.region_edit.text().strip(),
        )

    # --- file and sheet ----------------------------------------------------------------------------------

    def on_choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a spreadsheet"), "", _t(FILE_FILTER))
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        """Open `path`: list its sheets and preview the first one with content."""
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self.last_batch = None
        self._mapping = {}
        self.resolutions = {}
        try:
            sheets = svc.sheet_names(self.path)
        except ServiceError as exc:
            self._show_failure(str(exc))
            return
        self._loading = True
        self.sheet_combo.clear()
        self.sheet_combo.addItems(sheets)
        self._loading = False
        self.run_preview(first_sheet_with_content=True)

    def on_sheet_changed(self, _index: int) -> None:
        if self._loading or self.path is None:
            return
        self._mapping = {}
        self.run_preview()

    def set_mapping(self, column: int, field: str | None) -> None:
        """The officer says what column `column` (0-based) holds; the preview is checked again."""
        self._mapping[column] = field
        self.run_preview()

    # --- preview ---------------------------------------------------------------------------------------------

    def on_params_changed(self, *_args: object) -> None:
        if self.path is None:
            return
        self._stale = True
        self._update_buttons()
        self._params_timer.start()

    def on_params_timer(self) -> None:
        if self.busy:
            self._params_timer.start()  # check again once the running job is done
            return
        self.run_preview()

    def run_preview(self, first_sheet_with_content: bool = False) -> None:
        if self.path is None or self.busy:
            return
        self._stale = False
        path = self.path
        sheet = None if first_sheet_with_content else (self.sheet_combo.currentText() or None)
        mapping = dict(self._mapping)
        resolutions = dict(self.resolutions)
        kind = self.kind
        params = self.params() if kind == "titles" else None
        db = self.db

        def work(_progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            with db.uow() as uow:
                if kind == "titles":
                    assert params is not None
                    try:
                        return svc.preview_titles(
                            uow, path, params, sheet, mapping, resolutions, cancel=cancelled
                        )
                    except svc.KindRequired as exc:
                        return exc  # not a failure: the officer chooses the kind
                return svc.preview_enterprises(
                    uow, path, sheet, mapping, cancel=cancelled, progress=_progress
                )

        self.status_label.setText(self.tr("Reading and checking the file…"))
        self._start(work, self.on_preview_ready)

    def on_kind_required(self) -> None:
        """The list does not say its kind and none is chosen: nothing to import until the officer chooses."""
        self.preview = None
        self.model.set_rows([])
        self.counts_label.setText("")
        self.warnings_label.setText("")
        self.kind_label.setStyleSheet("color: #b00020;")
        self.kind_label.setText(
            self.tr(
                "The title kind cannot be read from the list’s heading, sheet name or file name: "
                "choose it above (专精特新“小巨人” or 制造业单项冠军). Nothing is imported until then."
            )
        )
        self.status_label.setText(self.tr("Choose the title kind to check the list."))
        self._update_buttons()

    def _show_kind(self, p: Preview) -> None:
        kind = labels.title_kind(TitleKind(p.title_kind))
        clue = p.kind_clue
        if p.kind_conflict and clue is not None:
            self.kind_label.setStyleSheet("color: #b00020;")
            self.kind_label.setText(
                self.tr("You chose %1, but the list says %2 (%3). Importing asks you to confirm.")
                .replace("%1", kind)
                .replace("%2", labels.title_kind(clue.kind))
                .replace("%3", clue.where)
            )
        elif clue is not None:
            self.kind_label.setStyleSheet("")
            self.kind_label.setText(
                self.tr("Title kind: %1 (read from %2)").replace("%1", kind).replace("%2", clue.where)
            )
        else:
            self.kind_label.setStyleSheet("")
            self.kind_label.setText(
                self.tr("Title kind: %1 (as chosen; the list does not say)").replace("%1", kind)
            )

    def on_preview_ready(self, result: object) -> None:
        if isinstance(result, svc.KindRequired):
            self.on_kind_required()
            return
        assert isinstance(result, Preview)
        self.preview = result
        if result.kind == "titles":
            self._show_kind(result)
        self.status_label.setStyleSheet("")
        self._loading = True
        if self.sheet_combo.currentText() != result.sheet:
            self.sheet_combo.setCurrentText(result.sheet)
        self._loading = False
        self._fill_mapping(result)
        self.on_show_changed(self.show_combo.currentIndex())
        self.counts_label.setText(self.counts_text())
        self.warnings_label.setText("\n".join(result.warnings[:8]))
        if result.missing:
            names = "、".join(_t(FIELD_NAMES[m]) for m in result.missing)
            self.mapping_hint.setText(
                self.tr("Not found: %1. Choose which column holds it in the table above.").replace(
                    "%1", names
                )
            )
        else:
            self.mapping_hint.setText("")
        self.status_label.setText(
            self.tr("Header found on row %1 of sheet “%2”. Nothing has been written yet.")
            .replace("%1", str(result.header_row))
            .replace("%2", result.sheet)
        )

    def counts_text(self) -> str:
        p = self.preview
        if p is None:
            return ""
        parts = [f"{_t(STATUS_NAMES[s])} {p.count(s)}" for s in RowStatus if p.count(s) or s is RowStatus.NEW]
        return " · ".join(parts)

    def _fill_mapping(self, p: Preview) -> None:
        fields = list(svc.ENTERPRISE_ALIASES if self.kind == "enterprises" else svc.TITLE_ALIASES)
        self.mapping_table.setRowCount(len(p.columns))
        for r, col in enumerate(p.columns):
            letter = QTableWidgetItem(_column_letter(col.index))
            self.mapping_table.setItem(r, 0, letter)
            self.mapping_table.setItem(r, 1, QTableWidgetItem(col.header))
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), None)
            for f in fields:
                combo.addItem(_t(FIELD_NAMES[f]), f)
            combo.setCurrentIndex(max(0, combo.findData(col.field)) if col.field else 0)
            combo.currentIndexChanged.connect(
                lambda _i, c=col.index, box=combo: self.set_mapping(c, box.currentData())
            )
            self.mapping_table.setCellWidget(r, 2, combo)
        self.mapping_table.resizeColumnToContents(0)
        self.mapping_table.resizeColumnToContents(2)  # the choices in full (统一社会信用代码 was cut off)

    def mapping_combo(self, column: int) -> QComboBox:
        widget = self.mapping_table.cellWidget(column, 2)
        assert isinstance(widget, QComboBox)
        return widget

    # --- unmatched rows of a title list ---------------------------------------------------------------------

    def selected_row(self) -> PreviewRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def on_row_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        r = self.model.row_at(current.row()) if current.isValid() else None
        unmatched = r is not None and r.status is RowStatus.UNMATCHED
        self.match_row.setVisible(unmatched)
        self.match_combo.clear()
        if r is None or not unmatched:
            return
        self.match_combo.addItem(self.tr("(leave unmatched)"), None)
        for c in r.candidates:
            self.match_combo.addItem(f"{c.name}（{c.code}）", c.enterprise_id)

    def on_match_chosen(self, _index: int) -> None:
        r = self.selected_row()
        chosen = self.match_combo.currentData()
        if r is None or chosen is None:
            return
        self.resolve(r.row, int(chosen))

    def resolve(self, row: int, enterprise_id: int) -> None:
        """The officer says Excel row `row` is enterprise `enterprise_id`; the list is checked again."""
        self.resolutions[row] = enterprise_id
        self.run_preview()

    def on_add_enterprise(self) -> None:
        r = self.selected_row()
        if r is None:
            return
        from ui.dialogs.enterprise_dialog import EnterpriseDialog

        dialog = EnterpriseDialog(self.db, parent=self, actor=self.actor or "")
        dialog.name_edit.setText(r.name)
        dialog.saved.connect(lambda view, row=r.row: self.resolve(row, view.id))
        dialog.open()

    def on_show_changed(self, _index: int) -> None:
        if self.preview is None:
            self.model.set_rows([])
            return
        wanted = self.show_combo.currentData()
        rows = [r for r in self.preview.rows if wanted is None or r.status.value == wanted]
        self.model.set_rows(rows)

    # --- import, undo ----------------------------------------------------------------------------------------

    def on_import(self) -> None:
        if self.preview is None or self.busy:
            return
        preview = self.preview
        db, actor = self.db, self.actor
        confirmed = False
        if preview.kind_conflict and preview.kind_clue is not None:
            answer = QMessageBox.question(
                self,
                self.tr("Title kind differs from the list"),
                self.tr(
                    "You chose %1, but the list says %2 (%3).\n\n"
                    "Import these rows as %1 anyway? Nothing has been written yet."
                )
                .replace("%1", labels.title_kind(TitleKind(preview.title_kind)))
                .replace("%2", labels.title_kind(preview.kind_clue.kind))
                .replace("%3", preview.kind_clue.where),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.status_label.setText(self.tr("Not imported: choose the title kind the list says."))
                return
            confirmed = True

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            with db.uow() as uow:
                return svc.commit_preview(
                    uow,
                    preview,
                    actor=actor or "",
                    cancel=cancelled,
                    progress=progress,
                    kind_confirmed=confirmed,
                )

        self.status_label.setText(self.tr("Importing…"))
        self._start(work, self.on_imported)

    def on_imported(self, result: object) -> None:
        assert isinstance(result, svc.ImportReport)
        self.last_batch = result.batch
        text = (
            self.tr("Imported as batch %1: %2 new, %3 changed, %4 unchanged. It can be undone as a whole.")
            .replace("%1", str(result.batch))
            .replace("%2", str(result.created))
            .replace("%3", str(result.updated))
            .replace("%4", str(result.unchanged))
        )
        if result.backup is not None:
            text += " " + self.tr("The database was backed up first: %1").replace("%1", result.backup.name)
        self.status_label.setText(text)
        self.status_label.setToolTip(str(result.backup or ""))
        self._update_buttons()
        if result.batch is not None:
            self.imported.emit(result.batch)

    def on_undo(self) -> None:
        if self.last_batch is None:
            return
        batch = self.last_batch
        outcome = confirm_and_undo(self, self.db, batch, self.actor)
        if outcome is None:
            return
        if not outcome.done:
            self._show_failure(outcome.message)
            return
        self.last_batch = None
        self.status_label.setText(outcome.message)
        self.undone.emit(batch)
        self.run_preview()

    def on_cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status_label.setText(self.tr("Cancelling…"))

    # --- files ---------------------------------------------------------------------------------------------

    def on_save_errors(self) -> None:
        if self.preview is None:
            return
        suggested = str(Path(self.preview.file_name).with_suffix("")) + "-问题行.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save error rows"), suggested, "Excel (*.xlsx)")
        if name:
            self.save_errors(Path(name))

    def save_errors(self, path: Path) -> None:
        assert self.preview is not None
        try:
            report = export_svc.export_error_rows(self.preview, path)
        except ServiceError as exc:
            self._show_failure(str(exc))
            return
        self.status_label.setText(
            self.tr("%1 rows with problems saved to %2.")
            .replace("%1", str(report.rows))
            .replace("%2", str(path))
        )

    def on_template(self) -> None:
        suggested = "企业名单模板.xlsx" if self.kind == "enterprises" else "称号名单模板.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save template"), suggested, "Excel (*.xlsx)")
        if name:
            self.save_template(Path(name))

    def save_template(self, path: Path) -> None:
        try:
            export_svc.write_template(self.kind, path)
        except ServiceError as exc:
            self._show_failure(str(exc))
            return
        self.status_label.setText(self.tr("Template saved to %1.").replace("%1", str(path)))

    # --- plumbing --------------------------------------------------------------------------------------------

    def _start(self, work: Callable[..., object], on_done: Callable[[object], None]) -> None:
        job = Job(work)
        job.signals.progress.connect(self.on_progress)
        job.signals.done.connect(on_done)
        job.signals.done.connect(self._finished)
        job.signals.failed.connect(self._failed)
        self.job = job
        self.progress.setRange(0, 0)
        self._update_buttons()
        self.pool.start(job)

    def on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, _result: object) -> None:
        self.job = None
        self._update_buttons()

    def _failed(self, message: str) -> None:
        self.job = None
        self._update_buttons()
        self._show_failure(message)

    def _show_failure(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setStyleSheet("color: #b00020;")
        self.failure = message

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
        super().reject()


def _column_letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out

"""How the import dialog is laid out: the file row, the title list's form, the column mapping, the preview
table with its match row, and the buttons with the progress bar. `ImportDialog` (ui.dialogs.imports.dialog)
builds itself with these; its texts keep the dialog's translation context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core.domain.enums import TitleKind
from core.services.imports import RowStatus
from ui import labels
from ui.dialogs.imports.preview_model import STATUS_NAMES, PreviewModel, _t
from ui.workers import DelayedProgress


class ImportDialogLayout(QDialog):
    """The widgets of the import dialog, created by `_build` (see ui.dialogs.imports.dialog for what they do)."""

    kind: str  # "enterprises" or "titles", set by the dialog before it builds

    def _build(self) -> None:
        top = self._build_file_row()

        self._build_title_form()

        left = self._build_mapping()

        right = self._build_preview()

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)

        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title_form)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)

    def _build_file_row(self) -> QHBoxLayout:
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(
            QCoreApplication.translate("ImportDialog", "Choose an .xlsx, .xls, .ods or .csv file")
        )
        self.choose_button = QPushButton(QCoreApplication.translate("ImportDialog", "Choose file…"))
        self.template_button = QPushButton(QCoreApplication.translate("ImportDialog", "Download template…"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumWidth(160)
        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("ImportDialog", "File:")))
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.choose_button)
        top.addWidget(QLabel(QCoreApplication.translate("ImportDialog", "Sheet:")))
        top.addWidget(self.sheet_combo)
        top.addWidget(self.template_button)
        return top

    def _build_title_form(self) -> None:
        self.title_form = QWidget()
        form = QFormLayout(self.title_form)
        # No kind is preselected: it is read from the list (heading, sheet, file name) or the officer chooses.
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(
            QCoreApplication.translate("ImportDialog", "(as the list says — choose if it does not)"), ""
        )
        for k in TitleKind:
            self.kind_combo.addItem(labels.title_kind(k), k.value)
        self.kind_label = QLabel()
        self.kind_label.setWordWrap(True)
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 99)
        self.batch_spin.setValue(7)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(QDate.currentDate())
        self.doc_edit = QLineEdit()
        self.doc_edit.setPlaceholderText(
            QCoreApplication.translate("ImportDialog", "e.g. 工信厅企业函〔2025〕165号")
        )
        self.re_review_check = QCheckBox(
            QCoreApplication.translate("ImportDialog", "Re-review list (not a first recognition)")
        )
        self.region_edit = QLineEdit()
        self.region_edit.setPlaceholderText(
            QCoreApplication.translate("ImportDialog", "e.g. 广东 (rows of other regions are skipped)")
        )
        row = QHBoxLayout()
        row.addWidget(self.kind_combo)
        row.addWidget(QLabel(QCoreApplication.translate("ImportDialog", "Batch:")))
        row.addWidget(self.batch_spin)
        row.addWidget(QLabel(QCoreApplication.translate("ImportDialog", "Recognised on:")))
        row.addWidget(self.date_edit)
        row.addWidget(self.re_review_check)
        row.addStretch(1)
        form.addRow(QCoreApplication.translate("ImportDialog", "Title:"), row)
        form.addRow("", self.kind_label)
        form.addRow(QCoreApplication.translate("ImportDialog", "Document no.:"), self.doc_edit)
        form.addRow(QCoreApplication.translate("ImportDialog", "Only region:"), self.region_edit)
        self.title_form.setVisible(self.kind == "titles")

    def _build_mapping(self) -> QWidget:
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ImportDialog", "Column"),
                QCoreApplication.translate("ImportDialog", "Header in the file"),
                QCoreApplication.translate("ImportDialog", "Imported as"),
            ]
        )
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_hint = QLabel()
        self.mapping_hint.setWordWrap(True)
        self.mapping_hint.setStyleSheet("color: #b00020;")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "ImportDialog", "Columns (fix a column the program did not recognise):"
                )
            )
        )
        lv.addWidget(self.mapping_table, 1)
        lv.addWidget(self.mapping_hint)
        return left

    def _build_preview(self) -> QWidget:
        self.counts_label = QLabel()
        self.counts_label.setStyleSheet("font-weight: bold;")
        self.show_combo = QComboBox()
        self.show_combo.addItem(QCoreApplication.translate("ImportDialog", "All rows"), None)
        for status in RowStatus:
            self.show_combo.addItem(_t(STATUS_NAMES[status]), status.value)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        for column, width in enumerate((56, 72, 170, 300)):
            self.table.setColumnWidth(column, width)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #8a5300;")
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.counts_label, 1)
        head.addWidget(QLabel(QCoreApplication.translate("ImportDialog", "Show:")))
        head.addWidget(self.show_combo)
        rv.addLayout(head)
        rv.addWidget(self.table, 1)
        rv.addWidget(self.warnings_label)
        self.match_row = QWidget()
        mr = QHBoxLayout(self.match_row)
        mr.setContentsMargins(0, 0, 0, 0)
        self.match_label = QLabel(QCoreApplication.translate("ImportDialog", "Match the selected row to:"))
        self.match_combo = QComboBox()
        self.match_combo.setMinimumWidth(320)
        self.add_enterprise_button = QPushButton(
            QCoreApplication.translate("ImportDialog", "Add as a new enterprise…")
        )
        mr.addWidget(self.match_label)
        mr.addWidget(self.match_combo, 1)
        mr.addWidget(self.add_enterprise_button)
        self.match_row.setVisible(False)
        rv.addWidget(self.match_row)
        return right

    def _build_buttons(self) -> QHBoxLayout:
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress_reveal = DelayedProgress([self.progress], self)  # shown once work runs ~0.5 s
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.check_button = QPushButton(QCoreApplication.translate("ImportDialog", "Check again"))
        self.import_button = QPushButton(QCoreApplication.translate("ImportDialog", "Import"))
        self.import_button.setDefault(True)
        self.errors_button = QPushButton(QCoreApplication.translate("ImportDialog", "Save error rows…"))
        self.undo_button = QPushButton(QCoreApplication.translate("ImportDialog", "Undo this import"))
        self.cancel_button = QPushButton(QCoreApplication.translate("ImportDialog", "Cancel"))
        self.close_button = QPushButton(QCoreApplication.translate("ImportDialog", "Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.errors_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        return buttons

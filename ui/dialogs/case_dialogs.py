"""New reward case (with a live preview) and batch creation for a recognition year (preview: in / out, why).
Opened with `open()`; emit `saved` (CaseView) / `created` (list of CaseView)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain import clock
from core.domain.enums import TitleKind
from core.services import cases as svc
from core.services.errors import ServiceError
from core.store.uow import Database
from ui import labels
from ui.widgets.form import ERROR_STYLE
from ui.widgets.trace_panel import TracePanel, yuan


class NewCaseDialog(QDialog):
    saved = Signal(object)  # CaseView

    def __init__(
        self, db: Database, code: str = "", parent: QWidget | None = None, *, actor: str = ""
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor  # the signed-in officer: recorded as the case's drafter
        self.setWindowTitle(self.tr("New reward case"))
        self.resize(900, 640)
        self.code_edit = QLineEdit(code)
        self.code_edit.setPlaceholderText(self.tr("18-character unified social credit code"))
        self.kind_combo = QComboBox()
        for kind in TitleKind:
            self.kind_combo.addItem(labels.title_kind(kind), kind.value)
        self.city_edit = QLineEdit()
        self.city_edit.setPlaceholderText(self.tr("Empty: the city's reward schedule"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Required when the amount differs from the schedule"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.trace = TracePanel()
        form = QFormLayout()
        form.addRow(self.tr("Credit code:"), self.code_edit)
        form.addRow(self.tr("Title kind:"), self.kind_combo)
        form.addRow(self.tr("City reward (yuan):"), self.city_edit)
        form.addRow(self.tr("Reason for a different amount:"), self.reason_edit)
        box = QDialogButtonBox()
        self.create_button = QPushButton(self.tr("Create case"))
        self.create_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"))
        box.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.trace, 1)
        layout.addWidget(box)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_preview)
        for edit in (self.code_edit, self.city_edit, self.reason_edit):
            edit.textChanged.connect(self.on_changed)
        self.kind_combo.currentIndexChanged.connect(self.on_changed)
        self.create_button.clicked.connect(self.on_create)
        cancel.clicked.connect(self.reject)
        self.update_preview()

    def _edit(self) -> svc.CaseEdit:
        return svc.CaseEdit(
            city_reward=self.city_edit.text().strip() or None, override_reason=self.reason_edit.text()
        )

    def on_changed(self, *_args: object) -> None:
        self._timer.start()

    def update_preview(self) -> None:
        self._timer.stop()
        code = self.code_edit.text().strip()
        if not code:
            self.trace.show_result(None, self.tr("Enter a credit code to see the computation."))
            self.error_label.setText("")
            return
        try:
            with self.db.uow() as uow:
                result = svc.preview_new_case(uow, code, str(self.kind_combo.currentData()), self._edit())
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            self.trace.show_result(None)
            return
        self.error_label.setText("")
        self.trace.show_result(result)

    def on_create(self) -> None:
        try:
            with self.db.uow() as uow:
                view = svc.create_case(
                    uow,
                    self.code_edit.text(),
                    str(self.kind_combo.currentData()),
                    self._edit(),
                    actor=self.actor,
                )
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return
        self.saved.emit(view)
        self.accept()


class BatchDialog(QDialog):
    created = Signal(object)  # list[CaseView]

    def __init__(
        self, db: Database, year: int | None = None, parent: QWidget | None = None, *, actor: str = ""
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor  # the signed-in officer: the cases are recorded under this name
        self.preview: svc.BatchPreview | None = None
        self.setWindowTitle(self.tr("Create cases for a recognition year"))
        self.resize(980, 640)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2017, 2100)
        self.year_spin.setValue(year or clock.today().year)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in TitleKind:
            self.kind_combo.addItem(labels.title_kind(kind), kind.value)
        self.summary = QLabel()
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.included = self._table(
            [
                self.tr("Enterprise"),
                self.tr("District"),
                self.tr("Title"),
                self.tr("City reward"),
                self.tr("Provincial match"),
            ]
        )
        self.excluded = self._table(
            [self.tr("Enterprise"), self.tr("District"), self.tr("Title"), self.tr("Why not")]
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Recognised in:")))
        top.addWidget(self.year_spin)
        top.addWidget(self.kind_combo)
        top.addStretch(1)
        top.addWidget(self.summary)
        box = QDialogButtonBox()
        self.create_button = QPushButton(self.tr("Create the cases"))
        close = QPushButton(self.tr("Close"))
        box.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("In (each gets a new case, state Draft):")))
        layout.addWidget(self.included, 1)
        layout.addWidget(QLabel(self.tr("Out, and why:")))
        layout.addWidget(self.excluded, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(box)
        self.year_spin.valueChanged.connect(self.update_preview)
        self.kind_combo.currentIndexChanged.connect(self.update_preview)
        self.create_button.clicked.connect(self.on_create)
        close.clicked.connect(self.reject)
        self.update_preview()

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(True)
        return table

    def _kind(self) -> TitleKind | None:
        value = self.kind_combo.currentData()
        return TitleKind(value) if value else None

    def update_preview(self, *_args: object) -> None:
        try:
            with self.db.uow() as uow:
                preview = svc.preview_batch(uow, self.year_spin.value(), self._kind())
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return
        self.error_label.setText("")
        self.preview = preview
        self._fill(
            self.included,
            [
                [
                    x.enterprise_name,
                    x.district,
                    labels.title_kind(x.kind),
                    yuan(x.city_reward) if x.city_reward is not None else "",
                    yuan(x.province_match),
                ]
                for x in preview.included
            ],
        )
        self._fill(
            self.excluded,
            [
                [x.enterprise_name, x.district, labels.title_kind(x.kind), "；".join(x.reasons)]
                for x in preview.excluded
            ],
        )
        self.summary.setText(
            self.tr("In: %1, out: %2, provincial match %3")
            .replace("%1", str(len(preview.included)))
            .replace("%2", str(len(preview.excluded)))
            .replace("%3", yuan(preview.province_total))
        )
        self.create_button.setEnabled(bool(preview.included))

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeRowsToContents()

    def excluded_rows(self) -> list[tuple[str, str]]:
        """(enterprise, reasons) as shown."""
        out: list[tuple[str, str]] = []
        for r in range(self.excluded.rowCount()):
            name, why = self.excluded.item(r, 0), self.excluded.item(r, 3)
            out.append((name.text() if name else "", why.text() if why else ""))
        return out

    def on_create(self) -> None:
        try:
            with self.db.uow() as uow:
                created = svc.create_batch(uow, self.year_spin.value(), self._kind(), actor=self.actor)
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return
        self.created.emit(created)
        self.accept()

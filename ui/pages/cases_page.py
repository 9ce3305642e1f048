"""奖励案件: the case list (search, filters), the case editor with live recomputation, and 计算依据."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.domain import clock
from core.domain.enums import TitleKind
from core.domain.workflow import CaseState
from core.policy.engine import EXCLUSION_ITEMS, RewardResult
from core.services import cases as svc
from core.services.cases import CaseEdit, CaseQuery, CaseView
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database
from ui import labels, permissions
from ui.dialogs.case_dialogs import BatchDialog, NewCaseDialog
from ui.models.case_table import STATUS, CaseTableModel, status_text
from ui.widgets.form import ERROR_STYLE
from ui.widgets.trace_panel import TracePanel, yuan

SEARCH_DELAY_MS = 100
PREVIEW_DELAY_MS = 150
FIRST_YEAR = 2017


if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from ui.widgets.case_process import CaseProcessPanel


class CaseEditor(QWidget):
    """One case: the city reward (recomputed live), the decision date, the exclusion checklist and the trace.
    Emits `case_shown(case or None)` each time it shows a case (the process panel follows it)."""

    case_shown = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None, actor: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor  # the signed-in officer: saving and deciding are recorded under this name
        self.case: CaseView | None = None
        self.preview_delay_ms = PREVIEW_DELAY_MS
        self.title_label = QLabel(self.tr("Select a case in the list."))
        self.title_label.setStyleSheet("font-weight: bold; font-size: 15px;")
        self.title_label.setWordWrap(True)
        self.city_edit = QLineEdit()
        self.city_edit.setPlaceholderText(self.tr("Empty: the city's reward schedule"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Required when the amount differs from the schedule"))
        self.decided_edit = QLineEdit()
        self.decided_edit.setPlaceholderText(self.tr("YYYY-MM-DD (empty: today)"))
        self.exclusions: dict[str, QCheckBox] = {
            key: QCheckBox(text) for key, text in EXCLUSION_ITEMS.items()
        }
        self.province_label = QLabel()
        self.total_label = QLabel()
        self.cap_label = QLabel()  # the total above the policy's 奖励总额度, and by how much
        self.cap_label.setWordWrap(True)
        self.cap_label.setStyleSheet(ERROR_STYLE)
        self.cap_label.hide()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.save_button = QPushButton(self.tr("Save"))
        self.freeze_button = QPushButton(self.tr("Decide and freeze"))
        self.freeze_button.setToolTip(
            self.tr("Freeze the amounts, the calculation basis and the policy file's hash")
        )
        self.trace = TracePanel()

        form = QFormLayout()
        form.addRow(self.tr("City reward (yuan):"), self.city_edit)
        form.addRow(self.tr("Reason for a different amount:"), self.reason_edit)
        form.addRow(self.tr("Decision date:"), self.decided_edit)
        checks = QGroupBox(self.tr("Exclusions found (tick what applies)"))
        checks_layout = QVBoxLayout(checks)
        for box in self.exclusions.values():
            checks_layout.addWidget(box)
        form.addRow(self.tr("Provincial match:"), self.province_label)
        form.addRow(self.tr("Total:"), self.total_label)
        form.addRow("", self.cap_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.freeze_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(form)
        layout.addWidget(checks)
        layout.addLayout(buttons)
        layout.addWidget(self.trace, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._connect_signals()
        self.set_case(None)

    def _connect_signals(self) -> None:
        for edit in (self.city_edit, self.reason_edit, self.decided_edit):
            edit.textChanged.connect(self.on_edited)
        for box in self.exclusions.values():
            box.toggled.connect(self.on_edited)
        self._timer.timeout.connect(self.update_preview)

    def set_case(self, case: CaseView | None) -> None:
        self._fill(case)
        self.case_shown.emit(case)

    def _fill(self, case: CaseView | None) -> None:
        self.case = case
        widgets: list[QWidget] = [
            self.city_edit,
            self.reason_edit,
            self.decided_edit,
            *self.exclusions.values(),
        ]
        for w in widgets:
            w.blockSignals(True)
        self.city_edit.setPlaceholderText(self.tr("Empty: the city's reward schedule"))
        if case is None:
            self.title_label.setText(self.tr("Select a case in the list."))
            for edit in (self.city_edit, self.reason_edit, self.decided_edit):
                edit.clear()
            for box in self.exclusions.values():
                box.setChecked(False)
            self.trace.show_result(None)
            self.province_label.clear()
            self.total_label.clear()
            self.cap_label.clear()
            self.cap_label.hide()
        else:
            frozen = self.tr("Frozen") if case.frozen else ""
            self.title_label.setText(
                f"#{case.id} {case.enterprise_name} · {labels.title_kind(case.title_kind)} "
                f"{labels.batch(case.title_batch)} · {status_text(case.status)}"
                + (f" · {frozen}" if frozen else "")
            )
            self.city_edit.setText(
                f"{case.city_reward:.2f}"
                if case.city_reward is not None and case.city_reward_source == "override"
                else ""
            )
            if case.city_reward_source != "override" and case.city_reward is not None:
                self.city_edit.setPlaceholderText(
                    self.tr("Schedule: %1").replace("%1", yuan(case.city_reward))
                )
            self.reason_edit.setText(case.city_reward_reason)
            self.decided_edit.setText(case.decided_on.isoformat() if case.decided_on else "")
            for key, box in self.exclusions.items():
                box.setChecked(key in case.exclusion_hits)
            with self.db.uow() as uow:
                self._show(svc.stored_result(uow, case.id))
        editable = case is not None and not case.frozen and case.status == CaseState.DRAFT.value
        for w in widgets:
            w.blockSignals(False)
            w.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.freeze_button.setEnabled(editable)
        self.error_label.clear()
        if case is not None and not case.frozen and not editable:
            # amounts, exclusions and the decision date change only in 申报登记 (issue 16)
            self.error_label.setText(
                self.tr(
                    "Read-only: the amounts, exclusions and decision date change only while the case is "
                    "being registered. To change them, a reviewer first returns the case for correction "
                    "(the return is recorded in its history)."
                )
            )

    def edit(self) -> CaseEdit:
        return CaseEdit(
            city_reward=self.city_edit.text().strip() or None,
            override_reason=self.reason_edit.text(),
            decided_on=self.decided_edit.text().strip() or None,
            exclusion_hits=tuple(k for k, box in self.exclusions.items() if box.isChecked()),
        )

    def _show(self, result: RewardResult, message: str = "") -> None:
        self.province_label.setText(yuan(result.province_match))
        self.total_label.setText(yuan(result.total))
        self.cap_label.setText("\n".join(result.warnings))
        self.cap_label.setVisible(bool(result.warnings))
        self.trace.show_result(result, message)

    def on_edited(self, *_args: object) -> None:
        if self.preview_delay_ms <= 0:
            self.update_preview()
        else:
            self._timer.start(self.preview_delay_ms)

    def update_preview(self) -> None:
        self._timer.stop()
        if self.case is None or self.case.frozen or self.case.status != CaseState.DRAFT.value:
            return
        try:
            with self.db.uow() as uow:
                result = svc.preview_case(uow, self.case.id, self.edit())
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            self.province_label.setText("—")
            self.total_label.setText("—")
            self.cap_label.hide()
            self.trace.show_result(None, str(exc))
            return
        self.error_label.setText(self.tr("Not saved yet."))
        self._show(result)

    def save(self) -> CaseView | None:
        if self.case is None:
            return None
        try:
            with self.db.uow() as uow:
                view = svc.update_case(
                    uow, self.case.id, self.edit(), expected_version=self.case.version, actor=self.actor
                )
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return None
        self.set_case(view)
        return view

    def freeze(self) -> CaseView | None:
        if self.case is None or self.save() is None or self.case is None:
            return None
        try:
            with self.db.uow() as uow:
                view = svc.freeze_case(uow, self.case.id, actor=self.actor)
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return None
        self.set_case(view)
        return view


class CasesPage(QWidget):
    # Set by ui.widgets.case_process.attach_to_cases_page (the process panel beside the editor).
    process_panel: CaseProcessPanel
    batch_transition_button: QPushButton
    transition_dialog: QDialog

    def __init__(self, db: Database, parent: QWidget | None = None, user: UserView | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user  # the signed-in officer: changes made from this page are recorded under this name
        self.search_delay_ms = SEARCH_DELAY_MS
        self.dialog: NewCaseDialog | BatchDialog | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            self.tr("Search enterprise name, credit code or district (Ctrl+F)")
        )
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in TitleKind:
            self.kind_combo.addItem(labels.title_kind(kind), kind.value)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Any status"), None)
        for key in STATUS:
            self.status_combo.addItem(status_text(key), key)
        self.eligible_combo = QComboBox()
        self.eligible_combo.addItem(self.tr("Eligible or not"), None)
        self.eligible_combo.addItem(self.tr("Eligible"), True)
        self.eligible_combo.addItem(self.tr("Not eligible"), False)
        self.year_combo = QComboBox()
        self.year_combo.addItem(self.tr("All years"), None)
        for year in range(clock.today().year + 1, FIRST_YEAR - 1, -1):
            self.year_combo.addItem(str(year), year)
        self.count_label = QLabel()
        self.new_button = QPushButton(self.tr("New case…"))
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.batch_button = QPushButton(self.tr("Create for a year…"))

        self.model = CaseTableModel(db, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # many rows for 批量办理 (ui.widgets.case_process); the editor follows the current row
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(
            (56, 96, 260, 72)
        ):  # No., status, enterprise (names are long), district
            self.table.setColumnWidth(column, width)
        self.editor = CaseEditor(db, actor=permissions.actor(user))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        for combo in (self.kind_combo, self.status_combo, self.eligible_combo, self.year_combo):
            filters.addWidget(combo)
        filters.addWidget(self.count_label)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        filters.addWidget(self.batch_button)
        self.tools_row = filters  # other areas add their buttons here
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._connect_signals()
        self.refresh()
        self.table.horizontalHeader().setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.table.setSortingEnabled(True)

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self.on_search_text_changed)
        self._timer.timeout.connect(self.refresh)
        for combo in (self.kind_combo, self.status_combo, self.eligible_combo, self.year_combo):
            combo.currentIndexChanged.connect(self.on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_changed)
        self.model.modelReset.connect(self._update_count)
        self.new_button.clicked.connect(self.new_item)
        self.batch_button.clicked.connect(self.open_batch)
        self.editor.save_button.clicked.connect(self.on_save_clicked)
        self.editor.freeze_button.clicked.connect(self.on_freeze_clicked)

    def current_query(self) -> CaseQuery:
        kind = self.kind_combo.currentData()
        return CaseQuery(
            text=self.search_edit.text(),
            status=self.status_combo.currentData(),
            kind=TitleKind(kind) if kind else None,
            eligible=self.eligible_combo.currentData(),
            year=self.year_combo.currentData(),
        )

    def refresh(self) -> None:
        self._timer.stop()
        keep = self.selected_case()
        self.model.set_query(self.current_query())
        if keep is not None:
            self.select_id(keep.id)
        else:
            self.editor.set_case(None)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%1 cases").replace("%1", f"{self.model.rowCount():,}"))

    def selected_case(self) -> CaseView | None:
        index = self.table.currentIndex()
        return self.model.case_at(index.row()) if index.isValid() else None

    def selected_cases(self) -> list[CaseView]:
        """Every case selected in the list (several with Ctrl/Shift), in list order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [case for case in (self.model.case_at(row) for row in rows) if case is not None]

    def select_id(self, case_id: int) -> None:
        row = self.model.row_of(case_id)
        if row is None:
            self.editor.set_case(None)
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        self.editor.set_case(self.model.case_at(row))

    # --- slots -------------------------------------------------------------------------------------------

    def on_search_text_changed(self, _text: str) -> None:
        if self.search_delay_ms <= 0:
            self.refresh()
        else:
            self._timer.start(self.search_delay_ms)

    def on_filter_changed(self, _index: int) -> None:
        self.refresh()

    def on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.editor.set_case(self.model.case_at(current.row()) if current.isValid() else None)

    def on_save_clicked(self) -> None:
        view = self.editor.save()
        if view is not None:
            self.model.refresh()
            self.select_id(view.id)

    def on_freeze_clicked(self) -> None:
        view = self.editor.freeze()
        if view is not None:
            self.model.refresh()
            self.select_id(view.id)

    def on_saved(self, view: CaseView) -> None:
        self.dialog = None
        self.refresh()
        self.select_id(view.id)

    def on_batch_created(self, views: list[CaseView]) -> None:
        self.dialog = None
        self.refresh()
        if views:
            self.select_id(views[0].id)

    # --- page protocol -----------------------------------------------------------------------------------

    def set_user(self, user: UserView | None) -> None:
        """The officer signed in now (the main window passes a new one on)."""
        self.user = user
        self.editor.actor = permissions.actor(user)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def new_item(self) -> NewCaseDialog:
        dialog = NewCaseDialog(self.db, parent=self, actor=permissions.actor(self.user))
        dialog.saved.connect(self.on_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_batch(self) -> BatchDialog:
        year = self.year_combo.currentData()
        dialog = BatchDialog(self.db, year, parent=self, actor=permissions.actor(self.user))
        dialog.created.connect(self.on_batch_created)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

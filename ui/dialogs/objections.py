"""异议: the written objections to one case received during its 公示, recorded and then decided.

An officer (经办人 or 审核人) records who objects, when it was received and what it says; the objection stays
pending (待处理) and approval waits for it. A reviewer, after checking it, decides it: upheld (the case goes
back to review) or not upheld (异议不成立, the notice goes on). The service checks roles, dates and duties and
says why it refuses; this dialog keeps what was typed when it refuses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain.workflow import CaseState
from core.services import workflow as wf_svc
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database
from ui import labels
from ui.widgets.facts_form import date_edit, to_date
from ui.widgets.form import ERROR_STYLE, OK_STYLE

PENDING = QColor("#b54708")


class ObjectionsDialog(QDialog):
    changed = Signal()  # an objection was recorded or decided (the case may have gone back to review)

    def __init__(
        self, db: Database, user: UserView | None, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.case_id = case_id
        self.rows: list[wf_svc.ObjectionView] = []
        self.state = CaseState.DRAFT
        self.setWindowTitle(self.tr("Objections — case %1").replace("%1", str(case_id)))
        self.resize(820, 560)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Received"),
                self.tr("Objector"),
                self.tr("Objection"),
                self.tr("Recorded by"),
                self.tr("Outcome"),
                self.tr("Opinion"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

        self.objector_edit = QLineEdit()
        self.objector_edit.setPlaceholderText(self.tr("Name of the person or unit (real-name or sealed)"))
        self.received_edit = date_edit()
        self.content_edit = QPlainTextEdit()
        self.content_edit.setPlaceholderText(self.tr("What the written objection says"))
        self.content_edit.setFixedHeight(64)
        self.record_button = QPushButton(self.tr("Record objection"))
        self.record_group = QGroupBox(self.tr("Record an objection received in writing"))
        record_form = QFormLayout(self.record_group)
        record_form.addRow(self.tr("Objector:"), self.objector_edit)
        record_form.addRow(self.tr("Received on:"), self.received_edit)
        record_form.addRow(self.tr("Objection:"), self.content_edit)
        record_form.addRow("", self.record_button)

        self.opinion_edit = QLineEdit()
        self.opinion_edit.setPlaceholderText(self.tr("What the check found and the conclusion"))
        self.decided_edit = date_edit()
        self.uphold_button = QPushButton(self.tr("Upheld: back to review"))
        self.dismiss_button = QPushButton(self.tr("Not upheld"))
        self.decide_group = QGroupBox(self.tr("Decide the selected objection (reviewer)"))
        decide_form = QFormLayout(self.decide_group)
        decide_form.addRow(self.tr("Opinion:"), self.opinion_edit)
        decide_form.addRow(self.tr("Decided on:"), self.decided_edit)
        decide_buttons = QHBoxLayout()
        decide_buttons.addWidget(self.uphold_button)
        decide_buttons.addWidget(self.dismiss_button)
        decide_buttons.addStretch(1)
        decide_form.addRow("", decide_buttons)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        forms = QHBoxLayout()
        forms.addWidget(self.record_group, 1)
        forms.addWidget(self.decide_group, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        layout.addLayout(forms)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self.reload()

    def _connect_signals(self) -> None:
        self.record_button.clicked.connect(self.on_record)
        self.uphold_button.clicked.connect(lambda _checked=False: self.on_decide(True))
        self.dismiss_button.clicked.connect(lambda _checked=False: self.on_decide(False))
        self.table.itemSelectionChanged.connect(self.on_selection_changed)
        self.buttons.rejected.connect(self.reject)

    def reload(self) -> None:
        with self.db.uow() as uow:
            view = wf_svc.process(uow, self.case_id)
            self.rows = wf_svc.objections(uow, self.case_id)
        self.state = view.state
        notice = (
            self.tr("Public notice %1 to %2")
            .replace("%1", str(view.notice_start))
            .replace("%2", str(view.notice_end))
            if view.notice_end
            else self.tr("No public notice yet")
        )
        pending = sum(1 for o in self.rows if o.pending)
        self.header.setText(
            self.tr("Case %1 · %2 · %3 · %4 pending")
            .replace("%1", str(self.case_id))
            .replace("%2", labels.case_state(view.state.value))
            .replace("%3", notice)
            .replace("%4", str(pending))
        )
        self.header.setToolTip(
            self.tr("Counted: %1").replace("%1", view.notice_counted) if view.notice_counted else ""
        )
        self.table.setRowCount(len(self.rows))
        for row, o in enumerate(self.rows):
            values = (
                o.received_on.isoformat(),
                o.objector,
                o.content,
                o.recorded_by,
                o.status_label,
                " ".join(
                    x
                    for x in (o.opinion, f"（{o.resolved_by} {o.resolved_on}）" if o.resolved_by else "")
                    if x
                ),
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if o.pending and col == 4:
                    item.setForeground(QBrush(PENDING))
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        self.record_group.setEnabled(self.state is CaseState.PUBLIC_NOTICE)
        first_pending = next((row for row, o in enumerate(self.rows) if o.pending), None)
        if first_pending is not None:
            self.table.selectRow(first_pending)
        self.on_selection_changed()

    def selected(self) -> wf_svc.ObjectionView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def on_selection_changed(self) -> None:
        chosen = self.selected()
        self.decide_group.setEnabled(chosen is not None and chosen.pending)

    def on_record(self) -> None:
        if not self._signed_in():
            return
        assert self.user is not None
        try:
            with self.db.uow() as uow:
                wf_svc.record_objection(
                    uow,
                    self.user.name,
                    self.case_id,
                    self.objector_edit.text(),
                    to_date(self.received_edit.date()),
                    self.content_edit.toPlainText(),
                )
        except ServiceError as exc:  # the service's reasons, in Chinese; the form keeps what was typed
            self._say(str(exc), error=True)
            return
        done = self.tr("Objection from %1 recorded; it waits for a reviewer's decision.").replace(
            "%1", " ".join(self.objector_edit.text().split())
        )
        self.objector_edit.clear()
        self.content_edit.clear()
        self.reload()
        self._say(done, error=False)
        self.changed.emit()

    def on_decide(self, upheld: bool) -> None:
        chosen = self.selected()
        if chosen is None or not self._signed_in():
            return
        assert self.user is not None
        try:
            with self.db.uow() as uow:
                wf_svc.resolve_objection(
                    uow,
                    self.user.name,
                    chosen.id,
                    upheld,
                    self.opinion_edit.text(),
                    to_date(self.decided_edit.date()),
                )
        except ServiceError as exc:
            self._say(str(exc), error=True)
            return
        self.opinion_edit.clear()
        self.reload()
        self._say(
            self.tr("Objection upheld: the case is back under review.")
            if upheld
            else self.tr("Objection not upheld: the public notice goes on."),
            error=False,
        )
        self.changed.emit()

    def _signed_in(self) -> bool:
        if self.user is None:
            self._say(self.tr("Sign in to act on cases."), error=True)
        return self.user is not None

    def _say(self, text: str, error: bool) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message_label.setText(text)

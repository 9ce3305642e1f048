"""资金: one case's money lines, approved against paid, the payment records, recording and correcting.

Two lines, as the workflow service models them: the city reward (city → enterprise) and the provincial match
(province → the bureau: 到账; bureau → enterprise: 拨付). Recording the first city payment while the funding
notice is issued is the step 市级拨付 (the case becomes 已拨付); every other record goes to `record_payment`.
Records are never edited or deleted: a wrong one is reversed by a correction (a negative record), after the
officer confirms it in `CorrectionDialog`. Refusals show the service's message and keep what was typed.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain.workflow import CaseState, Role
from core.services import workflow as wf_svc
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.widgets.facts_form import date_edit, to_date
from ui.widgets.form import ERROR_STYLE, HINT_STYLE, OK_STYLE

NEGATIVE = QColor("#b42318")
LINE_TEXT = {
    wf_svc.CITY_PAID: QT_TRANSLATE_NOOP("PaymentsDialog", "City reward paid to the enterprise"),
    wf_svc.PROVINCE_RECEIVED: QT_TRANSLATE_NOOP(
        "PaymentsDialog", "Provincial match received from the province"
    ),
    wf_svc.PROVINCE_PAID: QT_TRANSLATE_NOOP("PaymentsDialog", "Provincial match paid to the enterprise"),
}


def yuan(amount: Decimal | None) -> str:
    return "—" if amount is None else f"{amount:,.2f}"


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class CorrectionDialog(QDialog):
    """Confirms a correction: what will be reversed, that it cannot be undone, and why (required)."""

    def __init__(self, payment: wf_svc.PaymentView, line_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.payment = payment
        self.setWindowTitle(self.tr("Correct payment record %1").replace("%1", str(payment.id)))
        self.setMinimumWidth(460)
        self.summary = summary = QLabel(
            self.tr(
                "Record %1: %2, %3 yuan on %4, voucher %5.\n\n"
                "A reversing record of %6 yuan will be added; the original stays. This cannot be undone."
            )
            .replace("%1", str(payment.id))
            .replace("%2", line_text)
            .replace("%3", f"{payment.amount:,.2f}")
            .replace("%4", payment.paid_on.isoformat())
            .replace("%5", payment.voucher)
            .replace("%6", f"{-payment.amount:,.2f}")
        )
        summary.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("e.g. amount typed wrongly"))
        self.date_edit = date_edit()
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason_edit)
        form.addRow(self.tr("Correction date:"), self.date_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText(self.tr("Reverse the record"))
        ok.setEnabled(False)
        self.reason_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.buttons)


class PaymentsDialog(QDialog):
    changed = Signal()  # money was recorded or corrected (the case may have become 已拨付)

    def __init__(
        self, db: Database, user: UserView | None, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.case_id = case_id
        self.rows: list[wf_svc.PaymentView] = []
        self.state = CaseState.DRAFT
        self.version: int | None = None
        self.correction: CorrectionDialog | None = None
        self.setWindowTitle(self.tr("Funds — case %1").replace("%1", str(case_id)))
        self.resize(860, 600)

        self.header = QLabel()
        self.header.setStyleSheet("font-weight: bold;")
        self.lines_table = _table(
            [
                self.tr("Money line"),
                self.tr("Approved (yuan)"),
                self.tr("Received from the province"),
                self.tr("Paid to the enterprise"),
                self.tr("Still to pay"),
            ]
        )
        self._size_lines_table()
        self._build_records_table()

        self.line_combo = QComboBox()
        for key, text in LINE_TEXT.items():
            self.line_combo.addItem(self.tr(text), key)
        self.date_edit = date_edit()
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(self.tr("e.g. 1000000.00"))
        self.voucher_edit = QLineEdit()
        self.voucher_edit.setPlaceholderText(self.tr("Treasury or bank voucher number"))
        self.record_button = QPushButton(self.tr("Record"))
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet(HINT_STYLE)
        self.record_group = QGroupBox(self.tr("Record money"))
        form = QFormLayout(self.record_group)
        form.addRow(self.tr("Money line:"), self.line_combo)
        form.addRow(self.tr("Date:"), self.date_edit)
        form.addRow(self.tr("Amount (yuan):"), self.amount_edit)
        form.addRow(self.tr("Voucher number:"), self.voucher_edit)
        record_row = QHBoxLayout()
        record_row.addWidget(self.hint_label, 1)
        record_row.addWidget(self.record_button)
        form.addRow(record_row)
        self.correct_button = QPushButton(self.tr("Correct the selected record…"))
        self.correct_button.setToolTip(self.tr("Adds a reversing record; nothing is deleted"))

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        records_row = QHBoxLayout()
        records_row.addWidget(QLabel(self.tr("Payment records")))
        records_row.addStretch(1)
        records_row.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.lines_table)
        layout.addLayout(records_row)
        layout.addWidget(self.records_table, 1)
        layout.addWidget(self.record_group)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self.reload()

    def _size_lines_table(self) -> None:
        self.lines_table.setRowCount(2)
        self.lines_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.lines_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines_table.setFixedHeight(
            self.lines_table.horizontalHeader().sizeHint().height()
            + 2 * self.lines_table.verticalHeader().defaultSectionSize()
            + 2 * self.lines_table.frameWidth()
        )

    def _build_records_table(self) -> None:
        self.records_table = _table(
            [
                self.tr("No."),
                self.tr("Date"),
                self.tr("Money line"),
                self.tr("Amount (yuan)"),
                self.tr("Voucher"),
                self.tr("By"),
                self.tr("Note"),
            ]
        )

    def _connect_signals(self) -> None:
        self.record_button.clicked.connect(self.on_record)
        self.correct_button.clicked.connect(self.on_correct)
        self.line_combo.currentIndexChanged.connect(lambda _i: self._update_hint())
        self.records_table.itemSelectionChanged.connect(self._update_correct_button)
        self.buttons.rejected.connect(self.reject)

    # --- showing -----------------------------------------------------------------------------------------

    def reload(self) -> None:
        with self.db.uow() as uow:
            view = wf_svc.process(uow, self.case_id)
            self.rows = wf_svc.payments(uow, self.case_id)
        self.state, self.version = view.state, view.version
        money = view.money
        self.header.setText(
            self.tr("Case %1 · %2")
            .replace("%1", str(self.case_id))
            .replace("%2", labels.case_state(view.state.value))
        )
        city_left = None if money.city_approved is None else money.city_approved - money.city_paid
        province_left = (
            None if money.province_approved is None else money.province_approved - money.province_paid
        )
        lines = (
            (self.tr("City reward"), money.city_approved, None, money.city_paid, city_left),
            (
                self.tr("Provincial match"),
                money.province_approved,
                money.province_received,
                money.province_paid,
                province_left,
            ),
        )
        for row, (name, *amounts) in enumerate(lines):
            self.lines_table.setItem(row, 0, _item(str(name)))
            for col, amount in enumerate(amounts, start=1):
                self.lines_table.setItem(row, col, _item(yuan(amount), right=True))
        reversed_by = {p.reverses_id: p.id for p in self.rows if p.reverses_id is not None}
        self.records_table.setRowCount(len(self.rows))
        for row, p in enumerate(self.rows):
            if p.reverses_id is not None:
                note = (
                    self.tr("Reverses record %1: %2")
                    .replace("%1", str(p.reverses_id))
                    .replace("%2", p.reason)
                )
            elif p.id in reversed_by:
                note = self.tr("Reversed by record %1").replace("%1", str(reversed_by[p.id]))
            else:
                note = ""
            values = (
                str(p.id),
                p.paid_on.isoformat(),
                self.tr(LINE_TEXT[p.line]),
                yuan(p.amount),
                p.voucher,
                p.actor,
                note,
            )
            for col, text in enumerate(values):
                item = _item(text, right=col == 3)
                if p.amount < 0:
                    item.setForeground(QBrush(NEGATIVE))
                self.records_table.setItem(row, col, item)
        clerk = self.user is not None and Role.CLERK in self.user.roles
        self.record_group.setEnabled(clerk)
        self.record_group.setToolTip("" if clerk else self.tr("Only a clerk records money"))
        self._update_hint()
        self._update_correct_button()

    def _update_hint(self) -> None:
        first_city = (
            self.line_combo.currentData() == wf_svc.CITY_PAID and self.state is CaseState.NOTICE_ISSUED
        )
        self.hint_label.setText(
            self.tr("The first city payment moves the case to “已拨付”.") if first_city else ""
        )

    def selected(self) -> wf_svc.PaymentView | None:
        rows = self.records_table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_correct_button(self) -> None:
        chosen = self.selected()
        reversed_ids = {p.reverses_id for p in self.rows}
        self.correct_button.setEnabled(
            chosen is not None and chosen.reverses_id is None and chosen.id not in reversed_ids
        )

    # --- acting ------------------------------------------------------------------------------------------

    def on_record(self) -> None:
        if self.user is None:
            self._say(self.tr("Sign in to act on cases."), error=True)
            return
        line = str(self.line_combo.currentData())
        when = to_date(self.date_edit.date())
        amount, voucher = self.amount_edit.text(), self.voucher_edit.text()
        try:
            with self.db.uow() as uow:
                if line == wf_svc.CITY_PAID and self.state is CaseState.NOTICE_ISSUED:
                    wf_svc.transition(
                        uow,
                        self.user.name,
                        self.case_id,
                        CaseState.PAID,
                        {"date": when, "amount": amount, "voucher": voucher},
                        expected_version=self.version,
                    )
                else:
                    wf_svc.record_payment(uow, self.user.name, self.case_id, line, when, amount, voucher)
        except ServiceError as exc:  # e.g. over the approved amount: the service's message, the form kept
            self._say(str(exc), error=True)
            return
        self.amount_edit.clear()
        self.voucher_edit.clear()
        self.reload()
        self._say(
            self.tr("Recorded: %1, %2 yuan.")
            .replace("%1", self.tr(LINE_TEXT[line]))
            .replace("%2", amount.strip()),
            error=False,
        )
        self.changed.emit()

    def on_correct(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if self.user is None:
            self._say(self.tr("Sign in to act on cases."), error=True)
            return
        dialog = CorrectionDialog(chosen, self.tr(LINE_TEXT[chosen.line]), self)
        self.correction = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            with self.db.uow() as uow:
                done = wf_svc.correct_payment(
                    uow,
                    self.user.name,
                    chosen.id,
                    dialog.reason_edit.text(),
                    to_date(dialog.date_edit.date()),
                )
        except ServiceError as exc:
            self._say(str(exc), error=True)
            return
        self.reload()
        self._say(
            self.tr("Record %1 reversed (%2 yuan).")
            .replace("%1", str(chosen.id))
            .replace("%2", f"{done.amount:,.2f}"),
            error=False,
        )
        self.changed.emit()

    def _say(self, text: str, error: bool) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message_label.setText(text)

"""批量办理: one step for many selected cases, with the facts given once, all or nothing.

The steps offered are those the signed-in officer's roles allow from the selected cases' states, except the
ones whose facts belong to one case (市级拨付: its amount and voucher; an objection upheld: its objector).
The service checks every case first; when one is refused nothing changes, and the table shows each case's
line (which one was refused and why). Steps that cannot be undone are confirmed first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain.workflow import TRANSITIONS, CaseState, Fact, Transition, next_steps
from core.services import workflow as wf_svc
from core.services.cases import CaseView
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database
from ui import labels
from ui.widgets.facts_form import FactsForm, confirm_irreversible
from ui.widgets.form import ERROR_STYLE, HINT_STYLE, OK_STYLE

REFUSED = QColor("#b42318")
DONE = QColor("#067647")
PER_CASE_FACTS = frozenset({Fact.AMOUNT, Fact.VOUCHER, Fact.OBJECTOR})


def batch_steps(cases: list[CaseView], user: UserView | None) -> list[Transition]:
    """The steps one may offer for these cases, in process order (a step appears once, whatever state)."""
    roles = user.roles if user else frozenset()
    out: list[Transition] = []
    for case in cases:
        try:
            state = CaseState(case.status)
        except ValueError:
            continue
        for step in next_steps(state, roles):
            if step not in out and not PER_CASE_FACTS & set(step.facts):
                out.append(step)
    order = list(TRANSITIONS)
    return sorted(out, key=order.index)


class BatchTransitionDialog(QDialog):
    applied = Signal(list)  # the ids of the cases changed

    def __init__(
        self, db: Database, user: UserView | None, cases: list[CaseView], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.cases = cases
        self.report: wf_svc.BatchReport | None = None
        self.setWindowTitle(self.tr("Batch process"))
        self.resize(820, 520)

        self.intro = QLabel(
            self.tr(
                "%1 cases selected. The step is taken for all of them or, if one is refused, for none."
            ).replace("%1", str(len(cases)))
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(cases), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Enterprise"), self.tr("Status"), self.tr("Result")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, case in enumerate(cases):
            for col, text in enumerate(
                (str(case.id), case.enterprise_name, labels.case_state(case.status), "")
            ):
                self.table.setItem(row, col, QTableWidgetItem(text))

        self.steps = batch_steps(cases, user)
        self.step_combo = QComboBox()
        for step in self.steps:
            self.step_combo.addItem(f"{step.label}（→ {step.target.label}）", step.name)
        self.facts_holder = QGroupBox(self.tr("Facts, given once for all the selected cases"))
        self.facts_layout = QVBoxLayout(self.facts_holder)
        self.facts: FactsForm | None = None
        form = QFormLayout()
        form.addRow(self.tr("Step:"), self.step_combo)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.run_button = QPushButton(self.tr("Take the step for all"))
        self.run_button.setDefault(True)
        self.buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.facts_holder)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self.on_step_changed()

    def _connect_signals(self) -> None:
        self.step_combo.currentIndexChanged.connect(lambda _i: self.on_step_changed())
        self.run_button.clicked.connect(self.run)
        self.buttons.rejected.connect(self.reject)

    def step(self) -> Transition | None:
        name = self.step_combo.currentData()
        return next((s for s in self.steps if s.name == name), None)

    def on_step_changed(self) -> None:
        if self.facts is not None:
            self.facts_layout.removeWidget(self.facts)
            self.facts.deleteLater()
            self.facts = None
        step = self.step()
        if step is not None:
            self.facts = FactsForm(step)
            self.facts_layout.addWidget(self.facts)
        self.facts_holder.setVisible(
            step is not None and bool(step.facts or step.optional or step.name == "approve")
        )
        self.run_button.setEnabled(step is not None and self.user is not None and bool(self.cases))
        if self.user is None:
            self._say(self.tr("Sign in to act on cases."), ERROR_STYLE)
        elif not self.cases:
            self._say(self.tr("Select the cases in the list first (Ctrl or Shift + click)."), ERROR_STYLE)
        elif step is None:
            self._say(self.tr("Your roles allow no common step for these cases."), ERROR_STYLE)
        else:
            self._say("", HINT_STYLE)

    def run(self) -> wf_svc.BatchReport | None:
        step = self.step()
        if step is None or self.user is None or self.facts is None:
            return None
        if not confirm_irreversible(self, step, len(self.cases)):
            return None
        try:
            with self.db.uow() as uow:
                report = wf_svc.transition_batch(
                    uow, self.user.name, [c.id for c in self.cases], step.target, self.facts.values()
                )
        except ServiceError as exc:  # facts that no case could take (a bad date, …): the service says why
            self._say(str(exc), ERROR_STYLE)
            return None
        self.report = report
        self._show_report(report)
        if report.applied:
            self.run_button.setEnabled(False)
            self.applied.emit([line.case_id for line in report.lines])
        return report

    def _show_report(self, report: wf_svc.BatchReport) -> None:
        by_id = {line.case_id: line for line in report.lines}
        for row, case in enumerate(self.cases):
            line = by_id.get(case.id)
            if line is None:
                continue
            item = QTableWidgetItem(("✓ " if line.ok else "✗ ") + line.message)
            item.setToolTip(line.message)
            item.setForeground(QBrush(DONE if report.applied else REFUSED if not line.ok else QColor("#555")))
            self.table.setItem(row, 3, item)
            if report.applied:
                self.table.setItem(row, 2, QTableWidgetItem(labels.case_state(report.to_state.value)))
        self.table.resizeRowsToContents()
        if report.applied:
            self._say(self.tr("Done for all %1 cases.").replace("%1", str(len(report.lines))), OK_STYLE)
        else:
            self._say(
                self.tr(
                    "%1 of %2 cases cannot take this step, so none of the %2 was changed. See each case's line."
                )
                .replace("%1", str(len(report.refused)))
                .replace("%2", str(len(report.lines))),
                ERROR_STYLE,
            )

    def _say(self, text: str, style: str) -> None:
        self.summary.setStyleSheet(style)
        self.summary.setText(text)

"""The case process beside the case editor: where the case stands, the steps the signed-in officer's roles
allow, the facts a step needs, refusals with the service's reasons, and the case's history (历史).

Also the 历史 tab of the enterprise detail. Both attach to pages built elsewhere (`attach_to_cases_page`,
`attach_history_to_enterprises_page`), so those pages stay unaware of users and the audit trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.domain.workflow import CaseState, Transition
from core.services import audit
from core.services import users as users_svc
from core.services import workflow as wf_svc
from core.services.cases import CaseView
from core.services.enterprises import EnterpriseView
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database
from ui import labels
from ui.i18n import QT_TRANSLATE_NOOP
from ui.widgets.facts_form import FactsForm, confirm_irreversible

if TYPE_CHECKING:
    from ui.dialogs.objections import ObjectionsDialog
    from ui.dialogs.payments_dialog import PaymentsDialog
    from ui.pages.cases_page import CasesPage
    from ui.pages.enterprises_page import EnterprisesPage

# The step that moves a case forward (one per state at most) gets Ctrl+Return; the others none on purpose.
FORWARD = frozenset(
    {"submit", "start_review", "start_notice", "approve", "issue_notice", "pay", "evaluate", "close"}
)
FORWARD_KEY = "Ctrl+Return"
OBJECTIONS_KEY = "Ctrl+Shift+O"
FUNDS_KEY = "Ctrl+Shift+M"
BATCH_KEY = "Ctrl+B"
# The 资金 section: approved against paid on the city line and the provincial line (received, then paid on).
FUNDS = {
    "city_approved": QT_TRANSLATE_NOOP("CaseProcessPanel", "City reward approved:"),
    "city_paid": QT_TRANSLATE_NOOP("CaseProcessPanel", "City reward paid:"),
    "province_approved": QT_TRANSLATE_NOOP("CaseProcessPanel", "Provincial match approved:"),
    "province_received": QT_TRANSLATE_NOOP("CaseProcessPanel", "Received from the province:"),
    "province_paid": QT_TRANSLATE_NOOP("CaseProcessPanel", "Provincial match paid:"),
}
# Handled in the objections dialog (an objection is recorded, then decided), not as a bare step button.
IN_DIALOGS = frozenset({"objection_upheld"})


class FactsDialog(QDialog):
    """Asks for the facts one step requires (dates, period, reason, 文号, amount, voucher, objector)."""

    def __init__(self, step: Transition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.setWindowTitle(step.label)
        self.setMinimumWidth(420)
        self.form = FactsForm(step)
        self.edits = self.form.edits
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, object]:
        return self.form.values()


class HistoryList(QListWidget):
    """A record's history, one plain-Chinese line each, newest first."""

    def show_lines(self, lines: list[str]) -> None:
        self.clear()
        for line in reversed(lines):
            self.addItem(line)


class CaseProcessPanel(QWidget):
    acted = Signal(int)  # a step was taken on this case

    def __init__(self, db: Database, user: UserView | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.case_id: int | None = None
        self.view: wf_svc.ProcessView | None = None
        self.state_label = QLabel()
        self.state_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.people_label = QLabel()
        self.people_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        # the outcome of the last step taken here (case id, text, error): shown again when the same case is
        # reloaded (the page refreshes after a step), never on another case
        self._said: tuple[int, str, bool] | None = None
        self.buttons_row = QHBoxLayout()
        self.step_buttons: dict[CaseState, QPushButton] = {}
        self.objections: list[wf_svc.ObjectionView] = []
        self.dialog: QDialog | None = None
        self.objections_button = QPushButton(self.tr("Objections…"))
        self.objections_button.setShortcut(QKeySequence(OBJECTIONS_KEY))
        self.objections_button.setToolTip(
            self.tr("Record and decide objections received during the public notice (%1)").replace(
                "%1", OBJECTIONS_KEY
            )
        )
        self.funds_button = QPushButton(self.tr("Payments…"))
        self.funds_button.setShortcut(QKeySequence(FUNDS_KEY))
        self.funds_button.setToolTip(self.tr("Record payments and corrections (%1)").replace("%1", FUNDS_KEY))
        self.funds_box = QGroupBox(self.tr("Funds"))
        self.funds_labels = {key: QLabel() for key in FUNDS}
        funds_form = QFormLayout(self.funds_box)
        for key, text in FUNDS.items():
            funds_form.addRow(self.tr(text), self.funds_labels[key])
        funds_form.addRow("", self.funds_button)
        tools_row = QHBoxLayout()
        tools_row.addWidget(self.objections_button)
        tools_row.addStretch(1)
        self.history = HistoryList()
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(self.people_label)
        layout.addLayout(self.buttons_row)
        layout.addLayout(tools_row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.funds_box)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history, 1)
        self.objections_button.clicked.connect(self.open_objections)
        self.funds_button.clicked.connect(self.open_payments)
        self.show_case(None)

    def set_user(self, user: UserView | None) -> None:
        self.user = user
        self._said = None  # another officer: the last one's outcome is not theirs
        self.show_case(self.case_id)

    def _reset(self) -> None:
        """Forget everything the previous case put on the panel: its step buttons, its message (e.g. "nothing
        for your roles to do"), people, objections and funds. Called on every case change."""
        for button in self.step_buttons.values():
            self.buttons_row.removeWidget(button)
            button.deleteLater()
        self.step_buttons = {}
        self.view = None
        self.objections = []
        self.state_label.setText("")
        self.people_label.setText("")
        self.message_label.setText("")
        self.message_label.setStyleSheet("")
        self.history.show_lines([])
        self.objections_button.hide()
        self.funds_box.hide()
        for label in self.funds_labels.values():
            label.setText("")

    def show_case(self, case_id: int | None) -> None:
        """Show `case_id` from scratch (None: no case). A message about the previous case never stays."""
        self.case_id = case_id
        self._reset()
        if self._said is not None and self._said[0] != case_id:
            self._said = None
        if case_id is None:
            self.state_label.setText(self.tr("No case selected"))
            return
        roles = self.user.roles if self.user else frozenset()
        with self.db.uow() as uow:
            self.view = wf_svc.process(uow, case_id, roles)
            lines = wf_svc.history(uow, case_id)
            self.objections = wf_svc.objections(uow, case_id)
            shown = users_svc.shown_names(uow, [self.view.drafter or "", *self.view.reviewers])
        view = self.view
        self.state_label.setText(
            self.tr("Case %1: %2")
            .replace("%1", str(case_id))
            .replace("%2", labels.case_state(view.state.value))
        )
        drafter = shown.get(view.drafter or "", "—")
        people = [self.tr("Drafted by: %1").replace("%1", drafter)]
        if view.reviewers:
            reviewers = "、".join(shown.get(r, r) for r in view.reviewers)
            people.append(self.tr("Reviewed by: %1").replace("%1", reviewers))
        if view.notice_end:
            people.append(
                self.tr("Public notice: %1 to %2")
                .replace("%1", str(view.notice_start))
                .replace("%2", str(view.notice_end))
            )
            if view.notice_counted:
                people.append(self.tr("Counted: %1").replace("%1", view.notice_counted))
        self.people_label.setText("\n".join(people))
        for step in view.next_steps:
            if step.name in IN_DIALOGS:
                continue
            button = QPushButton(step.label)
            button.setObjectName(f"step_{step.target.value}")
            if step.name in FORWARD:
                button.setShortcut(QKeySequence(FORWARD_KEY))
                button.setToolTip(FORWARD_KEY)
            button.clicked.connect(lambda _checked=False, s=step: self.on_step_clicked(s))
            self.buttons_row.addWidget(button)
            self.step_buttons[step.target] = button
        if self._said is not None:
            self._show_message(self._said[1], self._said[2])
        elif not view.next_steps and self.user is not None:
            self.message_label.setText(self.tr("Nothing for your roles to do on this case now."))
        self._show_objections(view)
        self._show_funds(view.money)
        self.history.show_lines(lines)

    def _show_objections(self, view: wf_svc.ProcessView) -> None:
        pending = sum(1 for o in self.objections if o.pending)
        self.objections_button.setVisible(view.state is CaseState.PUBLIC_NOTICE or bool(self.objections))
        self.objections_button.setText(
            self.tr("Objections (%1 pending)…").replace("%1", str(pending))
            if pending
            else self.tr("Objections (%1)…").replace("%1", str(len(self.objections)))
        )
        self.objections_button.setShortcut(QKeySequence(OBJECTIONS_KEY))  # setText cleared it

    def _show_funds(self, money: wf_svc.MoneyLines) -> None:
        """Approved against paid on the city line and the provincial line (received, then paid on)."""
        paid_any = any((money.city_paid, money.province_received, money.province_paid))
        self.funds_box.setVisible(money.city_approved is not None or paid_any)
        for key, label in self.funds_labels.items():
            label.setText(_yuan(getattr(money, key)))

    def on_step_clicked(self, step: Transition) -> None:
        facts: dict[str, object] = {}
        if step.facts or step.optional:  # optional: the date of 提交申报 / 开始审查 (today unless back-dated)
            dialog = FactsDialog(step, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            facts = dialog.values()
        if not confirm_irreversible(self, step):
            return
        self.take(step.target, facts)

    def open_objections(self) -> QDialog | None:
        """The case's objections: record one (who, when, what) and decide it (upheld or not)."""
        from ui.dialogs.objections import ObjectionsDialog

        if self.case_id is None:
            return None
        return self._open(ObjectionsDialog(self.db, self.user, self.case_id, self))

    def open_payments(self) -> QDialog | None:
        """The case's money: approved against paid per line, the records, recording and correcting."""
        from ui.dialogs.payments_dialog import PaymentsDialog

        if self.case_id is None:
            return None
        return self._open(PaymentsDialog(self.db, self.user, self.case_id, self))

    def _open(self, dialog: ObjectionsDialog | PaymentsDialog) -> QDialog:
        dialog.changed.connect(self.on_dialog_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def on_dialog_changed(self) -> None:
        if self.case_id is not None:
            case_id = self.case_id
            self.show_case(case_id)
            self.acted.emit(case_id)

    def take(self, to: CaseState, facts: dict[str, Any] | None = None) -> bool:
        """Take the step as the signed-in officer; show the result or every reason it was refused."""
        if self.case_id is None:
            return False
        if self.user is None:
            self._say(self.tr("Sign in to act on cases."), error=True)
            return False
        try:
            with self.db.uow() as uow:
                version = self.view.version if self.view else None
                step = wf_svc.transition(
                    uow, self.user.name, self.case_id, to, facts or {}, expected_version=version
                )
        except ServiceError as exc:
            self._say(str(exc), error=True)
            return False
        case_id = self.case_id
        self.show_case(case_id)
        done = f"{step.label}：{labels.case_state(step.from_state.value)} → {labels.case_state(step.to_state.value)}"
        if step.notice_end:
            done += self.tr(" (notice ends %1)").replace("%1", step.notice_end.isoformat())
            if step.facts.get("notice_counted"):
                done += "\n" + self.tr("Counted: %1").replace("%1", str(step.facts["notice_counted"]))
        self._say(done, error=False)
        self.acted.emit(case_id)
        return True

    def _say(self, text: str, error: bool) -> None:
        self._said = (self.case_id, text, error) if self.case_id is not None else None
        self._show_message(text, error)

    def _show_message(self, text: str, error: bool) -> None:
        self.message_label.setStyleSheet("color: #b42318;" if error else "color: #067647;")
        self.message_label.setText(text)


def _yuan(amount: object) -> str:
    return "—" if amount is None else f"{amount:,.2f} 元"


def attach_to_cases_page(page: CasesPage, db: Database, user: UserView | None) -> CaseProcessPanel:
    """Put the process panel beside the case editor and follow the page's current case."""
    panel = CaseProcessPanel(db, user)
    splitter = page.editor.parentWidget()
    if isinstance(splitter, QSplitter):
        splitter.addWidget(panel)
    page.editor.case_shown.connect(
        lambda case: panel.show_case(case.id if isinstance(case, CaseView) else None)
    )
    panel.acted.connect(lambda _case_id: page.refresh())
    page.process_panel = panel
    batch = QPushButton(QCoreApplication.translate("CaseProcessPanel", "Batch process…"))
    batch.setObjectName("batch_transition")
    batch.setShortcut(QKeySequence(BATCH_KEY))
    batch.setToolTip(
        QCoreApplication.translate(
            "CaseProcessPanel", "Take one step for all the cases selected in the list, all or nothing (%1)"
        ).replace("%1", BATCH_KEY)
    )
    batch.clicked.connect(lambda _checked=False: open_batch_transition(page, db, panel))
    page.tools_row.addWidget(batch)
    page.batch_transition_button = batch
    return panel


def open_batch_transition(page: CasesPage, db: Database, panel: CaseProcessPanel) -> QDialog:
    """批量办理 for the cases selected in the page's list; the page reloads when the batch was applied."""
    from ui.dialogs.batch_transition import BatchTransitionDialog

    dialog = BatchTransitionDialog(db, panel.user, page.selected_cases(), page)
    dialog.applied.connect(lambda _ids: page.refresh())
    dialog.finished.connect(dialog.deleteLater)
    page.transition_dialog = dialog
    dialog.open()
    return dialog


def attach_history_to_enterprises_page(page: EnterprisesPage, db: Database) -> HistoryList:
    """Give the enterprise detail tabs: its national titles, and its history (with its titles')."""
    detail = page.detail
    history = HistoryList()
    tabs = QTabWidget()
    layout = detail.content.layout()
    assert isinstance(layout, QVBoxLayout)  # EnterpriseDetail lays its content out in a column
    layout.removeWidget(detail.titles_table)
    detail.titles_header.hide()
    tabs.addTab(detail.titles_table, detail.titles_header.text())
    tabs.addTab(history, QCoreApplication.translate("CaseProcessPanel", "History"))
    layout.addWidget(tabs, 1)

    def on_enterprise_shown(view: object) -> None:
        if not isinstance(view, EnterpriseView):
            history.show_lines([])
            return
        with db.uow() as uow:
            history.show_lines(audit.history(uow, "enterprise", view.id))

    detail.enterprise_shown.connect(on_enterprise_shown)
    page.history_list = history
    page.detail_tabs = tabs
    return history

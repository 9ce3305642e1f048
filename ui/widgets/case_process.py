"""The case process beside the case editor: where the case stands, the steps the signed-in officer's roles
allow, the facts a step needs, refusals with the service's reasons, and the case's history (历史).

Also the 历史 tab of the enterprise detail. Both attach to pages built elsewhere (`attach_to_cases_page`,
`attach_history_to_enterprises_page`), so those pages stay unaware of users and the audit trail.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.domain.workflow import CaseState, Fact, Transition
from core.services import audit
from core.services import workflow as wf_svc
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database


class FactsDialog(QDialog):
    """Asks for the facts one step requires (dates, period, reason, 文号, amount, voucher, objector)."""

    def __init__(self, step: Transition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.setWindowTitle(step.label)
        self.edits: dict[Fact, QWidget] = {}
        form = QFormLayout()
        labels = {
            Fact.DATE: self.tr("Date:"),
            Fact.PERIOD: self.tr("Notice period (working days):"),
            Fact.REASON: self.tr("Reason or opinion:"),
            Fact.DOC_NO: self.tr("Document number:"),
            Fact.AMOUNT: self.tr("Amount (yuan):"),
            Fact.VOUCHER: self.tr("Voucher number:"),
            Fact.OBJECTOR: self.tr("Objector:"),
        }
        for fact in step.facts:
            edit: QWidget
            if fact is Fact.DATE:
                date_edit = QDateEdit(QDate.currentDate())
                date_edit.setCalendarPopup(True)
                date_edit.setDisplayFormat("yyyy-MM-dd")
                edit = date_edit
            elif fact is Fact.PERIOD:
                spin = QSpinBox()
                spin.setRange(1, 60)
                spin.setValue(5)
                edit = spin
            else:
                edit = QLineEdit()
            self.edits[fact] = edit
            form.addRow(labels[fact], edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for fact, edit in self.edits.items():
            if isinstance(edit, QDateEdit):
                d = edit.date()
                out[fact.value] = date(d.year(), d.month(), d.day())
            elif isinstance(edit, QSpinBox):
                out[fact.value] = str(edit.value())
            elif isinstance(edit, QLineEdit):
                out[fact.value] = edit.text()
        return out


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
        self.buttons_row = QHBoxLayout()
        self.step_buttons: dict[CaseState, QPushButton] = {}
        self.history = HistoryList()
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(self.people_label)
        layout.addLayout(self.buttons_row)
        layout.addWidget(self.message_label)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history, 1)
        self.show_case(None)

    def set_user(self, user: UserView | None) -> None:
        self.user = user
        self.show_case(self.case_id)

    def show_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        for button in self.step_buttons.values():
            self.buttons_row.removeWidget(button)
            button.deleteLater()
        self.step_buttons = {}
        if case_id is None:
            self.view = None
            self.state_label.setText(self.tr("No case selected"))
            self.people_label.setText("")
            self.history.show_lines([])
            return
        roles = self.user.roles if self.user else frozenset()
        with self.db.uow() as uow:
            self.view = wf_svc.process(uow, case_id, roles)
            lines = wf_svc.history(uow, case_id)
        view = self.view
        self.state_label.setText(
            self.tr("Case %1: %2").replace("%1", str(case_id)).replace("%2", view.state.label)
        )
        people = [self.tr("Drafted by: %1").replace("%1", view.drafter or "—")]
        if view.reviewers:
            people.append(self.tr("Reviewed by: %1").replace("%1", "、".join(view.reviewers)))
        if view.notice_end:
            people.append(
                self.tr("Public notice: %1 to %2")
                .replace("%1", str(view.notice_start))
                .replace("%2", str(view.notice_end))
            )
        self.people_label.setText("\n".join(people))
        for step in view.next_steps:
            button = QPushButton(step.label)
            button.setObjectName(f"step_{step.target.value}")
            button.clicked.connect(lambda _checked=False, s=step: self.on_step_clicked(s))
            self.buttons_row.addWidget(button)
            self.step_buttons[step.target] = button
        if not view.next_steps and self.user is not None:
            self.message_label.setText(self.tr("Nothing for your roles to do on this case now."))
        self.history.show_lines(lines)

    def on_step_clicked(self, step: Transition) -> None:
        facts: dict[str, object] = {}
        if step.facts:
            dialog = FactsDialog(step, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            facts = dialog.values()
        self.take(step.target, facts)

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
        done = f"{step.label}：{step.from_state.label} → {step.to_state.label}"
        if step.notice_end:
            done += self.tr(" (notice ends %1)").replace("%1", step.notice_end.isoformat())
        self._say(done, error=False)
        self.acted.emit(case_id)
        return True

    def _say(self, text: str, error: bool) -> None:
        self.message_label.setStyleSheet("color: #b42318;" if error else "color: #067647;")
        self.message_label.setText(text)


def attach_to_cases_page(page: Any, db: Database, user: UserView | None) -> CaseProcessPanel:
    """Put the process panel beside the case editor and follow the page's current case."""
    panel = CaseProcessPanel(db, user)
    splitter = page.editor.parentWidget()
    if isinstance(splitter, QSplitter):
        splitter.addWidget(panel)
    shown = page.editor.set_case

    def set_case(case: Any) -> None:
        shown(case)
        panel.show_case(case.id if case is not None else None)

    page.editor.set_case = set_case
    panel.acted.connect(lambda _case_id: page.refresh())
    page.process_panel = panel
    return panel


def attach_history_to_enterprises_page(page: Any, db: Database) -> HistoryList:
    """Give the enterprise detail tabs: its national titles, and its history (with its titles')."""
    detail = page.detail
    history = HistoryList()
    tabs = QTabWidget()
    layout = detail.content.layout()
    layout.removeWidget(detail.titles_table)
    detail.titles_header.hide()
    tabs.addTab(detail.titles_table, detail.titles_header.text())
    tabs.addTab(history, QCoreApplication.translate("CaseProcessPanel", "History"))
    layout.addWidget(tabs, 1)
    shown = detail.show_enterprise

    def show_enterprise(view: Any, titles: Any) -> None:
        shown(view, titles)
        if view is None:
            history.show_lines([])
            return
        with db.uow() as uow:
            history.show_lines(audit.history(uow, "enterprise", view.id))

    detail.show_enterprise = show_enterprise
    page.history_list = history
    page.detail_tabs = tabs
    return history

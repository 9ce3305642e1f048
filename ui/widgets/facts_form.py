"""The facts a process step needs (dates, 公示期, reason, 文号, amount, voucher, objector), as form fields.

Shared by the step dialog beside one case and the batch dialog (facts given once for many cases). The approve
step also offers the approver's optional reason to approve beyond the budget (the service refuses an
over-budget approval without it). `confirm_irreversible` asks before a step that cannot be taken back.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from core.domain import clock
from core.domain.workflow import Fact, Transition
from core.services.workflow import OVER_CAP, OVERRIDE
from ui.i18n import QT_TRANSLATE_NOOP

# Steps after which the case leaves the process for good: asked for confirmation first.
IRREVERSIBLE = frozenset({"void", "reject", "withdraw"})
DEFAULT_NOTICE_DAYS = 5  # 广州 5 working days; 深圳 and the province 7 (the officer changes it)

_LABELS = {
    Fact.DATE: QT_TRANSLATE_NOOP("FactsForm", "Date:"),
    Fact.PERIOD: QT_TRANSLATE_NOOP("FactsForm", "Notice period (working days):"),
    Fact.REASON: QT_TRANSLATE_NOOP("FactsForm", "Reason or opinion:"),
    Fact.DOC_NO: QT_TRANSLATE_NOOP("FactsForm", "Document number:"),
    Fact.AMOUNT: QT_TRANSLATE_NOOP("FactsForm", "Amount (yuan):"),
    Fact.VOUCHER: QT_TRANSLATE_NOOP("FactsForm", "Voucher number:"),
    Fact.OBJECTOR: QT_TRANSLATE_NOOP("FactsForm", "Objector:"),
}


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(initial: date | None = None) -> QDateEdit:
    """A date field with a calendar, shown as 2025-10-09 (today unless given). A step is never dated after
    today (back-dating paper work is allowed), so the calendar offers no later day."""
    today = clock.today()
    edit = QDateEdit(_qdate(min(initial, today) if initial else today))
    edit.setMaximumDate(_qdate(today))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class FactsForm(QWidget):
    """One field per fact the step requires; `values()` gives them as the workflow service takes them."""

    def __init__(self, step: Transition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.edits: dict[Fact, QWidget] = {}
        self.override_edit: QLineEdit | None = None
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for fact in (*step.facts, *step.optional):
            edit: QWidget
            if fact is Fact.DATE:
                edit = date_edit()
            elif fact is Fact.PERIOD:
                spin = QSpinBox()
                spin.setRange(1, 60)
                spin.setValue(DEFAULT_NOTICE_DAYS)
                spin.setToolTip(self.tr("Guangzhou 5 working days; Shenzhen and the province 7"))
                edit = spin
            else:
                line = QLineEdit()
                if fact is Fact.DOC_NO:
                    line.setPlaceholderText(self.tr("e.g. 佛工信函〔2025〕12号"))
                edit = line
            self.edits[fact] = edit
            form.addRow(self.tr(_LABELS[fact]), edit)
        self.over_cap_edit: QLineEdit | None = None
        if step.name == "approve":
            self.override_edit = QLineEdit()
            self.override_edit.setPlaceholderText(self.tr("Only when the budget line is short"))
            form.addRow(self.tr("Reason to approve beyond the budget:"), self.override_edit)
            self.over_cap_edit = QLineEdit()
            self.over_cap_edit.setPlaceholderText(
                self.tr("Only when the total exceeds the policy's total reward limit")
            )
            form.addRow(self.tr("Reason to approve beyond the total limit:"), self.over_cap_edit)
        if Fact.DATE in self.edits:
            hint = QLabel(
                self.tr(
                    "The date may not be later than today nor earlier than the step before; work done on "
                    "paper is recorded with its real, earlier date."
                )
            )
            hint.setWordWrap(True)
            form.addRow("", hint)
        if step.name in IRREVERSIBLE:
            self.setToolTip(self.tr("This step cannot be undone."))

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for fact, edit in self.edits.items():
            if isinstance(edit, QDateEdit):
                out[fact.value] = to_date(edit.date())
            elif isinstance(edit, QSpinBox):
                out[fact.value] = str(edit.value())
            elif isinstance(edit, QLineEdit):
                out[fact.value] = edit.text()
        if self.override_edit is not None and self.override_edit.text().strip():
            out[OVERRIDE] = self.override_edit.text()
        if self.over_cap_edit is not None and self.over_cap_edit.text().strip():
            out[OVER_CAP] = self.over_cap_edit.text()
        return out


def confirm_irreversible(parent: QWidget, step: Transition, cases: int = 1) -> bool:
    """Ask before 作废 / 不予奖励 / 撤回 (nothing is deleted, but the case cannot go on afterwards). Other steps
    need no question: True."""
    if step.name not in IRREVERSIBLE:
        return True
    target = (
        QCoreApplication.translate("FactsForm", "this case")
        if cases == 1
        else QCoreApplication.translate("FactsForm", "these %1 cases").replace("%1", str(cases))
    )
    text = (
        QCoreApplication.translate(
            "FactsForm",
            "“%1” cannot be undone: afterwards %2 can no longer be processed (the records are kept).\n\n"
            "Take this step?",
        )
        .replace("%1", step.label)
        .replace("%2", target)
    )
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("FactsForm", "Confirm “%1”").replace("%1", step.label),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes

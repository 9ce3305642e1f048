"""The case process in the window beyond single steps: objections, payments and corrections, batch steps on a
multi-selection, confirmations before irreversible steps, shortcuts, and changing one's own password."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from core.domain import workflow as wf_domain
from core.domain.workflow import CaseState
from core.services import cases as cases_svc
from core.services import users
from core.services import workflow as wf
from core.services.titles import TitleInput, add_title
from core.services.users import UserView
from core.store.uow import Database
from tests.process import dated
from tests.ui.conftest import add_enterprise, code_for, type_text
from ui import labels
from ui.dialogs.batch_transition import BatchTransitionDialog
from ui.dialogs.objections import ObjectionsDialog
from ui.dialogs.password_dialog import PasswordDialog
from ui.dialogs.payments_dialog import CorrectionDialog, PaymentsDialog
from ui.dialogs.sign_in import SignInDialog
from ui.main_window import MainWindow
from ui.models.case_table import STATUS
from ui.widgets.case_process import CaseProcessPanel, FactsDialog

PW = "password 123"
NOTICE = {"date": "2025-09-26", "period": "5"}  # ends 2025-10-09 (National Day in between)


@pytest.fixture
def officers(db: Database) -> dict[str, UserView]:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    out = {}
    for name, roles in (("wang", "clerk"), ("li", "reviewer"), ("zhao", "approver"), ("qian", "reviewer")):
        with db.uow() as uow:
            out[name] = users.add_user(uow, "admin", name, roles, PW, display_name=name.upper())
    return out


def _case(db: Database, serial: int, to: str = "draft") -> int:
    """A little-giant case drafted by wang, taken up to `to` by wang / li / zhao."""
    add_enterprise(db, serial, f"佛山市第{serial}机器人有限公司", actor="wang", field="robotics")
    with db.uow() as uow:
        add_title(
            uow,
            TitleInput(
                enterprise_code=code_for(serial), kind="little-giant", batch=7, recognized_on="2025-07-18"
            ),
            actor="wang",
        )
    with db.uow() as uow:
        case_id = cases_svc.create_case(
            uow, code_for(serial), "little-giant", today=date(2025, 9, 1), actor="wang"
        ).id
        wf.record_created(uow, "wang", case_id)
        uow.commit()
    path: list[tuple[str, str, dict[str, str]]] = [
        ("wang", "submitted", {}),
        ("li", "under_review", {}),
        ("li", "public_notice", NOTICE),
        ("zhao", "approved", {"date": "2025-10-10"}),
        ("wang", "notice_issued", {"date": "2025-10-20", "doc_no": "佛工信函〔2025〕12号"}),
    ]
    for actor, state, facts in path:
        if to == "draft":
            break
        with db.uow() as uow:
            wf.transition(uow, actor, case_id, state, dated(state, facts))
        if state == to:
            break
    return case_id


def _panel(qtbot: Any, db: Database, user: UserView, case_id: int) -> CaseProcessPanel:
    panel = CaseProcessPanel(db, user)
    qtbot.addWidget(panel)
    panel.show_case(case_id)
    return panel


def _state(db: Database, case_id: int) -> CaseState:
    with db.uow() as uow:
        return wf.process(uow, case_id).state


# --- objections ------------------------------------------------------------------------------------------


def test_a_reviewer_records_an_objection_and_upholding_it_returns_the_case_to_review(
    qtbot: Any, db: Database, officers: dict[str, UserView]
) -> None:
    case_id = _case(db, 1, to="public_notice")
    panel = _panel(qtbot, db, officers["li"], case_id)
    assert panel.objections_button.isVisibleTo(panel)
    assert panel.objections_button.shortcut() == QKeySequence("Ctrl+Shift+O")
    assert "objection_upheld" not in {b.objectName() for b in panel.step_buttons.values()}
    panel.objections_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, ObjectionsDialog) and dialog.isVisible()
    assert "2025-09-26" in dialog.header.text() and "2025-10-09" in dialog.header.text()

    type_text(qtbot, dialog.objector_edit, "张三")
    dialog.received_edit.setDate(QDate(2025, 10, 10))  # after the notice ended: refused, form kept
    dialog.content_edit.setPlainText("该企业注册地已迁出本市")
    dialog.record_button.click()
    assert "不在公示期" in dialog.message_label.text()
    assert dialog.objector_edit.text() == "张三" and dialog.table.rowCount() == 0

    dialog.received_edit.setDate(QDate(2025, 9, 29))
    dialog.record_button.click()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 4).text() == "待处理"
    assert dialog.objector_edit.text() == "" and "1 pending" in panel.objections_button.text()

    # the approver cannot approve while it is pending, and is told why
    approver = _panel(qtbot, db, officers["zhao"], case_id)
    assert not approver.take(CaseState.APPROVED, {"date": date(2025, 10, 10)})
    assert "异议尚未处理（张三（2025-09-29））" in approver.message_label.text()

    assert dialog.decide_group.isEnabled()  # the pending objection is selected
    type_text(qtbot, dialog.opinion_edit, "经核查属实")
    dialog.decided_edit.setDate(QDate(2025, 10, 13))
    dialog.uphold_button.click()
    assert "back under review" in dialog.message_label.text()
    assert dialog.table.item(0, 4).text() == "异议成立，已退回审查"
    assert "经核查属实" in dialog.table.item(0, 5).text()
    assert not dialog.record_group.isEnabled() and not dialog.decide_group.isEnabled()
    assert _state(db, case_id) is CaseState.UNDER_REVIEW
    assert labels.case_state("under_review") in panel.state_label.text()  # the panel followed


def test_only_another_reviewer_dismisses_an_objection_and_the_notice_goes_on(
    qtbot: Any, db: Database, officers: dict[str, UserView]
) -> None:
    case_id = _case(db, 2, to="public_notice")
    with db.uow() as uow:
        wf.record_objection(uow, "wang", case_id, "李四", "2025-09-30", "产品不属机器人")
    clerk = ObjectionsDialog(db, officers["wang"], case_id)
    qtbot.addWidget(clerk)
    clerk.opinion_edit.setText("no")
    clerk.dismiss_button.click()
    assert "须由审核人办理" in clerk.message_label.text() and clerk.opinion_edit.text() == "no"

    reviewer = ObjectionsDialog(db, officers["qian"], case_id)
    qtbot.addWidget(reviewer)
    type_text(qtbot, reviewer.opinion_edit, "经核查，产品为工业机器人")
    reviewer.decided_edit.setDate(QDate(2025, 10, 9))
    reviewer.dismiss_button.click()
    assert reviewer.table.item(0, 4).text() == "异议不成立"
    assert "qian 2025-10-09" in reviewer.table.item(0, 5).text()
    assert not reviewer.decide_group.isEnabled() and reviewer.record_group.isEnabled()
    assert _state(db, case_id) is CaseState.PUBLIC_NOTICE


# --- payments --------------------------------------------------------------------------------------------


def test_a_payment_over_the_approved_amount_is_refused_and_the_form_keeps_its_values(
    qtbot: Any, db: Database, officers: dict[str, UserView]
) -> None:
    case_id = _case(db, 3, to="notice_issued")
    panel = _panel(qtbot, db, officers["wang"], case_id)
    assert panel.funds_box.isVisibleTo(panel)
    assert panel.funds_labels["city_approved"].text() == "1,000,000.00 元"
    assert panel.funds_labels["city_paid"].text() == "0.00 元"
    panel.funds_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, PaymentsDialog)
    assert dialog.lines_table.item(0, 1).text() == "1,000,000.00"
    assert "已拨付" in dialog.hint_label.text()  # the first city payment is the step 市级拨付

    dialog.date_edit.setDate(QDate(2025, 11, 3))
    dialog.amount_edit.setText("1000000.01")
    type_text(qtbot, dialog.voucher_edit, "市财-001")
    dialog.record_button.click()
    assert "超出批准金额 0.01 元" in dialog.message_label.text()
    assert (dialog.amount_edit.text(), dialog.voucher_edit.text()) == ("1000000.01", "市财-001")
    assert dialog.date_edit.date() == QDate(2025, 11, 3) and dialog.records_table.rowCount() == 0
    assert _state(db, case_id) is CaseState.NOTICE_ISSUED

    dialog.amount_edit.setText("600000")
    dialog.record_button.click()
    assert dialog.records_table.rowCount() == 1 and dialog.amount_edit.text() == ""
    assert dialog.records_table.item(0, 3).text() == "600,000.00"
    assert dialog.lines_table.item(0, 4).text() == "400,000.00"  # still to pay
    assert _state(db, case_id) is CaseState.PAID and labels.case_state("paid") in panel.state_label.text()
    assert panel.funds_labels["city_paid"].text() == "600,000.00 元"

    # the provincial line: paying on more than was received is refused with the service's reason
    dialog.line_combo.setCurrentIndex(dialog.line_combo.findData(wf.PROVINCE_PAID))
    dialog.amount_edit.setText("1")
    dialog.voucher_edit.setText("P-1")
    dialog.record_button.click()
    assert "超过到账金额" in dialog.message_label.text() and dialog.records_table.rowCount() == 1


def test_a_correction_reverses_a_payment_after_confirmation(
    qtbot: Any, db: Database, officers: dict[str, UserView], monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _case(db, 4, to="notice_issued")
    with db.uow() as uow:
        wf.transition(
            uow, "wang", case_id, "paid", {"date": "2025-11-03", "amount": "600000", "voucher": "V1"}
        )
    dialog = PaymentsDialog(db, officers["wang"], case_id)
    qtbot.addWidget(dialog)
    assert not dialog.correct_button.isEnabled()  # nothing selected
    dialog.records_table.selectRow(0)
    assert dialog.correct_button.isEnabled()

    answers = iter([QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted])

    def confirm(box: CorrectionDialog) -> int:
        ok = box.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None and not ok.isEnabled()  # a reason is required first
        assert "-600,000.00" in box.summary.text()  # says what will be added
        box.reason_edit.setText("金额录错")
        box.date_edit.setDate(QDate(2025, 11, 5))
        assert ok.isEnabled()
        return next(answers)

    monkeypatch.setattr(CorrectionDialog, "exec", confirm)
    dialog.correct_button.click()  # cancelled: nothing changes
    assert dialog.records_table.rowCount() == 1
    dialog.correct_button.click()
    assert dialog.records_table.rowCount() == 2
    assert dialog.records_table.item(1, 3).text() == "-600,000.00"
    assert dialog.records_table.item(1, 6).text() == "Reverses record 1: 金额录错"
    assert dialog.records_table.item(0, 6).text() == "Reversed by record 2"
    for row in (0, 1):  # neither the original nor the correction can be reversed again
        dialog.records_table.selectRow(row)
        assert not dialog.correct_button.isEnabled()
    assert dialog.lines_table.item(0, 3).text() == "0.00"
    with db.uow() as uow:
        assert wf.money_lines(uow, case_id).city_paid == Decimal("0.00")


def test_only_a_clerk_gets_the_payment_form(qtbot: Any, db: Database, officers: dict[str, UserView]) -> None:
    case_id = _case(db, 5, to="notice_issued")
    dialog = PaymentsDialog(db, officers["zhao"], case_id)
    qtbot.addWidget(dialog)
    assert not dialog.record_group.isEnabled()


# --- batch -----------------------------------------------------------------------------------------------


def _window(qtbot: Any, db: Database, settings: QSettings, user: UserView) -> MainWindow:
    win = MainWindow(db, settings=settings, user=user)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_batch_where_one_case_is_refused_changes_nothing_and_shows_the_report(
    qtbot: Any, db: Database, settings: QSettings, officers: dict[str, UserView]
) -> None:
    ids = [_case(db, serial, to="public_notice") for serial in (6, 7, 8)]
    with db.uow() as uow:  # the last case has an objection nobody decided yet
        objection = wf.record_objection(uow, "wang", ids[2], "张三", "2025-09-29", "名称有误")
    win = _window(qtbot, db, settings, officers["zhao"])
    win.show_page("cases")
    page: Any = win.page("cases")
    page.table.selectAll()
    assert [c.id for c in page.selected_cases()] == sorted(ids, key=lambda i: page.model.row_of(i))
    assert page.batch_transition_button.shortcut() == QKeySequence("Ctrl+B")
    page.batch_transition_button.click()
    dialog = page.transition_dialog
    assert isinstance(dialog, BatchTransitionDialog) and dialog.table.rowCount() == 3
    labels = [dialog.step_combo.itemText(i) for i in range(dialog.step_combo.count())]
    assert labels == ["批准（→ 已批准）", "不予奖励（→ 不予奖励）"]  # only the approver's steps
    assert dialog.facts is not None
    dialog.facts.edits[next(iter(dialog.facts.edits))].setDate(QDate(2025, 10, 10))  # type: ignore[attr-defined]

    dialog.run_button.click()
    assert dialog.report is not None and not dialog.report.applied
    assert "1 of 3 cases cannot take this step, so none of the 3 was changed" in dialog.summary.text()
    refused_row = next(r for r in range(3) if dialog.table.item(r, 0).text() == str(ids[2]))
    assert dialog.table.item(refused_row, 3).text().startswith("✗ ")
    assert "异议尚未处理" in dialog.table.item(refused_row, 3).text()
    assert all("本批均未办理" in dialog.table.item(r, 3).text() for r in range(3) if r != refused_row)
    assert {_state(db, i) for i in ids} == {CaseState.PUBLIC_NOTICE}

    with db.uow() as uow:
        wf.resolve_objection(uow, "li", objection.id, False, "名称无误", "2025-10-09")
    dialog.run_button.click()
    assert dialog.report is not None and dialog.report.applied
    assert dialog.summary.text() == "Done for all 3 cases." and not dialog.run_button.isEnabled()
    assert {_state(db, i) for i in ids} == {CaseState.APPROVED}
    assert {page.model.case_at(r).status for r in range(3)} == {"approved"}  # the list reloaded


def test_the_case_list_selects_many_and_the_editor_follows_the_current_row(
    qtbot: Any, db: Database, settings: QSettings, officers: dict[str, UserView]
) -> None:
    ids = [_case(db, serial) for serial in (9, 10, 11)]
    win = _window(qtbot, db, settings, officers["wang"])
    win.show_page("cases")
    page: Any = win.page("cases")
    viewport = page.table.viewport()

    def click(row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        rect = page.table.visualRect(page.model.index(row, 1))
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, modifier, rect.center())

    click(0)
    click(2, Qt.KeyboardModifier.ControlModifier)
    chosen = page.selected_cases()
    assert len(chosen) == 2 and page.editor.case.id == chosen[1].id
    assert page.process_panel.case_id == chosen[1].id
    click(1)
    assert len(page.selected_cases()) == 1 and page.editor.case.id == page.selected_cases()[0].id
    assert sorted(c.id for c in page.model.rows) == ids
    # with nothing to do for the clerk's roles in common, the batch dialog says so
    page.table.selectAll()
    page.batch_transition_button.click()
    dialog = page.transition_dialog
    assert [dialog.step_combo.itemText(i) for i in range(dialog.step_combo.count())] == [
        "提交申报（→ 已申报）",
        "撤回（→ 已撤回）",
    ]


def test_an_irreversible_batch_step_is_confirmed_first(
    qtbot: Any, db: Database, officers: dict[str, UserView], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [_case(db, serial) for serial in (12, 13)]
    with db.uow() as uow:
        views = [cases_svc.get_case(uow, i) for i in ids]
    dialog = BatchTransitionDialog(db, officers["wang"], views)
    qtbot.addWidget(dialog)
    dialog.step_combo.setCurrentIndex(dialog.step_combo.findData("withdraw"))
    assert dialog.facts is not None
    dialog.facts.edits[next(iter(dialog.facts.edits))].setText("企业申请撤回")  # type: ignore[attr-defined]
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Any:
        def question(_parent: Any, title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    dialog.run_button.click()
    assert dialog.report is None and "these 2 cases" in asked[0]
    assert {_state(db, i) for i in ids} == {CaseState.DRAFT}
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    dialog.run_button.click()
    assert {_state(db, i) for i in ids} == {CaseState.WITHDRAWN}


# --- single steps: confirmations and shortcuts ------------------------------------------------------------


def test_voiding_asks_first_and_the_forward_step_has_a_shortcut(
    qtbot: Any, db: Database, officers: dict[str, UserView], monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _case(db, 14, to="approved")
    panel = _panel(qtbot, db, officers["zhao"], case_id)
    void = panel.step_buttons[CaseState.VOID]
    assert void.shortcut().isEmpty()  # no shortcut for what cannot be undone

    def fill(dialog: FactsDialog) -> int:
        dialog.edits[next(iter(dialog.edits))].setText("称号被撤销")  # type: ignore[attr-defined]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FactsDialog, "exec", fill)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    void.click()
    assert _state(db, case_id) is CaseState.APPROVED
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    void.click()
    assert _state(db, case_id) is CaseState.VOID and labels.case_state("void") in panel.state_label.text()

    draft = _case(db, 15)
    clerk = _panel(qtbot, db, officers["wang"], draft)
    monkeypatch.setattr(FactsDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)  # the date: today
    assert clerk.step_buttons[CaseState.SUBMITTED].shortcut() == QKeySequence("Ctrl+Return")
    assert clerk.step_buttons[CaseState.WITHDRAWN].shortcut().isEmpty()
    with qtbot.waitActive(clerk):
        clerk.show()
        clerk.activateWindow()
    qtbot.keyClick(clerk.history, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _state(db, draft) is CaseState.SUBMITTED)  # a shortcut clicks after a short delay


def test_the_case_list_names_every_state_of_the_process() -> None:
    assert set(STATUS) == {s.value for s in CaseState}


# --- password --------------------------------------------------------------------------------------------


def test_a_password_change_then_sign_in_with_the_new_password(
    qtbot: Any, db: Database, settings: QSettings, officers: dict[str, UserView]
) -> None:
    win = _window(qtbot, db, settings, officers["wang"])
    assert win.user_label.text() == "Signed in: WANG（wang） (经办人)"
    assert win.password_action.shortcut() == QKeySequence("Ctrl+Shift+P")
    win.password_action.trigger()
    dialog = win.password_dialog
    assert isinstance(dialog, PasswordDialog) and dialog.isVisible()

    dialog.old_edit.setText("wrong password")
    dialog.new_edit.setText("new password 9")
    dialog.repeat_edit.setText("new password 9")
    dialog.on_ok()
    assert "用户名或密码不正确" in dialog.error_label.text() and dialog.old_edit.text() == ""
    dialog.old_edit.setText(PW)
    dialog.new_edit.setText("new password 9")
    dialog.repeat_edit.setText("new password 8")
    dialog.on_ok()
    assert dialog.error_label.text() == "The two new passwords differ."
    dialog.old_edit.setText(PW)
    dialog.new_edit.setText("short")
    dialog.repeat_edit.setText("short")
    dialog.on_ok()
    assert "至少8个字符" in dialog.error_label.text()
    dialog.old_edit.setText(PW)
    dialog.new_edit.setText("new password 9")
    dialog.repeat_edit.setText("new password 9")
    dialog.on_ok()
    assert dialog.changed and dialog.result() == QDialog.DialogCode.Accepted
    assert win.statusBar().currentMessage() == "Password changed."
    assert win.user_label.text() == "Signed in: WANG（wang） (经办人)"

    sign_in = SignInDialog(db)
    qtbot.addWidget(sign_in)
    sign_in.name_edit.setText("wang")
    sign_in.password_edit.setText(PW)
    sign_in.on_ok()
    assert sign_in.user is None and "用户名或密码不正确" in sign_in.error_label.text()
    sign_in.password_edit.setText("new password 9")
    sign_in.on_ok()
    assert sign_in.user is not None and sign_in.user.name == "wang"


def test_step_dates_default_to_today_and_cannot_be_later(
    qtbot: Any, db: Database, officers: dict[str, UserView], monkeypatch: pytest.MonkeyPatch
) -> None:
    """提交申报 asks for its date (today unless back-dated); no date field offers a day after today; the
    approval form takes the approver's reason for a total above the 奖励总额度."""
    from core.domain import clock

    case_id = _case(db, 16)
    panel = _panel(qtbot, db, officers["wang"], case_id)
    seen: dict[str, object] = {}

    def back_date(dialog: FactsDialog) -> int:
        edit = dialog.edits[next(iter(dialog.edits))]
        seen["default"], seen["max"] = edit.date(), edit.maximumDate()  # type: ignore[attr-defined]
        edit.setDate(QDate(2026, 11, 2))  # type: ignore[attr-defined]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FactsDialog, "exec", back_date)
    panel.step_buttons[CaseState.SUBMITTED].click()
    today = clock.today()
    assert seen["default"] == seen["max"] == QDate(today.year, today.month, today.day)
    with db.uow() as uow:
        submitted = [e for e in wf.process(uow, case_id).events if e.action == "submit"][-1]
    assert submitted.facts["date"] == "2026-11-02"
    approve = FactsDialog(wf_domain.by_name("approve"))
    qtbot.addWidget(approve)
    assert approve.form.over_cap_edit is not None
    approve.form.over_cap_edit.setText("市政府常务会议同意")
    assert approve.values()[wf.OVER_CAP] == "市政府常务会议同意"

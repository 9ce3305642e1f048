"""Officers in the window: the sign-in (first start asks for an administrator), who is signed in, a clerk drafts
and submits, a reviewer and an approver act, the same officer is refused, and the 历史 tab."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from core.domain.workflow import Role
from core.services import cases as cases_svc
from core.services import users
from core.services.titles import TitleInput, add_title
from core.services.users import UserView
from core.store.uow import Database
from tests.ui.conftest import add_enterprise, code_for
from ui import labels
from ui.dialogs.sign_in import SignInDialog
from ui.main_window import MainWindow
from ui.widgets.case_process import CaseProcessPanel, FactsDialog

PW = "password 123"


def _officers(db: Database) -> dict[str, UserView]:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    out = {}
    for name, roles in (("wang", "clerk,reviewer"), ("li", "reviewer"), ("zhao", "approver")):
        with db.uow() as uow:
            out[name] = users.add_user(uow, "admin", name, roles, PW, display_name=name.upper())
    return out


def _case(db: Database) -> int:
    add_enterprise(db, 1, "佛山市灵动机器人有限公司", actor="wang", field="robotics")
    with db.uow() as uow:
        add_title(
            uow,
            TitleInput(enterprise_code=code_for(1), kind="little-giant", batch=7, recognized_on="2025-07-18"),
            actor="wang",
        )
    with db.uow() as uow:
        return cases_svc.create_case(
            uow, code_for(1), "little-giant", today=date(2025, 9, 1), actor="wang"
        ).id


def test_first_start_asks_for_an_administrator_then_signs_in(qtbot: Any, db: Database) -> None:
    first = SignInDialog(db)
    qtbot.addWidget(first)
    assert first.first_start and first.confirm_edit.isVisibleTo(first)
    first.name_edit.setText("admin")
    first.display_edit.setText("系统管理员")
    first.password_edit.setText(PW)
    first.confirm_edit.setText("something else")
    first.on_ok()
    assert first.result() != QDialog.DialogCode.Accepted and "differ" in first.error_label.text()
    first.password_edit.setText(PW)
    first.confirm_edit.setText(PW)
    first.on_ok()
    assert first.user is not None and first.user.name == "admin"

    again = SignInDialog(db)
    qtbot.addWidget(again)
    assert not again.first_start
    again.name_edit.setText("admin")
    again.password_edit.setText("wrong password")
    again.on_ok()
    assert again.user is None and "用户名或密码不正确" in again.error_label.text()
    assert again.password_edit.text() == ""  # never kept after a failure
    again.password_edit.setText(PW)
    again.on_ok()
    assert again.user is not None and again.result() == QDialog.DialogCode.Accepted


def test_the_window_shows_who_is_signed_in(qtbot: Any, db: Database, settings: QSettings) -> None:
    officers = _officers(db)
    win = MainWindow(db, settings=settings, user=officers["wang"])
    qtbot.addWidget(win)
    assert win.user_label.text() == "Signed in: WANG（wang） (经办人、审核人)"


def _panel(qtbot: Any, db: Database, user: UserView, case_id: int) -> CaseProcessPanel:
    panel = CaseProcessPanel(db, user)
    qtbot.addWidget(panel)
    panel.show_case(case_id)
    return panel


def test_clerk_submits_reviewer_and_approver_act_and_the_same_officer_is_refused(
    qtbot: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    officers = _officers(db)
    case_id = _case(db)
    clerk = _panel(qtbot, db, officers["wang"], case_id)
    assert labels.case_state("draft") in clerk.state_label.text()
    # each step's date as the paper file has it (submitted 09-15, reviewed 09-22, 公示 from 09-26, approved 10-10)
    on = {"submit": date(2025, 9, 15), "start_review": date(2025, 9, 22), "start_notice": date(2025, 9, 26)}

    def fill(dialog: FactsDialog) -> int:
        for fact, edit in dialog.edits.items():
            if fact.value == "date":
                edit.setDate(on.get(dialog.step.name, date(2025, 10, 10)))  # type: ignore[attr-defined]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FactsDialog, "exec", fill)
    clerk.step_buttons[next(s for s in clerk.step_buttons if s.value == "submitted")].click()
    assert labels.case_state("submitted") in clerk.state_label.text()
    # wang also holds the reviewer role, but drafted (submitted) this case: refused, with the reason shown
    review = next(s for s in clerk.step_buttons if s.value == "under_review")
    clerk.step_buttons[review].click()
    assert "不能审核本案" in clerk.message_label.text()
    assert labels.case_state("submitted") in clerk.state_label.text()

    reviewer = _panel(qtbot, db, officers["li"], case_id)
    reviewer.step_buttons[review].click()
    assert labels.case_state("under_review") in reviewer.state_label.text()

    notice = next(s for s in reviewer.step_buttons if s.value == "public_notice")
    reviewer.step_buttons[notice].click()
    assert labels.case_state("public_notice") in reviewer.state_label.text()
    assert "2025-10-09" in reviewer.message_label.text() and "2025-10-09" in reviewer.people_label.text()
    # officers are shown by their names, with the sign-in name the audit trail records
    assert "Drafted by: WANG（wang）" in reviewer.people_label.text()
    assert "Reviewed by: LI（li）" in reviewer.people_label.text()

    approver = _panel(qtbot, db, officers["zhao"], case_id)
    approved = next(s for s in approver.step_buttons if s.value == "approved")
    approver.step_buttons[approved].click()
    assert labels.case_state("approved") in approver.state_label.text(), approver.message_label.text()
    # newest first: approve, the freeze (定案) it caused, notice, review, submit, the case's creation
    assert approver.history.count() == 6
    assert "zhao" in approver.history.item(0).text() and "批准" in approver.history.item(0).text()
    assert "zhao" in approver.history.item(1).text() and "定案案件" in approver.history.item(1).text()
    assert "新增案件" in approver.history.item(5).text()


def test_a_stale_panel_is_refused_instead_of_overwriting(qtbot: Any, db: Database) -> None:
    officers = _officers(db)
    case_id = _case(db)
    first = _panel(qtbot, db, officers["wang"], case_id)
    second = _panel(qtbot, db, officers["wang"], case_id)
    from core.domain.workflow import CaseState

    assert first.take(CaseState.SUBMITTED)
    assert not second.take(CaseState.WITHDRAWN, {"reason": "企业撤回"})
    assert "已被他人修改" in second.message_label.text()


def test_enterprise_detail_has_a_history_tab(window: MainWindow, db: Database) -> None:
    ent = add_enterprise(db, 2, "佛山市历史机器人有限公司")
    page: Any = window.page("enterprises")
    page.refresh()
    page.select_id(ent.id)
    assert page.detail_tabs.count() == 2
    assert page.history_list.count() == 1 and "新增企业" in page.history_list.item(0).text()


def test_the_administrator_adds_an_officer_in_settings(qtbot: Any, db: Database) -> None:
    from ui.pages.settings.users import UsersTab

    officers = _officers(db)
    with db.uow() as uow:
        admin = users.get_user(uow, "admin")
    tab = UsersTab(db, admin)
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 4
    tab.name_edit.setText("sun")
    tab.display_edit.setText("孙七")
    tab.role_boxes[Role.APPROVER].setChecked(True)
    tab.password_edit.setText(PW)
    tab.add_button.click()
    assert "孙七（sun）" in tab.message_label.text() and tab.table.rowCount() == 5
    assert tab.password_edit.text() == ""
    with db.uow() as uow:
        assert users.authenticate(uow, "sun", PW).roles == {Role.APPROVER}
    # a clerk sees the list but cannot manage officers
    clerk_tab = UsersTab(db, officers["wang"])
    qtbot.addWidget(clerk_tab)
    assert not clerk_tab.add_button.isEnabled()

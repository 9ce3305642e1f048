"""Issue 16 in the window: 设置 → 用户 shows the permission table; controls follow the signed-in officer's roles;
the case editor is read-only outside 申报登记."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTableWidget, QWidget

from core.domain import permissions
from core.domain.workflow import CaseState, Role
from core.services import users
from core.services.users import UserView
from core.store.uow import Database
from tests.ui.conftest import add_enterprise
from ui.main_window import MainWindow
from ui.pages.settings.users import UsersTab

PW = "officer password 1"


def _officers(db: Database) -> dict[str, UserView]:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    out = {}
    for name, role in (("wang", "clerk"), ("li", "reviewer")):
        with db.uow() as uow:
            out[name] = users.add_user(uow, "admin", name, role, PW)
    with db.uow() as uow:
        out["admin"] = users.get_user(uow, "admin")
    return out


def test_the_users_tab_shows_what_each_role_may_do(qtbot: Any, db: Database) -> None:
    officers = _officers(db)
    tab = UsersTab(db, officers["wang"])  # a clerk sees the table too, not the officers' list
    qtbot.addWidget(tab)
    table = tab.findChild(QTableWidget, "permission_table")
    assert table is not None
    rows = permissions.rows()
    assert table.rowCount() == len(rows)
    assert table.editTriggers() == QTableWidget.EditTrigger.NoEditTriggers
    for i, row in enumerate(rows):
        assert table.item(i, 0).text() == row.label
        marks = [table.item(i, j).text() != "" for j in range(1, 1 + len(permissions.ROLE_ORDER))]
        assert marks == [r in row.roles for r in permissions.ROLE_ORDER]
    assert tab.table.rowCount() == 0  # the list of officers is an administrator's
    admin_tab = UsersTab(db, officers["admin"])
    qtbot.addWidget(admin_tab)
    assert admin_tab.table.rowCount() == 3


def _window(qtbot: Any, db: Database, settings: QSettings, user: UserView) -> MainWindow:
    win = MainWindow(db, settings=settings, user=user)
    qtbot.addWidget(win)
    return win


def test_imports_and_settings_tabs_follow_the_officers_roles(
    qtbot: Any, db: Database, settings: QSettings
) -> None:
    officers = _officers(db)
    clerk = _window(qtbot, db, settings, officers["wang"])
    reviewer = _window(qtbot, db, settings, officers["li"])

    def action(win: MainWindow, name: str) -> Any:
        return next(a for a in win.import_actions if a.objectName() == name)

    assert action(clerk, "action_import_enterprises").isEnabled()
    assert not action(reviewer, "action_import_enterprises").isEnabled()
    assert "经办人" in action(reviewer, "action_import_titles").toolTip()
    assert action(reviewer, "action_export").isEnabled()  # a reviewer may export the ledger
    assert clerk.page("enterprises").new_button.isEnabled()  # type: ignore[attr-defined]
    assert not reviewer.page("enterprises").new_button.isEnabled()  # type: ignore[attr-defined]
    assert not reviewer.page("titles").new_button.isEnabled()  # type: ignore[attr-defined]
    assert not reviewer.page("cases").new_button.isEnabled()  # type: ignore[attr-defined]
    issuing = clerk.page("settings").findChild(QWidget, "issuing_tab")
    assert issuing is not None and not issuing.isEnabled()  # 文号 prefix: administrators only
    admin = _window(qtbot, db, settings, officers["admin"])
    assert admin.page("settings").findChild(QWidget, "issuing_tab").isEnabled()
    assert not action(admin, "action_import_enterprises").isEnabled()
    assert Role.ADMIN not in permissions.PERMISSIONS[permissions.Action.REGISTER_IMPORT]


def test_a_database_without_officers_leaves_every_control_enabled(
    qtbot: Any, db: Database, settings: QSettings
) -> None:
    win = MainWindow(db, settings=settings)
    qtbot.addWidget(win)
    assert all(a.isEnabled() for a in win.import_actions)


def test_the_case_editor_is_read_only_outside_draft(qtbot: Any, db: Database) -> None:
    from core.services import cases as case_svc
    from core.services import titles as title_svc
    from core.services import workflow
    from ui.pages.cases_page import CaseEditor

    ent = add_enterprise(db, 1, "佛山市云擎机器人科技有限公司", field="robotics")  # before any officer
    officers = _officers(db)
    with db.uow() as uow:
        title_svc.add_title(
            uow,
            title_svc.TitleInput(
                enterprise_code=ent.code, kind="little-giant", batch="7", recognized_on="2025-07-18"
            ),
            actor="wang",
        )
    with db.uow() as uow:
        case = case_svc.create_case(uow, ent.code, "little-giant", actor="wang")
    editor = CaseEditor(db)
    qtbot.addWidget(editor)
    editor.set_case(case)
    assert editor.city_edit.isEnabled() and editor.save_button.isEnabled()
    with db.uow() as uow:
        workflow.transition(uow, officers["wang"].name, case.id, CaseState.SUBMITTED, {})
    with db.uow() as uow:
        submitted = case_svc.get_case(uow, case.id)
    editor.set_case(submitted)
    assert not editor.city_edit.isEnabled()
    assert not editor.save_button.isEnabled() and not editor.freeze_button.isEnabled()
    assert "returns the case" in editor.error_label.text() or "退回" in editor.error_label.text()

"""设置 → 用户: the administrator adds officers with their roles, resets passwords, disables accounts; everyone
sees what each role may do (the permission table of core.domain.permissions, read-only)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain import permissions
from core.domain.workflow import Role
from core.services import users
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database


class UsersTab(QWidget):
    def __init__(self, db: Database, user: UserView | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.is_admin = user is not None and Role.ADMIN in user.roles
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Full name"), self.tr("Roles"), self.tr("Status")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.name_edit = QLineEdit()
        self.display_edit = QLineEdit()
        self.role_boxes = {role: QCheckBox(role.label) for role in Role}
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("Add officer"))
        self.toggle_button = QPushButton(self.tr("Disable / enable the selected officer"))
        self.reset_button = QPushButton(self.tr("Set this password for the selected officer"))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)

        roles_row = QHBoxLayout()
        for box in self.role_boxes.values():
            roles_row.addWidget(box)
        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.name_edit)
        form.addRow(self.tr("Full name:"), self.display_edit)
        form.addRow(self.tr("Roles:"), roles_row)
        form.addRow(self.tr("Password:"), self.password_edit)
        group = QGroupBox(self.tr("Officers (administrator only)"))
        group_layout = QVBoxLayout(group)
        group_layout.addLayout(form)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.toggle_button):
            buttons.addWidget(button)
        group_layout.addLayout(buttons)
        group.setEnabled(self.is_admin)
        self.permission_table = self._permission_table()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(group)
        layout.addWidget(self.message_label)
        layout.addWidget(QLabel(self.tr("What each role may do:")))
        layout.addWidget(self.permission_table, 1)
        if not self.is_admin:
            self.message_label.setText(self.tr("Only an administrator manages officers."))
        self._connect_signals()
        self.refresh()

    def _permission_table(self) -> QTableWidget:
        rows = permissions.rows()
        table = QTableWidget(len(rows), 1 + len(permissions.ROLE_ORDER))
        table.setObjectName("permission_table")
        table.setHorizontalHeaderLabels([self.tr("Action"), *(r.label for r in permissions.ROLE_ORDER)])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        yes = self.tr("✓")
        for i, row in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(row.label))
            for j, role in enumerate(permissions.ROLE_ORDER, 1):
                table.setItem(i, j, QTableWidgetItem(yes if role in row.roles else ""))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.on_add)
        self.toggle_button.clicked.connect(self.on_toggle)
        self.reset_button.clicked.connect(self.on_reset)

    def refresh(self) -> None:
        with self.db.uow() as uow:  # the officers' names and roles: an administrator's list
            self.rows = users.list_users(uow) if self.is_admin or users.count_users(uow) == 0 else []
        self.table.setRowCount(len(self.rows))
        for row, u in enumerate(self.rows):
            status = self.tr("Active") if u.active else self.tr("Disabled")
            for col, text in enumerate((u.name, u.display_name, u.roles_label, status)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def selected(self) -> UserView | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _act(self, action: str) -> None:
        assert self.user is not None
        try:
            with self.db.uow() as uow:
                if action == "add":
                    roles = {r for r, box in self.role_boxes.items() if box.isChecked()}
                    added = users.add_user(
                        uow,
                        self.user.name,
                        self.name_edit.text(),
                        roles,
                        self.password_edit.text(),
                        self.display_edit.text(),
                    )
                    done = self.tr("Added %1.").replace("%1", added.shown_name)
                else:
                    target = self.selected()
                    if target is None:
                        self._say(self.tr("Select an officer in the list first."), error=True)
                        return
                    if action == "toggle":
                        changed = users.set_active(uow, self.user.name, target.name, not target.active)
                        done = (
                            self.tr("%1 enabled.") if changed.active else self.tr("%1 disabled.")
                        ).replace("%1", changed.shown_name)
                    else:
                        users.reset_password(uow, self.user.name, target.name, self.password_edit.text())
                        done = self.tr("New password set for %1.").replace("%1", target.shown_name)
        except ServiceError as exc:
            self._say(str(exc), error=True)
            return
        finally:
            self.password_edit.clear()
        self._say(done, error=False)
        self.refresh()

    def on_add(self) -> None:
        self._act("add")

    def on_toggle(self) -> None:
        self._act("toggle")

    def on_reset(self) -> None:
        self._act("reset")

    def _say(self, text: str, error: bool) -> None:
        self.message_label.setStyleSheet("color: #b42318;" if error else "color: #067647;")
        self.message_label.setText(text)

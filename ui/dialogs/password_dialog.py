"""账户 → 修改密码…: the signed-in officer changes their own password (old one, new one twice).

The rules and messages are the users service's (at least 8 characters, no spaces at either end, not the old
one; a wrong old password counts towards the lock-out like a wrong sign-in). Passwords are never kept in the
fields after an attempt. ui/dialogs/account_menu.py opens it from the main window's 账户 menu.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core.services import users
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database
from ui.widgets.form import ERROR_STYLE


class PasswordDialog(QDialog):
    """Accepted once the password was changed (`changed` is then True)."""

    def __init__(self, db: Database, user: UserView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.changed = False
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(400)
        intro = QLabel(
            self.tr(
                "Signed in as %1. The new password needs at least %2 characters, without spaces at either end."
            )
            .replace("%1", user.shown_name)
            .replace("%2", str(users.MIN_PASSWORD))
        )
        intro.setWordWrap(True)
        self.old_edit = self._password_edit()
        self.new_edit = self._password_edit()
        self.repeat_edit = self._password_edit()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.old_edit)
        form.addRow(self.tr("New password:"), self.new_edit)
        form.addRow(self.tr("Repeat the new password:"), self.repeat_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText(self.tr("Change password"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.on_ok)
        self.buttons.rejected.connect(self.reject)

    @staticmethod
    def _password_edit() -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def on_ok(self) -> None:
        """Change it, or stay open with the reason (the fields are emptied either way)."""
        old, new, repeat = self.old_edit.text(), self.new_edit.text(), self.repeat_edit.text()
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        if new != repeat:
            self.error_label.setText(self.tr("The two new passwords differ."))
            self.new_edit.setFocus()
            return
        try:
            with self.db.uow() as uow:
                users.change_password(uow, self.user.name, old, new)
        except ServiceError as exc:  # the service's reason, in Chinese
            self.error_label.setText(str(exc))
            self.old_edit.setFocus()
            return
        self.changed = True
        self.accept()

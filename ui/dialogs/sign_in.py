"""Sign-in at start. On a database without an administrator it asks for one first (first start)."""

from __future__ import annotations

import os

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


class SignInDialog(QDialog):
    """`user` holds the signed-in officer once the dialog is accepted."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user: UserView | None = None
        with db.uow() as uow:
            self.first_start = users.needs_first_admin(uow)
        self.setWindowTitle(self.tr("Create the administrator") if self.first_start else self.tr("Sign in"))
        self.setMinimumWidth(380)

        self.intro = QLabel(
            self.tr(
                "This is the first start on this database. Create the administrator account; the "
                "administrator then adds the officers and their roles."
            )
            if self.first_start
            else self.tr("Sign in with your account.")
        )
        self.intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.display_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b42318;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.name_edit)
        if self.first_start:
            form.addRow(self.tr("Full name:"), self.display_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        if self.first_start:
            form.addRow(self.tr("Repeat the password:"), self.confirm_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText(self.tr("Create and sign in") if self.first_start else self.tr("Sign in"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.on_ok)
        self.buttons.rejected.connect(self.reject)

    def on_ok(self) -> None:
        """Check the account (or create the first administrator); stay open with the reason when refused."""
        name, password = self.name_edit.text().strip(), self.password_edit.text()
        try:
            with self.db.uow() as uow:
                if self.first_start:
                    if password != self.confirm_edit.text():
                        self.error_label.setText(self.tr("The two passwords differ."))
                        return
                    self.user = users.create_first_admin(uow, name, password, self.display_edit.text())
                else:
                    self.user = users.authenticate(uow, name, password)
        except ServiceError as exc:  # the service's message says why, in Chinese
            self.error_label.setText(str(exc))
            self.password_edit.clear()
            self.confirm_edit.clear()
            return
        self.password_edit.clear()
        self.confirm_edit.clear()
        self.accept()


def sign_in_from_options(db: Database, name: str | None, password_env: str | None) -> UserView | None:
    """Sign in with `--user NAME --password-env VAR` given to the window; None when not given or refused
    (the dialog is then shown)."""
    if not name or not password_env or password_env not in os.environ:
        return None
    try:
        with db.uow() as uow:
            return users.authenticate(uow, name, os.environ[password_env])
    except ServiceError:
        return None


def sign_in(db: Database, parent: QWidget | None = None) -> UserView | None:
    """Ask for an account (or the first administrator); None when the officer cancels."""
    dialog = SignInDialog(db, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.user

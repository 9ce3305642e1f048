"""账户 menu: 修改密码… (Ctrl+Shift+P) opens ui/dialogs/password_dialog.py for the officer signed in.

Kept apart from the dialog so that building the window's menus loads no service or SQLAlchemy module: the
window paints first and opens the database after (see ui/app.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

PASSWORD_KEY = "Ctrl+Shift+P"


def install_account_menu(window: Any) -> QAction:
    """账户 menu with 修改密码… (Ctrl+Shift+P) for the officer signed in to `window` (which holds `db`,
    `user` and a status bar). Returns the action: enabled while someone is signed in (the window's
    set_user keeps it so)."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("PasswordDialog", "&Account"))
    action = QAction(QCoreApplication.translate("PasswordDialog", "Change password…"), window)
    action.setObjectName("action_change_password")
    action.setShortcut(QKeySequence(PASSWORD_KEY))
    action.setEnabled(window.user is not None)

    def open_dialog() -> None:
        if window.user is None:
            return
        from ui.dialogs.password_dialog import PasswordDialog  # the services: loaded when first needed

        dialog = PasswordDialog(window.db, window.user, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: window.statusBar().showMessage(
                QCoreApplication.translate("PasswordDialog", "Password changed."), 8000
            )
        )
        window.password_dialog = dialog
        dialog.open()

    action.triggered.connect(lambda _checked=False: open_dialog())
    menu.addAction(action)
    return action

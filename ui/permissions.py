"""What the signed-in officer may do in the window: the permission table of core.domain.permissions.

A database without officers is open (every control enabled, as the services allow); once it has officers, a
control whose action the officer's roles do not allow is disabled, with the roles needed as its tooltip. The
services check again (core.services.access): disabling is for the officer's convenience, not the guard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.domain.permissions import PERMISSIONS, Action, allowed, roles_text

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from core.services.users import UserView
    from core.store.uow import Database


def actor(user: UserView | None) -> str:
    """The name a change made in the window is recorded under: the signed-in officer's (empty: none signed in,
    which the services record as the system on a database without officers and refuse on one with them)."""
    return user.name if user is not None else ""


def may(db: Database, user: UserView | None, action: Action) -> bool:
    from core.services import access

    with db.uow() as uow:
        if not access.has_officers(uow):
            return True
    return user is not None and user.active and allowed(user.roles, action)


def needed_text(action: Action) -> str:
    """The tooltip of a control the officer may not use: the action and the roles that may take it (their
    names are data from core, like the role labels elsewhere)."""
    from PySide6.QtCore import QCoreApplication

    return (
        QCoreApplication.translate("Permissions", "%1: only for %2")
        .replace("%1", action.label)
        .replace("%2", roles_text(PERMISSIONS[action]))
    )


def apply(control: QWidget | QAction, db: Database, user: UserView | None, action: Action) -> bool:
    """Enable `control` when the officer may take `action`; else disable it, saying which roles may."""
    ok = may(db, user, action)
    control.setEnabled(ok)
    control.setToolTip("" if ok else needed_text(action))
    return ok

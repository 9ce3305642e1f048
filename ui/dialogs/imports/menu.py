"""The File menu entries of the import/export area: 导入企业名单… / 导入称号名单… / 导出… / 撤销导入….

Shortcuts: Ctrl+I imports an enterprise list, Ctrl+Shift+I a title list, Ctrl+E exports (undoing an import has
none: it deletes records and is reached through the menu on purpose).

Light on purpose: ui.dialogs.imports.dialog (openpyxl, the import services) is imported only when an action is
used, so the main window starts as fast as before."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def install_file_menu(window: Any, menu: QMenu) -> list[QAction]:
    """Add the actions to `menu`. `window` holds `db`; after an import or an undo the current page's
    `refresh()` is called, or every built page's (`refresh_all()`: their filters and choices, e.g. the
    districts, come from the register the import changed)."""

    def refresh() -> None:
        every = getattr(window, "refresh_all", None)
        if callable(every):
            every()
            return
        page = window.current_page() if hasattr(window, "current_page") else None
        action = getattr(page, "refresh", None)
        if callable(action):
            action()

    def actor() -> str:  # the officer signed in when the dialog opens: what it changes is recorded under them
        user = getattr(window, "user", None)
        return str(user.name) if user is not None else ""

    def open_import(kind: str) -> None:
        from ui.dialogs.imports.dialog import ImportDialog

        dialog = ImportDialog(window.db, kind, window, actor=actor())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _b: refresh())
        dialog.undone.connect(lambda _b: refresh())
        dialog.open()

    def open_history() -> None:
        from ui.dialogs.imports.history import ImportHistoryDialog

        dialog = ImportHistoryDialog(window.db, window, actor=actor())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.undone.connect(lambda _b: refresh())
        dialog.open()

    def open_export() -> None:
        from ui.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(window.db, window, actor=actor())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    specs = (
        (
            "action_import_enterprises",
            QCoreApplication.translate("ImportDialog", "Import enterprise list…"),
            lambda: open_import("enterprises"),
            "Ctrl+I",
        ),
        (
            "action_import_titles",
            QCoreApplication.translate("ImportDialog", "Import title list…"),
            lambda: open_import("titles"),
            "Ctrl+Shift+I",
        ),
        ("action_export", QCoreApplication.translate("ImportDialog", "Export…"), open_export, "Ctrl+E"),
        (
            "action_import_history",
            QCoreApplication.translate("ImportDialog", "Undo an import…"),
            open_history,
            "",
        ),
    )
    actions = []
    for name, text, slot, key in specs:
        action = QAction(text, window)
        action.setObjectName(name)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False, s=slot: s())
        menu.addAction(action)
        actions.append(action)
    menu.addSeparator()
    return actions

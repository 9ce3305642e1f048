"""设置 → 工作日历: the years the working-day calendar knows (the package's, or added from the State Council's
notice with its 文号), the selected year's holidays and 调休 workdays, and importing a year's schedule from a
TOML file (administrators; anyone while the database has no officers). Errors are shown in the tab, plainly.
Register it in the settings page: `page.add_tab(CalendarTab(window.db, window.user), …)`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain.workdays import package_years
from core.domain.workflow import Role
from core.services import calendar as svc
from core.services import users
from core.services.errors import ServiceError
from core.services.users import UserView
from core.store.uow import Database


def calendar_help_text() -> str:
    """帮助 → 添加一年的节假日安排: how an administrator adds a year (also in the README)."""
    return QCoreApplication.translate(
        "CalendarHelp",
        "Public notice periods are counted in working days on the State Council's holiday schedule. The "
        "chinese-calendar component knows the years up to %1; a period reaching a later year is refused until an "
        "administrator adds that year.\n\n"
        "To add a year, once the State Council has published 国务院办公厅关于××年部分节假日安排的通知:\n"
        "1. Copy resources/calendar/2027.example.toml (an example, not official, not loaded) and write in it the "
        "year, the notice's 文号 (doc_no), every holiday (holidays) and every make-up working Saturday or Sunday "
        "(workdays), as in the notice.\n"
        "2. As an administrator, open 设置 → 工作日历 and click 导入节假日安排…, or run\n"
        "   main.py --db DB --user NAME --password-env VAR calendar import FILE.toml\n"
        "3. Check the year with 设置 → 工作日历 or main.py calendar show YEAR.\n\n"
        "Importing the same year again replaces it; an added year takes the place of the component's year; every "
        "import is in the audit trail with the notice's 文号.",
    ).replace("%1", str(max(package_years())))


class CalendarTab(QWidget):
    imported = Signal(int)  # the year imported: pages showing 公示 dates may count again

    def __init__(self, db: Database, user: UserView | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.rows: list[svc.YearView] = []
        layout = QVBoxLayout(self)
        self.info = QLabel(
            self.tr(
                "Working days follow the State Council's yearly holiday schedule (国务院办公厅关于××年部分节假日安排的"
                "通知), with its make-up working Saturdays and Sundays. The years below come from the chinese-calendar "
                "component or were added by an administrator from the notice; an added year replaces the component's. "
                "When the notice for a new year is published, write its holidays and make-up working days in a TOML "
                "file (format: resources/calendar/2027.example.toml, an example only) and import it here, or run "
                "main.py calendar import FILE.toml. Importing a year again replaces it; every import is in the audit trail."
            )
        )
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Year"),
                self.tr("Source"),
                self.tr("Notice no."),
                self.tr("Holidays"),
                self.tr("Make-up days"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import holiday schedule…"))
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message_label)
        with db.uow() as uow:
            open_database = users.count_users(uow) == 0
        self.may_import = open_database or (user is not None and Role.ADMIN in user.roles)
        self.import_button.setEnabled(self.may_import)
        if not self.may_import:
            self.import_button.setToolTip(self.tr("Only an administrator imports a holiday schedule."))
            self.message_label.setText(self.tr("Only an administrator imports a holiday schedule."))
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.import_button.clicked.connect(self.on_import_clicked)
        self.table.itemSelectionChanged.connect(self.on_selection_changed)

    def source_text(self, view: svc.YearView) -> str:
        if view.source == "added":
            return (
                self.tr("Added by %1 on %2")
                .replace("%1", view.added_by)
                .replace("%2", f"{view.added_at:%Y-%m-%d}" if view.added_at else "")
            )
        return self.tr("chinese-calendar component")

    def refresh(self) -> None:
        with self.db.uow() as uow:
            self.rows = list(reversed(svc.list_years(uow)))  # the newest years first
        self.table.setRowCount(len(self.rows))
        for r, view in enumerate(self.rows):
            values = (
                str(view.year),
                self.source_text(view),
                view.doc_no,
                str(len(view.holidays)),
                str(len(view.workdays)),
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, view.year)
                self.table.setItem(r, c, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        if self.rows:
            self.table.selectRow(0)

    def selected(self) -> svc.YearView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def on_selection_changed(self) -> None:
        view = self.selected()
        if view is None:
            self.detail.setText("")
            return
        self.detail.setText(
            self.tr("%1: holidays %2; make-up working days %3")
            .replace("%1", str(view.year))
            .replace("%2", svc.days_text(view.year, view.holidays) or "—")
            .replace("%3", svc.days_text(view.year, view.workdays) or "—")
        )

    def on_import_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import holiday schedule"), "", self.tr("Holiday schedules (*.toml);;All files (*)")
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> svc.YearView | None:
        actor = self.user.name if self.user is not None else ""
        try:
            with self.db.uow() as uow:
                view = svc.import_file(uow, actor, path)
        except ServiceError as exc:
            self._say(str(exc), error=True)
            return None
        done = (
            self.tr("Schedule for %1 replaced (%2).")
            if view.replaced
            else self.tr("Schedule for %1 imported (%2).")
        )
        self._say(done.replace("%1", str(view.year)).replace("%2", view.doc_no), error=False)
        self.refresh()
        for r, row in enumerate(self.rows):
            if row.year == view.year:
                self.table.selectRow(r)
        self.imported.emit(view.year)
        return view

    def _say(self, text: str, error: bool) -> None:
        self.message_label.setStyleSheet("color: #b42318;" if error else "color: #067647;")
        self.message_label.setText(text)

"""The main window: a navigation list on the left, one page per item on the right.

To give an area its page, replace its factory in PAGES (one line). A factory takes the MainWindow (which
holds `db` and `settings`) and returns the page widget. A page may offer these optional methods, which the
window's shortcuts call: `focus_search()` (Ctrl+F), `new_item()` (Ctrl+N), `refresh()` (when shown again).
Pages are built the first time they are shown (or asked for with `page(key)`).

Start-up (ui.app.run) first shows the window as a shell, `MainWindow(settings=...)` without a database: title,
navigation (greyed), menus, status bar and a "opening the database" line in the page area. Only that is
painted before the slow part (SQLAlchemy, the migration check, the sign-in); `first_painted` tells the app when
the shell is on screen, and `attach(db, user)` then enables the window and builds the first page. Given a
database at construction (tests, benches), the window attaches at once. This module therefore imports nothing
that pulls SQLAlchemy in at import time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.version import __version__
from ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # at run time these come with attach(): importing them pulls SQLAlchemy in (~0.25 s)
    from core.services.users import UserView
    from core.store.uow import Database

PageFactory = Callable[["MainWindow"], QWidget]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # English source text, translated in the "MainWindow" context
    factory: PageFactory


def _enterprises(window: MainWindow) -> QWidget:
    from core.domain.permissions import Action
    from ui import permissions
    from ui.pages.enterprises_page import EnterprisesPage
    from ui.widgets.case_process import attach_history_to_enterprises_page

    page = EnterprisesPage(window.db, user=window.user)
    attach_history_to_enterprises_page(page, window.db)  # the 历史 tab of the detail
    page.set_may_edit(
        permissions.may(window.db, window.user, Action.ENTERPRISE_EDIT),
        permissions.needed_text(Action.ENTERPRISE_EDIT),
    )
    return page


def _titles(window: MainWindow) -> QWidget:
    from core.domain.permissions import Action
    from ui import permissions
    from ui.pages.titles_page import TitlesPage

    page = TitlesPage(window.db, user=window.user)
    page.set_may_edit(
        permissions.may(window.db, window.user, Action.TITLE_EDIT), permissions.needed_text(Action.TITLE_EDIT)
    )
    return page


def _cases(window: MainWindow) -> QWidget:
    from core.domain.permissions import Action
    from ui import permissions
    from ui.pages.cases_page import CasesPage
    from ui.widgets.case_process import attach_to_cases_page

    page = CasesPage(window.db, user=window.user)
    attach_to_cases_page(page, window.db, window.user)  # the process steps and history beside the editor
    for button in (page.new_button, page.batch_button):
        permissions.apply(button, window.db, window.user, Action.CASE_EDIT)
    return page


def _documents(window: MainWindow) -> QWidget:
    from ui.pages.documents.page import DocumentsPage

    return DocumentsPage(window.db, user=window.user)


def _settings(window: MainWindow) -> QWidget:
    from core.domain.permissions import Action
    from ui import permissions
    from ui.pages.settings.issuing import DocumentSettingsTab
    from ui.pages.settings.policy_files import PolicyFilesTab
    from ui.pages.settings_page import SettingsPage

    page = SettingsPage(window.settings)
    policy_files = PolicyFilesTab(window.db, user=window.user)
    policy_files.setObjectName("policy_files_tab")
    permissions.apply(policy_files, window.db, window.user, Action.POLICY_INSTALL)
    page.add_tab(policy_files, QCoreApplication.translate("MainWindow", "Policy files"))
    issuing = DocumentSettingsTab(window.db, user=window.user)
    issuing.setObjectName("issuing_tab")
    permissions.apply(issuing, window.db, window.user, Action.DOCUMENT_SETTINGS)
    page.add_tab(issuing, QCoreApplication.translate("MainWindow", "Issuing"))
    from ui.pages.settings.users import UsersTab

    page.add_tab(UsersTab(window.db, window.user), QCoreApplication.translate("MainWindow", "Users"))
    from ui.pages.settings.calendar import CalendarTab

    page.add_tab(
        CalendarTab(window.db, window.user), QCoreApplication.translate("MainWindow", "Working-day calendar")
    )
    if window.db.engine.dialect.name == "sqlite":  # a shared PostgreSQL server is backed up by its own tools
        from ui.pages.settings.backups import BackupsTab

        backups = BackupsTab(window.db)
        backups.setObjectName("backups_tab")
        permissions.apply(backups, window.db, window.user, Action.BACKUP)
        backups.restored.connect(lambda _file: window.refresh_all())
        page.add_tab(backups, QCoreApplication.translate("MainWindow", "Backups"))
    return page


def _stats(window: MainWindow) -> QWidget:
    from ui.pages.stats_page import StatsPage  # imported when first shown (charts load QtCharts)

    return StatsPage(window.db)


PAGES: list[PageSpec] = [
    PageSpec("enterprises", QT_TRANSLATE_NOOP("MainWindow", "Enterprises"), _enterprises),
    PageSpec("titles", QT_TRANSLATE_NOOP("MainWindow", "National titles"), _titles),
    PageSpec(
        "cases",
        QT_TRANSLATE_NOOP("MainWindow", "Reward cases"),
        _cases,
    ),
    PageSpec(
        "documents",
        QT_TRANSLATE_NOOP("MainWindow", "Documents"),
        _documents,
    ),
    PageSpec(
        "stats",
        QT_TRANSLATE_NOOP("MainWindow", "Statistics"),
        _stats,
    ),
    PageSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "Settings"), _settings),
]


class MainWindow(QMainWindow):
    first_painted = Signal()  # the window is on screen (emitted once, after its first paint has been flushed)

    def __init__(
        self,
        db: Database | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        user: UserView | None = None,
    ) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._painted = False
        self.user = user
        self.settings = settings if settings is not None else QSettings("SubsidyDesk", "SubsidyDesk")
        self.setWindowTitle("奖补案件台 Subsidy Desk")
        screen = self.screen().availableGeometry()
        self.resize(min(1500, int(screen.width() * 0.92)), min(950, int(screen.height() * 0.92)))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 15px; border: none; background: #f2f4f7; }"
            "QListWidget#navigation::item { padding: 10px 14px; }"
            "QListWidget#navigation::item:selected { background: #1f6feb; color: white; }"
        )
        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._holders: dict[str, QWidget] = {}
        for spec in PAGES:
            item = QListWidgetItem(QCoreApplication.translate("MainWindow", spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders[spec.key] = holder
            self.stack.addWidget(holder)
        # What the page area says until the database is open and an officer signed in (see attach()).
        self.waiting_label: QLabel | None = QLabel(self.tr("Opening the database…"))
        self.waiting_label.setObjectName("waiting")
        self.waiting_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting_label.setStyleSheet("color: #666; font-size: 15px;")
        first_layout = self._holders[PAGES[0].key].layout()
        assert first_layout is not None
        first_layout.addWidget(self.waiting_label)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel()
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.db_label)
        self.user_label = QLabel()
        self.user_label.setObjectName("signed_in_user")
        self.statusBar().addPermanentWidget(self.user_label)
        self.set_user(user)

        self._build_menus()
        self._connect_signals()
        self._set_attached(False)
        if db is not None:
            self.attach(db, user)

    @property
    def db(self) -> Database:
        """The open database; the window has none between its first paint and the sign-in (see attach())."""
        if self._db is None:
            raise RuntimeError("the main window has no database yet: attach() one first")
        return self._db

    @property
    def attached(self) -> bool:
        """A database is attached (and, when started by ui.app, an officer signed in)."""
        return self._db is not None

    @property
    def painted(self) -> bool:
        """The window has been painted at least once."""
        return self._painted

    def attach(self, db: Database, user: UserView | None = None) -> None:
        """Hand the window its database and the signed-in officer: navigation and commands come alive and the
        first page is built (start-up calls this after the sign-in, over the already painted window)."""
        from core.store.engine import describe  # SQLAlchemy: loaded by now, not at the window's first paint

        self._db = db
        self.db_label.setText(self.tr("Database: %1").replace("%1", describe(db.url_text)))
        self.set_user(user)
        if self.waiting_label is not None:
            self.waiting_label.hide()
            self.waiting_label.deleteLater()
            self.waiting_label = None
        self._set_attached(True)
        self.apply_permissions()
        self.nav.setCurrentRow(0)

    def apply_permissions(self) -> None:
        """The File menu's imports, exports and undo follow the permission table (core.domain.permissions)."""
        from core.domain.permissions import Action
        from ui import permissions

        needs = {
            "action_import_enterprises": Action.REGISTER_IMPORT,
            "action_import_titles": Action.REGISTER_IMPORT,
            "action_export": Action.EXPORT_PERSONAL,
            "action_import_history": Action.IMPORT_UNDO,
        }
        for action in self.import_actions:
            need = needs.get(action.objectName())
            if need is not None:
                permissions.apply(action, self.db, self.user, need)

    def await_sign_in(self) -> None:
        """The database is open; the page area now says the sign-in is what is awaited."""
        if self.waiting_label is not None:
            self.waiting_label.setText(self.tr("Please sign in."))

    def _set_attached(self, attached: bool) -> None:
        """Before attach(), the navigation and every command that needs the database are greyed out."""
        self.nav.setEnabled(attached)
        for action in (*self.import_actions, self.find_action, self.new_action, *self.page_actions):
            action.setEnabled(attached)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Queued: the backing store is flushed to the screen before anyone reacts.
            QTimer.singleShot(0, self, self.first_painted.emit)

    def set_user(self, user: UserView | None) -> None:
        """Who is signed in: shown in the status bar; every change is recorded under this name."""
        self.user = user
        password_action = getattr(self, "password_action", None)  # 账户 → 修改密码…: for whoever is signed in
        if password_action is not None:
            password_action.setEnabled(user is not None)
        for page in getattr(self, "_pages", {}).values():  # pages built so far act for the new officer too
            pass_on = getattr(page, "set_user", None)
            if callable(pass_on):
                pass_on(user)
        if getattr(self, "_db", None) is not None and hasattr(self, "import_actions"):
            self.apply_permissions()
        if user is None:
            self.user_label.setText(self.tr("Not signed in"))
            return
        self.user_label.setText(
            self.tr("Signed in: %1 (%2)").replace("%1", user.shown_name).replace("%2", user.roles_label)
        )

    # --- pages -------------------------------------------------------------------------------------------

    def keys(self) -> list[str]:
        return [spec.key for spec in PAGES]

    def page(self, key: str) -> QWidget:
        """The page for `key`, built on first use."""
        if key not in self._pages:
            spec = next(s for s in PAGES if s.key == key)
            widget = spec.factory(self)
            widget.setObjectName(f"page_{key}")
            layout = self._holders[key].layout()
            assert layout is not None
            layout.addWidget(widget)
            self._pages[key] = widget
        return self._pages[key]

    def refresh_all(self) -> None:
        """Reload every page built so far (after a restore replaced the database under them)."""
        for page in self._pages.values():
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()

    def current_key(self) -> str:
        return self.keys()[self.stack.currentIndex()]

    def current_page(self) -> QWidget:
        return self.page(self.current_key())

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.keys().index(key))

    # --- wiring ------------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        from ui.dialogs.imports.menu import install_file_menu  # the import/export area's entries

        self.import_actions = install_file_menu(self, file_menu)
        self.quit_action = QAction(self.tr("E&xit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        file_menu.addAction(self.quit_action)

        from ui.dialogs.account_menu import install_account_menu  # 账户 → 修改密码…

        self.password_action = install_account_menu(self)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About"), self)
        self.calendar_help_action = QAction(self.tr("Adding a year's holiday schedule…"), self)
        help_menu.addAction(self.calendar_help_action)
        help_menu.addAction(self.about_action)

        self.find_action = QAction(self.tr("Find"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.new_action = QAction(self.tr("New"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.addAction(self.find_action)
        self.addAction(self.new_action)
        self.page_actions: list[QAction] = []
        for i, key in enumerate(self.keys(), start=1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i}"))
            action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
            self.addAction(action)
            self.page_actions.append(action)

    def _connect_signals(self) -> None:
        self.nav.currentRowChanged.connect(self.on_nav_changed)
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self.on_about)
        self.calendar_help_action.triggered.connect(self.on_calendar_help)
        self.find_action.triggered.connect(self.on_find)
        self.new_action.triggered.connect(self.on_new)

    def on_nav_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.keys()[row]
        fresh = key not in self._pages
        page = self.page(key)
        self.stack.setCurrentIndex(row)
        refresh = getattr(page, "refresh", None)
        if not fresh and callable(refresh):
            refresh()

    def on_find(self) -> None:
        action = getattr(self.current_page(), "focus_search", None)
        if callable(action):
            action()

    def on_new(self) -> None:
        action = getattr(self.current_page(), "new_item", None)
        if callable(action):
            action()

    def on_calendar_help(self) -> None:
        from ui.pages.settings.calendar import calendar_help_text

        QMessageBox.information(self, self.tr("Working-day calendar"), calendar_help_text())

    def on_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Subsidy Desk"),
            self.tr(
                "Subsidy Desk %1\n\nReward cases for national single champions and little giants in the "
                "AI and robotics field (Guangdong policy 粤府办〔2025〕6号)."
            ).replace("%1", __version__),
        )

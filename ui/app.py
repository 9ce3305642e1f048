"""Composition root of the desktop app: settings, database, translators, fonts, main window.

The only place that wires things together; pages and dialogs are handed what they need.

Start-up order (the officer sees a window as soon as a bare Qt window would appear, issue 2's start target):
1. Qt, translators, font, and the main window as a shell (title, greyed navigation, menus, status bar,
   "opening the database" in the page area) — shown and painted. Nothing of SQLAlchemy is imported yet.
2. After that first paint (`MainWindow.first_painted`, or after START_FALLBACK_MS when the window is not
   painted, e.g. started minimised): import the store, open and migrate the database (a failure is a message
   box over the window, exit code 1), sign in (`--user/--password-env`, else the sign-in or first-administrator
   dialog over the window; cancelling exits 0), then `window.attach(db, user)` builds the first page, and the
   backups start (the first one 1.5 s later).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from core.cli.options import parse_global

if TYPE_CHECKING:
    from argparse import Namespace

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from core.store.uow import Database
    from ui.main_window import MainWindow

ORGANIZATION = "SubsidyDesk"
APPLICATION = "SubsidyDesk"
LANGUAGE_KEY = "ui/language"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
APP_QM = I18N_DIR / "subsidy_desk_zh_CN.qm"

NO_DISPLAY_MESSAGE = """\
奖补案件台：没有可用的显示器（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开桌面窗口。
  - 在命令行中使用：uv run main.py --help （例如 uv run main.py enterprises list）
  - 无显示器运行窗口（测试、截图）：QT_QPA_PLATFORM=offscreen uv run main.py
  - 或使用虚拟显示器：xvfb-run -a uv run main.py

Subsidy Desk: no display is available (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open.
  - Use the command line instead: uv run main.py --help
  - Run the window without a display (tests, screenshots): QT_QPA_PLATFORM=offscreen uv run main.py
  - Or use a virtual display: xvfb-run -a uv run main.py
"""

# Fonts that carry Simplified Chinese, in order of preference (Windows, macOS, Linux).
CJK_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "SimSun",
)


def has_display(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """False only where Qt would abort: Linux/BSD without X11/Wayland and no platform plugin chosen."""
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    if plat.startswith(("win", "darwin", "cygwin")):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


# When the shell window gets no paint (started minimised, a platform that paints late), go on after this long.
START_FALLBACK_MS = 1000


def database_url(db: str | None, db_url: str | None) -> str:
    if db_url:
        return db_url
    from core.paths import default_db_path
    from core.store.engine import sqlite_url

    path = Path(db) if db else default_db_path()
    return sqlite_url(path.expanduser().resolve()).render_as_string(hide_password=False)


def run(argv: Sequence[str]) -> int:
    args, _rest = parse_global(argv)
    if not has_display():
        sys.stderr.write(NO_DISPLAY_MESSAGE)
        return 1

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "main.py"])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("奖补案件台 Subsidy Desk")
    settings = QSettings(ORGANIZATION, APPLICATION)
    language = args.lang or str(settings.value(LANGUAGE_KEY, DEFAULT_LANGUAGE))
    install_translators(app, language)
    ensure_cjk_font(app)
    install_excepthook()

    from ui.main_window import MainWindow

    window = MainWindow(settings=settings)  # the shell: painted before the database is touched
    start = _Start(app, window, args)
    window.first_painted.connect(start.after_first_paint)
    start.fallback = QTimer(window)
    start.fallback.setSingleShot(True)
    start.fallback.setInterval(START_FALLBACK_MS)
    start.fallback.timeout.connect(start.after_first_paint)
    start.fallback.start()
    window.show()
    try:
        code = app.exec()
    finally:
        start.close()
        window.deleteLater()  # nothing of this start may fire after run() returned (tests call run() again)
    return start.code if start.code is not None else code


class _Start:
    """Step 2 of the start-up (see the module docstring), run once from the event loop."""

    def __init__(self, app: QApplication, window: MainWindow, args: Namespace) -> None:
        self.app = app
        self.window = window
        self.args = args
        self.db: Database | None = None
        self.code: int | None = None  # set when the start-up itself ends the app (error, cancelled sign-in)
        self.started = False
        self.fallback: QTimer | None = None

    def after_first_paint(self) -> None:
        if self.started:
            return
        self.started = True
        if self.fallback is not None:
            self.fallback.stop()
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        from core.store.migrate import open_database  # SQLAlchemy, the models: ~0.3 s, now the window is up

        url = database_url(self.args.db, self.args.db_url)
        try:
            self.db, report = open_database(url)
        except Exception as exc:  # any failure to open: tell the officer, no traceback
            QMessageBox.critical(
                self.window,
                QCoreApplication.translate("App", "Cannot open the database"),
                QCoreApplication.translate("App", "The database could not be opened:\n%1\n\n%2")
                .replace("%1", url)
                .replace("%2", f"{type(exc).__name__}: {exc}"),
            )
            self.stop(1)
            return

        from ui.dialogs.sign_in import sign_in, sign_in_from_options

        self.window.await_sign_in()

        # --user NAME --password-env VAR signs in without the dialog (scripts, screenshots); else ask.
        user = sign_in_from_options(self.db, self.args.user, self.args.password_env) or sign_in(
            self.db, self.window
        )
        if user is None:  # the officer cancelled the sign-in
            self.stop(0)
            return
        self.window.attach(self.db, user)
        if report.backup is not None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("App", "Database upgraded; a backup was written to %1").replace(
                    "%1", str(report.backup)
                ),
                15000,
            )
        _start_backups(self.db, self.window)

    def stop(self, code: int) -> None:
        """End the app from the start-up: the window closes and app.exec() returns; run() returns `code`."""
        self.code = code
        self.window.close()
        self.app.exit(code)

    def close(self) -> None:
        """After app.exec() returned: nothing left to fire; the database closed."""
        self.started = True
        if self.fallback is not None:
            self.fallback.stop()
        if self.db is not None:
            self.db.dispose()
            self.db = None


def _start_backups(db: Database, window: QMainWindow) -> None:
    """SQLite: a backup at start and one a day while the app stays open (rotation keeps 7 daily, 4 weekly).

    A failed backup is reported in the status bar; it never stops the officer working.
    """
    from PySide6.QtCore import QCoreApplication, QTimer
    from sqlalchemy.engine import make_url

    from core.services import backup

    url = make_url(db.url_text)
    if url.get_backend_name() != "sqlite" or not url.database:
        return
    path = Path(url.database)

    def run_backup(first: bool) -> None:
        try:
            (backup.backup_at_start if first else backup.backup_daily)(path)
        except Exception as exc:  # a full disk or a locked folder: say so, keep working
            window.statusBar().showMessage(
                QCoreApplication.translate("App", "Automatic backup failed: %1").replace("%1", str(exc)),
                30000,
            )

    QTimer.singleShot(1500, window, lambda: run_backup(True))  # after the window is up and painted
    timer = QTimer(window)
    timer.setInterval(60 * 60 * 1000)  # hourly check; backup_daily writes at most one copy a day
    timer.timeout.connect(lambda: run_backup(False))
    timer.start()


def install_translators(app: object, language: str) -> list[object]:
    """Load our .qm and Qt's own qtbase_zh_CN unless the language is English. Returns the translators."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    assert isinstance(app, QCoreApplication)
    if language == "en":
        QLocale.setDefault(QLocale("en_US"))
        return []
    QLocale.setDefault(QLocale("zh_CN"))
    loaded: list[object] = []
    ours = QTranslator(app)
    if ours.load(str(APP_QM)):
        app.installTranslator(ours)
        loaded.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        qt = QTranslator(app)
        if qt.load(name, qt_dir):
            app.installTranslator(qt)
            loaded.append(qt)
            break
    return loaded


def ensure_cjk_font(app: object) -> None:
    """Keep the platform font for Latin text and add a CJK family as fallback when it lacks Chinese."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    font = QApplication.font()
    chinese = QFontDatabase.WritingSystem.SimplifiedChinese
    if chinese in QFontDatabase.writingSystems(font.family()):
        return
    available = set(QFontDatabase.families(chinese))
    for family in CJK_FONTS:
        if family in available:
            fixed = QFont(font)
            fixed.setFamilies([font.family(), family])
            QApplication.setFont(fixed)
            return


def install_excepthook() -> None:
    """Show an unexpected error in a message box and keep the app running (the officer keeps their work)."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(text)
        if issubclass(exc_type, KeyboardInterrupt):
            return
        try:
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(
                QMessageBox.Icon.Critical,
                QCoreApplication.translate("App", "Unexpected error"),
                QCoreApplication.translate(
                    "App", "Something went wrong. Your data is safe; please tell the maintainer:\n%1"
                ).replace("%1", f"{exc_type.__name__}: {exc}"),
            )
            box.setDetailedText(text)
            box.exec()
        except Exception:  # the hook itself must never raise
            pass

    sys.excepthook = hook

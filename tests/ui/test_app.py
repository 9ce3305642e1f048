"""The composition root: display detection, translators, database errors as messages, the exception hook."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from ui import app


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({}, "win32", True),
        ({}, "darwin", True),
    ],
)
def test_has_display(environ: dict[str, str], platform: str, expected: bool) -> None:
    assert app.has_display(environ, platform) is expected


def test_chinese_translators_translate_the_window(qapp: QApplication) -> None:
    loaded = app.install_translators(qapp, "zh_CN")
    try:
        assert len(loaded) >= 1
        assert QCoreApplication.translate("MainWindow", "Enterprises") == "企业库"
        assert QCoreApplication.translate("MainWindow", "National titles") == "国家级称号"
    finally:
        for translator in loaded:
            qapp.removeTranslator(translator)  # type: ignore[arg-type]
    assert QCoreApplication.translate("MainWindow", "Enterprises") == "Enterprises"


def test_english_setting_installs_no_translator(qapp: QApplication) -> None:
    assert app.install_translators(qapp, "en") == []


def test_a_database_that_cannot_be_opened_is_a_message_not_a_traceback(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own: restore it afterwards
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a directory should be")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: shown.append(f"{title}: {text}"))
    code = app.run(["--lang", "en", "--db", str(blocker / "desk.sqlite")])
    assert code == 1
    assert len(shown) == 1
    assert "Cannot open the database" in shown[0] and str(blocker) in shown[0]


def test_excepthook_shows_the_error_and_returns(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    app.install_excepthook()
    try:
        raise ValueError("boom")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert len(boxes) == 1
    assert "ValueError: boom" in boxes[0].text()
    assert "test_excepthook_shows_the_error" in boxes[0].detailedText()
    assert "ValueError: boom" in capsys.readouterr().err


# --- the start-up order: the window first, then the database and the sign-in over it ----------------------


def _shown_main_windows() -> list[Any]:
    from ui.main_window import MainWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


@pytest.fixture
def start_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """run() installs an excepthook: undone after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def _quit_after_attach(monkeypatch: pytest.MonkeyPatch, seen: dict[str, Any]) -> None:
    """Record the window as attach() leaves it, then end app.exec() (as closing the window would)."""
    from PySide6.QtCore import QTimer

    from ui import permissions
    from ui.main_window import MainWindow

    attach = MainWindow.attach

    def attach_and_quit(window: MainWindow, *args: Any, **kwargs: Any) -> None:
        attach(window, *args, **kwargs)
        seen["user_label"] = window.user_label.text()
        seen["db_label"] = window.db_label.text()
        seen["page"] = type(window.current_page()).__name__
        seen["nav_enabled"] = window.nav.isEnabled()
        seen["password_enabled"] = window.password_action.isEnabled()
        # the officer the first page's changes are recorded under (passed as the actor to the services)
        seen["page_actor"] = permissions.actor(getattr(window.current_page(), "user", None))
        window.close()
        QTimer.singleShot(0, QCoreApplication.quit)

    monkeypatch.setattr(MainWindow, "attach", attach_and_quit)


def test_the_window_is_painted_before_the_database_is_opened_and_the_sign_in_comes_over_it(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start_env: None
) -> None:
    from core.store import migrate
    from ui.dialogs.sign_in import SignInDialog

    events: list[str] = []
    opened = migrate.open_database

    def open_database(url: str) -> Any:
        windows = _shown_main_windows()
        assert len(windows) == 1, "no main window on screen when the database is opened"
        window = windows[0]
        events.append(f"open database: painted={window.painted} attached={window.attached}")
        return opened(url)

    monkeypatch.setattr(migrate, "open_database", open_database)

    def exec_(dialog: SignInDialog) -> int:
        window = _shown_main_windows()[0]
        waiting = window.waiting_label.text() if window.waiting_label is not None else None
        events.append(
            f"sign-in over the window={dialog.parent() is window} first_start={dialog.first_start}"
            f" nav_enabled={window.nav.isEnabled()} waiting={waiting}"
        )
        return 0  # the officer cancels

    monkeypatch.setattr(SignInDialog, "exec", exec_)
    code = app.run(["--lang", "en", "--db", str(tmp_path / "desk.sqlite")])
    assert code == 0
    assert events == [
        "open database: painted=True attached=False",
        "sign-in over the window=True first_start=True nav_enabled=False waiting=Please sign in.",
    ]
    assert (tmp_path / "desk.sqlite").exists()
    assert _shown_main_windows() == []  # cancelling the sign-in closes the window


def test_first_start_creates_the_administrator_and_opens_the_first_page(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start_env: None
) -> None:
    from core.services import users
    from core.store.engine import sqlite_url
    from core.store.migrate import open_database
    from ui.dialogs.sign_in import SignInDialog

    def exec_(dialog: SignInDialog) -> int:
        assert dialog.first_start
        dialog.name_edit.setText("admin")
        dialog.display_edit.setText("系统管理员")
        dialog.password_edit.setText("password 123")
        dialog.confirm_edit.setText("password 123")
        dialog.on_ok()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", exec_)
    seen: dict[str, Any] = {}
    _quit_after_attach(monkeypatch, seen)
    path = tmp_path / "desk.sqlite"
    assert app.run(["--lang", "en", "--db", str(path)]) == 0
    assert seen == {
        "user_label": "Signed in: 系统管理员（admin） (管理员)",
        "db_label": f"Database: {path}",
        "page": "EnterprisesPage",
        "nav_enabled": True,
        "password_enabled": True,
        "page_actor": "admin",  # changes in the window are recorded under the officer's name
    }
    db, _ = open_database(sqlite_url(path))
    try:
        with db.uow() as uow:
            assert not users.needs_first_admin(uow)
    finally:
        db.dispose()


def test_user_and_password_env_sign_in_without_a_dialog(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start_env: None
) -> None:
    from core.services import users
    from core.store.engine import sqlite_url
    from core.store.migrate import open_database

    path = tmp_path / "desk.sqlite"
    db, _ = open_database(sqlite_url(path))
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", "password 123")
    db.dispose()
    monkeypatch.setenv("DESK_TEST_PASSWORD", "password 123")
    seen: dict[str, Any] = {}
    _quit_after_attach(monkeypatch, seen)
    # No dialog is patched: the autouse guard fails the test if the sign-in dialog opened.
    code = app.run(
        ["--lang", "en", "--db", str(path), "--user", "admin", "--password-env", "DESK_TEST_PASSWORD"]
    )
    assert code == 0
    assert seen["user_label"].startswith("Signed in: ") and "admin" in seen["user_label"]
    assert seen["page"] == "EnterprisesPage"
    assert seen["password_enabled"]  # 账户 → 修改密码… for the officer signed in after the first paint


def test_the_window_shell_loads_no_database_code(tmp_path: Path) -> None:
    """What is painted first (the shell, its menus) imports neither SQLAlchemy nor a service: opening the
    database comes after the first paint (a regression here cost 0.4 s of every start)."""
    import subprocess

    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.main_window import MainWindow\n"
        "window = MainWindow()\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(sorted({m.split('.')[0] + '.' + m.split('.')[1] for m in sys.modules"
        " if m.startswith(('sqlalchemy', 'core.services', 'core.store')) and '.' in m}))\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=Path(__file__).resolve().parents[2], env=env,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"

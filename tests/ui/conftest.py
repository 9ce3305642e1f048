"""UI test fixtures: no unpatched modal dialog may open (it would block forever offscreen); a main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from core.domain import uscc
from core.services import enterprises as ent_svc
from core.services.enterprises import EnterpriseInput, EnterpriseView
from core.store.uow import Database
from ui.main_window import MainWindow

_MODAL_STATICS = ("information", "warning", "critical", "question", "about")


@pytest.fixture(autouse=True)
def _no_unpatched_modals(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make every blocking dialog fail the test loudly unless the test patches it (monkeypatch.setattr)."""
    opened: list[str] = []

    def refuse(name: str) -> Callable[..., Any]:
        def _refuse(*args: Any, **kwargs: Any) -> Any:
            opened.append(f"{name}{args[1:3]!r}")
            raise AssertionError(
                f"unpatched modal dialog {name} opened with {args[1:3]!r}; patch it in the test"
            )

        return _refuse

    for name in _MODAL_STATICS:
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse(f"QMessageBox.{name}")))
    monkeypatch.setattr(QMessageBox, "exec", refuse("QMessageBox.exec"))
    monkeypatch.setattr(QDialog, "exec", refuse("QDialog.exec"))
    yield
    # An exception raised inside a Qt slot may be swallowed; the record is not.
    assert not opened, f"unpatched modal dialogs opened: {opened}"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: Any, db: Database, settings: QSettings) -> MainWindow:
    win = MainWindow(db, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type like an officer: ASCII with key clicks, Chinese as an input-method commit (as a pinyin IME does).

    QTest.keyClicks cannot send characters beyond Latin-1 (Qt aborts), so those go through QInputMethodEvent.
    """
    widget.setFocus()
    chunk = ""
    for ch in text + "\0":
        if ch != "\0" and ch.isascii():
            chunk += ch
            continue
        if chunk:
            qtbot.keyClicks(widget, chunk)
            chunk = ""
        if ch != "\0":
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def code_for(serial: int, district_code: str = "440604") -> str:
    """A valid credit code (check character computed) for test enterprise number `serial`."""
    return uscc.with_check_digit(f"91{district_code}MA{serial:07d}"[:17])


def add_enterprise(db: Database, serial: int, name: str, actor: str = "", **fields: Any) -> EnterpriseView:
    """`actor`: the clerk who registers it once the database has officers (issue 16)."""
    values: dict[str, Any] = {"district": "禅城区", "field": "ai"} | fields
    with db.uow() as uow:
        return ent_svc.add_enterprise(
            uow, EnterpriseInput(code=code_for(serial), name=name, **values), actor=actor
        )

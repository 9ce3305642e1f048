"""The composition root: display detection, translators, database errors as messages, the exception hook."""

from __future__ import annotations

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

"""设置 → 备份: list the automatic copies, take one now, restore one only after the officer confirms."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from core.services import backup, demo
from core.services.enterprises import add_enterprise
from core.store.uow import Database
from ui.pages.settings.backups import BackupsTab


def _count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM enterprise").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def tab(qtbot: Any, db: Database) -> BackupsTab:
    widget = BackupsTab(db)
    qtbot.addWidget(widget)
    return widget


def test_back_up_now_lists_the_copy(tab: BackupsTab, db_path: Path) -> None:
    assert tab.table.rowCount() == 0
    made = tab.backup_now()
    assert made is not None and made.parent == db_path.parent / "backups"
    assert tab.table.rowCount() == 1 and tab.table.item(0, 1).text() == "By hand"


def test_the_reason_of_each_copy_is_shown_in_chinese(
    qtbot: Any, qapp: Any, db: Database, db_path: Path
) -> None:
    from datetime import datetime

    from ui import app

    backup.backup_at_start(db_path, at=datetime(2026, 11, 2, 8, 30))
    backup.backup_before(db_path, "import", at=datetime(2026, 11, 2, 9, 15))
    loaded = app.install_translators(qapp, "zh_CN")
    try:
        widget = BackupsTab(db)
        qtbot.addWidget(widget)
        reasons = {widget.table.item(r, 1).text() for r in range(widget.table.rowCount())}
        assert reasons == {"导入前", "启动时"}
        assert "升级前的备份始终保留" in widget.info.text()
    finally:
        for translator in loaded:
            qapp.removeTranslator(translator)


def test_restore_happens_only_after_confirmation(
    tab: BackupsTab, db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [data for data, _t in demo.generate(3, seed=2)]
    with db.uow() as uow:
        add_enterprise(uow, rows[0], actor="wang")
    copy = backup.backup_before(db_path, "import")
    with db.uow() as uow:
        add_enterprise(uow, rows[1], actor="wang")
    tab.refresh()
    tab.table.selectRow(0)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(_parent: Any, _title: str, text: str, *a: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: QMessageBox.StandardButton.Ok))
    assert tab.restore_selected() is False
    assert _count(db_path) == 2 and copy.name in asked[0]

    answer = QMessageBox.StandardButton.Yes
    assert tab.restore_selected() is True
    assert _count(db_path) == 1
    assert list(db_path.parent.glob("desk.before-restore-*.sqlite"))
    with db.uow() as uow:  # the app's database object works on the restored file
        add_enterprise(uow, rows[2], actor="wang")
    assert _count(db_path) == 2


def test_each_copy_says_why_it_exists_and_how_long_it_is_kept(
    qtbot: Any, qapp: Any, db: Database, db_path: Path
) -> None:
    from datetime import datetime

    from ui import app

    backup.backup_at_start(db_path, at=datetime(2026, 12, 4, 8, 30))
    backup.backup_before(db_path, "import", at=datetime(2026, 12, 4, 9, 15))
    backup.backup_before(db_path, "undo-import", at=datetime(2026, 12, 4, 9, 20))
    backup.backup_before(db_path, "restore", at=datetime(2026, 12, 4, 9, 25))
    backup.backup_before(db_path, "upgrade", at=datetime(2026, 12, 4, 9, 30))
    loaded = app.install_translators(qapp, "zh_CN")
    try:
        widget = BackupsTab(db)
        qtbot.addWidget(widget)
        rows = {
            widget.table.item(r, 1).text(): widget.table.item(r, 2).text()
            for r in range(widget.table.rowCount())
        }
        assert rows == {
            "启动时": "按轮换保留",
            "导入前": "保留至 2027-03-04",
            "撤销导入前": "保留至 2027-03-04",
            "恢复备份前": "保留至 2027-03-04",
            "数据库升级前（始终保留）": "始终保留",
        }
        assert "至少保留90天" in widget.info.text()
    finally:
        for translator in loaded:
            qapp.removeTranslator(translator)

"""The import dialog as an officer uses it: open a district's file, fix a column the program did not know,
read the preview counts, import, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox

from core.services import enterprises as ent_svc
from core.services import imports as svc
from core.store.uow import Database
from tests.ui.conftest import add_enterprise, code_for
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.imports.dialog import ImportDialog
from ui.dialogs.imports.history import ImportHistoryDialog
from ui.main_window import MainWindow


def _file(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["禅城区企业名单"])
    ws.merge_cells("A1:D1")
    ws.append(["序号", "单位", "统一社会信用代码", "所在区"])  # 单位 is not a header the program knows
    ws.append([1, "佛山市甲机器人有限公司", code_for(1), "禅城区"])  # already registered under another name
    ws.append([2, "佛山市乙智能有限公司", code_for(2), "禅城区"])
    ws.append([3, "佛山市丙科技有限公司", "12345", "禅城区"])
    wb.save(path)
    return path


def _choose_kind(dialog: ImportDialog, kind: str) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))


def _wait(qtbot: Any, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def _answer(monkeypatch: pytest.MonkeyPatch, yes: bool, asked: list[str] | None = None) -> None:
    def question(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        if asked is not None:
            asked.append(text)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))


def test_import_fix_mapping_preview_import_undo(
    qtbot: Any, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_enterprise(db, 1, "佛山市甲有限公司")
    dialog = ImportDialog(db, "enterprises", pool=QThreadPool())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(_file(tmp_path / "list.xlsx"))
    _wait(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.missing == ("name",)
    assert not dialog.import_button.isEnabled()
    assert "企业名称" in dialog.mapping_hint.text() or "Enterprise name" in dialog.mapping_hint.text()

    combo = dialog.mapping_combo(1)  # the 单位 column
    combo.setCurrentIndex(combo.findData("name"))
    _wait(qtbot, dialog)
    p = dialog.preview
    assert p is not None and p.missing == ()
    assert (p.count(svc.RowStatus.NEW), p.count(svc.RowStatus.CHANGED), p.count(svc.RowStatus.ERROR)) == (
        1,
        1,
        1,
    )
    counts = dialog.counts_label.text()
    assert "1" in counts and dialog.model.rowCount() == 3
    assert dialog.import_button.isEnabled() and dialog.errors_button.isEnabled()

    dialog.save_errors(tmp_path / "errors.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "errors.xlsx").active
    assert ws.cell(1, 5).value == "问题" and ws.max_row == 2

    with qtbot.waitSignal(dialog.imported, timeout=20_000) as blocker:
        dialog.import_button.click()
    batch = blocker.args[0]
    _wait(qtbot, dialog)
    with db.uow() as uow:
        assert ent_svc.get_enterprise(uow, code_for(1)).name == "佛山市甲机器人有限公司"
        assert ent_svc.count(uow) == 2
    assert dialog.undo_button.isVisible() and not dialog.import_button.isEnabled()

    asked: list[str] = []
    _answer(monkeypatch, False, asked)
    dialog.undo_button.click()  # the officer says no: nothing is undone
    assert len(asked) == 1 and "list.xlsx" in asked[0]
    with db.uow() as uow:
        assert ent_svc.count(uow) == 2 and svc.get_batch(uow, batch).undone_at is None

    _answer(monkeypatch, True)
    with qtbot.waitSignal(dialog.undone, timeout=20_000):
        dialog.undo_button.click()
    _wait(qtbot, dialog)
    with db.uow() as uow:
        assert ent_svc.get_enterprise(uow, code_for(1)).name == "佛山市甲有限公司"
        assert ent_svc.count(uow) == 1
        assert svc.get_batch(uow, batch).undone_at is not None


def test_unreadable_file_is_explained(qtbot: Any, db: Database, tmp_path: Path) -> None:
    bad = tmp_path / "list.xlsx"
    bad.write_bytes(b"not a workbook")
    dialog = ImportDialog(db, "enterprises", pool=QThreadPool())
    qtbot.addWidget(dialog)
    dialog.load_file(bad)
    _wait(qtbot, dialog)
    assert "无法读取" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()


def test_title_list_shows_unmatched_rows(qtbot: Any, db: Database, tmp_path: Path) -> None:
    add_enterprise(db, 1, "佛山市甲机器人有限公司")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "省份", "企业名称"])
    ws.append([1, "广东省", "佛山市甲机器人有限公司"])
    ws.append([2, "广东省", "佛山市甲机器人科技公司"])
    wb.save(tmp_path / "miit.xlsx")
    dialog = ImportDialog(db, "titles", pool=QThreadPool())
    qtbot.addWidget(dialog)
    _choose_kind(dialog, "little-giant")  # the list's heading does not say
    dialog.load_file(tmp_path / "miit.xlsx")
    _wait(qtbot, dialog)
    p = dialog.preview
    assert p is not None and p.count(svc.RowStatus.NEW) == 1 and p.count(svc.RowStatus.UNMATCHED) == 1
    dialog.show_combo.setCurrentIndex(dialog.show_combo.findData("unmatched"))
    assert dialog.model.rowCount() == 1
    assert "佛山市甲机器人有限公司" in dialog.model.data(dialog.model.index(0, 4))


def test_history_undo_and_export(
    qtbot: Any, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path / "list.xlsx")
    with db.uow() as uow:
        report = svc.import_enterprises(uow, path, mapping={1: "name"}, actor="system")
    history = ImportHistoryDialog(db)
    qtbot.addWidget(history)
    assert history.table.rowCount() == 1 and history.undo_button.isEnabled()
    asked: list[str] = []
    _answer(monkeypatch, True, asked)
    history.undo_button.click()
    assert f"{report.created}" in asked[0]
    assert "撤销" in history.message.text() or str(report.batch) in history.message.text()
    with db.uow() as uow:
        assert ent_svc.count(uow) == 0
    assert history.table.item(0, 6).text() != ""  # 已撤销 at
    assert not history.undo_button.isEnabled()  # an undone batch cannot be undone again
    export = ExportDialog(db, pool=QThreadPool())
    qtbot.addWidget(export)
    export.export("ledger", tmp_path / "ledger.xlsx")
    qtbot.waitUntil(lambda: not export.busy, timeout=20_000)
    assert (tmp_path / "ledger.xlsx").exists() and "ledger.xlsx" in export.message.text()
    export.export("enterprises", tmp_path / "wrong.csv")
    qtbot.waitUntil(lambda: not export.busy, timeout=20_000)
    assert ".xlsx" in export.message.text() and not (tmp_path / "wrong.csv").exists()


def test_file_menu_has_the_import_actions(window: MainWindow) -> None:
    names = {a.objectName() for a in window.menuBar().actions()[0].menu().actions()}
    assert {
        "action_import_enterprises",
        "action_import_titles",
        "action_export",
        "action_import_history",
    } <= names


def test_ctrl_i_opens_the_enterprise_import(qtbot: Any, window: MainWindow) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible()]
    assert len(opened) == 1 and opened[0].kind == "enterprises"
    opened[0].close()


def test_officer_picks_a_candidate_for_an_unmatched_row(qtbot: Any, db: Database, tmp_path: Path) -> None:
    add_enterprise(db, 1, "佛山市甲机器人有限公司")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "省份", "企业名称"])
    ws.append([1, "广东省", "佛山市甲机器人科技公司"])
    wb.save(tmp_path / "miit.xlsx")
    dialog = ImportDialog(db, "titles", pool=QThreadPool())
    qtbot.addWidget(dialog)
    _choose_kind(dialog, "little-giant")  # the list's heading does not say
    dialog.show()
    dialog.load_file(tmp_path / "miit.xlsx")
    _wait(qtbot, dialog)
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    assert dialog.match_row.isVisible() and dialog.match_combo.count() == 2
    dialog.match_combo.setCurrentIndex(1)
    dialog.match_combo.activated.emit(1)
    _wait(qtbot, dialog)
    p = dialog.preview
    assert p is not None and p.count(svc.RowStatus.NEW) == 1 and p.count(svc.RowStatus.UNMATCHED) == 0


def test_cancel_leaves_the_database_unchanged(qtbot: Any, db: Database, tmp_path: Path) -> None:
    import threading

    from PySide6.QtCore import QRunnable

    path = _file(tmp_path / "list.xlsx")
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    dialog = ImportDialog(db, "enterprises", pool=pool)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    _wait(qtbot, dialog)
    dialog.set_mapping(1, "name")
    _wait(qtbot, dialog)

    gate = threading.Event()

    class Blocker(QRunnable):
        def run(self) -> None:
            gate.wait(10)

    pool.start(Blocker())  # holds the only worker thread, so the import waits in the queue
    dialog.import_button.click()
    assert dialog.busy and dialog.cancel_button.isEnabled() and dialog.progress.isHidden()  # not at once
    qtbot.waitUntil(lambda: not dialog.progress.isHidden(), timeout=3000)  # after ~0.5 s of work (ui.workers)
    dialog.cancel_button.click()
    gate.set()
    _wait(qtbot, dialog)
    assert "已取消" in dialog.status_label.text()
    with db.uow() as uow:
        assert ent_svc.count(uow) == 0 and svc.list_batches(uow) == []
    assert dialog.import_button.isEnabled()  # the officer may try again


def test_changing_the_title_details_rechecks_before_import(qtbot: Any, db: Database, tmp_path: Path) -> None:
    add_enterprise(db, 1, "佛山市甲机器人有限公司")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "省份", "企业名称"])
    ws.append([1, "广东省", "佛山市甲机器人有限公司"])
    wb.save(tmp_path / "miit.xlsx")
    dialog = ImportDialog(db, "titles", pool=QThreadPool())
    qtbot.addWidget(dialog)
    _choose_kind(dialog, "little-giant")  # the list's heading does not say
    dialog.batch_spin.setValue(6)
    dialog.load_file(tmp_path / "miit.xlsx")
    _wait(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    dialog.batch_spin.setValue(7)
    assert not dialog.import_button.isEnabled()  # the preview was made for batch 6
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20_000)
    assert dialog.preview is not None and dialog.preview.params["batch"] == "7"
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    with db.uow() as uow:
        from core.services import titles as title_svc

        assert [t.batch for t in title_svc.list_titles(uow)] == [7]


def _titles_file(path: Path, heading: str | None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if heading is not None:
        ws.append([heading])
    ws.append(["序号", "省份", "企业名称"])
    ws.append([1, "广东省", "佛山市甲机器人有限公司"])
    wb.save(path)
    return path


def _kinds(db: Database) -> list[str]:
    from core.services import titles as title_svc

    with db.uow() as uow:
        return [t.kind.value for t in title_svc.list_titles(uow)]


def test_title_kind_is_read_from_the_heading_and_shown(qtbot: Any, db: Database, tmp_path: Path) -> None:
    add_enterprise(db, 1, "佛山市甲机器人有限公司")
    dialog = ImportDialog(db, "titles", pool=QThreadPool())
    qtbot.addWidget(dialog)
    assert dialog.kind_combo.currentData() == ""  # no kind preselected
    dialog.load_file(_titles_file(tmp_path / "list.xlsx", '第七批专精特新"小巨人"企业名单'))
    _wait(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.title_kind == "little-giant"
    shown = dialog.kind_label.text()
    assert ("专精特新“小巨人”" in shown or "Little giant" in shown) and "表头第1行" in shown
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    assert _kinds(db) == ["little-giant"]


def test_unreadable_kind_must_be_chosen(qtbot: Any, db: Database, tmp_path: Path) -> None:
    add_enterprise(db, 1, "佛山市甲机器人有限公司")
    dialog = ImportDialog(db, "titles", pool=QThreadPool())
    qtbot.addWidget(dialog)
    dialog.load_file(_titles_file(tmp_path / "miit.xlsx", "第七批名单"))
    _wait(qtbot, dialog)
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    hint = dialog.kind_label.text()
    assert "choose" in hint.lower() or "选择" in hint
    _choose_kind(dialog, "single-champion")
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20_000)
    assert dialog.preview is not None and dialog.preview.title_kind == "single-champion"
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    assert _kinds(db) == ["single-champion"]


def test_a_choice_contradicting_the_heading_asks_naming_both_kinds(
    qtbot: Any, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_enterprise(db, 1, "佛山市甲机器人有限公司")
    dialog = ImportDialog(db, "titles", pool=QThreadPool())
    qtbot.addWidget(dialog)
    _choose_kind(dialog, "single-champion")
    dialog.load_file(_titles_file(tmp_path / "list.xlsx", "第七批专精特新“小巨人”企业名单"))
    _wait(qtbot, dialog)
    assert "表头第1行" in dialog.kind_label.text()
    asked: list[str] = []
    _answer(monkeypatch, False, asked)
    dialog.import_button.click()
    (text,) = asked
    assert "Single champion" in text or "制造业单项冠军" in text
    assert "Little giant" in text or "专精特新“小巨人”" in text
    assert not dialog.busy and _kinds(db) == []  # declined: nothing written
    with db.uow() as uow:
        assert svc.list_batches(uow) == []
    _answer(monkeypatch, True)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    assert _kinds(db) == ["single-champion"]


def test_the_backup_the_dialog_names_survives_restarts_and_rotation(
    qtbot: Any, db: Database, db_path: Path, tmp_path: Path, today: Any
) -> None:
    from datetime import date, timedelta

    from core.services import backup

    today(date(2026, 12, 4))
    dialog = ImportDialog(db, "enterprises", pool=QThreadPool())
    qtbot.addWidget(dialog)
    dialog.load_file(_file(tmp_path / "list.xlsx"))
    _wait(qtbot, dialog)
    dialog.set_mapping(1, "name")
    _wait(qtbot, dialog)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    named = Path(dialog.status_label.toolTip())
    assert named.is_file() and named.name in dialog.status_label.text()
    for offset in range(91):  # three restarts a day and the daily copy, up to day 90 (2027-03-04)
        today(date(2026, 12, 4) + timedelta(days=offset))
        for _ in range(3):
            backup.backup_at_start(db_path)
        backup.backup_daily(db_path)
    assert named.is_file()
    routine = [b for b in backup.list_backups(db_path) if b.reason in ("start", "daily")]
    assert len(routine) <= backup.KEEP_DAILY + backup.KEEP_WEEKLY + backup.KEEP_LAST


def test_the_file_menu_dialogs_act_for_the_signed_in_officer(qtbot: Any, db: Database, settings: Any) -> None:
    """Imports, undos and exports are recorded under the officer of the window (passed as the actor)."""
    from PySide6.QtWidgets import QApplication

    from core.services import users

    with db.uow() as uow:
        admin = users.create_first_admin(uow, "admin", "password 123")
    window = MainWindow(db, settings=settings, user=admin)
    qtbot.addWidget(window)
    actions = {a.objectName(): a for a in window.menuBar().actions()[0].menu().actions()}
    for name in ("action_import_enterprises", "action_import_history", "action_export"):
        actions[name].setEnabled(True)  # the permission table aside: which officer the dialog acts for
        actions[name].trigger()
    opened = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, ImportDialog | ImportHistoryDialog | ExportDialog) and w.isVisible()
    ]
    assert len(opened) == 3 and {w.actor for w in opened} == {"admin"}
    for w in opened:
        w.close()

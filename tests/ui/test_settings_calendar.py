"""设置 → 工作日历: the years known with their source, importing a year's schedule (administrators), errors shown
plainly in the tab, and the in-app help on adding a year."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.domain.workflow import CaseState
from core.services import audit, users
from core.services import calendar as svc
from core.store.uow import Database
from ui.main_window import MainWindow
from ui.pages.settings.calendar import CalendarTab

PW = "password 123"
GOOD = 'year = 2027\ndoc_no = "国办发明电〔2026〕7号"\nholidays = [2027-01-01, 2027-01-02, 2027-01-03]\nworkdays = []\n'


def _admin(db: Database) -> users.UserView:
    with db.uow() as uow:
        return users.create_first_admin(uow, "admin", PW)


def _tab(qtbot: Any, db: Database, user: users.UserView | None) -> CalendarTab:
    widget = CalendarTab(db, user)
    qtbot.addWidget(widget)
    return widget


def _years(tab: CalendarTab) -> dict[str, tuple[str, str]]:
    t = tab.table
    return {t.item(r, 0).text(): (t.item(r, 1).text(), t.item(r, 2).text()) for r in range(t.rowCount())}


def test_an_admin_imports_a_year_through_the_file_dialog(
    qtbot: Any, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _tab(qtbot, db, _admin(db))
    years = _years(tab)
    assert "2027" not in years and years["2026"] == ("chinese-calendar component", "")
    assert tab.import_button.isEnabled()
    path = tmp_path / "2027.toml"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    seen: list[int] = []
    tab.imported.connect(seen.append)
    tab.import_button.click()
    assert seen == [2027]
    assert _years(tab)["2027"] == ("Added by admin on 2026-12-04", "国办发明电〔2026〕7号")
    assert "imported" in tab.message_label.text() and "国办发明电〔2026〕7号" in tab.message_label.text()
    assert tab.selected() is not None and tab.selected().year == 2027  # type: ignore[union-attr]
    assert "1月1日至3日" in tab.detail.text()
    with db.uow() as uow:
        assert svc.load(uow).knows(2027)
        assert audit.entries_for(uow, "calendar", "2027")[0].actor == "admin"


def test_a_bad_file_is_shown_plainly_in_the_tab(qtbot: Any, db: Database, tmp_path: Path) -> None:
    tab = _tab(qtbot, db, _admin(db))
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace("workdays = []", "workdays = [2027-01-04]"), encoding="utf-8")
    assert tab.import_file(path) is None  # no dialog: the reason is in the tab
    assert "星期六或星期日" in tab.message_label.text() and "b42318" in tab.message_label.styleSheet()
    assert "2027" not in _years(tab)


def test_only_an_administrator_may_import(qtbot: Any, db: Database) -> None:
    _admin(db)
    with db.uow() as uow:
        clerk = users.add_user(uow, "admin", "wang", "clerk", PW)
    tab = _tab(qtbot, db, clerk)
    assert not tab.import_button.isEnabled()
    assert "administrator" in tab.message_label.text()


def test_the_settings_page_has_the_tab_and_help_says_how_to_add_a_year(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = window.page("settings")
    tabs = settings.tabs  # type: ignore[attr-defined]
    assert any(isinstance(tabs.widget(i), CalendarTab) for i in range(tabs.count()))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text: shown.append(text)))
    window.calendar_help_action.trigger()
    assert shown and "calendar import" in shown[0] and "2027.example.toml" in shown[0] and "2026" in shown[0]


def test_the_tab_and_the_help_read_in_chinese(qtbot: Any, qapp: Any, db: Database) -> None:
    from ui import app
    from ui.pages.settings.calendar import calendar_help_text

    loaded = app.install_translators(qapp, "zh_CN")
    try:
        tab = _tab(qtbot, db, None)
        assert tab.import_button.text() == "导入节假日安排…"
        assert tab.table.horizontalHeaderItem(2).text() == "通知文号"
        assert "设置 → 工作日历" in calendar_help_text() and "管理员" in calendar_help_text()
    finally:
        for translator in loaded:
            qapp.removeTranslator(translator)


def test_the_process_panel_says_how_the_notice_end_was_counted(
    qtbot: Any, db: Database, tmp_path: Path, today: Any
) -> None:
    from core.services import workflow as wf_svc
    from tests.integration.test_calendar import GOOD as SCHEDULE
    from tests.integration.test_calendar import _case_under_review
    from ui.widgets.case_process import CaseProcessPanel

    today(date(2026, 12, 28))
    case_id = _case_under_review(db)
    path = tmp_path / "2027.toml"
    path.write_text(SCHEDULE, encoding="utf-8")
    with db.uow() as uow:
        svc.import_file(uow, "admin", path)
        reviewer = users.get_user(uow, "li")
    panel = CaseProcessPanel(db, reviewer)
    qtbot.addWidget(panel)
    panel.show_case(case_id)
    assert panel.take(CaseState.PUBLIC_NOTICE, {"date": "2026-12-28", "period": "7"})
    how = "自2026年12月28日起7个工作日，至2027年1月6日（跳过2027年1月1日至3日节假日）"
    assert f"Counted: {how}" in panel.message_label.text()
    assert f"Counted: {how}" in panel.people_label.text()
    with db.uow() as uow:
        assert wf_svc.process(uow, case_id).notice_end == date(2027, 1, 6)

"""The main window: navigation, shortcuts, status bar, settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QWidget

from core.store.uow import Database
from ui import main_window
from ui.main_window import PAGES, MainWindow, PageSpec
from ui.pages.enterprises_page import EnterprisesPage
from ui.pages.settings_page import SettingsPage
from ui.pages.titles_page import TitlesPage


def test_title_and_navigation_items(window: MainWindow) -> None:
    assert window.windowTitle() == "奖补案件台 Subsidy Desk"
    assert window.keys() == ["enterprises", "titles", "cases", "documents", "stats", "settings"]
    assert window.nav.count() == 6
    assert window.current_key() == "enterprises"


def test_clicking_navigation_switches_pages(qtbot: Any, window: MainWindow) -> None:
    item = window.nav.item(1)
    qtbot.mouseClick(
        window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center()
    )
    assert window.current_key() == "titles"
    assert isinstance(window.stack.currentWidget().findChild(TitlesPage), TitlesPage)
    window.nav.setCurrentRow(5)
    assert isinstance(window.current_page(), SettingsPage)


def test_ctrl_digit_and_ctrl_f_shortcuts(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "titles"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "enterprises"
    page = window.current_page()
    assert isinstance(page, EnterprisesPage)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is not None and page.dialog.isVisible()
    page.dialog.reject()


def test_status_bar_shows_the_database_path(window: MainWindow, db_path: Any) -> None:
    assert str(db_path) in window.db_label.text()


def test_the_stats_entry_opens_the_dashboard(window: MainWindow) -> None:
    from ui.pages.stats_page import StatsPage

    window.show_page("stats")
    assert isinstance(window.current_page(), StatsPage)


def test_a_page_factory_can_be_replaced(
    qtbot: Any, db: Database, settings: QSettings, monkeypatch: Any
) -> None:
    built: list[MainWindow] = []

    def cases(win: MainWindow) -> QWidget:
        built.append(win)
        return QLabel("cases page")

    pages = [PageSpec("cases", s.title, cases) if s.key == "cases" else s for s in PAGES]
    monkeypatch.setattr(main_window, "PAGES", pages)
    win = MainWindow(db, settings=settings)
    qtbot.addWidget(win)
    win.show_page("cases")
    assert built == [win]
    assert isinstance(win.current_page(), QLabel)


def test_settings_language_is_stored_and_tabs_can_be_added(window: MainWindow, settings: QSettings) -> None:
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    assert page.general.language_combo.currentData() == "zh_CN"  # the default
    page.general.language_combo.setCurrentIndex(page.general.language_combo.findData("en"))
    assert settings.value("ui/language") == "en"
    before = page.tabs.count()
    index = page.add_tab(QLabel("x"), "Budget")
    assert page.tabs.tabText(index) == "Budget"
    assert page.tabs.count() == before + 1


def test_returning_to_the_register_shows_records_added_elsewhere(window: MainWindow, db: Database) -> None:
    from tests.ui.conftest import add_enterprise

    page = window.page("enterprises")
    assert isinstance(page, EnterprisesPage)
    window.show_page("titles")
    add_enterprise(db, 1, "佛山市别处新增有限公司")
    window.show_page("enterprises")
    assert page.model.rowCount() == 1

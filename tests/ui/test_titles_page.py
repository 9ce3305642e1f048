"""国家级称号 page: add through the dialog (enterprise picked by name or code), filters, sort, revoke."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from core.domain.enums import TitleStatus
from core.services import titles as title_svc
from core.services.titles import TitleInput, TitleQuery
from core.store.uow import Database
from tests.ui.conftest import add_enterprise, code_for, type_text
from ui.dialogs.title_dialog import RevokeDialog, TitleDialog
from ui.main_window import MainWindow
from ui.pages.titles_page import TitlesPage


def titles_page(window: MainWindow) -> TitlesPage:
    window.show_page("titles")
    page = window.page("titles")
    assert isinstance(page, TitlesPage)
    return page


def column(page: TitlesPage, col: int) -> list[str]:
    return [page.model.data(page.model.index(r, col)) for r in range(page.model.rowCount())]


def add_title(
    db: Database, serial: int, kind: str = "little-giant", batch: int = 6, on: str = "2024-07-01"
) -> None:
    with db.uow() as uow:
        title_svc.add_title(
            uow,
            TitleInput(enterprise_code=code_for(serial), kind=kind, batch=batch, recognized_on=on),
            actor="system",
        )


def test_add_title_picking_the_enterprise_by_name(qtbot: Any, window: MainWindow, db: Database) -> None:
    add_enterprise(db, 1, "佛山市星河机器人有限公司")
    add_enterprise(db, 2, "佛山市星河家具有限公司")
    page = titles_page(window)
    assert page.model.rowCount() == 0
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, TitleDialog)

    type_text(qtbot, dialog.enterprise_edit, "星河")
    assert dialog.resolve_enterprise()[0] is None  # two match: the officer must choose
    assert dialog.matches.rowCount() == 2
    type_text(qtbot, dialog.enterprise_edit, "机器人")
    assert dialog.resolve_enterprise()[0] == code_for(1)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("single-champion"))
    assert dialog.form.isRowVisible(dialog.boxes["product"])
    dialog.champion_combo.setCurrentIndex(dialog.champion_combo.findData("product"))
    type_text(qtbot, dialog.product_edit, "协作机器人")
    dialog.batch_spin.setValue(9)
    dialog.date_edit.setDate(QDate(2025, 3, 20))
    type_text(qtbot, dialog.doc_edit, "工信厅政法函〔2025〕1号")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column(page, 0) == ["佛山市星河机器人有限公司"]
    assert column(page, 3) == ["Single champion（Champion product）"]
    assert column(page, 4) == ["协作机器人"]
    assert column(page, 5) == ["Batch 9"]
    assert page.count_label.text() == "1 titles"


def test_add_title_by_code_and_missing_product_is_marked(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    add_enterprise(db, 3, "佛山市代码输入有限公司")
    page = titles_page(window)
    dialog = page.open_dialog(None)
    qtbot.keyClicks(dialog.enterprise_edit, code_for(3).lower())
    assert "佛山市代码输入有限公司" in dialog.boxes["enterprise_code"].message.text()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("single-champion"))
    dialog.champion_combo.setCurrentIndex(dialog.champion_combo.findData("product"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.boxes["product"].error() == "冠军产品须填写产品名称。"
    assert dialog.enterprise_edit.text() == code_for(3).lower()


def test_unknown_enterprise_keeps_the_dialog_open(qtbot: Any, window: MainWindow) -> None:
    page = titles_page(window)
    dialog = page.open_dialog(None)
    type_text(qtbot, dialog.enterprise_edit, "不存在的公司")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.boxes["enterprise_code"].error()
    assert page.model.rowCount() == 0


def test_batch_year_warning_is_shown_after_saving(
    qtbot: Any, window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_enterprise(db, 4, "佛山市年份有限公司")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    page = titles_page(window)
    dialog = page.open_dialog(None)
    qtbot.keyClicks(dialog.enterprise_edit, code_for(4))
    dialog.batch_spin.setValue(1)  # little giant batch 1 was 2019
    dialog.date_edit.setDate(QDate(2024, 7, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(shown) == 1 and "2019" in shown[0]


def test_revoke_asks_for_a_reason_then_marks_the_title(qtbot: Any, window: MainWindow, db: Database) -> None:
    add_enterprise(db, 5, "佛山市复核未过有限公司")
    add_title(db, 5)
    page = titles_page(window)
    page.refresh()
    page.table.selectRow(0)
    assert page.revoke_button.isEnabled()
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, RevokeDialog)
    dialog.date_edit.setDate(QDate(2025, 6, 30))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.boxes["reason"].error()

    type_text(qtbot, dialog.reason_edit, "复核未通过")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with db.uow() as uow:
        (title,) = title_svc.list_titles(uow, TitleQuery())
    assert (title.status, title.status_reason, title.status_on.isoformat() if title.status_on else None) == (
        TitleStatus.REVOKED,
        "复核未通过",
        "2025-06-30",
    )
    assert column(page, 8) == ["Revoked"]
    assert not page.revoke_button.isEnabled()  # a revoked title cannot be revoked again


def test_revoke_date_before_recognition_is_refused(qtbot: Any, window: MainWindow, db: Database) -> None:
    add_enterprise(db, 6, "佛山市日期有限公司")
    add_title(db, 6, on="2024-07-01")
    page = titles_page(window)
    page.refresh()
    page.table.selectRow(0)
    dialog = page.revoke_current()
    assert dialog is not None
    dialog.date_edit.setDate(QDate(2020, 1, 1))
    type_text(qtbot, dialog.reason_edit, "测试")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "不能早于认定日期" in dialog.banner.text()
    assert dialog.reason_edit.toPlainText() == "测试"


def test_filters_search_and_sort(qtbot: Any, window: MainWindow, db: Database) -> None:
    add_enterprise(db, 10, "佛山市甲机器人有限公司", district="南海区")
    add_enterprise(db, 11, "佛山市乙智能有限公司", district="顺德区")
    add_title(db, 10, "little-giant", 6, "2024-07-01")
    add_title(db, 11, "single-champion", 9, "2025-03-01")
    add_title(db, 11, "little-giant", 5, "2023-07-01")
    page = titles_page(window)
    page._load_choices()
    page.refresh()
    assert page.model.rowCount() == 3

    page.kind_combo.setCurrentIndex(page.kind_combo.findData("little-giant"))
    assert page.model.rowCount() == 2
    page.year_combo.setCurrentIndex(page.year_combo.findData(2023))
    assert column(page, 0) == ["佛山市乙智能有限公司"]
    page.year_combo.setCurrentIndex(0)
    page.district_combo.setCurrentIndex(page.district_combo.findData("南海区"))
    assert column(page, 0) == ["佛山市甲机器人有限公司"]
    page.district_combo.setCurrentIndex(0)
    page.kind_combo.setCurrentIndex(0)

    type_text(qtbot, page.search_edit, "乙智能")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)

    page.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # batch: 5 before 9
    assert column(page, 5) == ["Batch 5", "Batch 9"]
    page.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    assert column(page, 5) == ["Batch 9", "Batch 5"]

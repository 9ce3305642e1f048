"""企业库 page: add/edit through the real dialog widgets, inline code validation, search, sort, filters."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from core.domain import uscc
from core.domain.enums import TitleKind
from core.services import enterprises as ent_svc
from core.services import titles as title_svc
from core.services.titles import TitleInput
from core.store.uow import Database
from tests.ui.conftest import add_enterprise, code_for, type_text
from ui.dialogs.enterprise_dialog import EnterpriseDialog
from ui.main_window import MainWindow
from ui.pages.enterprises_page import EnterprisesPage


def page_of(window: MainWindow) -> EnterprisesPage:
    page = window.page("enterprises")
    assert isinstance(page, EnterprisesPage)
    return page


def names_in_table(page: EnterprisesPage) -> list[str]:
    model = page.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def open_new_dialog(qtbot: Any, page: EnterprisesPage) -> EnterpriseDialog:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, EnterpriseDialog)
    qtbot.waitExposed(dialog)
    return dialog


def bad_check_digit_code() -> str:
    good = code_for(7)
    wrong = "0" if good[-1] != "0" else "1"
    return good[:-1] + wrong


def test_add_enterprise_through_the_dialog_shows_it_in_the_table(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    page = page_of(window)
    assert page.model.rowCount() == 0
    dialog = open_new_dialog(qtbot, page)
    qtbot.keyClicks(dialog.code_edit, code_for(1).lower())  # lower case is normalised
    type_text(qtbot, dialog.name_edit, "佛山市智造机器人有限公司")
    type_text(qtbot, dialog.district_combo.lineEdit(), "南海区")
    dialog.field_combo.setCurrentIndex(dialog.field_combo.findData("robotics"))
    type_text(qtbot, dialog.field_reason_edit, "主营工业机器人")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert names_in_table(page) == ["佛山市智造机器人有限公司"]
    assert page.count_label.text() == "1 enterprises"
    with db.uow() as uow:
        stored = ent_svc.get_enterprise(uow, code_for(1))
    assert (stored.district, stored.field.value, stored.field_reason) == (
        "南海区",
        "robotics",
        "主营工业机器人",
    )
    # The new enterprise is selected and its details shown.
    assert page.selected_id() == stored.id
    assert page.detail.name_label.text() == "佛山市智造机器人有限公司"
    assert page.district_combo.findData("南海区") > 0


def test_bad_code_shows_the_message_and_the_form_keeps_what_was_typed(qtbot: Any, window: MainWindow) -> None:
    page = page_of(window)
    dialog = open_new_dialog(qtbot, page)
    qtbot.keyClicks(dialog.code_edit, "91440604MA0000O01X")  # letter O at position 15
    type_text(qtbot, dialog.name_edit, "佛山市测试有限公司")
    type_text(qtbot, dialog.address_edit, "佛山市禅城区季华五路1号")
    live = dialog.boxes["code"].error()
    assert "第15位“O”" in live and "0" in live

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "第15位" in dialog.banner.text()
    assert "第15位" in dialog.boxes["code"].error()
    assert dialog.code_edit.text() == "91440604MA0000O01X"
    assert dialog.name_edit.text() == "佛山市测试有限公司"
    assert dialog.address_edit.text() == "佛山市禅城区季华五路1号"
    assert page.model.rowCount() == 0


def test_empty_name_is_marked_next_to_the_name_field(qtbot: Any, window: MainWindow) -> None:
    dialog = open_new_dialog(qtbot, page_of(window))
    qtbot.keyClicks(dialog.code_edit, code_for(2))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.boxes["name"].error() == "企业名称不能为空。"
    assert dialog.code_edit.text() == code_for(2)


def test_check_digit_failure_needs_an_override_reason(qtbot: Any, window: MainWindow, db: Database) -> None:
    page = page_of(window)
    dialog = open_new_dialog(qtbot, page)
    assert not dialog.override_visible()
    code = bad_check_digit_code()
    qtbot.keyClicks(dialog.code_edit, code)
    type_text(qtbot, dialog.name_edit, "佛山市老代码有限公司")
    assert dialog.override_visible()
    expected = uscc.check(code).expected
    assert f"应为“{expected}”" in dialog.boxes["code"].error()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.boxes["code_override_reason"].error()
    assert page.model.rowCount() == 0

    type_text(qtbot, dialog.override_edit, "营业执照原件即为此代码")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with db.uow() as uow:
        stored = ent_svc.get_enterprise(uow, code)
    assert stored.code_override_reason == "营业执照原件即为此代码"
    assert names_in_table(page) == ["佛山市老代码有限公司"]


def test_override_field_hides_again_when_the_code_is_corrected(qtbot: Any, window: MainWindow) -> None:
    dialog = open_new_dialog(qtbot, page_of(window))
    qtbot.keyClicks(dialog.code_edit, bad_check_digit_code())
    assert dialog.override_visible()
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, code_for(7))
    assert not dialog.override_visible()
    assert dialog.boxes["code"].error() == ""


def test_duplicate_code_conflict_is_shown_in_the_dialog(qtbot: Any, window: MainWindow, db: Database) -> None:
    add_enterprise(db, 3, "佛山市甲公司")
    page = page_of(window)
    page.refresh()
    dialog = open_new_dialog(qtbot, page)
    qtbot.keyClicks(dialog.code_edit, code_for(3))
    type_text(qtbot, dialog.name_edit, "佛山市乙公司")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "已登记为“佛山市甲公司”" in dialog.banner.text()
    assert dialog.name_edit.text() == "佛山市乙公司"


def test_same_name_warning_is_shown_after_saving(
    qtbot: Any, window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_enterprise(db, 4, "佛山市同名有限公司")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    page = page_of(window)
    dialog = open_new_dialog(qtbot, page)
    qtbot.keyClicks(dialog.code_edit, code_for(5))
    type_text(qtbot, dialog.name_edit, "佛山市同名有限公司")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(shown) == 1 and "已有同名企业" in shown[0]
    assert page.model.rowCount() == 2


def test_edit_opens_on_activation_and_saves_changes(qtbot: Any, window: MainWindow, db: Database) -> None:
    add_enterprise(db, 6, "佛山市旧名称有限公司")
    page = page_of(window)
    page.refresh()
    page.table.setFocus()
    page.select_id(page.model.id_at(0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, EnterpriseDialog)
    assert dialog.name_edit.text() == "佛山市旧名称有限公司"
    dialog.name_edit.clear()
    type_text(qtbot, dialog.name_edit, "佛山市新名称有限公司")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert names_in_table(page) == ["佛山市新名称有限公司"]
    # The old name is kept as a former name, and the detail pane shows it.
    assert "佛山市旧名称有限公司" in page.detail.values["former_names"].text()


def test_edit_of_a_record_changed_meanwhile_reports_the_conflict(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    view = add_enterprise(db, 8, "佛山市并发有限公司")
    page = page_of(window)
    page.refresh()
    dialog = page.open_dialog(view.id)
    with db.uow() as uow:  # another officer saves first
        changed = replace(ent_svc.input_from_view(view), notes="他人的修改")
        ent_svc.update_enterprise(uow, view.id, changed, expected_version=view.version, actor="system")
    dialog.notes_edit.setPlainText("我的修改")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "已被他人修改" in dialog.banner.text()
    assert dialog.notes_edit.toPlainText() == "我的修改"


def test_search_as_you_type_narrows_the_table(qtbot: Any, window: MainWindow, db: Database) -> None:
    add_enterprise(db, 10, "佛山市南海智能装备有限公司", district="南海区")
    add_enterprise(db, 11, "佛山市顺德家电有限公司", district="顺德区")
    add_enterprise(db, 12, "佛山市禅城陶瓷有限公司", former_names=("佛山市旧智能科技有限公司",))
    page = page_of(window)
    page.refresh()
    assert page.model.rowCount() == 3

    type_text(qtbot, page.search_edit, "智能")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)  # name, and a former name
    assert sorted(names_in_table(page)) == ["佛山市南海智能装备有限公司", "佛山市禅城陶瓷有限公司"]

    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, code_for(11)[-6:].lower())
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert names_in_table(page) == ["佛山市顺德家电有限公司"]

    page.search_edit.clear()
    type_text(qtbot, page.search_edit, "顺德区")  # the district is searched too
    qtbot.waitUntil(lambda: names_in_table(page) == ["佛山市顺德家电有限公司"])
    assert page.count_label.text() == "1 enterprises"


def test_search_without_delay_runs_on_each_keystroke(qtbot: Any, window: MainWindow, db: Database) -> None:
    add_enterprise(db, 13, "佛山市甲有限公司")
    add_enterprise(db, 14, "佛山市乙有限公司")
    page = page_of(window)
    page.refresh()
    page.search_delay_ms = 0
    type_text(qtbot, page.search_edit, "乙")
    assert names_in_table(page) == ["佛山市乙有限公司"]  # no event loop turn needed


def test_an_enterprise_added_elsewhere_is_found_after_a_refresh(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    """Keystrokes are answered from memory; a refresh (after a save, an import, coming back to the page) reads
    the register again, so what was added meanwhile is found by the text already typed and by more typing."""
    add_enterprise(db, 15, "佛山市甲有限公司")
    page = page_of(window)
    page.refresh()
    page.search_delay_ms = 0
    type_text(qtbot, page.search_edit, "鲲鹏")
    assert page.model.rowCount() == 0
    add_enterprise(db, 16, "佛山市鲲鹏无人机有限公司")
    add_enterprise(db, 17, "佛山市鲲鹏智造有限公司")
    page.refresh()
    assert sorted(names_in_table(page)) == ["佛山市鲲鹏无人机有限公司", "佛山市鲲鹏智造有限公司"]
    type_text(qtbot, page.search_edit, "无人机")
    assert names_in_table(page) == ["佛山市鲲鹏无人机有限公司"]
    assert page.count_label.text() == "1 enterprises"


def test_sorting_by_a_column_changes_the_order(qtbot: Any, window: MainWindow, db: Database) -> None:
    add_enterprise(db, 20, "佛山市阿尔法有限公司", district="顺德区")
    add_enterprise(db, 21, "佛山市贝塔有限公司", district="禅城区")
    add_enterprise(db, 22, "佛山市伽马有限公司", district="南海区")
    page = page_of(window)
    page.refresh()
    page.select_id(page.model.id_at(0))
    selected = page.selected_id()
    header = page.table.horizontalHeader()

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_point(header, 2))
    by_district = [page.model.row_at(r).district for r in range(3)]  # type: ignore[union-attr]
    assert by_district in (["南海区", "禅城区", "顺德区"], ["顺德区", "禅城区", "南海区"])
    first = by_district
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_point(header, 2))
    assert [page.model.row_at(r).district for r in range(3)] == list(reversed(first))  # type: ignore[union-attr]
    # The selected enterprise stays selected across sorts.
    assert page.selected_id() == selected


def _section_point(header: Any, section: int) -> Any:
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + 10, header.height() // 2)


def test_filters_by_district_field_and_title_kind(qtbot: Any, window: MainWindow, db: Database) -> None:
    add_enterprise(db, 30, "佛山市南海人工智能有限公司", district="南海区", field="ai")
    add_enterprise(db, 31, "佛山市顺德机器人有限公司", district="顺德区", field="robotics")
    add_enterprise(db, 32, "佛山市顺德双领域有限公司", district="顺德区", field="both")
    add_enterprise(db, 33, "佛山市顺德家具有限公司", district="顺德区", field="other")
    with db.uow() as uow:
        title_svc.add_title(
            uow,
            TitleInput(
                enterprise_code=code_for(31), kind="little-giant", batch=6, recognized_on="2024-07-01"
            ),
            actor="system",
        )
    page = page_of(window)
    page._load_districts()
    page.refresh()
    assert page.model.rowCount() == 4

    page.district_combo.setCurrentIndex(page.district_combo.findData("顺德区"))
    assert page.model.rowCount() == 3
    page.field_combo.setCurrentIndex(page.field_combo.findData("robotics"))  # robotics includes "both"
    assert sorted(names_in_table(page)) == ["佛山市顺德双领域有限公司", "佛山市顺德机器人有限公司"]
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(TitleKind.LITTLE_GIANT.value))
    assert names_in_table(page) == ["佛山市顺德机器人有限公司"]
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(TitleKind.SINGLE_CHAMPION.value))
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "0 enterprises"
    for combo in (page.district_combo, page.field_combo, page.kind_combo):
        combo.setCurrentIndex(0)
    assert page.model.rowCount() == 4


def test_detail_pane_lists_the_titles_of_the_selected_enterprise(
    qtbot: Any, window: MainWindow, db: Database
) -> None:
    add_enterprise(db, 40, "佛山市有称号有限公司")
    with db.uow() as uow:
        title_svc.add_title(
            uow,
            TitleInput(
                enterprise_code=code_for(40),
                kind="little-giant",
                batch=6,
                recognized_on="2024-07-01",
                doc_no="甲号",
            ),
            actor="system",
        )
    page = page_of(window)
    page.refresh()
    assert "小巨人(第6批)" in page.model.data(page.model.index(0, 5))
    page.table.selectRow(0)
    table = page.detail.titles_table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(4)] == [
        "Little giant (short)（Batch 6）",
        "2024-07-01",
        "Valid",
        "甲号",
    ]


def _items(combo: Any) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_district_choices_follow_an_import_without_a_restart(
    qtbot: Any, window: MainWindow, db: Database, tmp_path: Any
) -> None:
    """Import through the File menu's dialog: the enterprises page filter, the titles page filter and the
    enterprise dialog's 所在区 list the new district at once."""
    import openpyxl
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from ui.dialogs.imports.dialog import ImportDialog
    from ui.pages.titles_page import TitlesPage

    add_enterprise(db, 40, "佛山市禅城旧企业有限公司", district="禅城区")
    page = page_of(window)
    window.show_page("titles")
    titles = window.page("titles")
    assert isinstance(titles, TitlesPage)
    window.show_page("enterprises")
    assert "高明区" not in _items(page.district_combo)

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["企业名称", "统一社会信用代码", "所在区"])
    ws.append(["佛山市高明新材料有限公司", code_for(41), "高明区"])
    wb.save(tmp_path / "list.xlsx")
    action = next(
        a
        for a in window.menuBar().actions()[0].menu().actions()
        if a.objectName() == "action_import_enterprises"
    )
    action.trigger()
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible()]
    dialog.pool = QThreadPool()
    dialog.load_file(tmp_path / "list.xlsx")
    qtbot.waitUntil(lambda: not dialog.busy and dialog.import_button.isEnabled(), timeout=20_000)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    dialog.close()

    assert "高明区" in _items(page.district_combo)  # no restart, no page switch
    assert "高明区" in _items(titles.district_combo)
    new = open_new_dialog(qtbot, page)
    assert {"高明区", "禅城区"} <= set(_items(new.district_combo))
    new.reject()
    standalone = EnterpriseDialog(db)  # as the import dialog opens it ("add as a new enterprise")
    qtbot.addWidget(standalone)
    assert {"高明区", "禅城区"} <= set(_items(standalone.district_combo))

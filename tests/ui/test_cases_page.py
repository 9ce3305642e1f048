"""奖励案件 page: live recomputation in the editor, every reason of an ineligible case, the batch preview."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.services import cases as svc
from core.services.demo import make_code
from core.services.enterprises import (
    EnterpriseInput,
    add_enterprise,
    get_enterprise,
    input_from_view,
    update_enterprise,
)
from core.services.titles import TitleInput, add_title
from core.store.uow import Database
from tests.ui.conftest import type_text
from ui.dialogs.case_dialogs import BatchDialog, NewCaseDialog
from ui.main_window import MainWindow
from ui.pages.cases_page import CasesPage

RNG = random.Random(11)


def _register(
    db: Database, name: str, kind: str, on: str, field: str = "robotics", re_review: bool = False
) -> str:
    code = make_code(RNG, "440606")
    with db.uow() as uow:
        add_enterprise(
            uow, EnterpriseInput(code=code, name=name, district="顺德区", field=field), actor="system"
        )
    with db.uow() as uow:
        add_title(
            uow,
            TitleInput(enterprise_code=code, kind=kind, batch=7, recognized_on=on, re_review=re_review),
            actor="system",
        )
    return code


def _case(db: Database, code: str, kind: str, **edit: Any) -> svc.CaseView:
    with db.uow() as uow:
        return svc.create_case(uow, code, kind, svc.CaseEdit(decided_on="2025-10-20", **edit), actor="")


@pytest.fixture
def page(qtbot: Any, db: Database) -> CasesPage:
    widget = CasesPage(db)
    widget.search_delay_ms = 0
    widget.editor.preview_delay_ms = 0
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_main_window_shows_the_cases_page(window: MainWindow) -> None:
    window.show_page("cases")
    assert isinstance(window.current_page(), CasesPage)


def test_editing_the_city_reward_updates_the_match_and_the_trace(
    qtbot: Any, db: Database, page: CasesPage
) -> None:
    code = _register(db, "佛山市顺德区灵巧机器人有限公司", "little-giant", "2025-07-18")
    case = _case(db, code, "little-giant")
    page.refresh()
    page.select_id(case.id)
    editor = page.editor
    assert editor.province_label.text() == "1,000,000.00"
    editor.city_edit.clear()
    type_text(qtbot, editor.city_edit, "600000")
    assert editor.province_label.text() == "600,000.00"
    assert editor.total_label.text() == "1,200,000.00"
    steps = editor.trace.rows()
    assert any("600,000.00 元 × 1" in step and value == "600000.00" for step, value, _ref in steps)
    assert all(ref for _s, _v, ref in steps) and any("粤府办〔2025〕6号" in ref for _s, _v, ref in steps)
    # nothing stored until saved; saving needs the reason for a non-schedule amount
    with db.uow() as uow:
        assert svc.get_case(uow, case.id).province_match == 1_000_000
    editor.save_button.click()
    assert "调整理由" in editor.error_label.text()
    type_text(qtbot, editor.reason_edit, "预算所限")
    editor.save_button.click()
    with db.uow() as uow:
        assert svc.get_case(uow, case.id).province_match == 600_000
        from core.services import audit

        saved = audit.history(uow, "case", case.id)[-1]  # the edit is in the case's history, with its reason
    assert page.model.case_at(page.model.row_of(case.id) or 0).province_match == 600_000  # type: ignore[union-attr]
    assert "修改案件" in saved and "市级奖励由“1,000,000.00 元”改为“600,000.00 元”" in saved
    assert "市级奖励调整理由由（空）改为“预算所限”" in saved


def test_a_bad_amount_is_named_not_rounded(qtbot: Any, db: Database, page: CasesPage) -> None:
    code = _register(db, "佛山市顺德区精锐智能有限公司", "little-giant", "2025-07-18")
    case = _case(db, code, "little-giant")
    page.refresh()
    page.select_id(case.id)
    page.editor.city_edit.clear()
    type_text(qtbot, page.editor.city_edit, "1000.005")
    assert "两位小数" in page.editor.error_label.text()
    assert page.editor.province_label.text() == "—"


def test_an_ineligible_case_shows_all_its_reasons(qtbot: Any, db: Database, page: CasesPage) -> None:
    code = _register(
        db, "佛山市顺德区陶瓷有限公司", "little-giant", "2023-07-18", field="other", re_review=True
    )
    with db.uow() as uow:
        view = get_enterprise(uow, code)
        update_enterprise(
            uow, view.id, replace(input_from_view(view), reg_status="deregistered"), actor="system"
        )
    case = _case(db, code, "little-giant")
    page.refresh()
    page.select_id(case.id)
    shown = page.editor.trace.failure_texts()
    assert shown == [f.reason for f in case.failures]
    assert len(shown) == 4  # re-review, 2023, field, deregistered
    assert any("复核" in s for s in shown) and any("2023" in s for s in shown)
    assert any("领域" in s for s in shown) and any("注销" in s for s in shown)
    failed_rows = [r for r in page.editor.trace.rows() if r[1].startswith("不符合")]
    assert len(failed_rows) == 4
    # ticking an exclusion adds its reason live
    page.editor.exclusions["tax"].setChecked(True)
    assert any("偷漏税" in s for s in page.editor.trace.failure_texts())


def test_filters_and_search(qtbot: Any, db: Database, page: CasesPage) -> None:
    a = _register(db, "佛山市顺德区甲智能有限公司", "little-giant", "2025-07-18")
    b = _register(db, "佛山市顺德区乙陶瓷有限公司", "little-giant", "2025-07-18", field="other")
    _case(db, a, "little-giant")
    _case(db, b, "little-giant")
    page.refresh()
    assert page.model.rowCount() == 2
    page.eligible_combo.setCurrentIndex(page.eligible_combo.findData(False))
    assert [c.enterprise_name for c in page.model.rows] == ["佛山市顺德区乙陶瓷有限公司"]
    page.eligible_combo.setCurrentIndex(0)
    type_text(qtbot, page.search_edit, "甲智能")
    assert [c.enterprise_name for c in page.model.rows] == ["佛山市顺德区甲智能有限公司"]


def test_batch_preview_lists_exclusions_with_reasons(qtbot: Any, db: Database, page: CasesPage) -> None:
    _register(db, "佛山市顺德区丙机器人有限公司", "little-giant", "2025-07-18")
    _register(db, "佛山市顺德区丁家具有限公司", "little-giant", "2025-07-18", field="other")
    _register(db, "佛山市顺德区戊智能有限公司", "little-giant", "2025-07-18", re_review=True)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    dialog = page.open_batch()
    assert isinstance(dialog, BatchDialog)
    assert dialog.year_spin.value() == 2025
    assert dialog.included.rowCount() == 1
    excluded = dict(dialog.excluded_rows())
    assert "人工智能或机器人" in excluded["佛山市顺德区丁家具有限公司"]
    assert "复核" in excluded["佛山市顺德区戊智能有限公司"]
    with qtbot.waitSignal(dialog.created):
        dialog.create_button.click()
    assert [c.enterprise_name for c in page.model.rows] == ["佛山市顺德区丙机器人有限公司"]


def test_new_case_dialog_previews_then_creates(qtbot: Any, db: Database, page: CasesPage) -> None:
    from core.services import users

    code = _register(db, "佛山市顺德区己机器人有限公司", "single-champion", "2025-03-01")
    with db.uow() as uow:  # officers now: a change without the page's officer would be refused
        users.create_first_admin(uow, "admin", "password 123")
    with db.uow() as uow:
        clerk = users.add_user(uow, "admin", "wang", "clerk", "password 123", display_name="王")
    page.set_user(clerk)  # as the main window does for the officer signed in
    dialog = page.new_item()
    assert isinstance(dialog, NewCaseDialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("single-champion"))
    type_text(qtbot, dialog.code_edit, code)
    dialog.update_preview()
    assert "1,500,000.00" in dialog.trace.summary.text()
    from core.services import audit
    from core.services import workflow as wf_svc

    with qtbot.waitSignal(dialog.saved):
        dialog.create_button.click()
    created = page.selected_case()
    assert created is not None and created.enterprise_code == code
    with db.uow() as uow:  # created under the page's signed-in officer, who is its drafter
        assert [e.actor for e in audit.entries_for(uow, "case", created.id)] == ["wang"]
        assert wf_svc.process(uow, created.id).drafter == "wang"


def test_settings_policy_files_tab_validates_and_shows_the_impact(
    qtbot: Any, db: Database, window: MainWindow, tmp_path: Any
) -> None:
    from core.policy.registry import SHIPPED_DIR
    from ui.pages.settings.policy_files import PolicyFilesTab

    code = _register(db, "佛山市顺德区庚机器人有限公司", "little-giant", "2025-07-18")
    case = _case(db, code, "little-giant")
    window.show_page("settings")
    tab = window.current_page().findChild(PolicyFilesTab)
    assert tab is not None and tab.table.rowCount() == 2  # the policy and the city schedule
    text = (SHIPPED_DIR / "gd-ai-robotics-2025.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('value = "2000000.00"', "value = 2000000.5"), encoding="utf-8")
    assert not tab.choose_file(bad)
    assert (
        "bad.toml" in tab.status_label.text() and "titles.little-giant.cap.value" in tab.status_label.text()
    )
    assert not tab.install_button.isEnabled()
    good = tmp_path / "next.toml"
    good.write_text(text.replace('value = "2000000.00"', 'value = "1500000.00"'), encoding="utf-8")
    assert tab.choose_file(good)
    assert f"#{case.id}" in tab.report.toPlainText() and "750,000.00" in tab.report.toPlainText()
    tab.install_button.click()
    with db.uow() as uow:
        assert svc.preview_case(uow, case.id, svc.CaseEdit(decided_on="2025-10-20")).province_match == 750_000
        from core.services import audit  # the replaced policy file is in the audit trail

        (line,) = audit.history(uow, "policy", "gd-ai-robotics-2025")
    assert "替换政策文件" in line and "文件名由“gd-ai-robotics-2025.toml”改为“next.toml”" in line


def test_a_total_above_the_cap_is_flagged_in_the_editor_list_and_trace(
    qtbot: Any, db: Database, page: CasesPage
) -> None:
    code = _register(db, "佛山市顺德区超额机器人有限公司", "single-champion", "2025-06-20")
    case = _case(db, code, "single-champion", city_reward="2000000", override_reason="市政府常务会议研究决定")
    page.refresh()
    page.select_id(case.id)
    editor = page.editor
    assert editor.total_label.text() == "3,500,000.00"
    assert not editor.cap_label.isHidden() and "超出 500,000.00 元" in editor.cap_label.text()
    assert "超出 500,000.00 元" in editor.trace.failures.text()
    model = page.table.model()
    row = next(r for r in range(model.rowCount()) if model.case_at(r).id == case.id)  # type: ignore[attr-defined]
    total = model.index(row, 8)
    assert "⚠" in model.data(total) and "超出 500,000.00 元" in model.data(total, Qt.ItemDataRole.ToolTipRole)
    # bring it within the cap: the warning goes at once
    editor.city_edit.clear()
    type_text(qtbot, editor.city_edit, "1500000")
    assert editor.total_label.text() == "3,000,000.00" and editor.cap_label.isHidden()


def _items(combo: Any) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_every_label_shown_for_the_draft_state_is_shenbao_dengji(
    qtbot: Any, qapp: Any, db: Database, page: CasesPage
) -> None:
    """One name per state: the case list column, its status filter, the documents page and the core label."""
    from core.domain.workflow import CaseState
    from ui import app, labels
    from ui.models.case_table import status_text
    from ui.pages.documents.page import state_text

    code = _register(db, "佛山市草稿机器人有限公司", "little-giant", "2025-07-18")
    _case(db, code, "little-giant")
    loaded = app.install_translators(qapp, "zh_CN")
    try:
        widget = CasesPage(db)
        qtbot.addWidget(widget)
        column = next(
            c
            for c in range(widget.model.columnCount())
            if widget.model.headerData(c, Qt.Orientation.Horizontal) == "状态"
        )
        shown = {
            widget.model.data(widget.model.index(0, column)),
            widget.status_combo.itemText(widget.status_combo.findData("draft")),
            status_text("draft"),
            state_text("draft"),
            labels.case_state("draft"),
            CaseState.DRAFT.label,
        }
        assert shown == {"申报登记"}
        assert not any("草稿" in text for text in _items(widget.status_combo))
        # every state: the interface's name is the core's name
        assert [labels.case_state(s.value) for s in CaseState] == [s.label for s in CaseState]
    finally:
        for translator in loaded:
            qapp.removeTranslator(translator)


def test_the_process_panel_forgets_the_previous_cases_message(
    qtbot: Any, db: Database, settings: Any
) -> None:
    from core.domain.workflow import CaseState
    from core.services import users
    from core.services import workflow as wf_svc

    # the register and the drafts before the officers (once there are officers, a clerk registers them)
    done = _case(db, _register(db, "佛山市甲机器人有限公司", "little-giant", "2025-07-18"), "little-giant")
    draft = _case(db, _register(db, "佛山市乙机器人有限公司", "little-giant", "2025-07-18"), "little-giant")
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", "password 123")
    with db.uow() as uow:
        clerk = users.add_user(uow, "admin", "wang", "clerk", "password 123", display_name="王")
    with db.uow() as uow:
        wf_svc.transition(uow, "wang", done.id, CaseState.WITHDRAWN, {"reason": "企业放弃申报"})
    window = MainWindow(db, settings=settings, user=clerk)
    qtbot.addWidget(window)
    window.show_page("cases")
    cases = window.current_page()
    assert isinstance(cases, CasesPage)
    panel = cases.process_panel  # type: ignore[attr-defined]

    cases.select_id(done.id)
    assert panel.case_id == done.id and panel.step_buttons == {}
    nothing = panel.message_label.text()
    assert nothing != ""
    cases.select_id(draft.id)
    assert panel.case_id == draft.id
    assert CaseState.SUBMITTED in panel.step_buttons  # 提交申报 offered …
    assert panel.message_label.text() == ""  # … and the withdrawn case's message is gone
    cases.select_id(done.id)
    assert panel.message_label.text() == nothing and panel.step_buttons == {}

"""文书 page: pick cases, preview in the app, save (issue) off the UI thread with progress and cancel, print;
the 发文设置 tab in 设置; the process rules shown (states in the pick list, a numbered notice only for approved
cases by the signed-in clerk, the 公示 period from the records, a summary's cases by approval period)."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter

from core.services import cases, users
from core.services import documents as svc
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.titles import TitleInput, add_title
from core.services.users import UserView
from core.store.uow import Database
from tests.process import add_officers, approve, state, to_public_notice
from ui.main_window import MainWindow
from ui.pages.documents import page as documents_page
from ui.pages.documents.page import DocumentsPage
from ui.pages.settings.issuing import DocumentSettingsTab

RNG = random.Random(17)


def _case(db: Database, name: str) -> int:
    code = make_code(RNG, "440606")
    with db.uow() as uow:
        add_enterprise(
            uow, EnterpriseInput(code=code, name=name, district="顺德区", field="robotics"), actor="system"
        )
    with db.uow() as uow:
        add_title(
            uow,
            TitleInput(enterprise_code=code, kind="little-giant", batch=7, recognized_on="2025-07-18"),
            actor="system",
        )
    with db.uow() as uow:
        return cases.create_case(uow, code, "little-giant", today=date(2025, 10, 20), actor="").id


@pytest.fixture
def page(qtbot: Any, db: Database) -> DocumentsPage:
    widget = DocumentsPage(db)
    qtbot.addWidget(widget)
    widget.date_edit.setDate(QDate(2025, 10, 20))
    return widget


def _officer(db: Database, name: str) -> UserView:
    with db.uow() as uow:
        return users.get_user(uow, name)


def _choose(page: DocumentsPage, doc_type: str) -> None:
    page.type_combo.setCurrentIndex(page.type_combo.findData(doc_type))


def _wait(qtbot: Any, page: DocumentsPage) -> None:
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=30_000)


def test_main_window_has_the_documents_page_and_the_settings_tab(window: MainWindow) -> None:
    assert isinstance(window.page("documents"), DocumentsPage)
    settings = window.page("settings")
    tabs = settings.tabs  # type: ignore[attr-defined]
    assert any(isinstance(tabs.widget(i), DocumentSettingsTab) for i in range(tabs.count()))


def test_preview_shows_the_pdf_without_numbering_it(qtbot: Any, db: Database, page: DocumentsPage) -> None:
    a = _case(db, "佛山市堃鑫智能装备有限公司")
    page.refresh()
    assert not page.preview_button.isEnabled()
    page.select_cases([a])
    assert page.selected_ids() == [a] and page.preview_button.isEnabled()
    page.on_preview()
    _wait(qtbot, page)
    assert page.pdf_document.pageCount() == 3
    assert page.print_button.isEnabled()
    with db.uow() as uow:
        assert svc.list_documents(uow) == []


def test_saving_a_notice_issues_it_and_shows_it(
    qtbot: Any, db: Database, page: DocumentsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = _case(db, "佛山市珺彧科技有限公司")
    b = _case(db, "A&B<智造>有限公司")
    add_officers(db)
    approve(db, a)
    approve(db, b)
    page.set_user(_officer(db, "wang"))
    page.refresh()
    page.select_cases([a, b])
    page.date_edit.setDate(QDate(2025, 10, 20))  # the officer's date (the default is today)
    monkeypatch.setattr(page, "choose_folder", lambda: str(tmp_path))
    with qtbot.waitSignal(page.generated, timeout=30_000) as signal:
        page.on_save()
    [pdf] = signal.args[0]
    assert pdf.parent == tmp_path and pdf.suffix == ".pdf"
    assert "佛工信函〔2025〕1号" in page.message.text()
    assert page.pdf_document.pageCount() >= 3
    with db.uow() as uow:
        [record] = svc.list_documents(uow)
    assert record.case_ids == (a, b) and record.doc_no == "佛工信函〔2025〕1号"
    assert record.issued_by == "wang" and state(db, a) == state(db, b) == "notice_issued"
    # The pick list shows the new state, the selection is kept and saving again prints the issued notice.
    assert page.state_shown(a) == "Funding notice issued" and sorted(page.selected_ids()) == [a, b]
    assert page.save_button.isEnabled() and "按发文记录重印" in page.rules_label.text()


def test_the_page_shows_the_notice_rules_and_disables_issuing(
    qtbot: Any, db: Database, page: DocumentsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drafted = _case(db, "佛山市草稿智能有限公司")
    ready = _case(db, "佛山市批准智能有限公司")
    add_officers(db)
    approve(db, ready)
    page.refresh()
    assert page.state_shown(drafted) == "Draft" and page.state_shown(ready) == "Approved"

    page.set_user(_officer(db, "wang"))
    page.select_cases([drafted, ready])
    assert not page.save_button.isEnabled() and page.preview_button.isEnabled()
    rules = page.rules_label.text()
    assert "A numbered notice cannot be issued" in rules and "Tick “Draft”" in rules
    assert f"案件 {drafted}（佛山市草稿智能有限公司）处于“申报登记”状态" in rules
    page.draft_check.setChecked(True)  # a draft prints for any eligible case
    assert page.save_button.isEnabled() and "cannot" not in page.rules_label.text()
    page.draft_check.setChecked(False)

    page.select_cases([ready])
    assert page.save_button.isEnabled() and "moves the selected cases" in page.rules_label.text()
    page.set_user(_officer(db, "li"))  # a reviewer may not issue
    assert not page.save_button.isEnabled() and "须由经办人办理" in page.rules_label.text()
    page.set_user(None)
    assert not page.save_button.isEnabled() and "须先登录" in page.rules_label.text()

    # Refused at save time too (the page is not the gatekeeper): nothing issued.
    page.set_user(_officer(db, "wang"))
    page.select_cases([drafted])
    page.save_to(tmp_path)
    _wait(qtbot, page)
    assert "申报登记" in page.message.text()
    with db.uow() as uow:
        assert svc.list_documents(uow) == []
    assert not list(tmp_path.glob("*.pdf"))


def test_publicity_uses_the_recorded_period(qtbot: Any, db: Database, page: DocumentsPage) -> None:
    a = _case(db, "佛山市公示智能有限公司")
    b = _case(db, "佛山市拟公示智能有限公司")
    add_officers(db)
    to_public_notice(db, a, date="2025-09-26", period="7")
    page.refresh()
    _choose(page, "publicity")
    page.select_cases([a])
    assert page.state_shown(a) == "Public notice"  # one name per state (ui.labels.CASE_STATES)
    assert not page.days_spin.isEnabled() and page.days_spin.value() == 7
    # 9-26, the make-up Sunday 9-28, 9-29, 9-30, (National Day) 10-9, 10-10 and the make-up Saturday 10-11.
    assert "2025年9月26日至2025年10月11日（7个工作日）" in page.rules_label.text()
    page.select_cases([a, b])
    assert not page.save_button.isEnabled() and "同一公示期" in page.rules_label.text()
    page.select_cases([b])
    assert page.days_spin.isEnabled() and page.save_button.isEnabled()


def test_a_province_summary_of_the_cases_approved_in_a_period(
    qtbot: Any, db: Database, page: DocumentsPage, tmp_path: Path
) -> None:
    a = _case(db, "佛山市十月甲智能有限公司")
    b = _case(db, "佛山市十月乙智能有限公司")
    pending = _case(db, "佛山市待批智能有限公司")
    add_officers(db)
    approve(db, a)
    approve(db, b)
    with db.uow() as uow:  # once there are officers, a signed-in officer prints (issue 16)
        page.set_user(users.get_user(uow, "wang"))
    page.refresh()
    _choose(page, "province-summary")
    assert page.period_button.isVisibleTo(page)
    page.search_edit.setText("待批")
    page.period_from.setDate(QDate(2025, 10, 1))
    page.period_to.setDate(QDate(2025, 10, 31))
    page.period_button.click()
    assert page.search_edit.text() == "" and sorted(page.selected_ids()) == [a, b]
    assert "2 cases approved in this period selected." in page.message.text()
    assert page.options().period == (date(2025, 10, 1), date(2025, 10, 31))
    with qtbot.waitSignal(page.generated, timeout=30_000):
        page.save_to(tmp_path)
    with db.uow() as uow:
        [record] = svc.list_documents(uow, doc_type="province-summary")
    assert record.case_ids == (a, b)
    # Another selection is no longer “the period's cases”.
    page.select_cases([a, pending])
    assert page.options().period is None
    page.period_from.setDate(QDate(2026, 1, 1))
    page.period_to.setDate(QDate(2026, 3, 31))
    page.period_button.click()
    assert "No case was approved in this period" in page.message.text()


def test_a_batch_of_approval_forms_reports_progress_and_can_be_cancelled(
    qtbot: Any, db: Database, page: DocumentsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [_case(db, f"佛山市批量{n}号智能有限公司") for n in range(3)]
    page.refresh()
    page.select_cases(ids)
    _choose(page, "approval-form")
    real = svc.render_documents
    calls: list[list[int]] = []

    def first_then_cancel(*args: Any, **kwargs: Any) -> svc.RenderResult:
        calls.append(list(args[2]))
        assert page.job is not None
        page.job.cancel()  # the officer presses Cancel while the first form is being written
        return real(*args, **kwargs)

    monkeypatch.setattr(documents_page.svc, "render_documents", first_then_cancel)
    with qtbot.waitSignal(page.generated, timeout=30_000) as signal:
        page.save_to(tmp_path)
    assert len(calls) == 1 and len(signal.args[0]) == 1
    assert page.progress.maximum() == 3

    monkeypatch.setattr(documents_page.svc, "render_documents", real)
    with qtbot.waitSignal(page.generated, timeout=30_000) as signal:
        page.save_to(tmp_path)
    assert len(signal.args[0]) == 3
    assert page.progress.value() == 3


def test_an_unprintable_character_is_reported_by_name(qtbot: Any, db: Database, page: DocumentsPage) -> None:
    bad = _case(db, "佛山市\U000e0041智能有限公司")
    page.refresh()
    page.select_cases([bad])
    page.on_preview()
    _wait(qtbot, page)
    assert "U+E0041" in page.message.text()
    assert page.pdf_document.pageCount() == 0


def test_printing_sends_every_page(qtbot: Any, db: Database, page: DocumentsPage, tmp_path: Path) -> None:
    a = _case(db, "佛山市打印智能有限公司")
    page.refresh()
    page.select_cases([a])
    _choose(page, "publicity")
    assert page.days_spin.isVisible() or not page.isVisible()
    page.on_preview()
    _wait(qtbot, page)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert page.print_to(printer) == page.pdf_document.pageCount() >= 1
    assert out.stat().st_size > 1000


def test_settings_tab_saves_settings_and_refuses_a_bad_template(qtbot: Any, db: Database) -> None:
    tab = DocumentSettingsTab(db)
    qtbot.addWidget(tab)
    assert tab.edits["doc_prefix"].text() == "佛工信函"
    tab.edits["contact_person"].setText("张珺")
    tab.edits["doc_prefix"].setText("佛工信函〔2025〕")
    tab.on_save()
    assert "文号前缀" in tab.status.text()
    tab.edits["doc_prefix"].setText("佛工信")
    tab.on_save()
    with db.uow() as uow:
        saved = svc.get_settings(uow)
    assert saved.contact_person == "张珺" and saved.doc_prefix == "佛工信"

    tab.template_combo.setCurrentIndex(tab.template_combo.findData("publicity"))
    text = tab.template_edit.toPlainText()
    tab.template_edit.setPlainText(text.replace("{days}", "{workdays}"))
    tab.on_template_save()
    assert "workdays" in tab.template_status.text()
    assert not (tab.template_dir() / "publicity.toml").exists()
    tab.template_edit.setPlainText(text.replace("公示期为", "本次公示期为"))
    tab.on_template_save()
    assert (tab.template_dir() / "publicity.toml").read_text(encoding="utf-8").count("本次公示期为") == 1
    from core.services import audit  # the settings and the template edit are in the audit trail

    with db.uow() as uow:
        (settings_line,) = audit.history(uow, "setting", "bureau")
        (template_line,) = audit.history(uow, "template", "publicity")
    assert (
        "联系人由（空）改为“张珺”" in settings_line
        and "文号机关代字由“佛工信函”改为“佛工信”" in settings_line
    )
    assert "修改文书模板" in template_line


def test_the_date_takes_each_documents_default_and_warns_beside_the_preview(
    qtbot: Any, db: Database, page: DocumentsPage
) -> None:
    case = _case(db, "佛山市日期智能有限公司")
    add_officers(db)
    approve(db, case)  # 公示 2025-09-26 to 2025-10-09, approved 2025-10-10
    page.refresh()
    _choose(page, "publicity")
    page.select_cases([case])
    assert page.date_edit.date() == QDate(2025, 9, 26)  # its own 公示 start
    assert page.options().on is None and not page.date_warnings.isVisibleTo(page)
    _choose(page, "approval-form")
    assert page.date_edit.date() == QDate(2025, 10, 10)  # the decision date
    _choose(page, "province-summary")
    assert page.date_edit.date() == QDate(2026, 12, 4)  # today (fixed in tests)

    # A 公示 dated after its own period: printed, with the warning beside the preview.
    _choose(page, "publicity")
    page.date_edit.setDate(QDate(2025, 10, 20))
    assert page.options().on == date(2025, 10, 20) and page.save_button.isEnabled()
    assert page.date_warnings.isVisibleTo(page)
    assert "公示期结束日 2025年10月9日" in page.date_warnings.text()
    page.on_preview()
    _wait(qtbot, page)
    assert page.pdf_document.pageCount() >= 1 and "2025年10月20日" in page.date_warnings.text()

    # Later than today: refused, saving disabled, both dates named.
    page.date_edit.setDate(QDate(2026, 12, 5))
    assert not page.save_button.isEnabled()
    assert "2026年12月5日" in page.rules_label.text() and "2026年12月4日" in page.rules_label.text()

    # Choosing again brings the default back.
    page.select_cases([])
    page.select_cases([case])
    assert page.date_edit.date() == QDate(2025, 9, 26) and not page.date_warnings.isVisibleTo(page)

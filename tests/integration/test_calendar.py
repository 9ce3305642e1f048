"""The working-day calendar through the service on a real SQLite file: importing a year (checked, audited with
the notice's 文号, replaced on re-import), showing it, and a 公示 into 2027 refused until 2027 is added."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from core.services import audit, users
from core.services import calendar as svc
from core.services import cases as cases_svc
from core.services import workflow as wf_svc
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.errors import InputError, NotFound
from core.services.titles import TitleInput, add_title
from core.store.uow import Database

PW = "password 123"
EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "calendar" / "2027.example.toml"
GOOD = """\
year = 2027
doc_no = "国办发明电〔2026〕7号"
holidays = [2027-01-01, "2027-01-02", 2027-01-03, 2027-10-01, 2027-10-02]
workdays = [2027-09-26]
"""


def _file(tmp_path: Path, text: str, name: str = "2027.toml", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_import_show_and_replace_a_year_audited_with_its_doc_no(db: Database, tmp_path: Path) -> None:
    with db.uow() as uow, pytest.raises(NotFound, match="缺少2027年"):
        svc.show_year(uow, 2027)
    with db.uow() as uow:
        made = svc.import_file(uow, "system", _file(tmp_path, GOOD))
    assert (made.year, made.source, made.replaced) == (2027, "added", False)
    with db.uow() as uow:
        shown = svc.show_year(uow, 2027)
        assert shown.doc_no == "国办发明电〔2026〕7号"
        assert shown.holidays[:3] == (date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3))
        assert shown.workdays == (date(2027, 9, 26),)
        assert svc.load(uow).period_end(date(2026, 12, 28), 7) == date(2027, 1, 6)
        assert svc.show_year(uow, 2025).source == "package"
        listed = {v.year: v.source for v in svc.list_years(uow)}
        assert listed[2026] == "package" and listed[2027] == "added"
    with db.uow() as uow:
        again = svc.import_file(
            uow, "system", _file(tmp_path, GOOD.replace("7号", "8号").replace("[2027-09-26]", "[]"))
        )
    assert again.replaced and again.workdays == ()
    with db.uow() as uow:
        entries = audit.entries_for(uow, "calendar", "2027")
        assert [e.action for e in entries] == ["import", "replace"]
        assert entries[0].changes["doc_no"] == [None, "国办发明电〔2026〕7号"]
        assert entries[1].changes["doc_no"] == ["国办发明电〔2026〕7号", "国办发明电〔2026〕8号"]
        assert entries[1].changes["workdays"] == [["2027-09-26"], []]
        assert svc.load(uow).is_working_day(date(2027, 9, 26)) is False
        assert audit.verify(uow).ok


@pytest.mark.parametrize(
    ("text", "bom", "expected"),
    [
        (GOOD + 'names = ["元旦"]\n', False, "未知的键：names"),
        (GOOD.replace('"2027-01-02"', '"2027-13-02"'), False, "2027-13-02"),
        (GOOD.replace("2027-10-02", "2028-10-02"), False, "不属于2027年"),
        (GOOD.replace("[2027-09-26]", "[2027-10-01]"), False, "既是节假日又是调休上班日"),
        (GOOD.replace("[2027-09-26]", "[2027-09-27]"), False, "星期六或星期日"),
        (GOOD.replace('"国办发明电〔2026〕7号"', '""'), False, "文号"),
        ("year = 2027\ndoc_no = 'x'\nholidays = []\n", False, "不能为空"),
        ("year = 2027\ndoc_no = = 'x'\n", False, "不是有效的 TOML"),
        (GOOD, True, "BOM"),
    ],
)
def test_a_bad_schedule_is_refused_plainly_and_nothing_is_stored(
    db: Database, tmp_path: Path, text: str, bom: bool, expected: str
) -> None:
    with db.uow() as uow, pytest.raises(InputError, match=expected):
        svc.import_file(uow, "system", _file(tmp_path, text, bom=bom))
    with db.uow() as uow:
        assert svc.load(uow).knows(2027) is False
        assert audit.entries_for(uow, "calendar", "2027") == []


def test_only_an_administrator_imports_once_there_are_officers(db: Database, tmp_path: Path) -> None:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    with db.uow() as uow:
        users.add_user(uow, "admin", "li", "reviewer", PW)
    with db.uow() as uow, pytest.raises(users.AuthError, match="管理员"):
        svc.import_file(uow, "li", _file(tmp_path, GOOD))
    with db.uow() as uow:
        assert svc.import_file(uow, "admin", _file(tmp_path, GOOD)).added_by == "admin"
        assert audit.entries_for(uow, "calendar", "2027")[0].actor == "admin"


def test_the_shipped_example_is_valid_and_not_loaded_by_default(db: Database) -> None:
    assert "示例，非官方，未默认加载" in EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    example = svc.read_file(EXAMPLE)
    assert example.year == 2027 and len(example.workdays) >= 4
    with db.uow() as uow:
        assert not svc.load(uow).knows(2027)


def _case_under_review(db: Database) -> int:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    for name, roles in (("wang", "clerk"), ("li", "reviewer")):
        with db.uow() as uow:
            users.add_user(uow, "admin", name, roles, PW)
    code = make_code(random.Random(5), "440605")
    with db.uow() as uow:
        add_enterprise(
            uow,
            EnterpriseInput(code=code, name="佛山市跨年机器人有限公司", district="南海区", field="robotics"),
            actor="wang",
        )
    with db.uow() as uow:
        add_title(
            uow,
            TitleInput(enterprise_code=code, kind="little-giant", batch=7, recognized_on="2025-07-18"),
            actor="wang",
        )
    with db.uow() as uow:
        case = cases_svc.create_case(uow, code, "little-giant", today=date(2026, 12, 1), actor="wang")
    with db.uow() as uow:
        wf_svc.record_created(uow, "wang", case.id)
        uow.commit()
    for actor, to in (("wang", "submitted"), ("li", "under_review")):
        with db.uow() as uow:
            wf_svc.transition(uow, actor, case.id, to, {})
    return case.id


def test_a_notice_into_2027_is_refused_until_2027_is_added_then_counted(
    db: Database, tmp_path: Path, today: Callable[[date], None]
) -> None:
    today(date(2026, 12, 28))
    case_id = _case_under_review(db)
    notice = {"date": "2026-12-28", "period": "7"}
    with db.uow() as uow, pytest.raises(wf_svc.TransitionRefused) as refused:
        wf_svc.transition(uow, "li", case_id, "public_notice", notice)
    assert "缺少2027年" in str(refused.value) and "设置 → 工作日历" in str(refused.value)
    with db.uow() as uow:
        assert wf_svc.process(uow, case_id).state.value == "under_review"
    with db.uow() as uow:
        svc.import_file(uow, "admin", _file(tmp_path, GOOD))
    with db.uow() as uow:
        step = wf_svc.transition(uow, "li", case_id, "public_notice", notice)
    assert step.notice_end == date(2027, 1, 6)
    how = "自2026年12月28日起7个工作日，至2027年1月6日（跳过2027年1月1日至3日节假日）"
    assert step.facts["notice_counted"] == how
    with db.uow() as uow:
        view = wf_svc.process(uow, case_id)
        history = wf_svc.history(uow, case_id)
    assert view.notice_end == date(2027, 1, 6) and view.notice_counted == how
    assert view.to_json()["notice_counted"] == how
    assert any("公示期计算" in line and how in line for line in history)


def test_calendar_migration_matches_the_model(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from core.store.models import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert [d for d in diff if "calendar_year" in repr(d)] == []

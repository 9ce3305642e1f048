"""Two officers on one shared database (SQLite file or PostgreSQL server): optimistic locking refuses the
second save with the fresh values, never a silent overwrite; the audit chain stays whole."""

from __future__ import annotations

import random
import threading
from datetime import date

import pytest
from sqlalchemy import delete, func, select

from core.services import audit, users
from core.services import cases as cases_svc
from core.services import workflow as wf_svc
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise, get_enterprise, update_enterprise
from core.services.errors import Conflict
from core.services.titles import TitleInput, add_title
from core.store.models_cases import RewardCase
from core.store.models_workflow import CaseEvent
from core.store.uow import Database

PW = "password 123"


def _setup(db: Database) -> tuple[str, int]:
    with db.uow() as uow:
        users.create_first_admin(uow, "admin", PW)
    for name, roles in (("wang", "clerk"), ("li", "reviewer"), ("qian", "reviewer")):
        with db.uow() as uow:
            users.add_user(uow, "admin", name, roles, PW)
    code = make_code(random.Random(3), "440605")
    with db.uow() as uow:
        add_enterprise(
            uow, EnterpriseInput(code=code, name="佛山市并发机器人有限公司", field="robotics"), actor="wang"
        )
    with db.uow() as uow:
        add_title(
            uow,
            TitleInput(enterprise_code=code, kind="little-giant", batch=7, recognized_on="2025-07-18"),
            actor="wang",
        )
    with db.uow() as uow:
        case_id = cases_svc.create_case(uow, code, "little-giant", today=date(2025, 9, 1), actor="wang").id
    with db.uow() as uow:
        wf_svc.transition(uow, "wang", case_id, "submitted")
    return code, case_id


def test_two_sessions_editing_one_enterprise_one_conflict_no_lost_update(shared_db: Database) -> None:
    code, _case = _setup(shared_db)
    with shared_db.uow() as first, shared_db.uow() as second:
        # both officers open the record (version 1 each)
        mine, theirs = get_enterprise(first, code), get_enterprise(second, code)
        assert mine.version == theirs.version
        update_enterprise(
            first,
            mine.id,
            EnterpriseInput(code=code, name=mine.name, district="南海区"),
            mine.version,
            actor="wang",
        )
        with pytest.raises(Conflict, match=r"已被他人修改并保存（现为：.*所在区“南海区”"):
            update_enterprise(
                second,
                theirs.id,
                EnterpriseInput(code=code, name=theirs.name, district="顺德区"),
                theirs.version,
                actor="wang",
            )
    with shared_db.uow() as uow:
        assert get_enterprise(uow, code).district == "南海区"
        assert audit.verify(uow).ok


def test_two_sessions_acting_on_one_case_one_conflict_no_lost_update(shared_db: Database) -> None:
    _code, case_id = _setup(shared_db)
    with shared_db.uow() as first, shared_db.uow() as second:
        # both officers have the case open at the same version
        seen = wf_svc.process(first, case_id).version
        assert wf_svc.process(second, case_id).version == seen
        wf_svc.transition(first, "li", case_id, "under_review", expected_version=seen)
        with pytest.raises(Conflict, match="已被他人修改（现为“审查中”，li"):
            wf_svc.transition(second, "qian", case_id, "under_review", expected_version=seen)
    with shared_db.uow() as uow:
        view = wf_svc.process(uow, case_id)
        events = uow.session.scalar(
            select(func.count(CaseEvent.id)).where(CaseEvent.action == "start_review")
        )
        assert audit.verify(uow).ok
    assert view.state.value == "under_review" and view.reviewers == ("li",)
    assert events == 1


def test_a_write_racing_another_on_the_same_case_is_refused_by_the_version_column(
    shared_db: Database,
) -> None:
    """The second session read the case before the first saved: its UPDATE finds the version moved on."""
    _code, case_id = _setup(shared_db)
    with shared_db.uow() as first, shared_db.uow() as second:
        held = second.session.get(RewardCase, case_id)  # read (and kept) before the other officer's save
        assert held is not None and held.status == "submitted"
        wf_svc.transition(first, "li", case_id, "under_review")
        with pytest.raises(Conflict, match="刚被他人办理"):
            wf_svc.transition(second, "wang", case_id, "withdrawn", {"reason": "企业撤回"})
    with shared_db.uow() as uow:
        assert wf_svc.process(uow, case_id).state.value == "under_review"
        assert audit.verify(uow).ok


def test_audit_entries_written_at_once_from_many_threads_keep_one_chain(shared_db: Database) -> None:
    """Concurrent writers append to one chain (PostgreSQL: an advisory lock; SQLite: one writer at a time)."""
    _setup(shared_db)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(5):
                with shared_db.uow() as uow:
                    audit.record(uow.session, f"t{n}", "setting", f"k{n}", "update", {"v": (i, i + 1)})
                    uow.commit()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with shared_db.uow() as uow:
        report = audit.verify(uow)
    assert report.ok, report.problem
    assert report.entries >= 20


def test_deleting_the_last_audit_entry_is_caught_on_every_database(shared_db: Database) -> None:
    """The chain's head row is kept with each append, in the same transaction, under the same lock."""
    _setup(shared_db)
    with shared_db.uow() as uow:
        for i in range(3):
            audit.record(uow.session, "wang", "setting", "bureau", "update", {"city": (str(i), str(i + 1))})
        uow.commit()
    with shared_db.uow() as uow:
        count = audit.verify(uow).entries
        last = uow.session.scalar(select(func.max(audit.AuditEntry.id)))
        uow.session.execute(delete(audit.AuditEntry).where(audit.AuditEntry.id == last))  # raw removal
        uow.commit()
    with shared_db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok and report.first_bad == last and report.entries == count - 1

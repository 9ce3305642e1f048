"""The 文号 sequence on a shared database: SQLite and, when CI provides one (SUBSIDY_DESK_TEST_PG_URL),
PostgreSQL. Two officers issuing at once get every number once, none skipped."""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import func, select

from core.services import documents as svc
from core.store.migrate import open_database
from core.store.models_documents import IssuedDocument
from core.store.uow import Database
from tests.shared_db.conftest import db_url, shared_db  # noqa: F401 - fixtures: SQLite and PostgreSQL

PER_WRITER = 12


def test_two_writers_share_one_gap_free_sequence(db_url: str, shared_db: Database) -> None:  # noqa: F811
    taken: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(tag: str) -> None:
        own, _ = open_database(db_url)
        try:
            start.wait()
            for i in range(PER_WRITER):
                with own.uow() as uow:
                    n = svc.next_doc_number(uow.session, "佛工信函", 2025)
                    uow.session.add(
                        IssuedDocument(
                            doc_type="notice",
                            case_ids=f",{tag}{i},",
                            doc_no=f"佛工信函〔2025〕{n}号",
                            doc_number=n,
                            issued_on=date(2025, 10, 20),
                            payload="{}",
                            verification=tag,
                        )
                    )
                    uow.commit()
                    taken.append(n)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=writer, args=(t,)) for t in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(taken) == list(range(1, 2 * PER_WRITER + 1))
    with shared_db.uow() as uow:
        svc.next_doc_number(uow.session, "佛工信函", 2025)  # rolled back: given back
    with shared_db.uow() as uow:
        assert svc.next_doc_number(uow.session, "佛工信函", 2025) == 2 * PER_WRITER + 1
        assert uow.session.scalar(select(func.count()).select_from(IssuedDocument)) == 2 * PER_WRITER

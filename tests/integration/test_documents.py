"""Documents over real cases on a SQLite file: settings, issuing with a 文号, records, regeneration, the
gap-free number sequence with two writers, refusals (unknown case, unprintable character, ineligible case).
Numbered notices need approved cases and a clerk: the cases go through the workflow first (tests/process.py)."""

from __future__ import annotations

import hashlib
import random
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from core.io.pdf.fonts import FontSet
from core.services import cases
from core.services import documents as svc
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.errors import InputError, NotFound
from core.services.titles import TitleInput, add_title
from core.store.engine import sqlite_url
from core.store.migrate import open_database
from core.store.models_documents import IssuedDocument
from core.store.uow import Database
from tests.in_uow import in_uow
from tests.process import add_officers, approve, state

TODAY = date(2025, 10, 20)
RNG = random.Random(11)


def _case(db: Database, name: str, kind: str = "little-giant", field: str = "robotics") -> int:
    code = make_code(RNG, "440606")
    with db.uow() as uow:
        add_enterprise(
            uow, EnterpriseInput(code=code, name=name, district="顺德区", field=field), actor="wang"
        )
    with db.uow() as uow:
        add_title(
            uow,
            TitleInput(enterprise_code=code, kind=kind, batch=7, recognized_on="2025-07-18"),
            actor="wang",
        )
    with db.uow() as uow:
        return cases.create_case(uow, code, kind, today=TODAY, actor="wang").id


def _text(path: Path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.fixture
def fonts() -> FontSet:
    return FontSet.bundled()


@pytest.fixture
def officers(db: Database) -> None:
    add_officers(db)


OPTS = svc.RenderOptions(on=TODAY)


def test_settings_default_then_saved(db: Database) -> None:
    with db.uow() as uow:
        assert svc.get_settings(uow).doc_prefix == "佛工信函"
        saved = svc.save_settings(
            uow, replace(svc.get_settings(uow), contact_person="张珺", doc_prefix="佛工信"), actor="admin"
        )
    assert saved.contact_person == "张珺" and saved.doc_prefix == "佛工信"
    with db.uow() as uow:
        assert svc.get_settings(uow).doc_prefix == "佛工信"
        with pytest.raises(InputError) as err:
            svc.save_settings(uow, replace(saved, doc_prefix="佛工信〔2025〕"), actor="admin")
    assert "doc_prefix" in err.value.fields


def test_issuing_a_notice_numbers_records_and_regenerates_it(
    db: Database, officers: None, tmp_path: Path, fonts: FontSet
) -> None:
    a = _case(db, "佛山市堃鑫智能装备有限公司")
    b = _case(db, "A&B<智造>有限公司")
    c = _case(db, "佛山市淼鑫智能有限公司")
    for case_id in (a, b, c):
        approve(db, case_id)
    first = in_uow(
        db, svc.render_documents, "notice", [a], tmp_path / "1", actor="wang", options=OPTS, fonts=fonts
    )
    assert first.doc_no == "佛工信函〔2025〕1号"
    text = _text(first.files[0])
    assert "佛工信函〔2025〕1号" in text and "佛山市堃鑫智能装备有限公司" in text
    assert "人民币贰佰万元整" in text and "2025年10月20日" in text
    record = first.records[0]
    assert record.verification in text
    assert record.file_sha256 == hashlib.sha256(first.files[0].read_bytes()).hexdigest()
    assert record.issued_by == "wang" and record.case_ids == (a,)

    batch = in_uow(
        db, svc.render_documents, "notice", [c, b], tmp_path / "2", actor="wang", options=OPTS, fonts=fonts
    )
    assert batch.doc_no == "佛工信函〔2025〕2号"
    assert "A&B<智造>有限公司" in _text(batch.files[0])

    # The same cases again, on another day: the issued notice, not a new number.
    again = in_uow(
        db,
        svc.render_documents,
        "notice",
        [a],
        tmp_path / "3",
        options=svc.RenderOptions(on=date(2025, 12, 1)),
        fonts=fonts,
        actor="wang",
    )
    assert again.regenerated and again.same_as_issued and again.doc_no == "佛工信函〔2025〕1号"
    assert again.files[0].read_bytes() == first.files[0].read_bytes()
    assert (
        in_uow(db, svc.regenerate, record.id, tmp_path / "4", fonts).files[0].read_bytes()
        == first.files[0].read_bytes()
    )

    with db.uow() as uow:
        assert [r.doc_no for r in svc.list_documents(uow, case_id=a)] == ["佛工信函〔2025〕1号"]
        assert [r.doc_no for r in svc.list_documents(uow, case_id=b)] == ["佛工信函〔2025〕2号"]
        assert [r.doc_no for r in svc.list_documents(uow)] == ["佛工信函〔2025〕1号", "佛工信函〔2025〕2号"]
        assert svc.find_by_verification(uow, record.verification.lower())[0].id == record.id


def test_a_draft_has_no_number_and_no_record(
    db: Database, officers: None, tmp_path: Path, fonts: FontSet
) -> None:
    a = _case(db, "佛山市珺彧科技有限公司")
    # A draft prints before the decision (the case is still 申报登记), numbers and moves nothing.
    draft = in_uow(
        db,
        svc.render_documents,
        "notice",
        [a],
        tmp_path,
        options=replace(OPTS, draft=True),
        fonts=fonts,
        actor="wang",
    )
    assert not draft.records and "草稿" in draft.files[0].name
    assert "佛工信函〔2025〕" in _text(draft.files[0])
    with db.uow() as uow:
        assert svc.list_documents(uow) == []
    assert state(db, a) == "draft"
    approve(db, a)
    issued = in_uow(
        db, svc.render_documents, "notice", [a], tmp_path, actor="wang", options=OPTS, fonts=fonts
    )
    assert issued.doc_no == "佛工信函〔2025〕1号"


def test_other_documents_are_recorded_without_a_number(db: Database, tmp_path: Path, fonts: FontSet) -> None:
    a = _case(db, "佛山市喆犇机器人有限公司")
    b = _case(db, "佛山市淼鑫智能有限公司", kind="single-champion")
    pub = in_uow(
        db,
        svc.render_documents,
        "publicity",
        [a, b],
        tmp_path,
        options=svc.RenderOptions(on=date(2025, 9, 29)),
        fonts=fonts,
        actor="wang",
    )
    assert pub.doc_no == ""
    assert "公示期为2025年9月29日至2025年10月11日（5个工作日）" in _text(pub.files[0])
    form = in_uow(
        db, svc.render_documents, "approval-form", [a, b], tmp_path, options=OPTS, fonts=fonts, actor="wang"
    )
    assert len(form.files) == 2 and len(form.records) == 2
    form_text = _text(form.files[0])
    assert "佛山市喆犇机器人有限公司" in form_text and "局领导审批意见" in form_text
    summary = in_uow(
        db,
        svc.render_documents,
        "province-summary",
        [a, b],
        tmp_path,
        options=OPTS,
        fonts=fonts,
        actor="wang",
    )
    assert [f.suffix for f in summary.files] == [".pdf", ".xlsx"]
    with db.uow() as uow:
        assert {r.doc_type for r in svc.list_documents(uow)} == {
            "publicity",
            "approval-form",
            "province-summary",
        }
        assert all(r.doc_no == "" for r in svc.list_documents(uow))


def test_refusals_name_the_problem_and_use_no_number(
    db: Database, officers: None, tmp_path: Path, fonts: FontSet
) -> None:
    with pytest.raises(NotFound):
        in_uow(db, svc.render_documents, "notice", [999], tmp_path, actor="wang", options=OPTS, fonts=fonts)
    other = _case(db, "佛山市某某贸易有限公司", field="other")
    with pytest.raises(InputError, match="不能列入奖励资金下达通知"):
        in_uow(db, svc.render_documents, "notice", [other], tmp_path, actor="wang", options=OPTS, fonts=fonts)
    bad = _case(db, "佛山市\U000e0041智能有限公司")  # a tag character: no font has it
    approve(db, bad)
    with pytest.raises(InputError, match="U\\+E0041") as err:
        in_uow(db, svc.render_documents, "notice", [bad], tmp_path, actor="wang", options=OPTS, fonts=fonts)
    assert err.value.fields["char"] == "\U000e0041"
    assert state(db, bad) == "approved"  # the failed rendering moved nothing
    with pytest.raises(InputError, match="未知的文书类型"):
        in_uow(db, svc.render_documents, "memo", [other], tmp_path, fonts=fonts, actor="wang")
    good = _case(db, "佛山市正常智能有限公司")
    approve(db, good)
    assert (
        in_uow(
            db, svc.render_documents, "notice", [good], tmp_path, actor="wang", options=OPTS, fonts=fonts
        ).doc_no
        == "佛工信函〔2025〕1号"
    )
    assert not list(tmp_path.glob(".tmp-*"))


def test_two_writers_get_consecutive_numbers_without_gaps(db_path: Path, db: Database) -> None:
    """Two officers issuing at once on one database file: every number once, none skipped, a rollback
    returns its number."""
    per_writer = 15
    taken: list[int] = []
    errors: list[BaseException] = []

    def writer(tag: str) -> None:
        own, _ = open_database(sqlite_url(db_path))
        try:
            for i in range(per_writer):
                with own.uow() as uow:
                    n = svc.next_doc_number(uow.session, "佛工信函", 2025)
                    uow.session.add(
                        IssuedDocument(
                            doc_type="notice",
                            case_ids=f",{tag}{i},",
                            doc_no=f"佛工信函〔2025〕{n}号",
                            doc_number=n,
                            issued_on=TODAY,
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

    threads = [threading.Thread(target=writer, args=(t,)) for t in ("1", "2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(taken) == list(range(1, 2 * per_writer + 1))
    with db.uow() as uow:
        svc.next_doc_number(uow.session, "佛工信函", 2025)  # rolled back: not used
    with db.uow() as uow:
        assert svc.next_doc_number(uow.session, "佛工信函", 2025) == 2 * per_writer + 1
        assert svc.next_doc_number(uow.session, "佛工信函", 2026) == 1  # a new year starts at 1
        assert len(uow.session.scalars(select(IssuedDocument)).all()) == 2 * per_writer


def test_migration_matches_the_models(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from core.store.models import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    ours = [
        d for d in diff if any(t in repr(d) for t in ("bureau_setting", "doc_sequence", "issued_document"))
    ]
    assert ours == []


def test_regenerating_uses_the_template_the_notice_was_issued_with(
    db: Database, officers: None, tmp_path: Path, fonts: FontSet
) -> None:
    from core.io import templates

    a = _case(db, "佛山市鑫淼智能有限公司")
    b = _case(db, "佛山市新智能有限公司")
    approve(db, a)
    approve(db, b)
    tpl_dir = tmp_path / "templates"
    first = in_uow(
        db,
        svc.render_documents,
        "notice",
        [a],
        tmp_path / "1",
        actor="wang",
        options=OPTS,
        fonts=fonts,
        template_dir=tpl_dir,
    )
    edited = templates.shipped_text("notice").replace("二、资金使用。", "二、资金使用要求。")
    templates.save_override("notice", edited, tpl_dir)
    [record] = first.records
    again = in_uow(db, svc.regenerate, record.id, tmp_path / "2", fonts, template_dir=tpl_dir)
    assert again.same_as_issued
    assert again.files[0].read_bytes() == first.files[0].read_bytes()
    # A new notice takes the edited text.
    new = in_uow(
        db,
        svc.render_documents,
        "notice",
        [b],
        tmp_path / "3",
        actor="wang",
        options=OPTS,
        fonts=fonts,
        template_dir=tpl_dir,
    )
    assert "二、资金使用要求。" in _text(new.files[0])


def test_preview_takes_no_number_and_records_nothing(db: Database, tmp_path: Path, fonts: FontSet) -> None:
    a = _case(db, "佛山市预览智能有限公司")
    for doc_type in svc.DOC_TYPES:
        pdf = in_uow(db, svc.preview_document, doc_type, [a], options=OPTS, fonts=fonts)
        assert pdf.startswith(b"%PDF")
    with db.uow() as uow:
        assert svc.list_documents(uow) == []
        assert svc.peek_doc_number(uow, "佛工信函", 2025) == 1
    other = _case(db, "佛山市某某商贸有限公司", field="other")
    assert other in in_uow(db, svc.problems_of, [a, other]) and a not in in_uow(
        db, svc.problems_of, [a, other]
    )

"""`main.py documents …` as an officer's script runs it: the headless render contract and its refusals. A
numbered notice is issued by a signed-in clerk for approved cases (moved through the workflow in-process)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from core.services import cases, users
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.titles import TitleInput, add_title
from core.store.engine import sqlite_url
from core.store.migrate import open_database
from tests.cli.conftest import Run
from tests.process import PW, add_officers, approve, state

RNG = random.Random(5)
AS_CLERK = ("--user", "wang", "--password-env", "PW")
ENV = {"PW": PW}


def _cases(db_path: Path, *names: str, approved: bool = False) -> list[int]:
    """Cases (drafts, or approved by the officers of tests/process.py, who are added on first use)."""
    db, _ = open_database(sqlite_url(db_path))
    ids = []
    try:
        if approved:
            with db.uow() as uow:
                first = users.needs_first_admin(uow)
            if first:
                add_officers(db)
        for name in names:
            code = make_code(RNG, "440605")
            with db.uow() as uow:
                add_enterprise(
                    uow,
                    EnterpriseInput(code=code, name=name, district="南海区", field="robotics"),
                    actor="wang",  # the clerk of tests/process.py (any name while there are no officers)
                )
            with db.uow() as uow:
                add_title(
                    uow,
                    TitleInput(
                        enterprise_code=code, kind="little-giant", batch=7, recognized_on="2025-07-18"
                    ),
                    actor="wang",
                )
            with db.uow() as uow:
                ids.append(
                    cases.create_case(uow, code, "little-giant", today=date(2025, 10, 20), actor="wang").id
                )
            if approved:
                approve(db, ids[-1])
    finally:
        db.dispose()
    return ids


def _text(path: str) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


def _state(db_path: Path, case_id: int) -> str:
    db, _ = open_database(sqlite_url(db_path))
    try:
        return state(db, case_id)
    finally:
        db.dispose()


def test_render_notice_for_a_batch_prints_files_and_doc_no(cli: Callable[..., Run], tmp_path: Path) -> None:
    ids = _cases(tmp_path / "cli.sqlite", "佛山市堃鑫智能装备有限公司", "A&B<智造>有限公司", approved=True)
    out = tmp_path / "out"
    args = ["documents", "render", "--type", "notice", "--date", "2025-10-20", "--out", str(out), "--json"]
    for i in ids:
        args += ["--case", str(i)]
    run = cli(*AS_CLERK, *args, env=ENV)
    assert run.code == 0, run.err
    assert all(_state(tmp_path / "cli.sqlite", i) == "notice_issued" for i in ids)
    assert run.json["doc_no"] == "佛工信函〔2025〕1号"
    [pdf] = run.json["files"]
    assert Path(pdf).parent == out
    text = _text(pdf)
    assert "A&B<智造>有限公司" in text and "佛山市堃鑫智能装备有限公司" in text
    assert "人民币肆佰万元整" in text

    listed = cli("documents", "list", "--json")
    assert listed.code == 0 and listed.json[0]["doc_no"] == "佛工信函〔2025〕1号"
    code = listed.json[0]["verification"]
    found = cli("documents", "verify", code, "--json")
    assert found.code == 0 and found.json[0]["cases"] == ids
    assert found.json[0]["issued_by"] == "wang"


def test_a_notice_needs_approved_cases_and_a_signed_in_clerk(cli: Callable[..., Run], tmp_path: Path) -> None:
    db_path = tmp_path / "cli.sqlite"
    [drafted] = _cases(db_path, "佛山市草稿智能有限公司")
    [ready] = _cases(db_path, "佛山市已批智能有限公司", approved=True)
    out = tmp_path / "out"
    base = ("documents", "render", "--type", "notice", "--date", "2025-10-20", "--out", str(out), "--json")
    run = cli(*AS_CLERK, *base, "--case", str(drafted), env=ENV)
    assert run.code == 2
    assert f"案件 {drafted}（佛山市草稿智能有限公司）处于“申报登记”状态" in run.json["error"]
    named = cli(*base, "--case", str(ready), "--actor", "wang")  # --actor is gone: only a sign-in names one
    assert named.code == 2 and "--actor" in named.err
    unsigned = cli(*base, "--case", str(ready))
    assert unsigned.code == 2 and "--user" in unsigned.json["error"] and "登录" in unsigned.json["error"]
    reviewer = cli("--user", "li", "--password-env", "PW", *base, "--case", str(ready), env=ENV)
    assert reviewer.code == 2 and "须由经办人办理" in reviewer.json["error"]
    assert not list(out.glob("*.pdf")) and _state(db_path, ready) == "approved"
    draft = cli(*AS_CLERK, *base, "--case", str(drafted), "--draft", env=ENV)
    assert draft.code == 0 and draft.json["records"] == [] and _state(db_path, drafted) == "draft"
    issued = cli(*AS_CLERK, *base, "--case", str(ready), env=ENV)
    assert issued.code == 0 and issued.json["doc_no"] == "佛工信函〔2025〕1号"


def test_province_summary_by_approval_period(cli: Callable[..., Run], tmp_path: Path) -> None:
    db_path = tmp_path / "cli.sqlite"
    approved = _cases(db_path, "佛山市期间甲智能有限公司", "佛山市期间乙智能有限公司", approved=True)
    _cases(db_path, "佛山市未批智能有限公司")
    out = tmp_path / "out"
    base = (
        *AS_CLERK,
        "documents",
        "render",
        "--type",
        "province-summary",
        "--date",
        "2025-11-03",
        "--out",
        str(out),
    )
    run = cli(*base, "--from", "2025-10-01", "--to", "2025-10-31", "--json", env=ENV)
    assert run.code == 0, run.err
    assert run.json["records"][0]["cases"] == approved
    text = _text(run.json["files"][0])
    assert "案件范围：2025年10月1日至2025年10月31日批准的案件" in text
    assert "佛山市期间乙智能有限公司" in text and "佛山市未批智能有限公司" not in text
    none = cli(*base, "--from", "2025-11-01", "--to", "2025-11-30", "--json", env=ENV)
    assert none.code == 2 and "没有批准的案件" in none.json["error"]
    both = cli(
        *base, "--from", "2025-10-01", "--to", "2025-10-31", "--case", str(approved[0]), "--json", env=ENV
    )
    assert both.code == 2 and "只能选用一种" in both.json["error"]
    half = cli(*base, "--from", "2025-10-01", "--json", env=ENV)
    assert half.code == 2 and "同时给出 --from 和 --to" in half.json["error"]
    nothing = cli(*base, "--json", env=ENV)
    assert nothing.code == 2 and "--case" in nothing.json["error"]


def test_each_document_type_renders(cli: Callable[..., Run], tmp_path: Path) -> None:
    [case] = _cases(tmp_path / "cli.sqlite", "佛山市珺彧科技有限公司")
    for doc_type, suffixes in (
        ("publicity", [".pdf"]),
        ("approval-form", [".pdf"]),
        ("province-summary", [".pdf", ".xlsx"]),
    ):
        run = cli(
            "documents",
            "render",
            "--type",
            doc_type,
            "--case",
            str(case),
            "--out",
            str(tmp_path / doc_type),
            "--json",
        )
        assert run.code == 0, run.err
        assert [Path(f).suffix for f in run.json["files"]] == suffixes
        assert run.json["doc_no"] == ""
        assert "佛山市珺彧科技有限公司" in _text(run.json["files"][0])


def test_unknown_case_and_unprintable_character_exit_2(cli: Callable[..., Run], tmp_path: Path) -> None:
    [bad] = _cases(tmp_path / "cli.sqlite", "佛山市\U000e0041智能有限公司", approved=True)
    run = cli(
        *AS_CLERK, "documents", "render", "--type", "notice", "--case", "999", "--out", str(tmp_path), "--json",
        env=ENV,
    )  # fmt: skip
    assert run.code == 2 and "999" in run.json["error"]
    run = cli(
        *AS_CLERK,
        "documents",
        "render",
        "--type",
        "notice",
        "--case",
        str(bad),
        "--out",
        str(tmp_path),
        env=ENV,
    )
    assert run.code == 2 and "U+E0041" in run.err
    assert _state(tmp_path / "cli.sqlite", bad) == "approved"
    assert not list(tmp_path.glob("*.pdf"))


def test_settings_change_the_prefix(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("documents", "settings", "--doc-prefix", "佛工信", "--contact-person", "张珺", "--json")
    assert run.code == 0 and run.json["doc_prefix"] == "佛工信" and run.json["contact_person"] == "张珺"
    bad = cli("documents", "settings", "--doc-prefix", "佛工信〔2025〕", "--json")
    assert bad.code == 2


def test_render_json_lists_warnings_for_a_date_outside_the_cases_own_dates(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    (case,) = _cases(tmp_path / "cli.sqlite", "佛山市公示期外智能有限公司", approved=True)
    out = tmp_path / "out"
    base = [
        *AS_CLERK,
        "documents",
        "render",
        "--type",
        "publicity",
        "--case",
        str(case),
        "--out",
        str(out),
        "--json",
    ]
    late = cli(*base, "--date", "2025-10-20", env=ENV)
    assert late.code == 0, late.err
    warnings = late.json["warnings"]
    assert (
        len(warnings) == 1 and "2025年10月20日" in warnings[0] and "公示期结束日 2025年10月9日" in warnings[0]
    )
    # The default: the 公示's own start, no warning.
    default = cli(*base, env=ENV)
    assert default.code == 0, default.err
    assert default.json["warnings"] == [] and default.json["records"][0]["issued_on"] == "2025-09-26"
    # Later than today (2026-12-04 in tests): refused, naming both dates.
    future = cli(*base, "--date", "2026-12-05", env=ENV)
    assert future.code == 2
    assert "2026年12月5日" in future.err + future.out and "2026年12月4日" in future.err + future.out

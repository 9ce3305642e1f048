"""`main.py documents …` as an officer's script runs it: the headless render contract and its refusals."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from core.services import cases
from core.services.demo import make_code
from core.services.enterprises import EnterpriseInput, add_enterprise
from core.services.titles import TitleInput, add_title
from core.store.engine import sqlite_url
from core.store.migrate import open_database
from tests.cli.conftest import Run

RNG = random.Random(5)


def _cases(db_path: Path, *names: str) -> list[int]:
    db, _ = open_database(sqlite_url(db_path))
    ids = []
    try:
        for name in names:
            code = make_code(RNG, "440605")
            with db.uow() as uow:
                add_enterprise(
                    uow, EnterpriseInput(code=code, name=name, district="南海区", field="robotics")
                )
            with db.uow() as uow:
                add_title(
                    uow,
                    TitleInput(
                        enterprise_code=code, kind="little-giant", batch=7, recognized_on="2025-07-18"
                    ),
                )
            with db.uow() as uow:
                ids.append(cases.create_case(uow, code, "little-giant", today=date(2025, 10, 20)).id)
    finally:
        db.dispose()
    return ids


def _text(path: str) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_render_notice_for_a_batch_prints_files_and_doc_no(cli: Callable[..., Run], tmp_path: Path) -> None:
    ids = _cases(tmp_path / "cli.sqlite", "佛山市堃鑫智能装备有限公司", "A&B<智造>有限公司")
    out = tmp_path / "out"
    args = ["documents", "render", "--type", "notice", "--date", "2025-10-20", "--out", str(out), "--json"]
    for i in ids:
        args += ["--case", str(i)]
    run = cli(*args)
    assert run.code == 0, run.err
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
    [bad] = _cases(tmp_path / "cli.sqlite", "佛山市\U000e0041智能有限公司")
    run = cli("documents", "render", "--type", "notice", "--case", "999", "--out", str(tmp_path), "--json")
    assert run.code == 2 and "999" in run.json["error"]
    run = cli("documents", "render", "--type", "notice", "--case", str(bad), "--out", str(tmp_path))
    assert run.code == 2 and "U+E0041" in run.err
    assert not list(tmp_path.glob("*.pdf"))


def test_settings_change_the_prefix(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("documents", "settings", "--doc-prefix", "佛工信", "--contact-person", "张珺", "--json")
    assert run.code == 0 and run.json["doc_prefix"] == "佛工信" and run.json["contact_person"] == "张珺"
    bad = cli("documents", "settings", "--doc-prefix", "佛工信〔2025〕", "--json")
    assert bad.code == 2

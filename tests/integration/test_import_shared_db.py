"""Import, re-import, failure mid-way and undo on SQLite and, when configured, PostgreSQL (the shared_db
fixture of tests/shared_db: CI sets SUBSIDY_DESK_TEST_PG_URL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from core.services import audit
from core.services import enterprises as ent_svc
from core.services import imports as svc
from core.services.imports import commit as commit_step
from core.store.uow import Database
from tests.integration.test_import_enterprises import C1, district_file, xlsx
from tests.shared_db.conftest import db_url, shared_db  # noqa: F401 - the fixtures, both databases


def _dump(db: Database) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT * FROM enterprise ORDER BY id"))]


def test_import_reimport_failure_and_undo(
    shared_db: Database,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with shared_db.uow() as uow:
        ent_svc.add_enterprise(
            uow, ent_svc.EnterpriseInput(code=C1, name="旧名称有限公司", field="ai"), actor="system"
        )
    before = _dump(shared_db)
    path = district_file(tmp_path / "list.xlsx")

    def boom(*_args: Any) -> None:
        raise RuntimeError("network gone")

    with monkeypatch.context() as m:
        m.setattr(commit_step, "_write_enterprise_chunk", boom)
        with shared_db.uow() as uow, pytest.raises(RuntimeError):
            svc.import_enterprises(uow, path, actor="system")
    assert _dump(shared_db) == before

    with shared_db.uow() as uow:
        report = svc.import_enterprises(uow, path, actor="王科员")
    assert (report.created, report.updated) == (3, 1) and report.batch is not None
    with shared_db.uow() as uow:
        again = svc.import_enterprises(uow, path, actor="system")
        assert ent_svc.get_enterprise(uow, C1).former_names == ("旧名称有限公司",)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    with shared_db.uow() as uow:
        undone = svc.undo_import(uow, report.batch, actor="system")
    assert (undone.deleted, undone.restored) == (3, 1)
    assert [r[:-3] for r in _dump(shared_db)] == [r[:-3] for r in before]
    with shared_db.uow() as uow:
        assert audit.verify(uow).ok  # the bulk-appended audit entries keep the hash chain intact


def test_title_import_and_undo(shared_db: Database, tmp_path: Path) -> None:  # noqa: F811
    with shared_db.uow() as uow:
        svc.import_enterprises(uow, district_file(tmp_path / "list.xlsx"), actor="system")
    miit = xlsx(
        tmp_path / "miit.xlsx",
        [
            ["序号", "地区", "企业名称"],
            [1, "广东", "佛山市云擎机器人科技有限公司"],
            [2, "广东", "佛山市灵动智能(集团)有限公司"],
        ],
    )
    params = svc.TitleImportParams("little-giant", 7, "2025-07-18", "工信厅企业函〔2025〕165号")
    with shared_db.uow() as uow:
        report = svc.import_titles(uow, miit, params, actor="system")
    assert report.created == 2 and report.batch is not None
    with shared_db.uow() as uow:
        assert svc.import_titles(uow, miit, params, dry_run=True, actor="system").unchanged == 2
        assert svc.undo_import(uow, report.batch, actor="system").deleted == 2
    with shared_db.uow() as uow:
        assert svc.count_rows(uow)["national_title"] == 0

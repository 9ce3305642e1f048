"""Fixtures every tier shares: a real SQLite database file in tmp_path, migrated to head."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# No test may touch the officer's real data directory.
os.environ.setdefault("SUBSIDY_DESK_HOME", str(Path(__file__).parent / ".." / "tmp" / "home"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from core.store.engine import sqlite_url
from core.store.migrate import open_database
from core.store.uow import Database


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUBSIDY_DESK_HOME", str(tmp_path / "home"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database, _report = open_database(sqlite_url(db_path))
    yield database
    database.dispose()

"""Fixtures every tier shares: a real SQLite database file in tmp_path, migrated to head."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

# No test may touch the officer's real data directory.
os.environ.setdefault("SUBSIDY_DESK_HOME", str(Path(__file__).parent / ".." / "tmp" / "home"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# "Today" is fixed for every test and every subprocess a test starts (core.domain.clock): date rules (no step
# after today, defaults, backup ages) must not change with the day the suite runs. A test that needs another
# day uses the `today` fixture or sets SUBSIDY_DESK_TODAY for its subprocess.
os.environ["SUBSIDY_DESK_TODAY"] = "2026-12-04"

from core.domain import clock
from core.store.engine import sqlite_url
from core.store.migrate import open_database
from core.store.uow import Database


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUBSIDY_DESK_HOME", str(tmp_path / "home"))


@pytest.fixture
def today() -> Iterator[Callable[[date], None]]:
    """Set today's date for this test (`today(date(2027, 1, 4))`); restored afterwards."""
    yield clock.set_today
    clock.set_today(None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database, _report = open_database(sqlite_url(db_path))
    yield database
    database.dispose()

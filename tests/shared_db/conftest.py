"""Storage, workflow and concurrency tests run against SQLite and, when SUBSIDY_DESK_TEST_PG_URL names a
PostgreSQL database (CI starts a server: see .ci/run), against PostgreSQL too.

The URL's role must be allowed to create databases: each test gets a fresh database, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from core.store.engine import sqlite_url
from core.store.migrate import open_database
from core.store.uow import Database

PG_ENV = "SUBSIDY_DESK_TEST_PG_URL"


def pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database of each kind, as a URL (the app migrates it when it opens it)."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "shared.sqlite").render_as_string(hide_password=False)
        return
    admin = pg_admin_url()
    if admin is None:
        pytest.skip(f"PostgreSQL not configured: set {PG_ENV} (CI's .ci/run starts a server and sets it)")
    url = make_url(admin).set(drivername="postgresql+psycopg")
    name = f"desk_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield url.set(database=name).render_as_string(hide_password=False)
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@pytest.fixture
def shared_db(db_url: str) -> Iterator[Database]:
    database, _report = open_database(db_url)
    yield database
    database.dispose()

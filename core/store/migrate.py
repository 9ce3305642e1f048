"""Open a database: create it, or upgrade an older one to the current schema after backing it up."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url

from core.store.engine import make_engine
from core.store.uow import Database

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class OpenReport:
    created: bool
    upgraded_from: str | None
    backup: Path | None


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revisions() -> frozenset[str]:
    """The heads of the migration graph. Areas may branch from a common revision (several heads); `upgrade`
    applies them all, and a later merge revision may join them."""
    return frozenset(ScriptDirectory.from_config(_config()).get_heads())


def current_revisions(engine: Engine) -> frozenset[str]:
    with engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def upgrade(engine: Engine, revision: str = "heads") -> None:
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _backup_sqlite(path: Path, revision: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix or '.sqlite'}")
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def open_database(url: str | URL) -> tuple[Database, OpenReport]:
    """Open (creating and migrating as needed) the database at `url`."""
    url = make_url(url)
    engine = make_engine(url)
    current = current_revisions(engine)
    created = not current
    backup: Path | None = None
    upgraded_from: str | None = None
    if current != head_revisions():
        if not created:
            upgraded_from = "+".join(sorted(current))
            if url.get_backend_name() == "sqlite" and url.database:
                backup = _backup_sqlite(Path(url.database), upgraded_from)
        upgrade(engine)
    return Database(engine, url.render_as_string(hide_password=False)), OpenReport(
        created=created, upgraded_from=upgraded_from, backup=backup
    )

"""Open a database: create it, or upgrade an older one to the current schema after backing it up."""

from __future__ import annotations

import ast
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import configure_mappers

from core.domain import clock
from core.store.engine import make_engine
from core.store.uow import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_ASSIGN = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class OpenReport:
    created: bool
    upgraded_from: str | None
    backup: Path | None


def _config() -> Config:
    from alembic.config import Config  # alembic costs ~0.15 s to import: only when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revisions() -> frozenset[str]:
    """The heads of the migration graph, read from the revision files without importing alembic (start-up
    time). Areas may branch from a common revision (several heads); `upgrade` applies them all, and a later
    merge revision may join them. A test checks this against alembic's own answer."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_ASSIGN.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        revisions.add(str(ast.literal_eval(found["revision"])))
        down = ast.literal_eval(found.get("down_revision", "None"))
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
    return frozenset(revisions - parents)


def current_revisions(engine: Engine) -> frozenset[str]:
    """The revisions the database is at (empty for a new database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return frozenset()
        return frozenset(
            str(v) for v in conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
        )


def upgrade(engine: Engine, revision: str = "heads") -> None:
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


BACKUP_DIR = "backups"  # beside the database file; core.services.backup lists, rotates and restores them
UPGRADE_REASON = "upgrade"  # the copy taken before a migration: never rotated away


BACKUP_STAMP = "%Y%m%d-%H%M%S"


def backup_name(db_path: Path, reason: str, at: datetime) -> Path:
    """Where an automatic copy goes: `backups/<stem>.<YYYYmmdd-HHMMSS>[-n].<reason>.sqlite` beside the database
    (-2, -3 … for later copies within the same second). The folder is not created here."""
    folder = db_path.parent / BACKUP_DIR
    base = f"{db_path.stem}.{at.strftime(BACKUP_STAMP)}"
    target = folder / f"{base}.{reason}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{base}-{n}.{reason}.sqlite"
    return target


def _backup_sqlite(path: Path) -> Path:
    """A copy of the database as it was before the migration, named like the other automatic copies, so
    设置 → 备份 lists it and can restore it."""
    target = backup_name(path, UPGRADE_REASON, clock.now())
    target.parent.mkdir(parents=True, exist_ok=True)
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
                backup = _backup_sqlite(Path(url.database))
        upgrade(engine)
    # Every use of the database needs the ORM mappings configured (~20 ms, once per process): do it while
    # opening, which the window does after its first paint, not on the officer's first import or search.
    configure_mappers()
    return Database(engine, url.render_as_string(hide_password=False)), OpenReport(
        created=created, upgraded_from=upgraded_from, backup=backup
    )

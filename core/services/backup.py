"""Backups of the SQLite database file, and restoring one.

Copies are made with SQLite's online backup API (`sqlite3.Connection.backup`): it reads one consistent
snapshot of the database while other connections keep writing, WAL content included, so a backup is never a
half-written file. Automatic copies go to a `backups/` folder beside the database file:

- at start (`backup_at_start`, the app calls it once it knows the database path),
- before an import (`backup_before(db_path, "import")`, the import dialog/service calls it),
- daily (`backup_daily`, called at start and by a timer: backs up when there is no copy from today yet),
- before a migration `core.store.migrate` writes its copy into the same folder (reason `upgrade`).

- before a restore (reason `restore`: the database as it was, listed and restorable like the others).

Two kinds of copies. The routine ones (`start`, `daily`, `manual`) are rotated after each automatic copy
(`choose_kept`: the newest copy of each of the last 7 days that have one, the newest of each of the last 4
ISO weeks, and always the 3 newest). The protected ones, taken before an irreversible step (`import`,
`undo-import`, `restore`, `upgrade`), are never removed by that rotation: a message names them ("导入前已备份
数据库 …") and the officer may come back for them. They are kept for at least `PROTECT_DAYS` (90) days
(`kept_until`); after that an import/undo/restore copy joins the routine rotation. The copies taken before a
migration are never rotated away at all: they are the only copies in the old format and are rare (one per
upgrade of the app). Restoring first keeps the current file aside (renamed with a timestamp, its WAL files
with it), then copies the backup in.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from core.domain import clock
from core.services.errors import InputError
from core.store.migrate import BACKUP_DIR, BACKUP_STAMP, UPGRADE_REASON, backup_name

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_LAST = 3

PROTECT_DAYS = 90
ROUTINE_REASONS = frozenset({"start", "daily", "manual"})
# taken before an irreversible step: kept PROTECT_DAYS days at least, never rotated with the routine copies
PROTECTED_REASONS = frozenset({"import", "undo-import", "restore", UPGRADE_REASON})
RESTORE_REASON = "restore"
REASON_LABELS = {  # for the command line; the window translates its own (ui.labels.backup_reason)
    "start": "启动时",
    "daily": "每日",
    "manual": "手动",
    "import": "导入前",
    "undo-import": "撤销导入前",
    "restore": "恢复备份前",
    UPGRADE_REASON: "数据库升级前（一直保留）",
}

_NAME = re.compile(r"^(?P<stem>.+)\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.(?P<reason>[a-z0-9_-]+)\.sqlite$")
_REASON = re.compile(r"^[a-z0-9_-]+$")
_SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int

    @property
    def protected(self) -> bool:
        """Taken before an irreversible step: not removed by the rotation of the routine copies."""
        return self.reason in PROTECTED_REASONS

    @property
    def kept_until(self) -> date | None:
        """The last day a protected copy is surely kept (None: a routine copy, or kept for good)."""
        return kept_until(self.reason, self.taken_at)

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)

    def to_json(self) -> dict[str, object]:
        until = self.kept_until
        return {
            "path": str(self.path),
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "reason_label": self.reason_label,
            "protected": self.protected,
            "kept_until": until.isoformat() if until else None,
            "size": self.size,
        }


def kept_until(reason: str, taken_at: datetime) -> date | None:
    """A protected copy is kept through the day PROTECT_DAYS after it was taken; an upgrade copy for good
    (None), and a routine copy only as long as the rotation keeps it (None)."""
    if reason not in PROTECTED_REASONS or reason == UPGRADE_REASON:
        return None
    return taken_at.date() + timedelta(days=PROTECT_DAYS)


@dataclass(frozen=True)
class RestoreReport:
    restored_from: Path
    database: Path
    kept_aside: Path | None
    revisions: tuple[str, ...]
    backup: Path | None = None  # the protected copy in backups/ of the database as it was before

    def to_json(self) -> dict[str, object]:
        return {
            "restored_from": str(self.restored_from),
            "database": str(self.database),
            "kept_aside": str(self.kept_aside) if self.kept_aside else None,
            "backup": str(self.backup) if self.backup else None,
            "revisions": list(self.revisions),
        }


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIR


def _copy(src_path: Path, target: Path, *, read_only: bool) -> None:
    """Copy one database into a new file with the online backup API (temp file, then rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    for stale in (tmp, *(tmp.with_name(tmp.name + s) for s in _SIDECARS)):
        stale.unlink(missing_ok=True)
    uri = f"{Path(src_path).resolve().as_uri()}{'?mode=ro' if read_only else ''}"
    src = sqlite3.connect(uri, uri=True, timeout=10)
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)  # pages=-1: the whole database from one read snapshot
            dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file
            ok = dst.execute("PRAGMA quick_check").fetchone()
        finally:
            dst.close()
    finally:
        src.close()
    if not ok or ok[0] != "ok":
        tmp.unlink(missing_ok=True)
        raise InputError(f"备份文件校验未通过（{ok[0] if ok else '无结果'}），未保存。")
    os.replace(tmp, target)


def _require_file(db_path: Path) -> Path:
    path = Path(db_path)
    if not path.is_file():
        raise InputError(f"数据库文件 {path} 不存在，无法备份。")
    return path


def backup_to(db_path: Path, out: Path, *, overwrite: bool = False) -> BackupInfo:
    """Back up the database at `db_path` into the file `out` (safe while the app is using the database)."""
    src = _require_file(db_path)
    out = Path(out)
    if out.resolve() == src.resolve():
        raise InputError("备份文件不能与数据库文件相同。")
    if out.exists() and not overwrite:
        raise InputError(f"文件 {out} 已存在；请换一个文件名，或先移走该文件。")
    _copy(src, out, read_only=False)
    return BackupInfo(out, clock.now(), "manual", out.stat().st_size)


def backup_before(db_path: Path, reason: str, *, at: datetime | None = None, rotate: bool = True) -> Path:
    """An automatic copy in `backups/` beside the database, named with the time and the reason ("start",
    "import", "daily", "manual", …); the folder is rotated afterwards. Returns the copy's path."""
    if not _REASON.match(reason):
        raise InputError(f"备份原因“{reason}”只能含小写字母、数字、- 和 _。")
    src = _require_file(db_path)
    when = (at or clock.now()).replace(microsecond=0)
    target = backup_name(src, reason, when)
    _copy(src, target, read_only=False)
    if rotate:
        prune(src, today=when.date())
    return target


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The automatic copies of this database in its `backups/` folder, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found: list[tuple[datetime, int, BackupInfo]] = []
    for path in folder.iterdir():
        m = _NAME.match(path.name)
        if not m or m["stem"] != Path(db_path).stem:
            continue
        taken = datetime.strptime(m["stamp"], BACKUP_STAMP)
        # -2, -3 … mark later copies within the same second
        found.append((taken, int(m["n"] or 1), BackupInfo(path, taken, m["reason"], path.stat().st_size)))
    return [b for _t, _n, b in sorted(found, key=lambda f: (f[0], f[1], f[2].path.name), reverse=True)]


def describe(path: Path) -> BackupInfo:
    """What an automatic copy's name says (time, reason) and its size."""
    m = _NAME.match(path.name)
    taken = datetime.strptime(m["stamp"], BACKUP_STAMP) if m else datetime.fromtimestamp(path.stat().st_mtime)
    return BackupInfo(path, taken.replace(microsecond=0), m["reason"] if m else "manual", path.stat().st_size)


def backup_daily(db_path: Path, *, at: datetime | None = None) -> Path | None:
    """Back up when no copy from today exists yet (call at start and from a timer). None: nothing to do."""
    when = at or clock.now()
    if any(b.taken_at.date() == when.date() for b in list_backups(db_path)):
        return None
    return backup_before(db_path, "daily", at=when)


def backup_at_start(db_path: Path, *, at: datetime | None = None) -> Path | None:
    """The copy taken when the app opens a database file (none for a file that does not exist yet)."""
    if not Path(db_path).is_file():
        return None
    return backup_before(db_path, "start", at=at)


def choose_kept(
    stamps: Iterable[datetime],
    *,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    last: int = KEEP_LAST,
) -> set[datetime]:
    """Which backups to keep, by their time: the newest of each of the `daily` most recent days that have a
    backup, the newest of each of the `weekly` most recent ISO weeks that have one, and the `last` newest."""
    ordered = sorted(set(stamps), reverse=True)
    kept: set[datetime] = set(ordered[:last])
    days: dict[date, datetime] = {}
    weeks: dict[tuple[int, int], datetime] = {}
    for stamp in ordered:  # newest first: the first seen per day/week is its newest
        days.setdefault(stamp.date(), stamp)
        iso = stamp.isocalendar()
        weeks.setdefault((iso.year, iso.week), stamp)
    kept.update(sorted(days.values(), reverse=True)[:daily])
    kept.update(sorted(weeks.values(), reverse=True)[:weekly])
    return kept


def _held(b: BackupInfo, today: date) -> bool:
    """A protected copy still within its PROTECT_DAYS (an upgrade copy always): outside the rotation."""
    if b.reason == UPGRADE_REASON:
        return True
    until = b.kept_until
    return until is not None and today <= until


def prune(db_path: Path, *, today: date | None = None) -> list[Path]:
    """Delete the routine copies the rotation no longer keeps; returns what was deleted. Protected copies
    (taken before an import, undo, restore or upgrade) are never touched within their PROTECT_DAYS, however
    many routine copies come after them; older ones are rotated with the routine copies."""
    day = today or clock.today()
    backups = list_backups(db_path)
    rotated = [b for b in backups if not _held(b, day)]
    keep = choose_kept(b.taken_at for b in rotated)
    removed: list[Path] = []
    seen: set[tuple[datetime, str]] = set()
    for b in rotated:  # newest first; of several copies for one reason in the same second keep the newest
        if b.taken_at in keep and (b.taken_at, b.reason) not in seen:
            seen.add((b.taken_at, b.reason))
            continue
        b.path.unlink(missing_ok=True)
        for suffix in _SIDECARS:
            b.path.with_name(b.path.name + suffix).unlink(missing_ok=True)
        removed.append(b.path)
    return removed


def _known_revisions() -> set[str]:
    from core.store.migrate import MIGRATIONS

    found: set[str] = set()
    pattern = re.compile(r"^revision\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def inspect_backup(path: Path) -> tuple[str, ...]:
    """The schema revisions of a Subsidy Desk database file; InputError when it is not one."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"备份文件 {path} 不存在。")
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise InputError(f"文件 {path.name} 不是 SQLite 数据库，不能用于恢复。")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            has = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            revisions = (
                tuple(r[0] for r in conn.execute("SELECT version_num FROM alembic_version")) if has else ()
            )
            check = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"文件 {path.name} 无法作为数据库读取（{exc}），不能用于恢复。") from None
    if not revisions:
        raise InputError(
            f"文件 {path.name} 不是奖补案件台的数据库（没有版本记录 alembic_version），不能用于恢复。"
        )
    unknown = sorted(set(revisions) - _known_revisions())
    if unknown:
        raise InputError(
            f"文件 {path.name} 由更新版本的奖补案件台创建（版本 {'、'.join(unknown)}），本程序不能恢复它。"
        )
    if not check or check[0] != "ok":
        raise InputError(f"文件 {path.name} 已损坏（{check[0] if check else '无结果'}），不能用于恢复。")
    return revisions


def restore(db_path: Path, backup: Path, *, at: datetime | None = None) -> RestoreReport:
    """Replace the database with a backup. Every connection to the database must be closed first (the app
    disposes its engine). The current file is kept aside first, renamed
    `<name>.before-restore-<time>.sqlite` (with its WAL files), then the backup is copied in."""
    db_path = Path(db_path)
    backup = Path(backup)
    revisions = inspect_backup(backup)
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise InputError("备份文件就是当前数据库文件，无需恢复。")
    when = (at or clock.now()).replace(microsecond=0)
    copy = _copy_before_restore(db_path, when)
    aside: Path | None = None
    if db_path.exists():
        aside = db_path.with_name(
            f"{db_path.stem}.before-restore-{when.strftime(BACKUP_STAMP)}{db_path.suffix}"
        )
        n = 1
        while aside.exists():
            n += 1
            aside = db_path.with_name(
                f"{db_path.stem}.before-restore-{when.strftime(BACKUP_STAMP)}-{n}{db_path.suffix}"
            )
        os.replace(db_path, aside)
        for suffix in _SIDECARS:
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                os.replace(side, aside.with_name(aside.name + suffix))
    try:
        _copy(backup, db_path, read_only=True)
    except BaseException:
        if aside is not None and not db_path.exists():  # put the original back
            os.replace(aside, db_path)
            for suffix in _SIDECARS:
                side = aside.with_name(aside.name + suffix)
                if side.exists():
                    os.replace(side, db_path.with_name(db_path.name + suffix))
        raise
    return RestoreReport(backup, db_path, aside, revisions, copy)


def _copy_before_restore(db_path: Path, when: datetime) -> Path | None:
    """A protected copy (reason `restore`) of the database about to be replaced, listed in 设置 → 备份 so the
    restore itself can be undone. A database too damaged to copy is still kept aside by `restore`: None."""
    if not db_path.is_file():
        return None
    try:
        return backup_before(db_path, RESTORE_REASON, at=when, rotate=False)
    except (InputError, OSError, sqlite3.DatabaseError):
        return None

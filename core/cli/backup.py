"""`backup` and `restore`: copy the SQLite database file safely (while in use) and put a copy back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from core.cli.common import EXIT_OK, CliInputError, Context, add_json_flag
from core.domain.permissions import Action
from core.paths import default_db_path
from core.services import backup as svc


def register(sub: Any) -> None:
    b = sub.add_parser("backup", help="备份数据库文件（使用 SQLite 在线备份，程序使用中也安全）")
    b.add_argument("--out", metavar="FILE", help="备份到此文件（省略时存入数据库旁的 backups 文件夹）")
    b.add_argument(
        "--list",
        action="store_true",
        help="列出 backups 文件夹中的自动备份及原因；导入、撤销导入、恢复、升级前的备份至少保留 90 天，不参与轮换",
    )
    add_json_flag(b)
    b.set_defaults(handler=backup_cmd)

    r = sub.add_parser(
        "restore",
        help="用备份文件恢复数据库（当前文件先改名留存，再复制备份进来）；恢复前请关闭桌面窗口",
    )
    r.add_argument("file", metavar="FILE", help="奖补案件台的备份文件（.sqlite）")
    add_json_flag(r)
    r.set_defaults(handler=restore_cmd)


def _db_path(ctx: Context) -> Path:
    if ctx.args.db_url:
        url = make_url(ctx.args.db_url)
        if url.get_backend_name() != "sqlite" or not url.database:
            raise CliInputError(
                "备份与恢复只适用于 SQLite 数据库文件；PostgreSQL 请用 pg_dump / pg_restore。"
            )
        return Path(url.database).expanduser().resolve()
    path = Path(ctx.args.db) if ctx.args.db else default_db_path()
    return path.expanduser().resolve()


def _kept(b: svc.BackupInfo) -> str:
    if b.reason == "upgrade":
        return "一直保留"
    until = b.kept_until
    return f"保留至 {until.isoformat()}" if until else "按轮换保留"


def backup_cmd(ctx: Context) -> int:
    db = _db_path(ctx)
    if ctx.args.list:
        found = svc.list_backups(db)
        ctx.emit(
            [b.to_json() for b in found],
            lambda: (
                "\n".join(
                    f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.reason_label}  {_kept(b)}  {b.path}" for b in found
                )
                or f"{svc.backup_dir(db)} 中暂无备份。"
            ),
        )
        return EXIT_OK
    if db.exists():  # a copy of every officer's data: an administrator's task
        ctx.require(Action.BACKUP)
        ctx.close()
    if ctx.args.out:
        info = svc.backup_to(db, Path(ctx.args.out).expanduser())
    else:
        path = svc.backup_before(db, "manual")
        info = svc.describe(path)
    ctx.emit(info.to_json(), f"已备份到 {info.path}（{info.size:,} 字节）。")
    return EXIT_OK


def restore_cmd(ctx: Context) -> int:
    db = _db_path(ctx)
    if db.exists():  # replaces every officer's data: an administrator of the database in use decides
        ctx.require(Action.RESTORE)
        ctx.close()  # the file is renamed aside next: no connection may stay open on it
    report = svc.restore(db, Path(ctx.args.file).expanduser())
    aside = f"原数据库已改名留存为 {report.kept_aside}；" if report.kept_aside else ""
    if report.backup:
        aside += f"恢复前已备份数据库：{report.backup}；"
    ctx.emit(report.to_json(), f"{aside}已用 {report.restored_from} 恢复 {report.database}。")
    return EXIT_OK

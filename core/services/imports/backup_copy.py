"""The copy of a SQLite database file taken before an import or an undo writes (core.services.backup,
rotated), so the CLI and the window get the same copy; none for a PostgreSQL server, which keeps its own.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from core.services import backup
from core.services.errors import ServiceError


def backup_before_writing(session: Session, reason: str) -> Path | None:
    """A copy of a SQLite database file in its backups/ folder (core.services.backup, rotated) before an
    import or an undo writes; None for another database (a PostgreSQL server has its own backups). A failed
    copy stops the import: ServiceError, nothing written."""
    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    try:
        return backup.backup_before(Path(url.database), reason)
    except (OSError, ServiceError) as exc:
        raise ServiceError(
            f"导入前的自动备份失败（{exc}），未作任何修改。请检查磁盘空间和 backups 文件夹的权限后重试。"
        ) from None

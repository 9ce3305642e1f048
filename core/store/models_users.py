"""Officers' local accounts (migration 0002_users_audit). Passwords are stored only as hashes (argon2id; older scrypt
hashes verify and are rehashed at the next sign-in: core.services.passwords)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from core.store.models import Base, now


class User(Base):
    # "user" is a reserved word in PostgreSQL
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    # Role codes, comma-separated in a fixed order (clerk,reviewer,approver,admin).
    roles: Mapped[str] = mapped_column(String(100), default="")
    # $argon2id$v=19$m=…,t=…,p=…$salt$hash (older: scrypt$N$r$p$salt-hex$hash-hex)
    password_hash: Mapped[str] = mapped_column(String(300))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, onupdate=now, server_default=func.current_timestamp()
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative form

"""SQLAlchemy 2 typed models. Every schema change comes with an Alembic revision in migrations/versions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from core.domain import clock

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def now() -> datetime:
    """Local wall-clock time, to the second: what an officer reads in a history or a stamp (`core.domain.clock`)."""
    return clock.now()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Enterprise(Base):
    __tablename__ = "enterprise"
    # Covering index: search-as-you-type in the default (name) order reads only this index (~30 ms at 100k).
    __table_args__ = (Index("ix_enterprise_search", "name_norm", "id", "search_text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(18), unique=True)
    # Set when an officer keeps a code that fails the check digit (some early real codes do).
    code_override_reason: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(200))
    name_norm: Mapped[str] = mapped_column(String(200))
    # One former name a line.
    former_names: Mapped[str] = mapped_column(Text, default="")
    district: Mapped[str] = mapped_column(String(50), default="", index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    legal_rep: Mapped[str] = mapped_column(String(50), default="")
    contact_person: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    field: Mapped[str] = mapped_column(String(20), default="other", index=True)
    field_reason: Mapped[str] = mapped_column(Text, default="")
    reg_status: Mapped[str] = mapped_column(String(20), default="active")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Lower-cased normalised name + former names + code + district: what search-as-you-type scans.
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, onupdate=now, server_default=func.current_timestamp()
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    titles: Mapped[list[NationalTitle]] = relationship(back_populates="enterprise")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative form


class NationalTitle(Base):
    __tablename__ = "national_title"
    __table_args__ = (
        Index("ix_national_title_kind_year", "kind", "recognized_year"),
        Index("ix_national_title_enterprise_status", "enterprise_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"))
    kind: Mapped[str] = mapped_column(String(20))
    champion_type: Mapped[str | None] = mapped_column(String(20))
    product: Mapped[str] = mapped_column(String(200), default="")
    batch: Mapped[int] = mapped_column(Integer)
    recognized_on: Mapped[date] = mapped_column(Date)
    recognized_year: Mapped[int] = mapped_column(Integer)
    doc_no: Mapped[str] = mapped_column(String(100), default="")
    re_review: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="valid")
    status_on: Mapped[date | None] = mapped_column(Date)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    expires_on: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(20), default="manual")
    created_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, onupdate=now, server_default=func.current_timestamp()
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    enterprise: Mapped[Enterprise] = relationship(back_populates="titles")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative form

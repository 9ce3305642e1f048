"""Issued documents, the 文号 sequence and the bureau's document settings (migration 0002_documents).

- `bureau_setting`: key/value rows (bureau name, banner text, 文号 prefix, city, contact, addressee, signatory).
- `doc_sequence`: the next 文号 number per (prefix, year). Numbers are taken with one
  `UPDATE … SET next_no = next_no + 1 … RETURNING` in the same transaction as the record insert: the row lock
  (PostgreSQL) or the database write lock (SQLite) serialises two officers issuing at once, and a rollback gives
  the number back, so the sequence has no gaps and no repeats.
- `issued_document`: what was printed: type, cases, 文号, the data it was printed from (so that regenerating it
  prints the same), the file's SHA-256, the verification code on the page, who and when.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from core.store.models import Base, now


class BureauSetting(Base):
    __tablename__ = "bureau_setting"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, onupdate=now, server_default=func.current_timestamp()
    )
    updated_by: Mapped[str] = mapped_column(String(100), default="")


class DocSequence(Base):
    __tablename__ = "doc_sequence"

    prefix: Mapped[str] = mapped_column(String(50), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_no: Mapped[int] = mapped_column(Integer, default=1)


class IssuedDocument(Base):
    __tablename__ = "issued_document"
    __table_args__ = (Index("ix_issued_document_type_cases", "doc_type", "case_ids"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(30))
    # Case ids, sorted, comma-separated with commas around (",3,7,"): LIKE '%,7,%' finds a case's documents.
    case_ids: Mapped[str] = mapped_column(Text)
    doc_no: Mapped[str | None] = mapped_column(String(100), unique=True)
    doc_prefix: Mapped[str] = mapped_column(String(50), default="")
    doc_year: Mapped[int | None] = mapped_column(Integer)
    doc_number: Mapped[int | None] = mapped_column(Integer)
    issued_on: Mapped[date] = mapped_column(Date)
    # The JSON the document was printed from: regenerating prints from this, never from today's data.
    payload: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    verification: Mapped[str] = mapped_column(String(16), index=True)
    issued_by: Mapped[str] = mapped_column(String(100), default="")
    issued_at: Mapped[datetime] = mapped_column(
        DateTime, default=now, server_default=func.current_timestamp()
    )

"""The register of issued documents (core.store.models_documents.IssuedDocument): listing it, finding a record by
its verification code, taking and peeking the next 文号 number, the notice issued for exactly some cases, a 文号
typed by hand on a case, what the audit trail records of an issue, and whether a stored payload can still be
trusted (`payload_problem`, `TamperedRecord`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.io.pdf import model as m
from core.services.documents.results import DocumentRecord
from core.services.errors import Conflict
from core.store.models_documents import DocSequence, IssuedDocument
from core.store.models_workflow import CaseEvent
from core.store.uow import UnitOfWork


def _ids_key(case_ids: Sequence[int]) -> str:
    return "," + ",".join(str(i) for i in sorted(case_ids)) + ","


def _record(row: IssuedDocument) -> DocumentRecord:
    return DocumentRecord(
        id=row.id,
        doc_type=row.doc_type,
        case_ids=tuple(int(x) for x in row.case_ids.strip(",").split(",") if x),
        doc_no=row.doc_no or "",
        issued_on=row.issued_on,
        file_name=row.file_name,
        file_sha256=row.file_sha256,
        verification=row.verification,
        issued_by=row.issued_by,
        issued_at=row.issued_at,
        audit_anchor=_anchor_in(row.payload),
    )


def _anchor_in(payload: str) -> str:
    try:
        value = json.loads(payload).get("audit_anchor", "")
    except (ValueError, AttributeError):
        return ""
    return value if isinstance(value, str) else ""


def list_documents(
    uow: UnitOfWork, case_id: int | None = None, doc_type: str | None = None
) -> list[DocumentRecord]:
    stmt = select(IssuedDocument)
    if case_id is not None:
        stmt = stmt.where(IssuedDocument.case_ids.like(f"%,{case_id},%"))
    if doc_type is not None:
        stmt = stmt.where(IssuedDocument.doc_type == doc_type)
    return [_record(r) for r in uow.session.scalars(stmt.order_by(IssuedDocument.id))]


def find_by_verification(uow: UnitOfWork, code: str) -> list[DocumentRecord]:
    """The records a verification code printed on a page belongs to (normally one)."""
    code = code.strip().upper()
    rows = list(uow.session.scalars(select(IssuedDocument).where(IssuedDocument.verification == code)))
    for row in rows:
        _check_payload(uow.session, row)  # a record edited after issue vouches for nothing
    return [_record(r) for r in rows]


def next_doc_number(session: Session, prefix: str, year: int) -> int:
    """Take the next number of (prefix, year). Call it first in the transaction that inserts the record:
    the UPDATE takes the row (PostgreSQL) or the database (SQLite) write lock until commit or rollback."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:
        from sqlalchemy.dialects.postgresql import insert as dialect_insert  # type: ignore[assignment]  # same API as sqlite's insert
    session.execute(
        dialect_insert(DocSequence).values(prefix=prefix, year=year, next_no=1).on_conflict_do_nothing()
    )
    taken = session.execute(
        update(DocSequence)
        .where(DocSequence.prefix == prefix, DocSequence.year == year)
        .values(next_no=DocSequence.next_no + 1)
        .returning(DocSequence.next_no)
    ).scalar_one()
    return int(taken) - 1


def peek_doc_number(uow: UnitOfWork, prefix: str, year: int) -> int:
    """The number the next issued notice of (prefix, year) will get (for display; not reserved)."""
    row = uow.session.get(DocSequence, (prefix, year))
    return row.next_no if row else 1


def _issued_notice(session: Session, ids: Sequence[int]) -> IssuedDocument | None:
    return session.scalars(
        select(IssuedDocument).where(
            IssuedDocument.doc_type == "notice", IssuedDocument.case_ids == _ids_key(ids)
        )
    ).first()


def _typed_by_hand(session: Session, doc_no: str) -> bool:
    """An officer already stated this 文号 on a case's “下达资金” (a notice issued outside the app)."""
    stated = session.scalars(
        select(CaseEvent.facts).where(CaseEvent.action == "issue_notice", CaseEvent.facts.contains(doc_no))
    )
    return any(json.loads(text).get("doc_no") == doc_no for text in stated)


def _issued_fields(row: IssuedDocument) -> dict[str, Any]:
    """What the trail records of an issued document: enough for `audit verify` to see its record edited and
    for `payload_problem` to see its stored payload replaced (its SHA-256)."""
    from core.services import audit, audit_state

    return audit.created(
        {
            "doc_type": row.doc_type,
            "doc_no": row.doc_no,
            "case_ids": [int(x) for x in row.case_ids.strip(",").split(",") if x],
            "issued_on": row.issued_on,
            "verification": row.verification,
            "file_sha256": row.file_sha256,
            "payload_sha256": audit_state.payload_sha256(row.payload),
            "audit_anchor": json.loads(row.payload).get("audit_anchor"),
        }
    )


class TamperedRecord(Conflict):
    """An issued document's stored record no longer matches what was printed: not reprinted, not vouched for."""


def payload_problem(session: Session, row: IssuedDocument) -> str | None:
    """Why an issued document's stored payload can no longer be trusted (None: it is what was printed): it is
    not JSON, its verification code is not the code of its content, or its SHA-256 is not the one the audit
    trail recorded when it was issued."""
    from core.services import audit, audit_state

    what = f"文书记录 {row.id}" + (f"（{row.doc_no}）" if row.doc_no else " ")
    try:
        payload = json.loads(row.payload)
    except ValueError:
        return f"{what}的印制数据已损坏（不是有效的 JSON）。"
    if not isinstance(payload, dict):
        return f"{what}的印制数据已损坏。"
    code = m.verification_code({k: v for k, v in payload.items() if k != "verification"})
    if payload.get("verification") != row.verification or code != row.verification:
        return (
            f"{what}的印制数据在发文后被改动：其内容的校验码为 {code}，与发文时的校验码 {row.verification} 不符。"
            "不能据此重新生成或核验，请以纸质文书和审计记录为准。"
        )
    recorded = audit.last_values(session, "document", row.id).get("payload_sha256")
    if recorded is not None and recorded != audit_state.payload_sha256(row.payload):
        return (
            f"{what}的印制数据与审计记录中发文时的哈希不符（发文后被改动）。"
            "不能据此重新生成或核验，请以纸质文书和审计记录为准。"
        )
    return None


def _check_payload(session: Session, row: IssuedDocument) -> None:
    problem = payload_problem(session, row)
    if problem:
        raise TamperedRecord(problem)

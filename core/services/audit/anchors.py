"""Anchors: the chain's position and hash ("N:HASH") printed on every issued document, parsed back from
paper, checked against the chain, and read from the stored documents."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.services.audit.chain import ChainEnd, _read_head
from core.services.audit.hashing import GENESIS
from core.store.models_audit import AuditEntry

ANCHOR_HEX = 12  # hex digits of the entry's hash printed in an anchor (48 bits)
MIN_ANCHOR_HEX = 8  # the shortest prefix `--anchor` accepts


def anchor_of(session: Session) -> str:
    """The chain's current end as an anchor, "N:HASH" (N the last entry's number, HASH its first
    `ANCHOR_HEX` hex digits); "0:" + zeros on an empty trail. Printed beside a document's verification code."""
    head = _read_head(session)
    if head is None:
        last = session.execute(
            select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
        ).first()
        head = ChainEnd(0, int(last[0]), str(last[1])) if last else ChainEnd(0, 0, GENESIS)
    return f"{head.last_id}:{head.last_hash[:ANCHOR_HEX]}"


def parse_anchor(text: str) -> tuple[int, str]:
    """ "1234:9f3a0c…" → (1234, "9f3a0c…"); spaces, "…" and upper case allowed as printed or typed."""
    cleaned = "".join(text.split()).replace("…", "").replace("：", ":").lower()
    number, sep, digest = cleaned.partition(":")
    if not sep or not number.isdigit() or len(digest) < MIN_ANCHOR_HEX:
        raise ValueError(
            f"审计锚点应写作“条数:哈希”（如 1234:9f3a0c5d1e2b），哈希至少 {MIN_ANCHOR_HEX} 位：{text}"
        )
    if any(c not in "0123456789abcdef" for c in digest):
        raise ValueError(f"审计锚点的哈希只含 0-9、a-f：{text}")
    return int(number), digest


def _anchor_problem(by_id: Mapping[int, str], number: int, digest: str, where: str) -> str | None:
    if number == 0:
        return None if set(digest) == {"0"} else f"{where}审计锚点 0:{digest} 不是空链的锚点。"
    found = by_id.get(number)
    if found is None:
        return (
            f"{where}审计锚点指向第{number}条审计记录，现在的审计记录中已没有这一条（记录被删除或链被截短）。"
        )
    if not found.startswith(digest):
        return (
            f"{where}审计锚点 {number}:{digest} 与现在第{number}条审计记录的哈希 {found[: len(digest)]} 不符："
            "该条及之前的审计记录在打印之后被改写过。"
        )
    return None


def _stored_anchors(session: Session) -> list[tuple[str, str]]:
    """(文书 label, anchor) of every issued document that carries one (in its payload)."""
    from core.store.models_documents import IssuedDocument

    out = []
    for doc_id, doc_no, payload in session.execute(
        select(IssuedDocument.id, IssuedDocument.doc_no, IssuedDocument.payload)
    ):
        if "audit_anchor" not in payload:
            continue
        try:
            anchor = json.loads(payload).get("audit_anchor")
        except ValueError:
            continue
        if isinstance(anchor, str) and anchor:
            out.append((f"文书记录 {doc_id}{f'（{doc_no}）' if doc_no else ''}的", anchor))
    return out

"""Appending to the hash chain: the write lock, the head row (`ChainEnd`), `record` for one entry in the
caller's transaction, `Appender` for many, password fingerprints on password entries, and the chain's
algorithm (`set_algorithm`, `algorithm_of`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Table as SaTable
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from core.services.audit.actors import actor_or_system
from core.services.audit.hashing import ALGORITHMS, GENESIS, SHA256, _canonical_of_payload, entry_hash, hasher
from core.services.audit.values import Change, plain
from core.store.fast import insert_fast
from core.store.models import now
from core.store.models_audit import AuditEntry, AuditHead
from core.store.models_users import User
from core.store.uow import UnitOfWork

HEAD_ID = 1  # the one row of audit_head
_PG_LOCK_KEY = 0x5D_A0D17  # one advisory lock serialises appends on a shared PostgreSQL database


@dataclass(frozen=True)
class ChainEnd:
    """The chain's end as its head row records it: how many entries, the last one's id and hash."""

    entries: int
    last_id: int
    last_hash: str
    algorithm: str = SHA256


def _lock(session: Session) -> None:
    """Take the audit trail's write lock for the rest of the transaction, so that two officers saving at once
    queue up instead of both appending after the same entry (and `verify` reads entries and head together)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    elif dialect == "sqlite":
        session.execute(text("UPDATE audit_head SET id = id WHERE 0 = 1"))  # a no-op write takes the lock


def _read_head(session: Session) -> ChainEnd | None:
    row = session.execute(
        select(AuditHead.entries, AuditHead.last_id, AuditHead.last_hash, AuditHead.algorithm).where(
            AuditHead.id == HEAD_ID
        )
    ).first()
    return ChainEnd(int(row[0]), int(row[1]), str(row[2]), str(row[3] or SHA256)) if row else None


def _chain_end(session: Session) -> ChainEnd:
    """Where the next entry goes: the head row (not the last stored entry, so that an entry deleted at the
    end stays missing: the next one is numbered and chained after it). A database without the row (it was
    removed) gets it back from its entries as they are."""
    head = _read_head(session)
    if head is not None:
        return head
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    count = int(session.scalar(select(func.count(AuditEntry.id))) or 0)
    end = ChainEnd(count, int(last[0]), str(last[1])) if last else ChainEnd(0, 0, GENESIS)
    session.execute(
        insert(AuditHead).values(
            id=HEAD_ID, entries=end.entries, last_id=end.last_id, last_hash=end.last_hash
        )
    )
    return end


def _advance(session: Session, end: ChainEnd) -> None:
    session.execute(
        update(AuditHead)
        .where(AuditHead.id == HEAD_ID)
        .values(entries=end.entries, last_id=end.last_id, last_hash=end.last_hash, algorithm=end.algorithm)
    )


def _payload(changes: Mapping[str, Change] | str | None) -> str:
    """The canonical JSON stored as an entry's changes; a str is one `created_payload` rendered already."""
    if isinstance(changes, str):
        return changes
    body = {k: [plain(b), plain(a)] for k, (b, a) in (changes or {}).items()}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def created_payload(after: Mapping[str, Any]) -> str:
    """`_payload(created(after))` in one pass, for the 10,000 records of an import (an Item's changes may be
    this text instead of the mapping)."""
    body = {k: [None, plain(v)] for k, v in after.items() if v not in (None, "", [], ())}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record(
    session: Session,
    actor: str,
    entity: str,
    entity_id: int | str,
    action: str,
    changes: Mapping[str, Change] | str | None = None,
) -> AuditEntry:
    """Append one entry to the chain (in the caller's transaction; it commits with the change it records)."""
    _lock(session)
    session.flush()
    end = _chain_end(session)
    if entity == "user" and action in PASSWORD_ACTIONS:
        changes = _with_password(session, entity_id, changes)
    entry = AuditEntry(
        id=end.last_id + 1,
        at=now(),
        actor=actor_or_system(actor),
        entity=entity,
        entity_id=str(entity_id),
        action=action,
        changes=_payload(changes),
        prev_hash=end.last_hash,
        hash="",
    )
    entry.hash = entry_hash(end.last_hash, entry, end.algorithm)
    session.add(entry)
    session.flush()
    _advance(session, ChainEnd(end.entries + 1, entry.id, entry.hash, end.algorithm))
    return entry


# The actions that set an account's password: their entry also states a fingerprint of the stored hash (the
# first 16 hex digits of its SHA-256: it tells nothing of the password, as the salt is not in it), so that
# `verify` sees a password hash written outside the app. A rehash at sign-in must be recorded as one of these.
PASSWORD_ACTIONS = frozenset({"create", "set_password", "rehash"})
PASSWORD_FIELD = "password"


def password_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:16]


def _with_password(
    session: Session, entity_id: int | str, changes: Mapping[str, Change] | str | None
) -> Mapping[str, Change] | str | None:
    if isinstance(changes, str):
        return changes
    stored = session.scalar(select(User.password_hash).where(User.id == int(entity_id)))
    if stored is None:
        return changes
    return {**(changes or {}), PASSWORD_FIELD: (None, password_fingerprint(stored))}


def set_algorithm(uow: UnitOfWork, algorithm: str) -> str:
    """Choose the chain's hash algorithm (`sha256` or `sm3`) for a database whose trail is still empty: the
    choice is kept on the head row and every entry is hashed with it. Refused once there is an entry (a chain
    keeps the algorithm it started with). Commits."""
    if algorithm not in ALGORITHMS:
        raise ValueError(f"审计哈希算法只能是 {'、'.join(ALGORITHMS)}，不能是“{algorithm}”。")
    session = uow.session
    _lock(session)
    end = _chain_end(session)
    if end.last_id or session.scalar(select(func.count(AuditEntry.id))):
        if end.algorithm == algorithm:
            return algorithm
        raise ValueError(f"审计记录已有 {end.entries} 条（算法 {end.algorithm}），不能再更换哈希算法。")
    _advance(session, ChainEnd(0, 0, GENESIS, algorithm))
    uow.commit()
    return algorithm


def algorithm_of(uow: UnitOfWork) -> str:
    head = _read_head(uow.session)
    return head.algorithm if head else SHA256


# entity, id, action, changes (or their payload as created_payload renders it)
Item = tuple[str, int | str, str, Mapping[str, Change] | str]


class _Entry(NamedTuple):
    """An audit entry's hashed fields, without the cost of an ORM object per row."""

    id: int
    at: datetime
    actor: str
    entity: str
    entity_id: str
    action: str
    changes: str


_ENTRY_COLUMNS = (*_Entry._fields, "prev_hash", "hash")


class Appender:
    """Appends many entries to the chain in the caller's transaction, chunk by chunk (imports, the demo): the
    first through `record` (which takes the write lock and reads the chain's end), the rest hashed here in
    sequence and inserted in bulk (one `record` per row would cost seconds for 10,000 rows); the head row
    follows each chunk. All entries of one appender carry the same time and actor."""

    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor
        self.last: tuple[ChainEnd, datetime, str] | None = None  # the chain's end, the time and actor

    def add(self, items: Sequence[Item]) -> None:
        if not items:
            return
        if self.last is None:
            first = record(self.session, self.actor, *items[0])
            head = _read_head(self.session)
            assert head is not None  # record wrote it
            self.last = (head, first.at, first.actor)
            items = items[1:]
            if not items:
                return
        end, at, who = self.last
        prev_id, prev_hash = end.last_id, end.last_hash
        rows: list[dict[str, object]] = []
        digest_of = hasher(end.algorithm)
        for entity, entity_id, action, changes in items:
            entry = _Entry(prev_id + 1, at, who, entity, str(entity_id), action, _payload(changes))
            digest = digest_of((prev_hash + _canonical_of_payload(entry)).encode("utf-8")).hexdigest()
            rows.append(dict(zip(_ENTRY_COLUMNS, (*entry, prev_hash, digest), strict=True)))
            prev_id, prev_hash = entry.id, digest
        insert_fast(self.session, cast(SaTable, AuditEntry.__table__), rows)
        end = ChainEnd(end.entries + len(rows), prev_id, prev_hash, end.algorithm)
        _advance(self.session, end)
        self.last = (end, at, who)

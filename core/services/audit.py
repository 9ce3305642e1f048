"""The audit trail: who changed what, when, field by field; append-only and hash-chained.

Each entry's hash is sha256(previous entry's hash + the canonical JSON of the entry, its position included), so
editing, deleting, inserting or reordering stored entries breaks the chain at the first entry concerned, which
`verify` names. Nothing follows the last entry, so the chain's end is also kept in a one-row head
(`audit_head`: entry count, last id and hash), updated in the same transaction as every append; `verify`
compares the stored end with it, which catches the deletion of the last entries too. New entries are numbered
and chained from the head, so an entry deleted at the end stays visibly missing after later appends.

`record` is called by the write use cases inside their own transaction: the change and its audit entry are
committed together or not at all. Appends serialise on a write lock (SQLite: the database write lock, taken
by a no-op UPDATE; PostgreSQL: a transaction-scoped advisory lock), so two officers saving at once queue up.

The hash function is recorded on the head row (`algorithm`, migration 0006_audit_algorithm): SHA-256, or SM3
(GB/T 32905) chosen for a new database before its first entry (`set_algorithm`). A chain keeps its algorithm.

What a hash chain alone cannot do: someone who can write the database file may rewrite every entry from the
first one on and the head with them. Two things catch that: `verify` also replays the trail and compares every
audited record with it (`audit_state`: a value changed in the tables but not in the trail is reported), and
every issued document stores and prints an anchor, the chain's last entry number and hash at issue
(`anchor_of`, "N:HASH"): `verify` checks every stored anchor, and `verify(anchor=…)` one read off paper, so a
consistent rewrite of the entries up to N no longer matches any copy printed after entry N.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, NamedTuple, cast

from sqlalchemy import Table as SaTable
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from core.domain.workflow import TRANSITIONS, CaseState
from core.store.fast import insert_fast
from core.store.models import NationalTitle, now
from core.store.models_audit import AuditEntry, AuditHead
from core.store.models_users import User
from core.store.uow import UnitOfWork

__all__ = ["AuditEntry"]

GENESIS = "0" * 64
HEAD_ID = 1  # the one row of audit_head
SYSTEM = "system"
DEMO = "demo"  # the actor of the demo register (core.services.demo)
_PG_LOCK_KEY = 0x5D_A0D17  # one advisory lock serialises appends on a shared PostgreSQL database

Change = tuple[Any, Any]

# The officer signed in to this process (the desktop app sets it at sign-in): recorded for changes whose
# caller passed no actor of its own. One officer per window process; the CLI passes --user explicitly.
_signed_in: str | None = None


def set_signed_in(name: str | None) -> None:
    global _signed_in
    _signed_in = name


def actor_or_signed_in(actor: str) -> str:
    return _signed_in if actor in ("", SYSTEM) and _signed_in else (actor or SYSTEM)


_JSON_SCALARS = frozenset({str, int, bool})


def plain(value: Any) -> Any:
    """A JSON value for a stored field: dates as ISO text, amounts as "1000.00", enums by code."""
    if value is None or type(value) in _JSON_SCALARS:  # the usual case, checked first (10,000s per import)
        return value
    if isinstance(value, bool | int | str) and not isinstance(value, Enum):
        return value
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, list | tuple | frozenset | set):
        return [plain(v) for v in value]
    return str(value)


def snapshot(obj: object, names: Iterable[str]) -> dict[str, Any]:
    return {name: plain(getattr(obj, name)) for name in names}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Change]:
    """The fields whose value changed, as (before, after)."""
    out: dict[str, Change] = {}
    for key in after:
        old, new = plain(before.get(key)), plain(after[key])
        if old != new:
            out[key] = (old, new)
    return out


def created(after: Mapping[str, Any]) -> dict[str, Change]:
    """The fields of a new record (empty values left out), as (None, value)."""
    return {k: (None, plain(v)) for k, v in after.items() if v not in (None, "", [], ())}


def _canonical(entry: Any) -> str:
    body = {
        "id": entry.id,
        "at": entry.at.isoformat(timespec="seconds"),
        "actor": entry.actor,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "action": entry.action,
        "changes": json.loads(entry.changes),
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


SHA256 = "sha256"
SM3 = "sm3"  # GB/T 32905-2016, through OpenSSL (hashlib.new("sm3"))
ALGORITHMS = (SHA256, SM3)


def hasher(algorithm: str) -> Callable[[bytes], Any]:
    """The chain's hash function by its recorded name (a `hashlib` object factory)."""
    if algorithm == SHA256:
        return hashlib.sha256
    if algorithm == SM3:
        return lambda data: hashlib.new("sm3", data)
    raise ValueError(f"未知的审计哈希算法：{algorithm}")


def entry_hash(prev_hash: str, entry: Any, algorithm: str = SHA256) -> str:
    return str(hasher(algorithm)((prev_hash + _canonical(entry)).encode("utf-8")).hexdigest())


_text = json.JSONEncoder(ensure_ascii=False).encode  # a JSON string as json.dumps writes it


def _canonical_of_payload(entry: Any) -> str:
    """`_canonical` of an entry whose `changes` is already `_payload`'s canonical JSON, assembled as text (the
    keys in sorted order) instead of parsing and re-encoding it: an import appends 10,000 entries. Equal to
    `_canonical` (tests/unit/test_audit_canonical.py); `verify` keeps using `_canonical`, which also copes
    with a stored payload that is not canonical."""
    return (
        f'{{"action":{_text(entry.action)},"actor":{_text(entry.actor)},'
        f'"at":{_text(entry.at.isoformat(timespec="seconds"))},"changes":{entry.changes},'
        f'"entity":{_text(entry.entity)},"entity_id":{_text(entry.entity_id)},"id":{int(entry.id)}}}'
    )


def _cached_canonical() -> Callable[[Any], str]:
    """`_canonical_of_payload` with the encodings of the values that repeat over a whole chain (times, actors,
    entities, actions: a bulk append shares them all) kept: `verify` walks 100,000s of entries."""
    texts: dict[Any, str] = {}

    def enc(value: Any) -> str:
        out = texts.get(value)
        if out is None:
            out = texts[value] = _text(
                value.isoformat(timespec="seconds") if isinstance(value, datetime) else value
            )
        return out

    def canonical(entry: Any) -> str:
        return (
            f'{{"action":{enc(entry.action)},"actor":{enc(entry.actor)},'
            f'"at":{enc(entry.at)},"changes":{entry.changes},'
            f'"entity":{enc(entry.entity)},"entity_id":{_text(entry.entity_id)},"id":{int(entry.id)}}}'
        )

    return canonical


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
        actor=actor_or_signed_in(actor),
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


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    entries: int
    first_bad: int | None = None
    problem: str = ""
    last_hash: str = GENESIS  # the chain's last hash when whole: note it elsewhere to anchor the trail
    algorithm: str = SHA256
    # values that are not what the trail says (audit_state.Difference: changed, inserted or deleted outside)
    outside: tuple[Any, ...] = ()
    anchor: str = ""  # the anchor checked (`--anchor N:HASH`), if any

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "first_bad": self.first_bad,
            "problem": self.problem,
            "last_hash": self.last_hash if self.ok else None,
            "algorithm": self.algorithm,
            "anchor": self.anchor or None,
            "outside": [d.to_json() for d in self.outside],
        }

    def text(self) -> str:
        if self.ok:
            anchored = f"审计锚点 {self.anchor} 与哈希链相符；" if self.anchor else ""
            return (
                f"审计记录完整：共 {self.entries} 条，哈希链无误（{self.algorithm}）；{anchored}"
                "各记录的现值与审计记录一致。"
            )
        lines = [self.problem]
        lines.extend(f"  {d.text()}" for d in self.outside[:200])
        if len(self.outside) > 200:
            lines.append(f"  ……另有 {len(self.outside) - 200} 处（--json 列出全部）。")
        return "\n".join(lines)


def _span(first: int, last: int) -> str:
    return f"第{first}条" if first == last else f"第{first}至{last}条"


def _walk(rows: Sequence[Any], algorithm: str = SHA256) -> VerifyReport | None:
    """The first entry that was altered, removed or inserted out of order (None: the chain is whole)."""
    known_hashes = {r.hash for r in rows}
    digest_of = hasher(algorithm)
    fast = _cached_canonical()
    expected_prev, prev_id = GENESIS, 0
    for row in rows:
        if row.prev_hash != expected_prev:
            if row.id != prev_id + 1 and row.prev_hash not in known_hashes:
                gap = _span(prev_id + 1, row.id - 1)
                problem = f"{gap}审计记录被删除（第{row.id}条的前一条已不存在）。"
                return VerifyReport(False, len(rows), prev_id + 1, problem, algorithm=algorithm)
            if row.prev_hash in known_hashes or row.prev_hash == GENESIS:
                problem = f"第{row.id}条审计记录的顺序被调换或被插入（它原本不接在第{prev_id}条之后）。"
            else:
                problem = f"第{row.id}条之前的审计记录被删除或改动（第{row.id}条所接的前一条已不存在）。"
            return VerifyReport(False, len(rows), row.id, problem, algorithm=algorithm)
        try:
            # the stored changes as they are (they are canonical JSON as written: one hash, no parsing), else
            # re-encoded canonically (the same content stored in another spelling still verifies)
            intact = (
                digest_of((row.prev_hash + fast(row)).encode("utf-8")).hexdigest() == row.hash
                or entry_hash(row.prev_hash, row, algorithm) == row.hash
            )
        except (ValueError, TypeError, AttributeError):  # changes no longer JSON, a date no longer a date
            intact = False
        if not intact:
            problem = (
                f"第{row.id}条审计记录的内容被改动（{row.at:%Y-%m-%d %H:%M}，{row.actor}，{row.action}）。"
            )
            return VerifyReport(False, len(rows), row.id, problem, algorithm=algorithm)
        expected_prev, prev_id = row.hash, row.id
    return None


def _check_head(rows: Sequence[Any], head: ChainEnd | None) -> VerifyReport:
    """The stored chain against its head row: entries removed at the end, appended behind the program's
    back, or the last one replaced."""
    n = len(rows)
    alg = head.algorithm if head else SHA256
    last_id, last_hash = (rows[-1].id, rows[-1].hash) if rows else (0, GENESIS)
    if head is None:
        if not rows:
            return VerifyReport(True, 0)
        return VerifyReport(
            False, n, None, f"审计记录的链头（audit_head）缺失，无法确认最后第{last_id}条之后没有记录被删除。"
        )
    if head.last_id > last_id:
        first = last_id + 1
        problem = (
            f"{_span(first, head.last_id)}审计记录被删除（是最后{'一' if first == head.last_id else '几'}条："
            f"链头记录最后一条为第{head.last_id}条，现只到第{last_id}条）。"
        )
        return VerifyReport(False, n, first, problem, algorithm=alg)
    if head.last_id < last_id:
        first = head.last_id + 1
        problem = (
            f"{_span(first, last_id)}审计记录不是由本程序追加的（链头记录最后一条为第{head.last_id}条），"
            "疑为在数据库中直接插入。"
        )
        return VerifyReport(False, n, first, problem, algorithm=alg)
    if head.last_hash != last_hash:
        problem = f"第{last_id}条（最后一条）审计记录被改动或替换（与链头记录的哈希不符）。"
        return VerifyReport(False, n, last_id, problem, algorithm=alg)
    if head.entries != n:
        problem = f"审计记录应有 {head.entries} 条，现有 {n} 条。"
        return VerifyReport(False, n, None, problem, algorithm=alg)
    return VerifyReport(True, n, last_hash=last_hash, algorithm=alg)


# --- anchors: the chain's position and hash printed on every issued document ----------------------------

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


def last_values(session: Session, entity: str, entity_id: int | str) -> dict[str, Any]:
    """The record's fields as its trail last stated them (each entry's `after`, oldest first): {} without one."""
    out: dict[str, Any] = {}
    stmt = (
        select(AuditEntry.changes)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.id)
    )
    for text_ in session.scalars(stmt):
        out.update({k: pair[1] for k, pair in json.loads(text_).items()})
    return out


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


_ROW_TABLES = ("enterprise", "national_title", "reward_case", "app_user", "budget_line", "issued_document")


def _has_data(session: Session) -> bool:
    return any(session.execute(text(f"SELECT 1 FROM {t} LIMIT 1")).first() for t in _ROW_TABLES)


_ROW_COLUMNS = (
    AuditEntry.id,
    AuditEntry.at,
    AuditEntry.actor,
    AuditEntry.entity,
    AuditEntry.entity_id,
    AuditEntry.action,
    AuditEntry.changes,
    AuditEntry.prev_hash,
    AuditEntry.hash,
)


def verify(uow: UnitOfWork, anchor: str | None = None) -> VerifyReport:
    """Check the audit trail, changing nothing:

    1. the hash chain, with the algorithm recorded on its head row: the first entry altered, removed (the
       last ones included) or inserted out of order is named;
    2. the chain against what went out of the database: an empty trail on a database that has data fails, and
       so does a chain shorter than any anchor printed on an issued document, or whose entry an anchor names
       no longer has the anchor's hash (each issued document stores the anchor it printed); with `anchor`
       ("N:HASH", read off a paper copy) that anchor too;
    3. every audited record against the trail replayed (`audit_state`): a value changed, a row inserted or a
       record deleted outside the app is reported with table, record, field, trail value and current value.

    Holds the audit write lock while it reads (appends wait), so entries, head and records are one state."""
    from core.services.gc_pause import gc_paused

    with gc_paused():  # 100,000s of rows and dicts alive at once, none in a cycle
        return _verify(uow, anchor)


def _verify(uow: UnitOfWork, anchor: str | None) -> VerifyReport:
    from core.services import audit_state

    session = uow.session
    _lock(session)
    head = _read_head(session)
    alg = head.algorithm if head else SHA256
    rows = session.connection().execute(select(*_ROW_COLUMNS).order_by(AuditEntry.id)).all()
    report = _walk(rows, alg) or _check_head(rows, head)
    if not report.ok:
        return replace(report, anchor=anchor or "")
    n = len(rows)
    emptied = n == 0 and _has_data(session)
    by_id = {int(r.id): str(r.hash) for r in rows}
    checks = _stored_anchors(session)
    if anchor:
        checks.insert(0, ("所给", anchor))
    problems: list[str] = []
    if emptied:
        problems.append("审计记录为空，但数据库中有数据：审计记录被整体删除，或数据不是由本程序写入的。")
    first_bad: int | None = None
    for where, stated in checks:
        try:
            number, digest = parse_anchor(stated)
        except ValueError as exc:
            if where == "所给":
                raise
            problems.append(f"{where}{exc}")
            continue
        problem = _anchor_problem(by_id, number, digest, where)
        if problem:
            problems.append(problem)
            if number in by_id and (first_bad is None or number < first_bad):
                first_bad = number
    outside: tuple[Any, ...] = ()
    if not emptied:  # (with no trail at all every row would be listed: the line above says so)
        folded = audit_state.replay(
            (r.actor, r.entity, r.entity_id, r.action, json.loads(r.changes)) for r in rows
        )
        outside = tuple(audit_state.compare(session, folded))
    if outside:
        problems.append(f"有 {len(outside)} 处数据在本程序之外被改动（与审计记录不符）：")
    if problems:
        return VerifyReport(
            False, n, first_bad, "\n".join(problems), report.last_hash, alg, outside, anchor or ""
        )
    return replace(report, anchor=anchor or "")


# --- history in plain Chinese ---------------------------------------------------------------------------

ENTITY_LABELS = {
    "enterprise": "企业",
    "title": "称号",
    "case": "案件",
    "payment": "拨付记录",
    "user": "用户",
    "policy": "政策文件",
    "setting": "发文设置",
    "template": "文书模板",
    "budget": "年度预算",
    "import_batch": "导入批次",
    "calendar": "工作日历",
    "document": "已发文书",
}
ACTION_LABELS = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "revoke": "撤销",
    "transition": "办理",
    "payment": "登记拨付",
    "correction": "冲正",
    "objection": "登记异议",
    "objection_dismissed": "异议不成立",
    "set_password": "修改密码",
    "lock": "锁定",
    "unlock": "解锁",
    "rehash": "升级密码散列",
    "import": "导入",
    "undo": "撤销导入",
    "recompute": "重新计算",
    "freeze": "定案",
    "set_drafter": "登记经办人",
    "replace": "替换",
    "reset": "恢复默认",
    "issue": "印发",
    **{t.name: t.label for t in TRANSITIONS},
}
FIELD_LABELS = {
    # enterprises
    "code": "统一社会信用代码",
    "code_override_reason": "校验位例外原因",
    "name": "名称",
    "former_names": "曾用名",
    "district": "所在区",
    "address": "地址",
    "legal_rep": "法定代表人",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "field": "领域",
    "field_reason": "领域依据",
    "reg_status": "登记状态",
    "notes": "备注",
    # titles
    "enterprise_id": "企业编号",
    "kind": "称号类别",
    "champion_type": "单项冠军类型",
    "product": "产品",
    "batch": "批次",
    "recognized_on": "认定日期",
    "doc_no": "文号",
    "re_review": "复核通过",
    "status": "状态",
    "status_on": "状态日期",
    "status_reason": "原因",
    "expires_on": "有效期至",
    "source": "来源",
    # users
    "display_name": "姓名",
    "roles": "角色",
    "active": "启用",
    "locked_until": "锁定至",
    "algorithm": "散列算法",
    # case process steps, objections, payments
    "reason": "原因/意见",
    "date": "日期",
    "period": "公示期（工作日）",
    "notice_end": "公示截止",
    "amount": "金额",
    "voucher": "凭证号",
    "objector": "异议人",
    "objection_id": "异议记录编号",
    "resolved_on": "处理日期",
    "upheld": "异议成立",
    "line": "资金类别",
    "override_reason": "超预算批准理由",
    "budget_problems": "超出预算情况",
    "over_cap_reason": "超出奖励总额度批准理由",
    "over_cap": "超出奖励总额度情况",
    "drafter": "经办（登记）人",
    # cases
    "title_id": "称号编号",
    "title_kind": "称号类别",
    "policy_id": "政策",
    "policy_sha256": "政策文件哈希",
    "city_reward": "市级奖励",
    "city_reward_source": "市级奖励依据",
    "city_reward_reason": "市级奖励调整理由",
    "province_match": "省级配套",
    "total": "奖励合计",
    "cap": "奖励总额度",
    "eligible": "符合奖励条件",
    "exclusion_hits": "负面情形",
    "decided_on": "决定日期",
    "frozen": "已定案",
    # budgets
    "allocated": "省级下达金额",
    "notice_no": "下达文号",
    "notice_date": "下达日期",
    # imports (the batch's summary)
    "file_name": "文件名",
    "sha256": "内容哈希（SHA-256）",
    "rows": "行数",
    "created": "新增条数",
    "updated": "修改条数",
    "deleted": "删除条数",
    "restored": "恢复条数",
    # bureau settings (发文设置)
    "bureau_name": "机关名称",
    "banner_text": "发文机关标志",
    "doc_prefix": "文号机关代字",
    "city": "城市",
    "default_addressee": "默认主送机关",
    "signatory": "落款机关",
    # document templates
    "in_use": "使用的模板",
    # the working-day calendar (core.services.calendar) and how a 公示 end was counted
    "year": "年份",
    "holidays": "节假日",
    "workdays": "调休上班日",
    "notice_counted": "公示期计算",
    # what `verify` compares besides the fields above (core.services.audit_state)
    "password": "密码（哈希指纹）",
    "actor": "办理人",
    "action": "办理事项",
    "facts": "所填事实",
    "paid_on": "拨付日期",
    # issued documents (documents._issue)
    "doc_type": "文书类别",
    "issued_on": "成文日期",
    "verification": "校验码",
    "file_sha256": "文件哈希（SHA-256）",
    "payload_sha256": "印制数据哈希（SHA-256）",
    "audit_anchor": "审计锚点",
    "case_ids": "案件编号",
}
# Where one key means different things on different records.
_ENTITY_FIELD_LABELS = {
    ("user", "name"): "用户名",
    ("import_batch", "kind"): "名单类别",
    ("policy", "kind"): "文件类别",
    ("budget", "amount"): "预算金额",
    ("budget", "notes"): "说明",
}
_MONEY_FIELDS = frozenset(
    {"amount", "city_reward", "province_match", "total", "cap", "allocated"}
)  # shown as 1,000,000.00 元
_SKIPPED = {"name_norm", "search_text", "recognized_year", "password"}  # password: a fingerprint, not news
# Actions that change a record's fields: always shown as before → after (others state facts: "日期“…”").
_CHANGE_ACTIONS = frozenset({"update", "recompute", "freeze", "replace", "reset", "revoke"})
_FIELD_ORDER = {key: n for n, key in enumerate(FIELD_LABELS)}  # fields shown in the order listed above


def _value_labels() -> dict[tuple[str, str], dict[str, str]]:
    """Codes shown by their Chinese label: (entity or "*", field) → {code: label}."""
    from core.domain.enums import ChampionType, Field, RegStatus, Source, TitleKind, TitleStatus
    from core.domain.workflow import Role
    from core.policy.engine import EXCLUSION_ITEMS

    kinds = {k.value: k.label for k in TitleKind}
    return {
        ("case", "status"): {s.value: s.label for s in CaseState},
        ("title", "status"): {s.value: s.label for s in TitleStatus},
        ("title", "kind"): kinds,
        ("*", "title_kind"): kinds,
        ("*", "field"): {f.value: f.label for f in Field},
        ("*", "reg_status"): {r.value: r.label for r in RegStatus},
        ("*", "champion_type"): {c.value: c.label for c in ChampionType},
        ("title", "source"): {s.value: s.label for s in Source},
        ("*", "roles"): {r.value: r.label for r in Role},
        ("*", "exclusion_hits"): dict(EXCLUSION_ITEMS),
        ("*", "city_reward_source"): {"schedule": "本市奖励标准", "override": "调整金额"},
        ("*", "line"): {
            "city_paid": "市级奖励拨付",
            "province_received": "省级配套资金到账",
            "province_paid": "省级配套拨付",
            "city": "市级奖励资金",
            "province": "省级配套资金",
        },
        ("import_batch", "kind"): {"enterprises": "企业名单", "titles": "称号名单"},
        ("policy", "kind"): {"provincial-matching": "省级配套政策", "city-schedule": "市级奖励标准"},
        ("template", "in_use"): {"shipped": "随程序提供的模板", "edited": "修改后的副本"},
    }


_VALUES: dict[tuple[str, str], dict[str, str]] | None = None


def field_label(entity: str, key: str) -> str | None:
    """The Chinese name of a recorded field (None: it has none yet)."""
    return _ENTITY_FIELD_LABELS.get((entity, key)) or FIELD_LABELS.get(key)


def _labels_for(entity: str, key: str) -> dict[str, str] | None:
    global _VALUES
    if _VALUES is None:
        _VALUES = _value_labels()
    return _VALUES.get((entity, key)) or _VALUES.get(("*", key))


def _show_field(entity: str, key: str, value: Any) -> str:
    labels = _labels_for(entity, key)
    if labels is not None:
        if key == "roles" and isinstance(value, str):
            value = [v for v in value.split(",") if v]
        if isinstance(value, list):
            return "、".join(f"“{labels.get(str(v), str(v))}”" for v in value) or "（空）"
        if isinstance(value, str) and value in labels:
            return f"“{labels[value]}”"
    if key.endswith("sha256") and isinstance(value, str) and len(value) == 64:
        return f"“{value[:12]}…”"  # the full hash is in the entry (audit history --json)
    if key in _MONEY_FIELDS and isinstance(value, str):
        try:
            return f"“{Decimal(value):,.2f} 元”"
        except ArithmeticError:
            pass
    return _show(value)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "“是”" if value else "“否”"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "（空）"
    return f"“{str(value).replace(chr(10), '；')}”"


@dataclass(frozen=True)
class AuditView:
    id: int
    at: datetime
    actor: str
    entity: str
    entity_id: str
    action: str
    changes: dict[str, list[Any]]

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds"),
            "actor": self.actor,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "action": self.action,
            "changes": self.changes,
        }


def _audit_view(e: AuditEntry) -> AuditView:
    return AuditView(e.id, e.at, e.actor, e.entity, e.entity_id, e.action, json.loads(e.changes))


def describe(entry: AuditView, who: str) -> str:
    changes = entry.changes
    what = f"{ACTION_LABELS.get(entry.action, entry.action)}{ENTITY_LABELS.get(entry.entity, entry.entity)}"
    parts = []
    for key, (before, after) in sorted(
        changes.items(), key=lambda kv: _FIELD_ORDER.get(kv[0], len(_FIELD_ORDER))
    ):
        if key in _SKIPPED:
            continue
        label = field_label(entry.entity, key) or key
        shown_after = _show_field(entry.entity, key, after)
        if entry.action == "create" or (before is None and entry.action not in _CHANGE_ACTIONS):
            parts.append(f"{label}{shown_after}")
        else:
            parts.append(f"{label}由{_show_field(entry.entity, key, before)}改为{shown_after}")
    detail = "：" + "；".join(parts) if parts else ""
    return f"{entry.at:%Y-%m-%d %H:%M}  {who}  {what}（编号 {entry.entity_id}）{detail}"


def _who(session: Session, actors: set[str]) -> dict[str, str]:
    names = {
        n: d for n, d in session.execute(select(User.name, User.display_name).where(User.name.in_(actors)))
    }
    fixed = {SYSTEM: "系统", DEMO: "演示数据"}
    return {
        a: (f"{names[a]}（{a}）" if names.get(a) else f"{fixed[a]}（{a}）" if a in fixed else a)
        for a in actors
    }


def entries_for(uow: UnitOfWork, entity: str, entity_id: int | str) -> list[AuditView]:
    session = uow.session
    keys = [(entity, str(entity_id))]
    if entity == "enterprise":
        title_ids = session.scalars(
            select(NationalTitle.id).where(NationalTitle.enterprise_id == int(entity_id))
        )
        keys.extend(("title", str(t)) for t in title_ids)
    out: list[AuditView] = []
    for ent, ent_id in keys:
        stmt = select(AuditEntry).where(AuditEntry.entity == ent, AuditEntry.entity_id == ent_id)
        out.extend(_audit_view(e) for e in session.scalars(stmt))
    return sorted(out, key=lambda e: e.id)


def history(uow: UnitOfWork, entity: str, entity_id: int | str) -> list[str]:
    """The record's history (for an enterprise: with its titles), oldest first, one plain-Chinese line each."""
    entries = entries_for(uow, entity, entity_id)
    who = _who(uow.session, {e.actor for e in entries})
    return [describe(e, who[e.actor]) for e in entries]

"""`verify`: the chain walked entry by entry, its end against the head row, the anchors against the chain,
and every audited record against the trail replayed (core.services.audit_state); the `VerifyReport`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from core.services.audit.anchors import _anchor_problem, _stored_anchors, parse_anchor
from core.services.audit.chain import ChainEnd, _lock, _read_head
from core.services.audit.hashing import GENESIS, SHA256, _cached_canonical, entry_hash, hasher
from core.store.models_audit import AuditEntry
from core.store.uow import UnitOfWork


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

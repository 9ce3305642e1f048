"""Tampering done outside the app, one row per attempt (issue 16): each is caught by `audit verify`, through the
service and through `main.py audit verify --json`.

The database is the demo's (enterprises, titles, cases in every state with their steps and payments, officers,
budgets) plus an issued 审批表, which stores and prints the audit anchor. Each attempt works on a copy of the
file with plain SQL, as someone with the file and a database tool would; the re-hashing attempts rewrite the
chain with the project's own `audit.entry_hash`, so every entry and the head are consistent again."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from core.services import audit, demo, documents
from core.services.errors import Conflict
from core.store.engine import sqlite_url
from core.store.migrate import open_database
from tests.in_uow import in_uow

ROOT = Path(__file__).resolve().parents[2]
CASE = 15  # an approved demo case: its 审批表 is issued in the base database
DOC = 1  # that document's record


class _Row(NamedTuple):
    id: int
    at: datetime
    actor: str
    entity: str
    entity_id: str
    action: str
    changes: str


def _rehash(con: sqlite3.Connection, mutate: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> None:
    """Rewrite the whole chain after `mutate` changed its entries: renumbered from 1, every hash recomputed
    with the project's function, the head set to the new end. Afterwards the chain alone verifies."""
    cur = con.execute("SELECT id, at, actor, entity, entity_id, action, changes FROM audit_entry ORDER BY id")
    cols = [d[0] for d in cur.description]
    rows = mutate([dict(zip(cols, r, strict=True)) for r in cur.fetchall()])
    con.execute("DELETE FROM audit_entry")
    prev = audit.GENESIS
    for n, r in enumerate(rows, start=1):
        at = datetime.fromisoformat(r["at"])
        digest = audit.entry_hash(
            prev, _Row(n, at, r["actor"], r["entity"], r["entity_id"], r["action"], r["changes"])
        )
        con.execute(
            "INSERT INTO audit_entry (id, at, actor, entity, entity_id, action, changes, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (n, r["at"], r["actor"], r["entity"], r["entity_id"], r["action"], r["changes"], prev, digest),
        )
        prev = digest
    con.execute("UPDATE audit_head SET entries = ?, last_id = ?, last_hash = ?", (len(rows), len(rows), prev))


def _edit_changes(entity: str, entity_id: str, action: str, key: str, value: Any) -> Callable[..., Any]:
    def mutate(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for r in rows:
            if (r["entity"], r["entity_id"], r["action"]) == (entity, entity_id, action):
                changes = json.loads(r["changes"])
                changes[key][1] = value
                r["changes"] = json.dumps(changes, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                return rows
        raise AssertionError(f"no {entity} {entity_id} {action} entry")

    return mutate


def _drop_entries(keep: Callable[[dict[str, Any]], bool]) -> Callable[..., Any]:
    return lambda rows: [r for r in rows if keep(r)]


def _sql(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def run(con: sqlite3.Connection) -> None:
        for s in statements:
            con.execute(s)

    return run


def _then_rehash(
    first: Callable[[sqlite3.Connection], None], mutate: Callable[..., Any]
) -> Callable[[sqlite3.Connection], None]:
    def run(con: sqlite3.Connection) -> None:
        first(con)
        _rehash(con, mutate)

    return run


def _delete_last_entries_and_update_head(con: sqlite3.Connection) -> None:
    (last,) = con.execute("SELECT max(id) FROM audit_entry").fetchone()
    con.execute("DELETE FROM audit_entry WHERE id > ?", (last - 3,))
    new_last, new_hash = con.execute("SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    con.execute(
        "UPDATE audit_head SET entries = entries - 3, last_id = ?, last_hash = ?", (new_last, new_hash)
    )


def _edit_payload_and_its_code(con: sqlite3.Connection) -> None:
    """The payload edited and its verification code recomputed to match, in the row and in the payload."""
    from core.io.pdf.model import verification_code

    (text,) = con.execute("SELECT payload FROM issued_document WHERE id = ?", (DOC,)).fetchone()
    payload = json.loads(text.replace("1500000.00", "9000000.00"))
    payload["verification"] = verification_code({k: v for k, v in payload.items() if k != "verification"})
    con.execute(
        "UPDATE issued_document SET payload = ?, verification = ? WHERE id = ?",
        (json.dumps(payload, ensure_ascii=False, sort_keys=True), payload["verification"], DOC),
    )


@dataclass(frozen=True)
class Attempt:
    name: str
    tamper: Callable[[sqlite3.Connection], None]
    expect: str  # found in the JSON report (a table, a field, a phrase of the problem)
    anchor: bool = False  # checked with the anchor printed on the paper copy (--anchor)


ATTEMPTS = [
    Attempt("edit an entry's changes", _sql("UPDATE audit_entry SET actor = 'x' WHERE id = 5"), "第5条"),
    Attempt("delete a middle entry", _sql("DELETE FROM audit_entry WHERE id = 7"), "第7条"),
    Attempt("delete the last entries and update the head", _delete_last_entries_and_update_head, "inserted"),
    Attempt(
        "delete every entry and the head",
        _sql("DELETE FROM audit_entry", "DELETE FROM audit_head"),
        "审计记录为空",
    ),
    Attempt("delete every entry, keep the head", _sql("DELETE FROM audit_entry"), "被删除"),
    Attempt(
        "head set back to fewer entries",
        _sql("UPDATE audit_head SET entries = entries - 10"),
        "审计记录应有",
    ),
    Attempt(
        "re-hash after editing an amount in the trail",
        lambda con: _rehash(con, _edit_changes("case", "3", "create", "city_reward", "1999999.99")),
        "city_reward",
    ),
    Attempt(
        "re-hash after editing an amount in the trail and the table",
        _then_rehash(
            _sql("UPDATE reward_case SET city_reward = 1999999.99 WHERE id = 3"),
            _edit_changes("case", "3", "create", "city_reward", "1999999.99"),
        ),
        "审计锚点",  # the anchor stored with the issued document no longer matches
    ),
    Attempt(
        "re-hash after deleting an enterprise's entries",
        lambda con: _rehash(
            con, _drop_entries(lambda r: (r["entity"], r["entity_id"]) != ("enterprise", "5"))
        ),
        "审计锚点",
    ),
    Attempt(
        "consistent rewrite with the issued documents removed: only the paper copy's anchor catches it",
        _then_rehash(
            _sql(
                "UPDATE reward_case SET city_reward = 1999999.99 WHERE id = 3",
                "DELETE FROM issued_document",
            ),
            lambda rows: _edit_changes("case", "3", "create", "city_reward", "1999999.99")(
                [r for r in rows if r["entity"] != "document"]
            ),
        ),
        "打印之后被改写",
        anchor=True,
    ),
    Attempt("enterprise name", _sql("UPDATE enterprise SET name = '改名公司' WHERE id = 5"), '"name"'),
    Attempt(
        "enterprise inserted",
        _sql(
            "INSERT INTO enterprise (code, name, name_norm, former_names, district, address, legal_rep, "
            "contact_person, contact_phone, field, field_reason, reg_status, notes, search_text, created_at, "
            "updated_at, version) VALUES ('91440600MA4XXXXX1X', '外来公司', '外来公司', '', '', '', '', '', '', "
            "'other', '', 'active', '', '', '2026-01-01', '2026-01-01', 1)"
        ),
        "inserted",
    ),
    Attempt("title deleted", _sql("DELETE FROM national_title WHERE id = 7"), "deleted"),
    Attempt(
        "case city reward",
        _sql("UPDATE reward_case SET city_reward = 1999999.99 WHERE id = 18"),
        "city_reward",
    ),
    Attempt("case status", _sql("UPDATE reward_case SET status = 'approved' WHERE id = 20"), '"status"'),
    Attempt("case total", _sql("UPDATE reward_case SET total = 8888888.00 WHERE id = 3"), '"total"'),
    Attempt(
        "payment amount", _sql("UPDATE case_payment SET amount = 9000000.00 WHERE id = 1"), "case_payment"
    ),
    Attempt(
        "payment inserted",
        _sql(
            "INSERT INTO case_payment (case_id, line, paid_on, amount, voucher, reason, actor, at) "
            "VALUES (6, 'city_paid', '2026-11-01', 5000.00, 'V-X', '', 'demo_chen', '2026-11-01 10:00:00')"
        ),
        "case_payment",
    ),
    Attempt("payment deleted", _sql("DELETE FROM case_payment WHERE id = 2"), "case_payment"),
    Attempt("roles", _sql("UPDATE app_user SET roles = 'admin' WHERE id = 1"), '"roles"'),
    Attempt(
        "password hash", _sql("UPDATE app_user SET password_hash = 'scrypt$x' WHERE id = 1"), '"password"'
    ),
    Attempt("account enabled state", _sql("UPDATE app_user SET active = 0 WHERE id = 2"), '"active"'),
    Attempt(
        "case event actor",
        _sql("UPDATE case_event SET actor = 'demo_zhou' WHERE id = (SELECT max(id) FROM case_event)"),
        '"actor"',
    ),
    Attempt(
        "case event deleted",
        _sql("DELETE FROM case_event WHERE id = (SELECT max(id) FROM case_event)"),
        "case_event",
    ),
    Attempt("budget", _sql("UPDATE budget_line SET amount = 1.00 WHERE id = 1"), "budget_line"),
    Attempt(
        "文号 prefix setting",
        _sql(
            "INSERT OR REPLACE INTO bureau_setting (key, value, updated_at, updated_by) "
            "VALUES ('doc_prefix', '伪工信', '2026-01-01', 'x')"
        ),
        "doc_prefix",
    ),
    Attempt(
        "issued document's payload",
        _sql(
            f"UPDATE issued_document SET payload = replace(payload, '1500000.00', '9000000.00') WHERE id = {DOC}"
        ),
        "payload_sha256",
    ),
    Attempt("issued document's payload and its code", _edit_payload_and_its_code, "payload_sha256"),
    Attempt("chain's algorithm switched", _sql("UPDATE audit_head SET algorithm = 'sm3'"), "第1条"),
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo database with an issued 审批表; returns its path and the anchor printed on the form."""
    path = tmp_path_factory.mktemp("tamper") / "base.sqlite"
    db, _ = open_database(sqlite_url(path))
    try:
        with db.uow() as uow:
            demo.load(uow)
        result = in_uow(
            db, documents.render_documents, "approval-form", [CASE], path.parent / "out", actor="demo_zhou"
        )
        with db.uow() as uow:
            assert audit.verify(uow).ok
        anchor = result.records[0].audit_anchor
    finally:
        db.dispose()
    assert anchor and ":" in anchor
    return path, anchor


def _tampered(base: tuple[Path, str], tmp_path: Path, attempt: Attempt) -> Path:
    path = tmp_path / "tampered.sqlite"
    shutil.copyfile(base[0], path)
    con = sqlite3.connect(path)
    try:
        attempt.tamper(con)
        con.commit()
    finally:
        con.close()
    return path


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=[a.name for a in ATTEMPTS])
def test_each_tampering_is_caught_by_the_service(
    base: tuple[Path, str], tmp_path: Path, attempt: Attempt
) -> None:
    path = _tampered(base, tmp_path, attempt)
    db, _ = open_database(sqlite_url(path))
    try:
        with db.uow() as uow:
            report = audit.verify(uow, base[1] if attempt.anchor else None)
        if attempt.anchor:  # without the paper copy, this rewrite is consistent
            with db.uow() as uow:
                assert audit.verify(uow).ok
    finally:
        db.dispose()
    assert not report.ok
    assert attempt.expect in json.dumps(report.to_json(), ensure_ascii=False), report.text()


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=[a.name for a in ATTEMPTS])
def test_each_tampering_is_caught_by_the_cli(
    base: tuple[Path, str], tmp_path: Path, attempt: Attempt
) -> None:
    path = _tampered(base, tmp_path, attempt)
    argv = [sys.executable, str(ROOT / "main.py"), "--db", str(path), "audit", "verify", "--json"]
    if attempt.anchor:
        argv[-1:-1] = ["--anchor", base[1]]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = json.loads(proc.stdout)
    assert out["ok"] is False and attempt.expect in proc.stdout, proc.stdout


def test_the_untouched_base_verifies_with_its_printed_anchor(base: tuple[Path, str]) -> None:
    db, _ = open_database(sqlite_url(base[0]))
    try:
        with db.uow() as uow:
            report = audit.verify(uow, base[1])
        assert report.ok and report.anchor == base[1] and not report.outside
    finally:
        db.dispose()


def _cli(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, str(ROOT / "main.py"), "--db", str(path), *args]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.mark.parametrize("name", ["issued document's payload", "issued document's payload and its code"])
def test_an_edited_payload_is_neither_regenerated_nor_vouched_for(
    base: tuple[Path, str], tmp_path: Path, name: str
) -> None:
    """`documents regenerate` used to reprint 9,000,000 元 under the original record; now it refuses, and
    `documents verify` does not vouch for the record (service and CLI)."""
    (attempt,) = [a for a in ATTEMPTS if a.name == name]
    path = _tampered(base, tmp_path, attempt)
    db, _ = open_database(sqlite_url(path))
    try:
        with db.uow() as uow:
            (record,) = documents.list_documents(uow)
        with pytest.raises(Conflict, match="印制数据"):
            in_uow(db, documents.regenerate, DOC, tmp_path / "again")
        with db.uow() as uow, pytest.raises(Conflict, match="印制数据"):
            documents.find_by_verification(uow, record.verification)
    finally:
        db.dispose()
    assert not (tmp_path / "again").exists() or not any((tmp_path / "again").iterdir())
    again = _cli(path, "documents", "regenerate", str(DOC), "--out", str(tmp_path / "cli"), "--json")
    assert again.returncode != 0 and "印制数据" in again.stdout + again.stderr
    checked = _cli(path, "documents", "verify", record.verification, "--json")
    assert checked.returncode != 0 and "印制数据" in checked.stdout + checked.stderr

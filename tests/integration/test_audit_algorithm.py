"""The chain's hash algorithm is kept on its head row: SHA-256 by default (and for every chain made before the
choice existed), SM3 (GB/T 32905) when chosen for a new database before its first entry."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.services import audit, demo, enterprises
from core.services.enterprises import EnterpriseInput
from core.store.models_audit import AuditEntry
from core.store.uow import Database

ROOT = Path(__file__).resolve().parents[2]
CODE = "914403001922038216"


def _add(db: Database, name: str = "佛山市云擎机器人科技有限公司") -> int:
    with db.uow() as uow:
        return enterprises.add_enterprise(uow, EnterpriseInput(code=CODE, name=name), actor=demo.CLERK).id


def test_hashlib_has_sm3_with_the_standard_test_vector() -> None:
    # GB/T 32905-2016 Appendix A.1: SM3("abc")
    assert (
        hashlib.new("sm3", b"abc").hexdigest()
        == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    )


def test_a_new_database_chains_with_sha256_by_default(db: Database) -> None:
    _add(db)
    with db.uow() as uow:
        assert audit.algorithm_of(uow) == "sha256"
        entry = uow.session.get(AuditEntry, 1)
        assert entry is not None
        assert entry.hash == hashlib.sha256((audit.GENESIS + audit._canonical(entry)).encode()).hexdigest()
        report = audit.verify(uow)
    assert report.ok and report.algorithm == "sha256"


def test_sm3_chosen_before_the_first_entry_hashes_every_entry(db: Database, db_path: Path) -> None:
    with db.uow() as uow:
        assert audit.set_algorithm(uow, "sm3") == "sm3"
    with db.uow() as uow:
        demo.load(uow, count=20)  # bulk appends (Appender) and single ones (record)
    ent = _add(db)
    with db.uow() as uow:
        report = audit.verify(uow)
        assert report.ok and report.algorithm == "sm3", report.text()
        first = uow.session.get(AuditEntry, 1)
        assert first is not None
        sm3 = hashlib.new("sm3", (audit.GENESIS + audit._canonical(first)).encode()).hexdigest()
        assert first.hash == sm3
        with pytest.raises(ValueError, match="不能再更换"):
            audit.set_algorithm(uow, "sha256")
        assert audit.set_algorithm(uow, "sm3") == "sm3"  # the same choice again: nothing to change
    con = sqlite3.connect(db_path)
    con.execute("UPDATE enterprise SET name = '改名' WHERE id = ?", (ent,))
    con.commit()
    con.close()
    with db.uow() as uow:
        report = audit.verify(uow)
    assert not report.ok and [d.field for d in report.outside] == ["name"]


def test_an_sm3_chain_does_not_verify_as_sha256_and_back(db: Database, db_path: Path) -> None:
    with db.uow() as uow:
        audit.set_algorithm(uow, "sm3")
    _add(db)
    con = sqlite3.connect(db_path)
    con.execute("UPDATE audit_head SET algorithm = 'sha256'")
    con.commit()
    con.close()
    with db.uow() as uow:
        assert audit.verify(uow).first_bad == 1


def test_an_unknown_algorithm_is_refused(db: Database) -> None:
    with db.uow() as uow, pytest.raises(ValueError, match="sha256"):
        audit.set_algorithm(uow, "md5")


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_cli_chooses_sm3_for_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    chosen = _cli(path, "audit", "algorithm", "sm3", "--json")
    assert chosen.returncode == 0 and json.loads(chosen.stdout) == {"algorithm": "sm3"}, chosen.stderr
    assert _cli(path, "demo", "--count", "10").returncode == 0
    verified = _cli(path, "audit", "verify", "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert json.loads(verified.stdout)["algorithm"] == "sm3"
    late = _cli(path, "audit", "algorithm", "sha256", "--json")
    assert late.returncode == 1 and "不能再更换" in late.stdout
    shown = _cli(path, "audit", "algorithm")
    assert shown.returncode == 0 and "sm3" in shown.stdout

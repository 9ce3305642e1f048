"""Audit verify benchmark (figures, not pass/fail): the whole check `audit verify` runs at start-up and after a
restore — the hash chain, the stored anchors, and every audited record against the trail replayed.

    uv run python bench/audit_bench.py [--enterprises 200 100000] [--algorithm sha256|sm3] [--write]

Each database is the demo's (`core.services.demo.load`: N enterprises with their titles, bulk-inserted and
audited as the demo does, plus its 30 cases with their steps and payments, officers and budgets) with one
issued 审批表. Times, each the median of 3 runs in a fresh unit of work: `verify` (everything), and its parts:
`chain` (reading the entries and walking the hashes), `replay` (folding the trail per record), `compare` (the
bulk reads of every audited table and the comparison). `--write` saves the table to bench/RESULTS-audit.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SUBSIDY_DESK_HOME", tempfile.mkdtemp(prefix="audit-bench-home-"))


def _median(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench(n: int, algorithm: str, folder: Path) -> dict[str, object]:
    from sqlalchemy import select

    from core.services import audit, audit_state, demo, documents
    from core.store.engine import sqlite_url
    from core.store.migrate import open_database
    from core.store.models_audit import AuditEntry

    path = folder / f"audit-{n}-{algorithm}.sqlite"
    db, _ = open_database(sqlite_url(path))
    with db.uow() as uow:
        audit.set_algorithm(uow, algorithm)
    t = time.perf_counter()
    with db.uow() as uow:
        demo.load(uow, count=n)
    built = time.perf_counter() - t
    with db.uow() as uow:
        documents.render_documents(uow, "approval-form", [15], folder / "out", actor="demo_zhou")

    def verify() -> None:
        with db.uow() as uow:
            report = audit.verify(uow)
        assert report.ok, report.text()

    cols = audit._ROW_COLUMNS
    rows: list = []

    def chain() -> None:
        with db.uow() as uow:
            rows[:] = uow.session.connection().execute(select(*cols).order_by(AuditEntry.id)).all()
            assert audit._walk(rows, algorithm) is None

    folded: list = []

    def replay() -> None:
        folded[:] = [
            audit_state.replay(
                (r.actor, r.entity, r.entity_id, r.action, json.loads(r.changes)) for r in rows
            )
        ]

    def compare() -> None:
        with db.uow() as uow:
            assert not audit_state.compare(uow.session, folded[0])

    figures = {
        "enterprises": n,
        "algorithm": algorithm,
        "entries": len(rows) if rows else None,
        "build_s": built,
        "verify_s": _median(verify),
        "chain_s": _median(chain),
        "replay_s": _median(replay),
        "compare_s": _median(compare),
        "size_mb": path.stat().st_size / 1e6,
    }
    figures["entries"] = len(rows)
    db.dispose()
    return figures


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--enterprises", type=int, nargs="+", default=[200, 100_000])
    ap.add_argument("--algorithm", nargs="+", default=["sha256"])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.enterprises:
            for alg in args.algorithm:
                r = bench(n, alg, Path(tmp))
                print(r, flush=True)
                results.append(r)
    lines = [
        "# audit verify",
        "",
        f"`uv run python bench/audit_bench.py --enterprises {' '.join(map(str, args.enterprises))} "
        f"--algorithm {' '.join(args.algorithm)} --write` on {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs (shared), SQLite file.",
        "Median of 3 runs each, in seconds. `verify` is the whole check (what `audit verify` runs); `chain`, "
        "`replay` and `compare` are its parts (see the script's docstring).",
        "",
        "| enterprises | algorithm | audit entries | verify | chain | replay | compare | db size |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['enterprises']:,} | {r['algorithm']} | {r['entries']:,} | {r['verify_s']:.2f} s | "
            f"{r['chain_s']:.2f} s | {r['replay_s']:.2f} s | {r['compare_s']:.2f} s | {r['size_mb']:.0f} MB |"
        )
    table = "\n".join(lines) + "\n"
    print(table)
    if args.write:
        out = Path(__file__).with_name("RESULTS-audit.md")
        out.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()

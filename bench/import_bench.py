"""Import benchmark: 10,000- and 100,000-row enterprise lists (figures, not pass/fail).

    uv run python bench/import_bench.py [--sizes 10000 100000] [--write]

For each size it generates an .xlsx list (valid credit codes from core.services.demo.generate, a title row,
序号), then measures, each in a fresh process so peak memory is that step's own:
  read      python-calamine alone reading the sheet (the floor),
  dry-run   the whole import without writing (read, normalise, validate, compare with an empty register),
  commit    the whole import into an empty SQLite file (one transaction, batch + change records + audit),
  reimport  the same file again (all rows compared and unchanged; the 'nothing to do' cost),
  export    the register back to .xlsx (core.services.exports.export_enterprises),
  rows floor   the same rows inserted with raw sqlite3 and committed, nothing else (see write_floor),
  write floor  the same, plus an undo record and a hash-chained audit entry per row (the least any commit
            of these records costs).
Targets (issue 4): 10,000 rows validated and committed < 3 s; the whole import ≤ 3 × the bare read.
`--write` saves the table to bench/RESULTS-import.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_file(path: Path, count: int) -> None:
    from openpyxl import Workbook

    from core.services.demo import generate

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("企业名单")
    ws.append([f"企业名单（{count}家）"])
    ws.append(
        ["序号", "企业名称", "统一社会信用代码", "所在区", "领域", "联系人", "联系电话", "地址", "法定代表人"]
    )
    labels = {"ai": "人工智能", "robotics": "机器人", "both": "人工智能与机器人", "other": "其他"}
    for i, (e, _titles) in enumerate(generate(count, seed=7), start=1):
        ws.append(
            [
                i,
                e.name,
                e.code,
                e.district,
                labels[e.field],
                e.contact_person,
                e.contact_phone,
                e.address,
                e.legal_rep,
            ]
        )
    wb.save(path)


def one(step: str, file: Path, db: Path) -> dict[str, float]:
    """Run one step in this process; return seconds and peak RSS (MB)."""
    start = time.perf_counter()
    cpu_start = time.process_time()
    if step == "read":
        from python_calamine import CalamineWorkbook

        rows = CalamineWorkbook.from_path(str(file)).get_sheet_by_index(0).to_python(skip_empty_area=False)
        n = len(rows)
    else:
        from core.services import imports
        from core.store.engine import sqlite_url
        from core.store.migrate import open_database

        database, _ = open_database(sqlite_url(db))
        start = time.perf_counter()  # opening/migrating the database is not the import
        cpu_start = time.process_time()
        if step in ("rows-floor", "write-floor"):
            return write_floor(database, file, records=(step == "write-floor"))
        with database.uow() as uow:
            if step == "export":
                from core.services import exports

                n = exports.export_enterprises(
                    uow, file.with_name(file.stem + "-export.xlsx"), actor="system"
                ).rows
            else:
                n = imports.import_enterprises(uow, file, dry_run=(step == "dry-run"), actor="bench").rows
        database.dispose()
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "rows": n}


def write_floor(database: Any, file: Path, *, records: bool) -> dict[str, float]:
    """The least the commit's writing could cost on SQLite, with none of the app's checks: the same
    enterprise rows inserted with sqlite3's executemany straight into the app's table (its indexes
    included) and committed; with `records`, also one undo record and one hash-chained audit entry (its
    JSON built and hashed) per row. The cyclic collector is off, as in the app's commit. The preview that
    produces the rows is not timed."""
    import gc
    import hashlib

    from core.services import imports

    with database.uow() as uow:
        preview = imports.preview_enterprises(uow, file)
        rows = [r for r in preview.rows if r.values]
        raw = uow.session.connection().connection.driver_connection
        gc.disable()
        start = time.perf_counter()
        cpu_start = time.process_time()
        stamp = "2026-01-01 00:00:00.000000"
        cols = [*imports._STORED, "created_at", "updated_at", "version"]
        marks = ",".join("?" * len(cols))
        raw.executemany(
            f"INSERT INTO enterprise ({','.join(cols)}) VALUES ({marks})",
            [[r.values[k] for k in imports._STORED] + [stamp, stamp, 1] for r in rows],
        )
        if records:
            _undo_and_audit(raw, rows, stamp, hashlib.sha256)
        raw.commit()
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        gc.enable()
    database.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "rows": len(rows)}


def _undo_and_audit(raw: Any, rows: list[Any], stamp: str, sha256: Any) -> None:
    from core.services import imports

    ids = dict(raw.execute("SELECT code, id FROM enterprise").fetchall())
    raw.execute(
        "INSERT INTO import_batch (id, kind, actor, file_name, sha256, sheet, rows, created, updated, "
        "unchanged, errors, params, undone_by, created_at) VALUES (1, 'enterprises', 'bench', 'f', 's', 's', 0, 0, "
        f"0, 0, 0, '', '', '{stamp}')"
    )
    raw.executemany(
        'INSERT INTO import_change (batch_id, entity, entity_id, action, "row", before, version_after) '
        "VALUES (1, 'enterprise', ?, 'create', ?, '', 1)",
        [(ids[r.code], r.row) for r in rows],
    )
    prev, entries = "0" * 64, []
    for n, r in enumerate(rows, start=1):
        payload = json.dumps(
            {k: [None, r.values[k]] for k in imports.ENTERPRISE_AUDITED if r.values[k] not in (None, "")},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        digest = sha256(f"{prev}{n}{stamp}{payload}".encode()).hexdigest()
        entries.append((n, stamp, "bench", "enterprise", str(ids[r.code]), "create", payload, prev, digest))
        prev = digest
    raw.executemany(
        "INSERT INTO audit_entry (id, at, actor, entity, entity_id, action, changes, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        entries,
    )


def run_step(step: str, file: Path, db: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--one", step, str(file), str(db)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def median_step(step: str, file: Path, db: Path, runs: int, *, fresh: bool = False) -> dict[str, float]:
    """The run with the median wall time of `runs` runs (each a fresh process). With `fresh`, each run starts
    from an empty database file (a commit into a register that already holds the rows would be a re-import)."""
    results = []
    for _ in range(runs):
        if fresh:
            for old in db.parent.glob(db.name + "*"):
                old.unlink()
        results.append(run_step(step, file, db))
    results.sort(key=lambda r: r["seconds"])
    return results[len(results) // 2]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--runs", type=int, default=3, help="runs per step; the median is reported")
    ap.add_argument("--write", action="store_true", help="write bench/RESULTS-import.md")
    ap.add_argument("--one", nargs=3, metavar=("STEP", "FILE", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        step, file, db = args.one
        print(json.dumps(one(step, Path(file), Path(db))))
        return
    lines = [
        "| rows | file | bare read (calamine) | dry-run | dry-run ÷ read | commit | commit ÷ read | rows floor | "
        "write floor | (read + write floor) ÷ read | (dry-run + rows floor) ÷ read | re-import (all unchanged) | peak RSS dry-run / commit | "
        "export to .xlsx |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            file = Path(tmp) / f"list-{size}.xlsx"
            t0 = time.perf_counter()
            make_file(file, size)
            print(
                f"{size} rows: file generated in {time.perf_counter() - t0:.1f} s ({file.stat().st_size / 1e6:.1f} MB)"
            )
            db = Path(tmp) / f"bench-{size}.sqlite"
            n = args.runs
            read = median_step("read", file, db, n)
            dry = median_step("dry-run", file, db, n)
            commit = median_step("commit", file, db, n, fresh=True)
            again = median_step("dry-run", file, db, n)
            export = median_step("export", file, db, n)
            rows_floor = median_step(
                "rows-floor", file, db.with_name(f"rows-floor-{size}.sqlite"), n, fresh=True
            )
            floor = median_step("write-floor", file, db.with_name(f"floor-{size}.sqlite"), n, fresh=True)
            steps = (
                ("read", read),
                ("dry-run", dry),
                ("commit", commit),
                ("re-import", again),
                ("export", export),
                ("rows floor", rows_floor),
                ("write floor", floor),
            )
            for name, r in steps:
                print(
                    f"  {name:<10} {r['seconds']:7.2f} s   peak {r['peak_mb']:7.0f} MB   rows {int(r['rows'])}"
                )

            def t(r: dict[str, float]) -> str:
                return f"{r['seconds']:.2f} s ({r['cpu']:.2f})"

            lines.append(
                f"| {size:,} | {file.stat().st_size / 1e6:.1f} MB | {t(read)} | {t(dry)} | "
                f"{dry['seconds'] / read['seconds']:.1f}× ({dry['cpu'] / read['cpu']:.1f}×) | {t(commit)} | "
                f"{commit['seconds'] / read['seconds']:.1f}× ({commit['cpu'] / read['cpu']:.1f}×) | {t(rows_floor)} | "
                f"{t(floor)} | {(read['seconds'] + floor['seconds']) / read['seconds']:.1f}× | {(dry['seconds'] + rows_floor['seconds']) / read['seconds']:.1f}× | "
                f"{t(again)} | {dry['peak_mb']:.0f} / {commit['peak_mb']:.0f} MB | {t(export)} |"
            )
    table = "\n".join(lines)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(table)
    print(f"load average (1/5/15 min) at the end: {load}")
    if args.write:
        text = (
            "# Import benchmark (bench/import_bench.py)\n\n"
            f"Machine: {machine()}. Load average at the end of the run (1/5/15 min): {load} — the machine\n"
            "is shared with other work, so the figures are upper bounds.\n\n"
            "Enterprise lists generated from core.services.demo.generate (valid credit codes, a title row, 序号),\n"
            f"imported into an empty SQLite file. Each step runs in its own process, {args.runs} times; the table gives\n"
            "the run with the median wall time. Times (wall clock, CPU in\n"
            "brackets: the CPU figure is what the code costs when the machine is busy) exclude interpreter start\n"
            "and opening the database. 'commit' = read + normalise + validate + compare + write in one transaction\n"
            "with the batch, per-row change records and audit entries. 'dry-run' = all of that except the write.\n\n"
            f"{table}\n\n"
            "'rows floor' = the same enterprise rows inserted with sqlite3's executemany straight into the app's\n"
            "table (indexes included) and committed, with none of the app's checks and no records of the import.\n"
            "'write floor' = the rows floor plus one undo record and one hash-chained audit entry per row (JSON\n"
            "built and hashed). Neither includes reading or checking the file.\n\n"
            "## The targets (issue 4)\n\n"
            "- 10,000 rows validated and committed in under 3 s: met (commit column).\n"
            "- The whole import no more than 3 × the bare read: **not met** (commit ÷ read), and not reachable on\n"
            "  this stack while the import keeps what the issues ask of it:\n"
            "  - read + write floor alone (calamine's read, then only writing the rows with their undo records\n"
            "    and audit entries, no checks at all) is already more than 3 × the read ('(read + write floor) ÷\n"
            "    read');\n"
            "  - with no undo records and no audit entries at all, the dry-run (read + every check) plus the rows\n"
            "    floor is still more than 3 × the read (the '(dry-run + rows floor) ÷ read' column).\n"
            "  Calamine (Rust) reads 10,000 rows in under a tenth of a second; three times that leaves about\n"
            "  20 µs a row for everything Python and SQLite do with it. The app's commit costs about read +\n"
            "  dry-run + write floor. The per-record undo records (issue 4: undo restoring prior values) and\n"
            "  audit entries (issue 6) stay; they are not dropped to reach a ratio.\n\n"
            "## What was done (10,000 rows, on the machine of the time: dry-run 0.63 → 0.32 s, commit 1.55 →\n"
            "0.85 s)\n\n"
            "- Text clean-up: collapse_spaces and normalize_name skip their regular expressions for text that is\n"
            "  already folded (core.domain.text.is_collapsed), brackets are swapped without str.translate (~1 µs a\n"
            "  call); a row's cell texts were once read with cell_text's fast path inlined, since issue 17 by plain\n"
            "  cell_text (core.io.table.text_rows: the clear form, the bench showing no loss a user would notice).\n"
            "  Hypothesis tests prove each equal to the slow form.\n"
            "- Validation: core.services.enterprises.checked_enterprise checks texts that cell_text already folded,\n"
            "  without folding them again or building an EnterpriseInput per row (validate_enterprise folds typed\n"
            "  text and calls it). The credit-code check sums its weights without a call per code; UsccCheck is a\n"
            "  named tuple and PreviewRow is not frozen (a frozen dataclass costs 1.6 µs more to build).\n"
            "- Register lookups: a register not much larger than the file is scanned once instead of 2 × 20 IN\n"
            "  queries of 500 values. Stored values are read as the driver's rows.\n"
            "- No cyclic garbage collection during bulk work (core.services.gc_pause): ~10 % of the dry-run.\n"
            "- Writing: rows, undo records and audit entries go to the driver's executemany\n"
            "  (core.store.fast.insert_fast, each INSERT compiled once), 2,000 rows a statement. Audit hashes are\n"
            "  assembled from the canonical payload without parsing it again; audit.verify still uses\n"
            "  audit._canonical, and a test proves the two equal.\n"
            "- The ORM mappers are configured when the database opens, not on the first import (~20 ms).\n\n"
            "What is left. In the dry-run, calamine's read is about a third of the time. The rest is per-row Python:\n"
            "cell texts, the credit-code check, name normalisation and search text, and building each row's values\n"
            "and preview row. In the commit, SQLite's executemany into a table with five indexes takes ~0.1 s per\n"
            "10,000 rows, the audit JSON and hashes ~0.1 s, and the commit itself ~0.06 s.\n"
        )
        (ROOT / "bench" / "RESULTS-import.md").write_text(text, encoding="utf-8")
        print("written bench/RESULTS-import.md")


if __name__ == "__main__":
    main()

"""Figures for issue 2 (not tests): start-up to first paint beside a bare PySide6 window, search-as-you-type
latency and column sort time on 100,000 enterprises, peak memory.

    uv run python bench/ui_bench.py [--count 100000] [--runs 5]

Targets: start ≤ 2× the bare window; a keystroke ≤ 50 ms; a sort ≤ 0.3 s. Writes bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def first_paint_ms(mode: list[str]) -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "_paint_probe.py"), *mode],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ},
    ).stdout
    return (float(out.strip().splitlines()[-1]) - start) * 1000


def make_db(path: Path, count: int) -> None:
    from core.services import demo
    from core.store.engine import sqlite_url
    from core.store.migrate import open_database

    db, _ = open_database(sqlite_url(path))
    with db.uow() as uow:
        demo.load(uow, count=count)
    db.dispose()


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    small, big = tmp / "small.sqlite", tmp / "big.sqlite"
    make_db(small, 200)
    t = time.perf_counter()
    make_db(big, args.count)
    print(f"demo database of {args.count:,} enterprises built in {time.perf_counter() - t:.1f} s")

    bare = [first_paint_ms(["bare"]) for _ in range(args.runs)]
    ours = [first_paint_ms(["app", str(small)]) for _ in range(args.runs)]
    ours_big = [first_paint_ms(["app", str(big)]) for _ in range(args.runs)]

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from core.store.engine import sqlite_url
    from core.store.migrate import open_database
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    db, _ = open_database(sqlite_url(big))
    window = MainWindow(db)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    page = window.page("enterprises")
    page.search_delay_ms = 0  # type: ignore[attr-defined]
    keystrokes: list[float] = []
    for word in ("机器人", "佛山市万和", "南海", "智能装备", "9144060"):
        for n in range(1, len(word) + 1):
            t = time.perf_counter()
            page.search_edit.setText(word[:n])  # type: ignore[attr-defined]
            app.processEvents()  # the view fetches and paints its visible rows
            keystrokes.append((time.perf_counter() - t) * 1000)
        page.search_edit.clear()  # type: ignore[attr-defined]
        app.processEvents()
    sorts: dict[str, float] = {}
    model = page.model  # type: ignore[attr-defined]
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            t = time.perf_counter()
            page.table.sortByColumn(column, order)  # type: ignore[attr-defined]
            app.processEvents()
            name = str(model.headerData(column, Qt.Orientation.Horizontal))
            sorts[name] = max(sorts.get(name, 0.0), (time.perf_counter() - t) * 1000)
    rows = model.rowCount()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    db.dispose()

    med = statistics.median
    ratio = med(ours) / med(bare)
    lines = [
        "# Benchmarks — register and main window (issue 2)",
        "",
        f"Machine: {machine()}. Qt platform: {os.environ['QT_QPA_PLATFORM']}. Run: `uv run python bench/ui_bench.py`"
        f" ({time.strftime('%Y-%m-%d')}).",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| first paint, bare PySide6 window (median of {args.runs}) | {med(bare):.0f} ms | |",
        f"| first paint, Subsidy Desk on 200 enterprises | {med(ours):.0f} ms ({ratio:.2f}× bare) | ≤ 2× bare |",
        f"| first paint, Subsidy Desk on {args.count:,} enterprises | {med(ours_big):.0f} ms"
        f" ({med(ours_big) / med(bare):.2f}× bare) | |",
        f"| search-as-you-type on {args.count:,}, per keystroke: median / max ({len(keystrokes)} keystrokes) |"
        f" {med(keystrokes):.0f} / {max(keystrokes):.0f} ms | ≤ 50 ms |",
        *(
            f"| sort by {name} ({rows:,} rows), slower direction | {ms:.0f} ms | ≤ 300 ms |"
            for name, ms in sorts.items()
        ),
        f"| peak memory of the benchmark process (window + {args.count:,}-row database) | {peak_mb:.0f} MB | |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

"""Dashboard benchmark: 100,000 enterprises and 5,000 cases (figures, not pass/fail).

    uv run python bench/dashboard_bench.py [--enterprises 100000] [--cases 5000] [--write]

Builds the database with plain SQL (one real case made by the service, then copied onto other enterprises
with spread districts, kinds, states and decision dates), then times, each the median of 5 runs:
  figures    core.services.stats.dashboard(year) — every aggregate the page shows (SQL GROUP BY),
  budget     core.services.budget.show(year),
  page       building ui.pages.stats_page.StatsPage offscreen (queries + cards + four charts).
Target (issue 7): the dashboard opens in under 1 s. `--write` saves the table to bench/RESULTS-dashboard.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DISTRICTS = ["禅城区", "南海区", "顺德区", "高明区", "三水区"]
STATES = ["approved", "notice_issued", "paid", "evaluated", "closed", "under_review", "submitted", "draft"]


def build(path: Path, n_ent: int, n_cases: int) -> None:
    from core.services import cases as cases_svc
    from core.services.demo import make_code
    from core.services.enterprises import EnterpriseInput, add_enterprise
    from core.services.titles import TitleInput, add_title
    from core.store.engine import sqlite_url
    from core.store.migrate import open_database

    db, _ = open_database(sqlite_url(path))
    rng = random.Random(1)
    code = make_code(rng, "440605")
    with db.uow() as uow:
        add_enterprise(
            uow, EnterpriseInput(code=code, name="佛山市样本科技有限公司", district="南海区"), actor="system"
        )
    with db.uow() as uow:
        add_title(
            uow,
            TitleInput(enterprise_code=code, kind="little-giant", batch=7, recognized_on="2025-07-18"),
            actor="system",
        )
    with db.uow() as uow:
        cases_svc.create_case(uow, code, "little-giant", today=date(2025, 9, 1))
    db.dispose()
    con = sqlite3.connect(path)
    ent_cols = [r[1] for r in con.execute("PRAGMA table_info(enterprise)") if r[1] != "id"]
    title_cols = [r[1] for r in con.execute("PRAGMA table_info(national_title)") if r[1] != "id"]
    case_cols = [r[1] for r in con.execute("PRAGMA table_info(reward_case)") if r[1] != "id"]

    def copy(table: str, cols: list[str], overrides: dict[str, str], src_id: int = 1) -> str:
        sel = ", ".join(overrides.get(c, c) for c in cols)
        return f"INSERT INTO {table} ({', '.join(cols)}) SELECT {sel} FROM {table} WHERE id = {src_id}"

    ent_sql = copy(
        "enterprise", ent_cols,
        {"code": "printf('9144%014d', :i)", "name": "'企业' || :i", "name_norm": "'企业' || :i",
         "search_text": "'企业' || :i", "district": ":d"},
    )  # fmt: skip
    con.executemany(ent_sql, ({"i": i, "d": DISTRICTS[i % 5]} for i in range(2, n_ent + 1)))
    title_sql = copy("national_title", title_cols, {"enterprise_id": ":e", "batch": ":b", "kind": ":k"})
    kinds = ["little-giant", "single-champion"]
    con.executemany(title_sql, ({"e": e, "b": 1 + e % 7, "k": kinds[e % 2]} for e in range(2, n_cases + 1)))
    case_sql = copy(
        "reward_case", case_cols,
        {"enterprise_id": ":e", "title_id": ":e", "title_kind": ":k", "status": ":s", "decided_on": ":on",
         "city_reward": ":c", "province_match": ":c"},
    )  # fmt: skip
    start = date(2023, 1, 1)
    con.executemany(
        case_sql,
        (
            {
                "e": e,
                "k": kinds[e % 2],
                "s": STATES[e % len(STATES)],
                "on": (start + timedelta(days=e % 1000)).isoformat() if e % len(STATES) < 5 else None,
                "c": f"{(e % 20 + 1) * 50000}.00",
            }
            for e in range(2, n_cases + 1)
        ),
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def timed(fn: object, runs: int = 5) -> float:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        t0 = time.perf_counter()
        build(path, args.enterprises, args.cases)
        built = time.perf_counter() - t0
        from PySide6.QtWidgets import QApplication

        from core.services import budget, stats
        from core.store.engine import sqlite_url
        from core.store.migrate import open_database
        from ui.pages.stats_page import StatsPage

        db, _ = open_database(sqlite_url(path))
        with db.uow() as uow:
            budget.set_line(uow, "bench", 2024, "city", "100000000")

        def figures() -> None:
            with db.uow() as uow:
                stats.dashboard(uow, 2024)

        def budget_show() -> None:
            with db.uow() as uow:
                budget.show(uow, 2024)

        app = QApplication.instance() or QApplication([])

        def page() -> None:
            w = StatsPage(db)
            w.show()
            app.processEvents()
            w.close()
            w.deleteLater()

        with db.uow() as uow:
            d = stats.dashboard(uow, 2024)
        rows = [
            ("figures (stats.dashboard, 2024)", timed(figures)),
            ("budget (budget.show, 2024)", timed(budget_show)),
            ("page (StatsPage built and shown)", timed(page)),
        ]
        db.dispose()
    head = (
        f"{args.enterprises:,} enterprises, {args.cases:,} cases ({d.committed.cases:,} approved in 2024); "
        f"built in {built:.1f} s; {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    table = "\n".join(
        ["| step | median of 5 |", "|---|---|", *(f"| {n} | {s * 1000:.0f} ms |" for n, s in rows)]
    )
    print(head)
    print(table)
    if args.write:
        Path(__file__).with_name("RESULTS-dashboard.md").write_text(
            f"# Dashboard bench\n\n{head}\n\nTarget: opens in under 1 s.\n\n{table}\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

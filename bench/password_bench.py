"""Password benchmark: one argon2id hash at the chosen OWASP parameters (and at OWASP's 46 MiB/t=1 alternative,
and the old scrypt, for comparison), and what a refused sign-in costs for each kind of account on a SQLite file
(the answers must take about as long, so timing does not tell them apart). Figures, not pass/fail.

    uv run python bench/password_bench.py [--runs 21] [--write]   (--write updates bench/RESULTS-passwords.md)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argon2 import PasswordHasher, Type

from core.services import passwords, users
from core.store.engine import sqlite_url
from core.store.migrate import open_database

PW = "correct horse 1"
OUT = Path(__file__).with_name("RESULTS-passwords.md")


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm up
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def row(label: str, ms: list[float]) -> str:
    return f"| {label} | {statistics.median(ms):.1f} ms | {min(ms):.1f}–{max(ms):.1f} ms |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    runs = args.runs
    load_start = os.getloadavg()

    stored = passwords.hash_password(PW)
    alt = PasswordHasher(time_cost=1, memory_cost=47104, parallelism=1, type=Type.ID)
    salt = secrets.token_bytes(16)
    lines = [
        row(
            f"argon2id hash, m={passwords.MEMORY_KIB} KiB t={passwords.TIME_COST} p={passwords.PARALLELISM} "
            "(chosen)",
            timed(lambda: passwords.hash_password(PW), runs),
        ),
        row(
            "argon2id verify, same parameters (a sign-in)", timed(lambda: passwords.verify(PW, stored), runs)
        ),
        row(
            "argon2id hash, m=47104 KiB t=1 p=1 (OWASP's equivalent alternative)",
            timed(lambda: alt.hash(PW), runs),
        ),
        row(
            "scrypt N=2^14 r=8 p=1 (the old hash, for comparison)",
            timed(
                lambda: hashlib.scrypt(PW.encode(), salt=salt, n=2**14, r=8, p=1, maxmem=64 << 20, dklen=32),
                runs,
            ),
        ),
    ]

    with tempfile.TemporaryDirectory() as tmp:
        db, _report = open_database(sqlite_url(Path(tmp) / "bench.sqlite"))
        with db.uow() as uow:
            users.create_first_admin(uow, "admin", PW)
            for name in ("wang", "locked", "off"):
                users.add_user(uow, "admin", name, "clerk", PW)
            users.add_without_password(uow, "admin", "demo_li", "reviewer")
        with db.uow() as uow:
            users.set_active(uow, "admin", "off", False)
        at = datetime(2026, 12, 4, 9, 0)
        for _ in range(users.MAX_FAILURES):
            try:
                with db.uow() as uow:
                    users.authenticate(uow, "locked", "wrong password", at=at)
            except users.AuthError:
                pass

        def refused(name: str, password: str) -> Callable[[], object]:
            def attempt() -> None:
                try:
                    with db.uow() as uow:
                        users.authenticate(uow, name, password, at=at)
                except users.AuthError:
                    return
                raise AssertionError(name)

            return attempt

        lines.append("| **refused sign-in, end to end on a SQLite file** | | |")
        for label, name, password in (
            ("wrong password (counted: one UPDATE, commit)", "wang", "wrong password"),
            ("unknown name (dummy hash, no write)", "nobody", PW),
            ("locked account, wrong password", "locked", "wrong password"),
            ("disabled account, wrong password", "off", "wrong password"),
            ("account without a password", "demo_li", PW),
        ):
            lines.append(row(label, timed(refused(name, password), runs)))
        db.dispose()

    head = (
        "# Benchmarks — passwords (issue 16)\n\n"
        f"Machine: {platform.system()} {platform.release()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {' '.join(f'{x:.2f}' for x in load_start)} at the start "
        f"(shared with other work). Run: `uv run python bench/password_bench.py --runs {runs} --write` "
        f"({date.today().isoformat()}). Median of {runs} runs after one warm-up; range in the last column.\n\n"
        "| figure | median | range |\n|---|---|---|\n"
    )
    tail = (
        "\n\nThe chosen parameters are OWASP's first recommendation (Password Storage Cheat Sheet, Argon2id: "
        "m=19 MiB, t=2, p=1); its 46 MiB/t=1 alternative gives the same defence at about twice the time here. "
        "One hash costs about what the old scrypt hash did, so sign-in and the test suite are no slower. A refused "
        "sign-in costs one argon2id verification whatever the account; a wrong password on an existing account "
        "adds the UPDATE that counts it (a few ms on SQLite).\n"
    )
    text = head + "\n".join(lines) + tail
    print(text)
    if args.write:
        OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

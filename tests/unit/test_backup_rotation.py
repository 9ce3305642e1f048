"""The rotation rule alone: which automatic backups are kept (7 daily, 4 weekly, and the newest few)."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.services.backup import choose_kept


def test_keeps_the_newest_of_each_of_the_last_seven_days_and_four_weeks() -> None:
    # two backups a day (08:00 and 17:00) for 30 days, 2026-03-01 (a Sunday) .. 2026-03-30 (a Monday)
    stamps = [datetime(2026, 3, 1, h) + timedelta(days=d) for d in range(30) for h in (8, 17)]
    kept = choose_kept(stamps, last=0)
    days = sorted({k.date().isoformat() for k in kept})
    # dailies: Mar 24..30; weeklies: newest of ISO weeks 14 (Mar 30), 13 (Mar 29), 12 (Mar 22), 11 (Mar 15)
    assert days == ["2026-03-15", "2026-03-22"] + [f"2026-03-{d}" for d in range(24, 31)]
    assert all(k.hour == 17 for k in kept)  # the newest of each day
    assert len(kept) == 9


def test_the_newest_few_are_always_kept_even_on_the_same_day() -> None:
    stamps = [datetime(2026, 5, 6, 9, m) for m in range(10)]
    kept = choose_kept(stamps, last=3)
    assert kept == {datetime(2026, 5, 6, 9, 9), datetime(2026, 5, 6, 9, 8), datetime(2026, 5, 6, 9, 7)}


def test_few_backups_are_all_kept() -> None:
    stamps = [datetime(2026, 1, 1) + timedelta(days=10 * i) for i in range(4)]
    assert choose_kept(stamps) == set(stamps)
    assert choose_kept([]) == set()

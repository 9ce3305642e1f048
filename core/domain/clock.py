"""Today's date and the time of day, from one place.

Every rule that compares a date with "today" (a step may not be post-dated, a document's default date, the
age of a backup) asks `today()` here, never `date.today()` directly, so that tests and a demonstration can
set the day. `SUBSIDY_DESK_TODAY=YYYY-MM-DD` in the environment fixes it for a whole process (the CLI tests
set it; `faketime` does the same for the machine's clock); `set_today` fixes it inside one process (tests).
Otherwise it is the machine's date.
"""

from __future__ import annotations

import os
from datetime import date, datetime

ENV = "SUBSIDY_DESK_TODAY"
_fixed: date | None = None


class ClockError(ValueError):
    """SUBSIDY_DESK_TODAY holds something that is not a date."""


def set_today(day: date | None) -> None:
    """Fix today's date for this process (None: back to the environment or the machine's date)."""
    global _fixed
    _fixed = day


def today() -> date:
    if _fixed is not None:
        return _fixed
    text = os.environ.get(ENV, "").strip()
    if text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ClockError(f"环境变量 {ENV}=“{text}”不是有效日期，应写成 2026-12-04。") from None
    return date.today()


def now() -> datetime:
    """Local wall-clock time to the second, on today's date (`today()`)."""
    moment = datetime.now().replace(microsecond=0)
    day = today()
    return moment if moment.date() == day else datetime.combine(day, moment.time())

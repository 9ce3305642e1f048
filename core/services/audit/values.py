"""Field values as the audit trail states them: `plain` JSON values, a record's `snapshot`, the `diff` of two
snapshots and the fields of a `created` record, each change a (before, after) pair."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

Change = tuple[Any, Any]

_JSON_SCALARS = frozenset({str, int, bool})


def plain(value: Any) -> Any:
    """A JSON value for a stored field: dates as ISO text, amounts as "1000.00", enums by code."""
    if value is None or type(value) in _JSON_SCALARS:  # the usual case, checked first (10,000s per import)
        return value
    if isinstance(value, bool | int | str) and not isinstance(value, Enum):
        return value
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, list | tuple | frozenset | set):
        return [plain(v) for v in value]
    return str(value)


def snapshot(obj: object, names: Iterable[str]) -> dict[str, Any]:
    return {name: plain(getattr(obj, name)) for name in names}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Change]:
    """The fields whose value changed, as (before, after)."""
    out: dict[str, Change] = {}
    for key in after:
        old, new = plain(before.get(key)), plain(after[key])
        if old != new:
            out[key] = (old, new)
    return out


def created(after: Mapping[str, Any]) -> dict[str, Change]:
    """The fields of a new record (empty values left out), as (None, value)."""
    return {k: (None, plain(v)) for k, v in after.items() if v not in (None, "", [], ())}

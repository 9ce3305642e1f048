"""The audited tables as `audit_state` reads them: for each audited entity its table, fields and a bulk reader
of (record key, values) rows (`_specs`), with values written as the trail writes them (`_norm`, `_plain`).

Kept apart from the replay and comparison (core.services.audit_state), which imports these."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String, Text, cast, func, select
from sqlalchemy.orm import Session

from core.services import audit
from core.store.models import Enterprise, NationalTitle
from core.store.models_budget import BudgetLine
from core.store.models_calendar import CalendarYear
from core.store.models_cases import RewardCase
from core.store.models_documents import IssuedDocument
from core.store.models_imports import ImportBatch
from core.store.models_users import User

DOCUMENT = "document"  # the trail's entity of an issued document (documents._issue)


_EMPTY: tuple[Any, ...] = (None, "", [], ())


def _norm(value: Any) -> Any:
    value = audit.plain(value)
    return None if value in _EMPTY else value


_AS_IS = frozenset({str, int, bool, type(None), list})


def _plain(value: Any) -> Any:
    """A stored value as the trail writes it (dates as ISO text, amounts as "1000.00")."""
    return value if type(value) in _AS_IS else audit.plain(value)


def _loads(text: Any) -> Any:
    try:
        return json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return text


# a table's rows: (record key, the values of the spec's fields in their order)
_Rows = Callable[[Session], Iterable[tuple[str, tuple[Any, ...]]]]


@dataclass(frozen=True)
class _Spec:
    """How one audited entity is stored: its table, how to read (key, field → value) rows in bulk."""

    entity: str
    table: str
    fields: tuple[str, ...]
    rows: _Rows
    every_row_audited: bool = True  # a row with no trail at all is reported (False: only compared)
    # what a field holds after a `create` entry that does not state it (else: empty)
    defaults: tuple[tuple[str, Any], ...] = ()


def _columns(
    model: Any, names: Sequence[str], key: Callable[[Sequence[Any]], str], json_fields: Iterable[str] = ()
) -> _Rows:
    """Read `names` of every row of `model` in one query, keyed by `key`, as the trail writes values: empty
    text as NULL and dates as ISO text done by the database (`NULLIF`, `CAST`), amounts as "1000.00", JSON text
    columns parsed. 100,000 rows: one pass, no per-value Python call but for amounts and JSON."""
    json_set = frozenset(json_fields)

    def read(session: Session) -> Iterable[tuple[str, tuple[Any, ...]]]:
        cols: list[Any] = []
        convert: list[int] = []  # positions converted in Python (amounts, JSON)
        for n, name in enumerate(names):
            col = getattr(model, name)
            kind = col.property.columns[0].type
            if name in json_set:
                cols.append(col)
                convert.append(n)
            elif isinstance(kind, Date):
                cols.append(cast(col, String))
            elif isinstance(kind, String | Text):
                cols.append(func.nullif(col, ""))
            else:
                cols.append(col)
                if not isinstance(kind, Integer | Boolean):
                    convert.append(n)
        extra = [c for c in ("id", "year", "line") if hasattr(model, c)]  # what `key` is given, in this order
        width = len(names)
        stmt = select(*cols, *[getattr(model, c) for c in extra])
        for row in session.connection().execute(stmt):  # Core rows: no ORM loading per row
            values = tuple(row[:width])
            if convert:
                listed = list(values)
                for n in convert:
                    listed[n] = _loads(listed[n]) if names[n] in json_set else _plain(listed[n])
                values = tuple(listed)
            yield key(row[width:]), values

    return read


# an account's fields as the trail states them, read from the table (the password hash last: its fingerprint)
_USER_FIELDS = ("name", "display_name", "roles", "active", "password_hash")


def _user_rows(session: Session) -> Iterable[tuple[str, tuple[Any, ...]]]:
    for row in session.execute(select(User.id, *[getattr(User, n) for n in _USER_FIELDS])):
        *values, stored = row[1:]
        yield str(row[0]), (*map(_norm, values), audit.password_fingerprint(stored))


def _document_rows(session: Session) -> Iterable[tuple[str, tuple[Any, ...]]]:
    stmt = select(
        IssuedDocument.id,
        IssuedDocument.doc_type,
        IssuedDocument.doc_no,
        IssuedDocument.issued_on,
        IssuedDocument.verification,
        IssuedDocument.file_sha256,
        IssuedDocument.payload,
    )
    for i, doc_type, doc_no, on, code, file_sha, payload in session.execute(stmt):
        anchor = _loads(payload).get("audit_anchor") if payload else None
        yield (
            str(i),
            tuple(map(_norm, (doc_type, doc_no, on, code, file_sha, payload_sha256(payload), anchor))),
        )


def _specs() -> dict[str, _Spec]:
    from core.services import budget, cases, enterprises, titles

    by_id: Callable[[Sequence[Any]], str] = lambda k: str(k[0])  # noqa: E731 - a key function: (id, …)
    case_fields = tuple(cases.AUDITED_FIELDS)
    batch_fields = ("kind", "file_name", "sha256", "rows", "created", "updated")
    return {
        s.entity: s
        for s in (
            _Spec(
                "enterprise",
                "enterprise",
                enterprises.AUDITED_FIELDS,
                _columns(Enterprise, enterprises.AUDITED_FIELDS, by_id),
            ),
            _Spec(
                "title",
                "national_title",
                titles.AUDITED_FIELDS,
                _columns(NationalTitle, titles.AUDITED_FIELDS, by_id),
            ),
            _Spec(
                "case",
                "reward_case",
                case_fields,
                _columns(RewardCase, case_fields, by_id, ("exclusion_hits",)),
            ),
            _Spec(
                "user",
                "app_user",
                ("name", "display_name", "roles", "active", audit.PASSWORD_FIELD),
                _user_rows,
                defaults=(("active", True),),
            ),
            _Spec(
                "budget",
                "budget_line",
                budget.AUDITED_FIELDS,
                _columns(BudgetLine, budget.AUDITED_FIELDS, lambda k: f"{k[1]}-{k[2]}"),
            ),
            _Spec(
                "calendar",
                "calendar_year",
                ("year", "doc_no", "holidays", "workdays"),
                _columns(
                    CalendarYear,
                    ("year", "doc_no", "holidays", "workdays"),
                    lambda k: str(k[1]),
                    ("holidays", "workdays"),
                ),
            ),
            _Spec("import_batch", "import_batch", batch_fields, _columns(ImportBatch, batch_fields, by_id)),
            _Spec(
                DOCUMENT,
                "issued_document",
                (
                    "doc_type",
                    "doc_no",
                    "issued_on",
                    "verification",
                    "file_sha256",
                    "payload_sha256",
                    "audit_anchor",
                ),
                _document_rows,
                every_row_audited=False,
            ),
        )
    }


def payload_sha256(payload: str) -> str:
    """The SHA-256 of an issued document's stored payload text, as its trail entry records it."""
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()

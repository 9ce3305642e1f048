"""The import's audit entries are hashed from text assembled without re-parsing (`_canonical_of_payload`);
`verify` hashes `_canonical`. Any difference would make every imported entry look tampered with."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from hypothesis import given
from hypothesis import strategies as st

from core.services import audit

_TEXT = st.text(
    alphabet=st.sampled_from(list('ab佛山"\\/\n\t\x00\x1f\u2028\u3000（）é𠀋{}[]:,\U0001f600')), max_size=12
)
_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    _TEXT,
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.lists(_TEXT, max_size=3),
)


@given(
    st.integers(1, 10**9),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    _TEXT,
    _TEXT,
    st.one_of(_TEXT, st.integers(0, 10**9).map(str)),
    _TEXT,
    st.dictionaries(_TEXT, st.tuples(_VALUE, _VALUE), max_size=6),
)
def test_assembled_canonical_text_equals_the_parsed_one(
    entry_id: int,
    at: datetime,
    actor: str,
    entity: str,
    entity_id: str,
    action: str,
    changes: dict[str, tuple[Any, Any]],
) -> None:
    entry = audit._Entry(entry_id, at, actor, entity, entity_id, action, audit._payload(changes))
    assert audit._canonical_of_payload(entry) == audit._canonical(cast(audit.AuditEntry, entry))


def test_a_decimal_amount_is_hashed_as_its_two_place_text() -> None:
    entry = audit._Entry(7, datetime(2026, 11, 22, 9, 30), "chen", "case", "3", "update", "")
    entry = entry._replace(changes=audit._payload({"city_amount": (None, Decimal("1500000"))}))
    assert '"changes":{"city_amount":[null,"1500000.00"]}' in audit._canonical_of_payload(entry)
    assert audit._canonical_of_payload(entry) == audit._canonical(cast(audit.AuditEntry, entry))


@given(st.dictionaries(_TEXT, _VALUE, max_size=8))
def test_created_payload_is_the_payload_of_created(after: dict[str, Any]) -> None:
    assert audit.created_payload(after) == audit._payload(audit.created(after))

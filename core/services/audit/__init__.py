"""The audit trail: who changed what, when, field by field; append-only and hash-chained.

Each entry's hash is sha256(previous entry's hash + the canonical JSON of the entry, its position included), so
editing, deleting, inserting or reordering stored entries breaks the chain at the first entry concerned, which
`verify` names. Nothing follows the last entry, so the chain's end is also kept in a one-row head
(`audit_head`: entry count, last id and hash), updated in the same transaction as every append; `verify`
compares the stored end with it, which catches the deletion of the last entries too. New entries are numbered
and chained from the head, so an entry deleted at the end stays visibly missing after later appends.

The package: `chain` (appending), `hashing`, `values` (what an entry states), `actors`, `verify`,
`anchors`, `labels` and `history`; the names below are re-exported from them.

`record` is called by the write use cases inside their own transaction: the change and its audit entry are
committed together or not at all. Appends serialise on a write lock (SQLite: the database write lock, taken
by a no-op UPDATE; PostgreSQL: a transaction-scoped advisory lock), so two officers saving at once queue up.

The hash function is recorded on the head row (`algorithm`, migration 0006_audit_algorithm): SHA-256, or SM3
(GB/T 32905) chosen for a new database before its first entry (`set_algorithm`). A chain keeps its algorithm.

What a hash chain alone cannot do: someone who can write the database file may rewrite every entry from the
first one on and the head with them. Two things catch that: `verify` also replays the trail and compares every
audited record with it (`audit_state`: a value changed in the tables but not in the trail is reported), and
every issued document stores and prints an anchor, the chain's last entry number and hash at issue
(`anchor_of`, "N:HASH"): `verify` checks every stored anchor, and `verify(anchor=…)` one read off paper, so a
consistent rewrite of the entries up to N no longer matches any copy printed after entry N.
"""

from __future__ import annotations

from core.services.audit.actors import (
    DEMO,
    SYSTEM,
    actor_or_system,
)
from core.services.audit.anchors import (
    ANCHOR_HEX,
    MIN_ANCHOR_HEX,
    anchor_of,
    parse_anchor,
)
from core.services.audit.chain import (
    HEAD_ID,
    PASSWORD_ACTIONS,
    PASSWORD_FIELD,
    Appender,
    ChainEnd,
    Item,
    algorithm_of,
    created_payload,
    password_fingerprint,
    record,
    set_algorithm,
)
from core.services.audit.chain import (
    _Entry as _Entry,  # for the tests and bench that use it
)
from core.services.audit.chain import (
    _payload as _payload,  # for the tests and bench that use it
)
from core.services.audit.hashing import (
    ALGORITHMS,
    GENESIS,
    SHA256,
    SM3,
    entry_hash,
    hasher,
)
from core.services.audit.hashing import (
    _canonical as _canonical,  # for the tests and bench that use it
)
from core.services.audit.hashing import (
    _canonical_of_payload as _canonical_of_payload,  # for the tests and bench that use it
)
from core.services.audit.history import (
    AuditView,
    describe,
    entries_for,
    history,
    last_values,
)
from core.services.audit.history import (
    _audit_view as _audit_view,  # for the tests and bench that use it
)
from core.services.audit.history import (
    _who as _who,  # for the tests and bench that use it
)
from core.services.audit.labels import (
    _SKIPPED as _SKIPPED,  # for the tests and bench that use it
)
from core.services.audit.labels import (
    ACTION_LABELS,
    ENTITY_LABELS,
    FIELD_LABELS,
    field_label,
)
from core.services.audit.values import (
    Change,
    created,
    diff,
    plain,
    snapshot,
)
from core.services.audit.verify import (
    _ROW_COLUMNS as _ROW_COLUMNS,  # for the tests and bench that use it
)
from core.services.audit.verify import (
    VerifyReport,
    verify,
)
from core.services.audit.verify import (
    _walk as _walk,  # for the tests and bench that use it
)
from core.store.models_audit import AuditEntry

__all__ = [
    "ACTION_LABELS",
    "ALGORITHMS",
    "ANCHOR_HEX",
    "DEMO",
    "ENTITY_LABELS",
    "FIELD_LABELS",
    "GENESIS",
    "HEAD_ID",
    "MIN_ANCHOR_HEX",
    "PASSWORD_ACTIONS",
    "PASSWORD_FIELD",
    "SHA256",
    "SM3",
    "SYSTEM",
    "Appender",
    "AuditEntry",
    "AuditView",
    "ChainEnd",
    "Change",
    "Item",
    "VerifyReport",
    "actor_or_system",
    "algorithm_of",
    "anchor_of",
    "created",
    "created_payload",
    "describe",
    "diff",
    "entries_for",
    "entry_hash",
    "field_label",
    "hasher",
    "history",
    "last_values",
    "parse_anchor",
    "password_fingerprint",
    "plain",
    "record",
    "set_algorithm",
    "snapshot",
    "verify",
]

"""How an entry is hashed: its canonical JSON (`_canonical`, and the faster text assembly of it used when
appending and verifying), the chain's hash algorithms (SHA-256, SM3) and `entry_hash`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

GENESIS = "0" * 64


def _canonical(entry: Any) -> str:
    body = {
        "id": entry.id,
        "at": entry.at.isoformat(timespec="seconds"),
        "actor": entry.actor,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "action": entry.action,
        "changes": json.loads(entry.changes),
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


SHA256 = "sha256"
SM3 = "sm3"  # GB/T 32905-2016, through OpenSSL (hashlib.new("sm3"))
ALGORITHMS = (SHA256, SM3)


def hasher(algorithm: str) -> Callable[[bytes], Any]:
    """The chain's hash function by its recorded name (a `hashlib` object factory)."""
    if algorithm == SHA256:
        return hashlib.sha256
    if algorithm == SM3:
        return lambda data: hashlib.new("sm3", data)
    raise ValueError(f"未知的审计哈希算法：{algorithm}")


def entry_hash(prev_hash: str, entry: Any, algorithm: str = SHA256) -> str:
    return str(hasher(algorithm)((prev_hash + _canonical(entry)).encode("utf-8")).hexdigest())


_text = json.JSONEncoder(ensure_ascii=False).encode  # a JSON string as json.dumps writes it


def _canonical_of_payload(entry: Any) -> str:
    """`_canonical` of an entry whose `changes` is already `_payload`'s canonical JSON, assembled as text (the
    keys in sorted order) instead of parsing and re-encoding it: an import appends 10,000 entries. Equal to
    `_canonical` (tests/unit/test_audit_canonical.py); `verify` keeps using `_canonical`, which also copes
    with a stored payload that is not canonical."""
    return (
        f'{{"action":{_text(entry.action)},"actor":{_text(entry.actor)},'
        f'"at":{_text(entry.at.isoformat(timespec="seconds"))},"changes":{entry.changes},'
        f'"entity":{_text(entry.entity)},"entity_id":{_text(entry.entity_id)},"id":{int(entry.id)}}}'
    )


def _cached_canonical() -> Callable[[Any], str]:
    """`_canonical_of_payload` with the encodings of the values that repeat over a whole chain (times, actors,
    entities, actions: a bulk append shares them all) kept: `verify` walks 100,000s of entries."""
    texts: dict[Any, str] = {}

    def enc(value: Any) -> str:
        out = texts.get(value)
        if out is None:
            out = texts[value] = _text(
                value.isoformat(timespec="seconds") if isinstance(value, datetime) else value
            )
        return out

    def canonical(entry: Any) -> str:
        return (
            f'{{"action":{enc(entry.action)},"actor":{enc(entry.actor)},'
            f'"at":{enc(entry.at)},"changes":{entry.changes},'
            f'"entity":{enc(entry.entity)},"entity_id":{_text(entry.entity_id)},"id":{int(entry.id)}}}'
        )

    return canonical

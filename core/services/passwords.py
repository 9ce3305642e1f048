"""Password hashes: argon2id (argon2-cffi) for every new hash; the scrypt hashes of earlier versions still verify.

Parameters: OWASP Password Storage Cheat Sheet (https://cheatsheetseries.owasp.org/cheatsheets/
Password_Storage_Cheat_Sheet.html, section "Argon2id", as of 2023–2025): "Use Argon2id with a minimum
configuration of 19 MiB of memory, an iteration count of 2, and 1 degree of parallelism", i.e. m=19456 KiB,
t=2, p=1. The sheet lists m=47104 (46 MiB) t=1, m=19456 t=2, m=12288 t=3, m=9216 t=4 and m=7168 t=5 (all p=1)
as giving the same defence, trading memory for time. We take m=19 MiB, t=2, p=1: on this project's test machine
it costs ~45 ms a hash against ~110 ms for 46 MiB/t=1 (bench/RESULTS-passwords.md, `bench/password_bench.py`),
so a sign-in stays quick on an office PC and a dozen officers signing in at once need ~230 MiB, not ~550.
Salt 16 random bytes, tag 32 bytes (argon2-cffi's defaults).

Stored format says the algorithm:
- argon2id: the PHC string `$argon2id$v=19$m=19456,t=2,p=1$<salt b64>$<hash b64>` (parameters included, so a
  hash made with other parameters still verifies and `needs_rehash` notices it);
- scrypt (before issue 16): `scrypt$N$r$p$<salt hex>$<hash hex>` (N=2^14, r=8, p=1): verifies, always needs a
  rehash (it is 8× below OWASP's scrypt minimum of N=2^17);
- anything else (`users.NO_PASSWORD` = "!") matches no password.

`verify` spends about one argon2id verification whatever it is given (an unknown format, or `spend_time` for a
user who does not exist, verify against a dummy hash), so the time of an answer does not tell whether the
account exists or has a password.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MEMORY_KIB = 19 * 1024  # m = 19456 KiB = 19 MiB
TIME_COST = 2  # t
PARALLELISM = 1  # p
HASH_LEN = 32
SALT_LEN = 16

ARGON2ID = "argon2id"
SCRYPT = "scrypt"
NONE = "none"

_SCRYPT_MAXMEM = 64 * 1024 * 1024

_HASHER = PasswordHasher(
    time_cost=TIME_COST,
    memory_cost=MEMORY_KIB,
    parallelism=PARALLELISM,
    hash_len=HASH_LEN,
    salt_len=SALT_LEN,
    type=Type.ID,
)


def hash_password(password: str) -> str:
    """A new argon2id hash (PHC string) with a fresh random salt."""
    return _HASHER.hash(password)


def algorithm(stored: str) -> str:
    """Which algorithm a stored hash uses: "argon2id", "scrypt" or "none" (cannot match)."""
    if stored.startswith("$argon2id$"):
        return ARGON2ID
    if stored.startswith("scrypt$"):
        return SCRYPT
    return NONE


def describe(stored: str) -> str:
    """The algorithm and its parameters, for the audit trail (never the salt or the hash):
    "argon2id m=19456,t=2,p=1", "scrypt N=16384,r=8,p=1", "none"."""
    kind = algorithm(stored)
    parts = stored.split("$")
    if kind == ARGON2ID and len(parts) == 6:
        return f"{ARGON2ID} {parts[3]}"
    if kind == SCRYPT and len(parts) == 6:
        return f"{SCRYPT} N={parts[1]},r={parts[2]},p={parts[3]}"
    return kind


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _HASHER.hash("no such account: a dummy to spend the time of a check")


def spend_time(password: str) -> None:
    """As long as checking a password, for an account that does not exist (or has no password)."""
    with contextlib.suppress(VerificationError):
        _HASHER.verify(_dummy_hash(), password)


def verify(password: str, stored: str) -> bool:
    """Whether `password` is the one `stored` was made from; never raises for a malformed hash."""
    kind = algorithm(stored)
    if kind == ARGON2ID:
        try:
            return _HASHER.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
    if kind == SCRYPT:
        return _scrypt_matches(password, stored)
    spend_time(password)
    return False


def needs_rehash(stored: str) -> bool:
    """True for a scrypt hash, and for an argon2id hash made with other parameters than today's."""
    kind = algorithm(stored)
    if kind == SCRYPT:
        return True
    if kind == ARGON2ID:
        try:
            return _HASHER.check_needs_rehash(stored)
        except (InvalidHashError, ValueError):
            return True
    return False


def _scrypt_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != SCRYPT:
            return False
        candidate = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_SCRYPT_MAXMEM,
            dklen=len(digest) // 2,
        )
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest)

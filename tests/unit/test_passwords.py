"""Password hashes without a database: argon2id at OWASP's parameters, the old scrypt format still verifying."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher, Type

from core.services import passwords

PW = "correct horse 1"


def scrypt_hash(password: str) -> str:
    """A hash in the format stored before issue 16 (scrypt N=2^14, r=8, p=1), made the way users.py made it."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=2**14, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32
    )
    return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"


def test_new_hashes_are_argon2id_with_owasps_minimum_parameters() -> None:
    # OWASP Password Storage Cheat Sheet: Argon2id, m=19 MiB (19456 KiB), t=2, p=1
    assert (passwords.MEMORY_KIB, passwords.TIME_COST, passwords.PARALLELISM) == (19456, 2, 1)
    stored = passwords.hash_password(PW)
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert passwords.algorithm(stored) == "argon2id"
    assert passwords.describe(stored) == "argon2id m=19456,t=2,p=1"
    assert stored != passwords.hash_password(PW)  # a fresh salt each time
    assert passwords.verify(PW, stored)
    assert not passwords.verify(PW + "x", stored)
    assert not passwords.needs_rehash(stored)


def test_old_scrypt_hashes_still_verify_and_always_need_a_rehash() -> None:
    old = scrypt_hash(PW)
    assert passwords.algorithm(old) == "scrypt"
    assert passwords.describe(old) == "scrypt N=16384,r=8,p=1"
    assert passwords.verify(PW, old)
    assert not passwords.verify("wrong password", old)
    assert passwords.needs_rehash(old)


def test_an_argon2id_hash_with_other_parameters_verifies_and_needs_a_rehash() -> None:
    weaker = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID).hash(PW)
    assert passwords.verify(PW, weaker)
    assert passwords.needs_rehash(weaker)


def test_what_is_not_a_hash_matches_nothing_and_never_raises() -> None:
    for stored in ("!", "", "$argon2id$v=19$broken", "scrypt$x$8$1$00$00", "md5$abc"):
        assert not passwords.verify(PW, stored)
        assert not passwords.verify("", stored)
    assert passwords.algorithm("!") == "none"
    assert not passwords.needs_rehash("!")  # no password: nothing to rehash

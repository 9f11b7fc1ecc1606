"""Password hashing with Argon2id (argon2-cffi), at OWASP's recommended cost (19 MiB, 2 passes).

The parameters are stored in each hash, so raising the cost later still verifies old hashes;
`needs_rehash` says when a sign-in should store a fresh one.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

MIN_LENGTH = 10


class WeakPassword(ValueError):
    """A password too short to keep an account safe."""


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"adgangskoden skal være mindst {MIN_LENGTH} tegn")


def hash_password(password: str, *, check: bool = True) -> str:
    if check:
        check_strength(password)
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)


# A hash no password matches: signing in as an unknown user costs as much time as a known one.
DUMMY_HASH = _HASHER.hash("klimaviden-dummy-password")

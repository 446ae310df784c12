"""Counsellors' passwords: argon2id hashes (``argon2-cffi``), never stored in clear.

:func:`check` also says when a stored hash was made with weaker parameters than today's, so
that the sign-in stores a fresh hash (rehash) while it holds the password.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from guichet.errors import ValidationError

MIN_LENGTH = 8
_HASHER = PasswordHasher()


@dataclass(frozen=True)
class Check:
    ok: bool
    #: A new hash to store (the old one used weaker parameters), or None.
    rehashed: str | None = None


def validate(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            f"Le mot de passe doit compter au moins {MIN_LENGTH} caractères.", field="password"
        )


def make_hash(password: str, hasher: PasswordHasher = _HASHER) -> str:
    validate(password)
    return hasher.hash(password)


def check(stored: str, password: str, hasher: PasswordHasher = _HASHER) -> Check:
    try:
        hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return Check(ok=False)
    if hasher.check_needs_rehash(stored):
        return Check(ok=True, rehashed=hasher.hash(password))
    return Check(ok=True)

"""Validators for bulk imports: the reference checks, with a fast path for the common forms.

Checking a phone number with phonenumbers or an address with email-validator costs about
100 µs; a 200,000-row file would spend most of its time there. The results here are those of
``reference.phones.validate_phone`` and ``reference.emails.validate_email_address``, memoized on
what decides them: the leading digits of a French number (every pattern of the French plans
depends on at most its first 6 national digits), the domain of an address.
"""

from __future__ import annotations

import re

from guichet.errors import ValidationError
from guichet.reference.emails import validate_email_address
from guichet.reference.phones import validate_phone

_PHONE_NOISE = re.compile(r"[\s.\-/\u00a0\u202f]+")
_NATIONAL = re.compile(r"0[1-9]\d{8}")
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
#: Top-level domains accepted without asking email-validator (none is special-use).
COMMON_TLDS = frozenset(
    [
        "fr",
        "com",
        "net",
        "org",
        "eu",
        "io",
        "de",
        "be",
        "ch",
        "lu",
        "uk",
        "es",
        "it",
        "nl",
        "pt",
        "info",
        "biz",
        "pro",
        "coop",
        "asso",
        "bzh",
        "paris",
        "alsace",
        "corsica",
        "re",
        "gp",
        "mq",
        "gf",
        "yt",
        "pm",
        "nc",
        "pf",
    ]
)


class BulkValidators:
    """One instance per import: caches live as long as the import."""

    def __init__(self) -> None:
        self._country_prefix: dict[str, str] = {}
        self._domains: dict[str, bool] = {}

    def phone(self, text: str) -> str:
        """E.164 form, as ``validate_phone`` gives it; raises its ValidationError."""
        digits = _PHONE_NOISE.sub("", text)
        if not _NATIONAL.fullmatch(digits):
            return validate_phone(text)
        key = digits[:7]
        prefix = self._country_prefix.get(key)
        if prefix is not None:
            return prefix + digits[1:]
        e164 = validate_phone(text)
        if e164.endswith(digits[1:]) and len(e164) - 9 >= 3:
            self._country_prefix[key] = e164[:-9]
        return e164

    def email(self, text: str) -> str:
        """Normalized address, as ``validate_email_address`` gives it; raises its error."""
        address = text.strip()
        local, at, domain = address.rpartition("@")
        if not at or len(address) > 254 or len(local) > 64 or not _LOCAL_PART.fullmatch(local):
            return validate_email_address(text)
        lowered = domain.lower()
        known = self._domains.get(lowered)
        if known is None:
            if not _DOMAIN.fullmatch(lowered) or "--" in lowered:
                return validate_email_address(text)
            if lowered.rsplit(".", 1)[-1] in COMMON_TLDS:
                return f"{local}@{lowered}"
            try:
                validate_email_address(f"contact@{lowered}")
            except ValidationError:
                return validate_email_address(text)
            known = self._domains[lowered] = True
        return f"{local}@{lowered}"

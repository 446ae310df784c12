"""Validators for bulk imports: the reference checks, with a fast path for the common forms.

Checking a phone number with phonenumbers or an address with email-validator costs about
100 µs; a 200,000-row file would spend most of its time there. The results here are those of
``reference.phones.validate_phone`` and ``reference.emails.validate_email_address``: a plainly
typed national number is checked against the patterns of phonenumbers' metadata
(``plain_national_e164``), an ASCII address of the usual shape by a regular expression whose
acceptance implies email-validator's (the domain is asked to email-validator once when its
top-level domain is not a common one). Anything else goes through the library itself; the
property tests in tests/importers/test_fast_checks.py compare both ways.
"""

from __future__ import annotations

import re

from guichet.errors import ValidationError
from guichet.reference.emails import validate_email_address
from guichet.reference.phones import plain_national_e164, validate_phone

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
        self._domains: dict[str, bool] = {}

    @staticmethod
    def phone(text: str) -> str:
        """E.164 form, as ``validate_phone`` gives it; raises its ValidationError."""
        return plain_national_e164(text.strip()) or validate_phone(text)

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

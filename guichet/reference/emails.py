"""E-mail addresses: syntax check and normalisation, never a network access."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from guichet.errors import ValidationError


def _reason(address: str, english: str) -> str:
    """A French hint for the most common mistakes; the library message goes to ``detail``."""
    local, _, domain = address.rpartition("@")
    if "@" not in address:
        return "il manque le « @ »"
    if address.count("@") > 1:
        return "elle contient plusieurs « @ »"
    if any(c.isspace() for c in address):
        return "elle contient une espace"
    if not local:
        return "il manque la partie avant le « @ »"
    if not domain:
        return "il manque le nom de domaine après le « @ »"
    if "." not in domain:
        return f"le nom de domaine « {domain} » doit contenir un point, comme exemple.fr"
    if "special-use" in english or "reserved" in english:
        return f"le nom de domaine « {domain} » est réservé et ne reçoit pas de courrier"
    if ".." in address or address.endswith(".") or domain.startswith("."):
        return "elle contient un point mal placé"
    return "caractère ou forme non autorisés"


def validate_email_address(text: str, *, field: str = "email") -> str:
    """Return the normalised address (domain in lower case) or raise :class:`ValidationError`.

    Only the syntax is checked (``check_deliverability=False``): the desk works offline.
    """
    address = (text or "").strip()
    if not address:
        raise ValidationError("L'adresse e-mail est vide.", field=field)
    try:
        result = validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(
            f"Adresse e-mail invalide : « {address} » ({_reason(address, str(exc))}).",
            field=field,
            detail=str(exc),
        ) from exc
    return str(result.normalized)


def is_valid_email_address(text: str) -> bool:
    """True when :func:`validate_email_address` would accept ``text``."""
    try:
        validate_email_address(text)
    except ValidationError:
        return False
    return True

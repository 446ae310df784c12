"""E-mail addresses: offline syntax check and French messages."""

from __future__ import annotations

import pytest

from guichet.errors import ValidationError
from guichet.reference.emails import is_valid_email_address, validate_email_address


def test_normalizes_domain_and_strips() -> None:
    assert validate_email_address(" Jean.Dupont@Example.COM ") == "Jean.Dupont@example.com"


def test_accepts_internationalized_address() -> None:
    assert validate_email_address("éloïse@société.fr") == "éloïse@société.fr"


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("", "vide"),
        ("jean.dupont", "@"),
        ("jean@@exemple.fr", "plusieurs"),
        ("jean dupont@exemple.fr", "espace"),
        ("jean@localhost", "point"),
        ("jean@exemple.local", "réservé"),
        ("@exemple.fr", "avant"),
    ],
)
def test_rejects_with_french_message(typed: str, hint: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_email_address(typed)
    assert hint in info.value.message
    assert info.value.field == "email"
    assert not is_valid_email_address(typed)


def test_no_network_access(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    import email_validator

    from guichet.reference import emails

    calls: list[dict[str, object]] = []

    def spy(address: str, **kwargs: object) -> object:
        calls.append(kwargs)
        return email_validator.validate_email(address, **kwargs)  # type: ignore[arg-type]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(emails, "validate_email", spy)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert validate_email_address("contact@caux-seine-developpement.fr")
    assert calls == [{"check_deliverability": False}]

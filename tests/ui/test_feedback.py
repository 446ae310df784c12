"""Unexpected exceptions are logged with their traceback and shown; the app goes on."""

from __future__ import annotations

import logging
import sys

import pytest

from PySide6.QtWidgets import QMessageBox

from guichet.errors import ConcurrentEditError

from guichet.ui.feedback import install_excepthook, show_error


def test_unexpected_exception_is_logged_and_shown(
    qtbot,
    message_boxes: list[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook("/tmp/journal/guichet.log")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        kind, value, tb = sys.exc_info()
    with caplog.at_level(logging.ERROR):
        sys.excepthook(kind, value, tb)  # type: ignore[arg-type]
    assert "Erreur inattendue" in caplog.text and "RuntimeError: boom" in caplog.text
    assert len(message_boxes) == 1
    assert "vos données sont intactes" in message_boxes[0]
    assert "/tmp/journal/guichet.log" in message_boxes[0]


def test_a_concurrent_edit_lists_what_changed(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.text()) or 0)  # type: ignore[func-returns-value]
    show_error(
        None, ConcurrentEditError("Modifiée ailleurs.", changes={"phone": ("02 35", "02 61")})
    )
    assert seen and "phone : « 02 35 » → « 02 61 »" in seen[0]

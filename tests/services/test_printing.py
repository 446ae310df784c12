"""CUPS detection and ``lp`` calls, with fake ``lp``/``lpstat`` programs on the PATH."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.errors import EnvironmentProblem
from guichet.services.printing import cups_printers, print_with_cups


def _tools(folder: Path, monkeypatch: pytest.MonkeyPatch, lpstat: str, lp: str) -> Path:
    bin_dir = folder / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, body in (("lpstat", lpstat), ("lp", lp)):
        path = bin_dir / name
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")  # the fakes first
    return bin_dir


def test_no_cups_tools_means_the_qt_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert cups_printers() is None


def test_cups_without_printer_means_the_qt_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tools(tmp_path, monkeypatch, "echo 'lpstat: No destinations added.' >&2; exit 1\n", "")
    assert cups_printers() is None


def test_printers_and_default_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lpstat = 'case "$1" in -e) printf "PDF\\nBureau\\n";; -d) echo "system default destination: Bureau";; esac\n'
    _tools(tmp_path, monkeypatch, lpstat, "")
    printers = cups_printers()
    assert printers is not None
    assert printers.names == ("PDF", "Bureau") and printers.default == "Bureau"


def test_one_lp_job_with_every_pdf_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "args"
    lp = (
        f'printf "%s\\n" "$@" > "{log}"\n'
        f'for a in "$@"; do case "$a" in *.pdf) cat "$a" >> "{tmp_path}/sent";; esac; done\n'
        "echo 'request id is PDF-3 (2 file(s))'\n"
    )
    _tools(tmp_path, monkeypatch, "", lp)
    answer = print_with_cups("PDF", "Courriers D-2026-0042", [b"%PDF-1 un", b"%PDF-1 deux"])
    assert answer == "request id is PDF-3 (2 file(s))"
    args = log.read_text().splitlines()
    assert args[:4] == ["-d", "PDF", "-t", "Courriers D-2026-0042"]
    assert "print-scaling=none" in args and "media=A4" in args
    assert sum(a.endswith(".pdf") for a in args) == 2
    assert (tmp_path / "sent").read_bytes() == b"%PDF-1 un%PDF-1 deux"


def test_a_refused_job_is_a_french_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tools(tmp_path, monkeypatch, "", "echo 'lp: Unknown destination' >&2; exit 1\n")
    with pytest.raises(EnvironmentProblem, match="« Nulle » a refusé") as caught:
        print_with_cups("Nulle", "Courriers", [b"%PDF"])
    assert "Unknown destination" in (caught.value.detail or "")

"""Windows file names: whatever the text, the name is one Windows accepts, cleaned once."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.reference import file_names
from guichet.reference.file_names import (
    MAX_NAME,
    MAX_PATH,
    RESERVED,
    is_reserved,
    split_extension,
    windows_file_name,
    with_folder,
)


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def assert_valid_windows_name(name: str) -> None:
    """Windows' own rules, written independently of the implementation."""
    assert name
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f\x7f]', name), name
    assert not name.endswith((".", " ")), name
    assert name.split(".")[0].rstrip(" ").upper() not in RESERVED, name
    assert units(name) <= MAX_NAME


names = st.text(max_size=400) | st.sampled_from(
    ["con", "CON.txt", "nul.tar.gz", "Com1 .pdf", "lpt9", "aux.", "..", ". .", "a" * 300 + ".pdf"]
)
extensions = st.sampled_from([".pdf", ".xlsx", ".csv", ".eml", ".sqlite3", ".vcf"])


@given(names)
@settings(max_examples=400)
def test_any_text_becomes_a_valid_windows_name(text: str) -> None:
    assert_valid_windows_name(windows_file_name(text))


@given(names)
@settings(max_examples=400)
def test_cleaning_twice_changes_nothing(text: str) -> None:
    once = windows_file_name(text)
    assert windows_file_name(once) == once


@given(st.text(min_size=1, max_size=300), extensions)
def test_the_extension_is_kept(stem: str, extension: str) -> None:
    name = windows_file_name(stem + extension)
    assert name.endswith(extension)
    assert_valid_windows_name(name)


@given(st.text(max_size=300), extensions, st.integers(min_value=3, max_value=200))
def test_the_full_path_stays_under_260(stem: str, extension: str, depth: int) -> None:
    folder = "C:\\" + "\\".join(["dossier"] * (depth // 8 + 1))
    path = with_folder(folder, stem + extension)
    assert units(str(path)) <= MAX_PATH
    assert path.name.endswith(extension)
    assert_valid_windows_name(path.name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fiche.pdf", "fiche.pdf"),
        ("Devis 2026/03 : client?.pdf", "Devis 2026_03 _ client_.pdf"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Lpt1.tar.gz", "_Lpt1.tar.gz"),
        ("COM10.txt", "COM10.txt"),
        ("console.pdf", "console.pdf"),
        ("rapport. . .", "rapport"),
        ("  ligne\n1\t ", "ligne 1"),
        ("..", "document"),
        ("", "document"),
    ],
)
def test_examples(text: str, expected: str) -> None:
    assert windows_file_name(text) == expected


def test_a_long_name_is_shortened_before_its_extension() -> None:
    name = windows_file_name("é" * 400 + ".pdf")
    assert name == "é" * (MAX_NAME - 4) + ".pdf"
    folder = "C:\\Users\\conseillère\\Documents\\" + "x" * 180
    shortened = windows_file_name("courrier-" + "y" * 200 + ".pdf", folder=folder)
    assert shortened.startswith("courrier-y") and shortened.endswith(".pdf")
    assert len(folder) + 1 + len(shortened) == MAX_PATH


def test_an_empty_default_lets_the_caller_refuse() -> None:
    assert windows_file_name(" . ", default="") == ""


def test_helpers() -> None:
    assert split_extension(".bashrc") == (".bashrc", "")
    assert split_extension("a.b.pdf") == ("a.b", ".pdf")
    assert is_reserved("nul .txt") and not is_reserved("nullité.txt")


def test_docstring_examples() -> None:
    assert doctest.testmod(file_names).failed == 0

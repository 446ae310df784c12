"""File dialogs open in Documents, then in the folder last used for the same kind of file."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtWidgets import QFileDialog

from guichet.ui import file_dialogs
from guichet.ui.file_dialogs import FileKind, existing_folder, open_file_name, save_file_name


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str]]:
    """Each dialog's (kind of call, starting path); it answers a file in its own folder."""
    calls: list[tuple[str, str]] = []
    answers = {"open": tmp_path / "imports" / "membres.csv", "save": tmp_path / "out" / "x.xlsx"}
    for folder in (tmp_path / "imports", tmp_path / "out", tmp_path / "letters"):
        folder.mkdir()

    def fake_open(_parent, _title, start, _filter=""):
        calls.append(("open", start))
        return str(answers["open"]), ""

    def fake_save(_parent, _title, start, _filter=""):
        calls.append(("save", start))
        return str(answers["save"]), "Classeur Excel (*.xlsx)"

    def fake_folder(_parent, _title, start):
        calls.append(("folder", start))
        return str(tmp_path / "letters")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", fake_folder)
    monkeypatch.setattr(file_dialogs, "documents_folder", lambda: str(tmp_path / "Documents"))
    return calls


def test_first_in_documents_then_the_last_folder_of_the_same_kind(
    asked: list[tuple[str, str]], tmp_path: Path
) -> None:
    documents = str(tmp_path / "Documents")
    assert open_file_name(None, FileKind.IMPORT, "Importer") == str(
        tmp_path / "imports/membres.csv"
    )
    assert open_file_name(None, FileKind.IMPORT, "Importer") != ""
    save_file_name(None, FileKind.EXPORT, "Exporter", "organisations.xlsx")
    save_file_name(None, FileKind.EXPORT, "Exporter", "contacts.xlsx")
    open_file_name(None, FileKind.LOGO, "Logo")  # another kind: not the import folder
    existing_folder(None, FileKind.LETTER, "Courriers")
    existing_folder(None, FileKind.LETTER, "Courriers")
    assert asked == [
        ("open", documents),
        ("open", str(tmp_path / "imports")),
        ("save", str(Path(documents) / "organisations.xlsx")),
        ("save", str(tmp_path / "out" / "contacts.xlsx")),
        ("open", documents),
        ("folder", documents),
        ("folder", str(tmp_path / "letters")),
    ]


def test_a_folder_that_disappeared_is_not_proposed(
    asked: list[tuple[str, str]], tmp_path: Path
) -> None:
    open_file_name(None, FileKind.IMPORT, "Importer")
    (tmp_path / "imports").rename(tmp_path / "ailleurs")
    open_file_name(None, FileKind.IMPORT, "Importer", default_folder=tmp_path)
    assert asked[-1] == ("open", str(tmp_path))

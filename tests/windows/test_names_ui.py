"""The save dialogs propose names Windows accepts, shortened for the folder they open in."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtWidgets import QFileDialog

from guichet.reference.file_names import MAX_PATH

from guichet.ui import file_dialogs
from guichet.ui.file_dialogs import FileKind, save_file_name


def test_the_proposed_name_is_cleaned(
    qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    deep = tmp_path
    while len(str(deep)) < 200:
        deep = deep / "dossier"
    deep.mkdir(parents=True)
    monkeypatch.setattr(file_dialogs, "start_folder", lambda kind, default=None: str(deep))
    seen: list[str] = []

    def fake(parent: object, title: str, proposed: str, name_filter: str) -> tuple[str, str]:
        seen.append(proposed)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    save_file_name(None, FileKind.LETTER, "Enregistrer", "Lettre: " + "x" * 200 + ".pdf")
    proposed = Path(seen[0])
    assert proposed.parent == deep
    assert proposed.name.startswith("Lettre_ x") and proposed.suffix == ".pdf"
    assert len(str(proposed)) <= MAX_PATH

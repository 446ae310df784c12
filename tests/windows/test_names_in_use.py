"""Every place that proposes or writes a file name goes through the Windows rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from guichet.reference.file_names import MAX_PATH
from guichet.services import letters, resources, scratch
from guichet.services.backups import AUTO_PREFIX, BackupService


@pytest.mark.parametrize(
    ("text", "expected"),
    [("CON", "_CON"), ("Dupont & Fils / SARL", "Dupont-Fils-SARL"), ("nul.pdf", "_nul.pdf")],
)
def test_letter_names(text: str, expected: str) -> None:
    assert letters.safe_file_name(text) == expected


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("aux.pdf", "_aux.pdf"),
        ('devis "final"?.pdf', "devis _final__.pdf"),
        ("rapport. .", "rapport"),
    ],
)
def test_attachment_names(stored: str, written: str) -> None:
    assert resources.safe_file_name(stored) == written


def test_a_rolling_backup_in_a_deep_folder_stays_under_the_path_limit(db, tmp_path: Path) -> None:
    deep = tmp_path
    while len(str(deep)) < 220:
        deep = deep / "sous-dossier"
    deep.mkdir(parents=True)
    from guichet.services.settings import SettingsService

    SettingsService(db).update({"agency.city": "Bolbec"})  # written: the close backs it up
    target = BackupService(db, deep).rolling_backup()
    assert target is not None and target.exists()
    assert len(str(target)) <= MAX_PATH
    assert target.name.startswith(AUTO_PREFIX) and target.suffix == ".sqlite3"


def test_scratch_folders_are_removed() -> None:
    folder = scratch.scratch_folder("guichet-essai-")
    (folder / "fiche.pdf").write_bytes(b"%PDF")
    assert folder in scratch.remove_scratch_folders()
    assert not folder.exists()
    assert scratch.remove_scratch_folders() == []


def test_scratch_folders_are_removed_when_the_process_exits() -> None:
    code = (
        "from guichet.services.scratch import scratch_folder\n"
        "folder = scratch_folder('guichet-essai-')\n"
        "(folder / 'fiche.pdf').write_bytes(b'%PDF')\n"
        "print(folder)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    folder = Path(done.stdout.strip())
    assert folder.name.startswith("guichet-essai-")
    assert not folder.exists()
